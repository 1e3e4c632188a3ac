/* cgroup_service.c — a cgroup path to the unit or container it stands for (cgroup_service.h). */
#include "model/cgroup_service.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { ID_LEN = 64, ID_SHOWN = 12 };

static bool is_id(const char *s, size_t n)
{
	if (n != ID_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* A systemd scope of a container engine: "docker-ID.scope" and the like. */
static bool engine_scope(const char *s, size_t n, char *out, size_t size)
{
	static const struct { const char *prefix, *engine; } scopes[] = {
		{ "docker-", "docker" }, { "libpod-", "podman" },
		{ "cri-containerd-", "containerd" }, { "crio-", "crio" },
	};
	if (!ends_with(s, n, ".scope"))
		return false;
	for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++) {
		size_t p = strlen(scopes[k].prefix);
		if (n > p && memcmp(s, scopes[k].prefix, p) == 0 && is_id(s + p, n - p - strlen(".scope"))) {
			snprintf(out, size, "%s:%.*s", scopes[k].engine, ID_SHOWN, s + p);
			return true;
		}
	}
	return false;
}

void cgroup_service(const char *path, char *out, size_t size)
{
	const char *unit = NULL, *prev = NULL;
	size_t unit_n = 0, prev_n = 0;
	for (const char *s = path ? path : ""; *s;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (engine_scope(s, n, out, size))
			return;
		if (is_id(s, n) && prev_n) {
			snprintf(out, size, "%.*s:%.*s", (int)prev_n, prev, ID_SHOWN, s);
			return;
		}
		if (n && (ends_with(s, n, ".service") || ends_with(s, n, ".scope")))
			unit = s, unit_n = n;
		if (n)
			prev = s, prev_n = n;
		s += n + (slash ? 1 : 0);
	}
	if (unit)
		snprintf(out, size, "%.*s", (int)unit_n, unit);
	else if (path && path[0] && strcmp(path, "/") != 0)
		snprintf(out, size, "%s", path[0] == '/' ? path + 1 : path);
	else
		snprintf(out, size, "-");
}
