/* channel_id.c — appending the pieces of channel ids to a fixed buffer (see channel_id.h). */
#include "channel/channel_id.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "util/fmt_num.h"

static size_t room(const struct id_text *t)
{
	return ID_TEXT_MAX - 1 - t->len;   /* bytes that still fit before the NUL */
}

static void put(struct id_text *t, const char *s, size_t n)
{
	if (n > room(t))
		n = room(t);
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

void idt_str(struct id_text *t, const char *s)
{
	put(t, s, strlen(s));
}

void idt_char(struct id_text *t, char c)
{
	put(t, &c, 1);
}

void idt_u64(struct id_text *t, uint64_t v)
{
	char num[FMT_NUM_MAX];
	put(t, num, fmt_u64(num, v));
}

void idt_i64(struct id_text *t, int64_t v)
{
	char num[FMT_NUM_MAX];
	put(t, num, fmt_i64(num, v));
}

void idt_hex(struct id_text *t, uint64_t v, unsigned min_digits)
{
	char num[FMT_NUM_MAX];
	put(t, num, fmt_hex(num, v, min_digits));
}

void idt_addr_port(struct id_text *t, unsigned family, const uint8_t addr[16], uint16_t port)
{
	char host[INET6_ADDRSTRLEN];
	if (family == AF_INET) {
		put(t, host, fmt_ipv4(host, addr));
	} else if (family == AF_INET6 && inet_ntop(AF_INET6, addr, host, sizeof(host))) {
		idt_char(t, '[');   /* RFC 5952 text is subtle: the C library's stays the reference */
		idt_str(t, host);
		idt_char(t, ']');
	} else {
		idt_char(t, '?');
		return;
	}
	idt_char(t, ':');
	idt_u64(t, port);
}

char *idt_arena(const struct id_text *t, struct arena *a)
{
	return arena_strndup(a, t->buf, t->len);
}
