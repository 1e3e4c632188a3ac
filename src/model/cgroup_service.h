/* cgroup_service.h — the service a process runs in, from its cgroup path: the one name the
 * list's SERVICE column, its filter, --json's "service" and the pair metrics' labels
 * (--openmetrics, --serve) all use. Pure text work on what the collector read; the result is
 * raw (escape it to show it). */
#ifndef IPCTOP_CGROUP_SERVICE_H
#define IPCTOP_CGROUP_SERVICE_H

#include <stddef.h>

/* The longest unit name systemd accepts (UNIT_NAME_MAX), plus its NUL. */
#define CGROUP_SERVICE_MAX 256

/* Write into out (cap bytes, NUL-terminated) the service of cgroup path, as /proc/PID/cgroup
 * names it ("/system.slice/nginx.service"); the first rule that matches wins:
 *   a container: a systemd scope of its engine with a 64-hex-digit id ("docker-ID.scope",
 *   "libpod-ID.scope", "cri-containerd-ID.scope", "crio-ID.scope"), or such an id as a
 *   directory under its engine's ("/docker/ID", "/lxc/ID/init.scope"): "ENGINE:" and the id's
 *   first 12 digits ("docker:0123456789ab", "podman:…", "containerd:…", "crio:…", "lxc:…");
 *   a name this function made ("docker:0123456789ab": --merge and --replay read names back);
 *   else the deepest component that is a systemd service unit name ("NAME.service", NAME
 *   non-empty, only the bytes systemd allows: letters, digits, ":-_.\@"; under 256 bytes):
 *   "/system.slice/nginx.service/worker" -> "nginx.service", a user unit
 *   ".../user@1000.service/app.slice/foo.service" -> "foo.service", its manager
 *   ".../user@1000.service/init.scope" -> "user@1000.service".
 * Login-session scopes, slices alone, the root and other paths name none. Returns the name's
 * length, or 0 (out "") when the path names none, is NULL, or the name does not fit in cap. */
size_t cgroup_service(const char *path, char *out, size_t cap);
/* What SERVICE and --json show for a process whose cgroup path is path: NULL when it was not
 * read (path NULL), else its service in buf, or "-" when it names none. */
const char *cgroup_service_shown(const char *path, char buf[CGROUP_SERVICE_MAX]);

#endif
