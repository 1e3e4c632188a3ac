/* cgroup_service.c — a cgroup path to the service or container it stands for
 * (cgroup_service.h): the path is split at '/'; the outermost container wins, else the
 * deepest well-formed "NAME.service". Nothing in the path is trusted: a component with a byte
 * systemd never puts in a unit name names nothing. */
#include "model/cgroup_service.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SUFFIX ".service"
#define SUFFIX_LEN (sizeof(SUFFIX) - 1)
enum { ID_LEN = 64, ID_SHOWN = 12 };

static bool unit_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr(":-_.\\@", ch));
}

static bool all_of(const char *s, size_t n, bool (*is)(char))
{
	for (size_t i = 0; i < n; i++)
		if (!is(s[i]))
			return false;
	return n > 0;
}

static bool hex_digit(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
}

static bool engine_char(char ch)
{
	return ch != ':' && unit_char(ch);
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* Whether the n bytes at c are a service unit's name. */
static bool is_service(const char *c, size_t n)
{
	return n > SUFFIX_LEN && n < CGROUP_SERVICE_MAX && ends_with(c, n, SUFFIX) && all_of(c, n, unit_char);
}

/* "ENGINE:ID" into out: the id's first 12 digits. The length, or 0 when it does not fit. */
static size_t put_container(const char *engine, size_t engine_n, const char *id, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%.*s:%.*s", (int)engine_n, engine, ID_SHOWN, id);
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* A systemd scope of a container engine ("docker-ID.scope" and the like), or a name made
 * here ("docker:0123456789ab"): its length in out, else 0. */
static size_t container_of(const char *s, size_t n, char *out, size_t cap)
{
	static const struct { const char *prefix, *engine; } scopes[] = {
		{ "docker-", "docker" }, { "libpod-", "podman" },
		{ "cri-containerd-", "containerd" }, { "crio-", "crio" },
	};
	for (size_t k = 0; ends_with(s, n, ".scope") && k < sizeof scopes / sizeof scopes[0]; k++) {
		size_t p = strlen(scopes[k].prefix);
		if (n == p + ID_LEN + strlen(".scope") && memcmp(s, scopes[k].prefix, p) == 0 &&
		    all_of(s + p, ID_LEN, hex_digit))
			return put_container(scopes[k].engine, strlen(scopes[k].engine), s + p, out, cap);
	}
	const char *colon = memchr(s, ':', n);
	if (colon && s + n - colon - 1 == ID_SHOWN && all_of(s, (size_t)(colon - s), engine_char) &&
	    all_of(colon + 1, ID_SHOWN, hex_digit))
		return put_container(s, (size_t)(colon - s), colon + 1, out, cap);
	return 0;
}

size_t cgroup_service(const char *path, char *out, size_t cap)
{
	const char *best = NULL, *parent = NULL;
	size_t best_n = 0, parent_n = 0;
	char box[CGROUP_SERVICE_MAX];
	for (const char *c = path; c && *c;) {
		size_t n = strcspn(c, "/"), made = container_of(c, n, box, sizeof box);
		if (!made && n == ID_LEN && all_of(c, n, hex_digit) && all_of(parent, parent_n, engine_char))
			made = put_container(parent, parent_n, c, box, sizeof box);
		if (made) {
			best = box;
			best_n = made;
			break;
		}
		if (is_service(c, n))
			best = c, best_n = n;
		if (n)
			parent = c, parent_n = n;
		c += n + (c[n] == '/');
	}
	if (cap)
		out[0] = '\0';
	if (!best || best_n >= cap)
		return 0;
	memcpy(out, best, best_n);
	out[best_n] = '\0';
	return best_n;
}

const char *cgroup_service_shown(const char *path, char buf[CGROUP_SERVICE_MAX])
{
	if (!path)
		return NULL;
	return cgroup_service(path, buf, CGROUP_SERVICE_MAX) ? buf : "-";
}
