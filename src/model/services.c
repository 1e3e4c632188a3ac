/* services.c — the table of port names (see services.h): a sorted array, binary search. */
#include "model/services.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct service { uint16_t port; uint8_t udp; char name[31]; };

static struct service *table;
static size_t n_table;
static bool shown;

void services_clear(void)
{
	free(table);
	table = NULL;
	n_table = 0;
}

static int cmp_service(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return (int)x->udp - (int)y->udp;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line: "NAME PORT/PROTO ..." into *out; false for anything else. */
static bool parse_line(const char *p, const char *end, struct service *out)
{
	const char *hash = memchr(p, '#', (size_t)(end - p));
	if (hash)
		end = hash;
	while (p < end && is_blank(*p))
		p++;
	const char *name = p;
	while (p < end && !is_blank(*p))
		p++;
	size_t nlen = (size_t)(p - name);
	while (p < end && is_blank(*p))
		p++;
	unsigned long port = 0;
	const char *digits = p;
	while (p < end && *p >= '0' && *p <= '9' && port <= 65535)
		port = port * 10 + (unsigned long)(*p++ - '0');
	if (!nlen || nlen >= sizeof(out->name) || p == digits || port == 0 || port > 65535 ||
	    p >= end || *p++ != '/')
		return false;
	const char *proto = p;
	while (p < end && !is_blank(*p))
		p++;
	size_t plen = (size_t)(p - proto);
	if (plen != 3 || (memcmp(proto, "tcp", 3) != 0 && memcmp(proto, "udp", 3) != 0))
		return false;
	out->port = (uint16_t)port;
	out->udp = proto[0] == 'u';
	memcpy(out->name, name, nlen);
	out->name[nlen] = '\0';
	return true;
}

/* Sort by (port, protocol) and keep the first of equal keys in line order: an insertion sort
 * is stable (and /etc/services is nearly sorted already). */
static void sort_keep_first(struct service *t, size_t *n)
{
	for (size_t i = 1; i < *n; i++) {
		struct service v = t[i];
		size_t j = i;
		for (; j > 0 && cmp_service(&t[j - 1], &v) > 0; j--)
			t[j] = t[j - 1];
		t[j] = v;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || cmp_service(&t[k - 1], &t[i]) != 0)
			t[k++] = t[i];
	*n = k;
}

size_t services_parse(const char *text, size_t len)
{
	services_clear();
	size_t cap = 0, n = 0;
	const char *p = text, *end = text ? text + len : NULL;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		struct service s;
		if (parse_line(p, stop, &s)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				table = xrealloc(table, cap * sizeof(*table));
			}
			table[n++] = s;
		}
		p = nl ? nl + 1 : end;
	}
	sort_keep_first(table, &n);
	n_table = n;
	return n;
}

const char *service_name(uint16_t port, bool udp)
{
	if (!n_table || (port >= 32768 && port <= 60999))
		return NULL;
	struct service key = { .port = port, .udp = udp };
	const struct service *hit = bsearch(&key, table, n_table, sizeof(*table), cmp_service);
	return hit ? hit->name : NULL;
}

void services_set_shown(bool on)
{
	shown = on;
}

bool services_shown(void)
{
	return shown;
}

const char *service_word(uint16_t port, bool udp)
{
	return shown ? service_name(port, udp) : NULL;
}
