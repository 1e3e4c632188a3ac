/* cgroup_unit.c — a cgroup path's systemd service (see cgroup_unit.h): the path is split at
 * '/', and the deepest component that is a well-formed "NAME.service" wins. Nothing in the
 * path is trusted: a component with a byte systemd never puts in a unit name is no unit. */
#include "model/cgroup_unit.h"

#include <stdbool.h>
#include <string.h>

#define SUFFIX ".service"
#define SUFFIX_LEN (sizeof(SUFFIX) - 1)

static bool unit_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr(":-_.\\@", ch));
}

/* Whether the n bytes at c are a service unit's name. */
static bool is_service(const char *c, size_t n)
{
	if (n <= SUFFIX_LEN || n >= CGROUP_UNIT_MAX || memcmp(c + n - SUFFIX_LEN, SUFFIX, SUFFIX_LEN) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!unit_char(c[i]))
			return false;
	return true;
}

size_t cgroup_unit_service(const char *path, char *out, size_t cap)
{
	const char *best = NULL;
	size_t best_n = 0;
	for (const char *c = path; c && *c;) {
		size_t n = strcspn(c, "/");
		if (is_service(c, n)) {
			best = c;
			best_n = n;
		}
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
