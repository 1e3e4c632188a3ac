/* cgroup_unit.h — the systemd service a process runs in, from its cgroup path (as
 * /proc/PID/cgroup's "0::" line names it): the service label of the pair metrics. */
#ifndef IPCTOP_CGROUP_UNIT_H
#define IPCTOP_CGROUP_UNIT_H

#include <stddef.h>

/* The longest unit name systemd accepts (UNIT_NAME_MAX), plus its NUL. */
#define CGROUP_UNIT_MAX 256

/* Write into out (cap bytes, NUL-terminated) the service of cgroup path: its deepest
 * component that is a systemd service unit name ("NAME.service", NAME non-empty, of the
 * characters systemd allows: letters, digits, ":-_.\@"; at most 255 bytes).
 *   "/system.slice/nginx.service" -> "nginx.service"
 *   "/system.slice/nginx.service/worker" (a sub-cgroup the service made) -> "nginx.service"
 *   "/user.slice/user-1000.slice/user@1000.service/app.slice/foo.service" (a user unit) ->
 *   "foo.service"; its manager ".../user@1000.service/init.scope" -> "user@1000.service"
 *   scopes, slices alone ("/user.slice/user-1000.slice/session-3.scope", docker's
 *   "docker-ID.scope") and "/" -> none: a login session or a container is no service.
 * Returns its length, or 0 (out "") when the path names no service, is NULL, or the name
 * does not fit in cap. */
size_t cgroup_unit_service(const char *path, char *out, size_t cap);

#endif
