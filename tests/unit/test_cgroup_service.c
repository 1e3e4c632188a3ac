/* test_cgroup_service.c — the SERVICE column's name for a cgroup path (model/cgroup_service.h):
 * systemd units (the innermost), container scopes of docker, podman, containerd and CRI-O, a
 * container id under its engine's directory, other paths as they are, the root cgroup, short
 * ids and odd text; and which line of /proc/PID/cgroup names it (parse_cgroup_named), on a
 * pure v2, a pure v1 and a hybrid machine. Expected names are written by hand. */
#include <string.h>

#include "collect/parse_pcb.h"
#include "model/cgroup_service.h"
#include "../tap.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void name_is(const char *path, const char *want, const char *what)
{
	char out[128];
	cgroup_service(path, out, sizeof out);
	ok(strcmp(out, want) == 0, "%s: %s -> %s (got %s)", what, path ? path : "(null)", want, out);
}

static void test_names(void)
{
	name_is("/system.slice/nginx.service", "nginx.service", "a system service");
	name_is("/user.slice/user-1000.slice/session-3.scope", "session-3.scope", "a login session");
	name_is("/user.slice/user-1000.slice/user@1000.service/app.slice/foot.service", "foot.service",
		"the innermost unit");
	name_is("/system.slice/docker-" ID ".scope", "docker:0123456789ab", "a docker container (systemd driver)");
	name_is("/machine.slice/libpod-" ID ".scope", "podman:0123456789ab", "a podman container");
	name_is("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podx.slice/cri-containerd-" ID ".scope",
		"containerd:0123456789ab", "a containerd container of a pod");
	name_is("/kubepods.slice/crio-" ID ".scope", "crio:0123456789ab", "a CRI-O container");
	name_is("/docker/" ID, "docker:0123456789ab", "a docker container (cgroupfs driver)");
	name_is("/lxc/" ID "/init.scope", "lxc:0123456789ab", "an id under its engine's directory, before a unit");
	name_is("/system.slice/docker-0123.scope", "docker-0123.scope", "a short id is no container id");
	name_is("/docker/" ID "0", "docker/" ID "0", "65 digits are no container id");
	name_is("/process_api/dff16cad9ba33b14ccb208a196e57610", "process_api/dff16cad9ba33b14ccb208a196e57610",
		"no unit, no container: the path");
	name_is("/", "-", "the root cgroup");
	name_is("", "-", "an empty path");
	name_is(NULL, "-", "no path");
	name_is("/a.service/", "a.service", "a trailing slash");
	name_is("//x.scope", "x.scope", "a double slash");
	static const char *const made[] = { "nginx.service", "docker:0123456789ab", "process_api/dff16cad9ba3",
		"lxc:0123456789ab", "-", "docker/" ID "0", "a/b/c" };
	int same = 0;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		char out[160];
		cgroup_service(made[i], out, sizeof out);
		same += strcmp(out, made[i]) == 0;
	}
	ok(same == (int)(sizeof made / sizeof made[0]), "a name it made is its own name (--merge reads names back)");
	char tiny[8];
	cgroup_service("/system.slice/nginx.service", tiny, sizeof tiny);
	ok(strcmp(tiny, "nginx.s") == 0, "cut to the buffer (%s)", tiny);
}

static void path_is(const char *text, const char *want, const char *what)
{
	char out[128] = "";
	int r = parse_cgroup_named(text, strlen(text), out, sizeof out);
	ok(want ? r == 0 && strcmp(out, want) == 0 : r < 0, "%s (got %d, %s)", what, r, out);
}

static void test_lines(void)
{
	path_is("0::/system.slice/cron.service\n", "/system.slice/cron.service", "pure v2: its line");
	path_is("9:name=systemd:/user.slice/a.scope\n4:memory:/m\n0::/system.slice/b.service\n",
		"/system.slice/b.service", "hybrid: the v2 line first");
	path_is("9:name=systemd:/user.slice/a.scope\n4:memory:/m\n0::/\n", "/user.slice/a.scope",
		"hybrid with v2 at the root: systemd's hierarchy");
	path_is("9:name=systemd:/\n8:pids:/\n4:memory:/process_api/x\n0::/\n", "/process_api/x",
		"all else at the root: the first other path");
	path_is("9:name=systemd:/\n4:memory:/\n0::/\n", "/", "everything at the root: /");
	path_is("4:memory:/m\n3:cpu:/c\n", "/m", "pure v1 without systemd: the first");
	path_is("garbage\nno colon here\n", NULL, "no line with a path");
	path_is("0::/x", "/x", "no newline at the end");
}

int main(void)
{
	test_names();
	test_lines();
	return tap_done();
}
