/* cgroup_service.h — the service or container a process runs in, from its cgroup path, for
 * the list's SERVICE column and --json's "service": a systemd unit ("nginx.service",
 * "session-3.scope"), a container ("docker:0123456789ab", "podman:…", "containerd:…",
 * "crio:…"), else the path itself. Pure text work on what the collector read; the result is
 * raw (escape it to show it). */
#ifndef IPCTOP_CGROUP_SERVICE_H
#define IPCTOP_CGROUP_SERVICE_H

#include <stddef.h>

/* path: a cgroup path as /proc/PID/cgroup gives it ("/system.slice/nginx.service"). out gets
 * the name: a container id (64 hex digits) as ENGINE:first 12 digits, from a systemd scope
 * "docker-ID.scope", "libpod-ID.scope", "cri-containerd-ID.scope", "crio-ID.scope" or a
 * directory ID under "docker", "lxc", ... (its parent's name as ENGINE); else the last
 * component ending in ".service" or ".scope" (the innermost unit); else the path without its
 * leading "/"; "-" for the root cgroup or an empty path. */
void cgroup_service(const char *path, char *out, size_t size);

#endif
