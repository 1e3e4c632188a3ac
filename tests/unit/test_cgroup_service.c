/* test_cgroup_service.c — the service of a cgroup path (model/cgroup_service.h), the one name
 * of the SERVICE column, --json and the pair metrics: system and user services, sub-cgroups a
 * service made, template instances, escaped names; containers of docker, podman, containerd
 * and CRI-O (systemd scopes, or an id under its engine's directory), names it made read back;
 * scopes, slices, short ids, the root and hostile paths (quotes, newlines, control bytes, a
 * bare ".service", an over-long name, a buffer too small) name none; and which line of
 * /proc/PID/cgroup names it (parse_cgroup_named), on a pure v2, a pure v1 and a hybrid
 * machine. Expected names are written by hand. */
#include <string.h>

#include "collect/parse_pcb.h"
#include "model/cgroup_service.h"
#include "../tap.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

struct cgcase { const char *path, *want; };

static const struct cgcase cases[] = {
	{ "/system.slice/nginx.service", "nginx.service" },
	{ "/system.slice/nginx.service/", "nginx.service" },
	{ "/system.slice/docker.service/sub/leaf", "docker.service" },
	{ "/system.slice/system-getty.slice/getty@tty1.service", "getty@tty1.service" },
	{ "/system.slice/systemd-fsck@dev-disk-by\\x2duuid-1.service", "systemd-fsck@dev-disk-by\\x2duuid-1.service" },
	{ "/user.slice/user-1000.slice/user@1000.service/app.slice/foo.service", "foo.service" },
	{ "/user.slice/user-1000.slice/user@1000.service/init.scope", "user@1000.service" },
	{ "/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-x-123.scope", "user@1000.service" },
	{ "/user.slice/user-1000.slice/session-3.scope", "" },    /* a login session: no service */
	{ "/system.slice/docker-0123abcd.scope", "" },            /* a short id: no container */
	{ "/machine.slice/libpod-1.scope/container", "" },
	{ "/init.scope", "" },
	{ "/", "" },
	{ "", "" },
	{ "/system.slice", "" },
	{ "/.service", "" },                                /* no name before the suffix */
	{ "/a.service.d", "" },
	{ "/nginx.servic", "" },
	{ "/x/evil\".service", "" },                        /* a quote: no unit name */
	{ "/x/evil\nname.service", "" },                    /* a newline */
	{ "/x/a b.service", "" },                           /* a space */
	{ "/x/\x1b[31m.service", "" },                      /* an escape sequence */
	{ "/x/caf\xc3\xa9.service", "" },                   /* non-ASCII */
	{ "/ok.service/bad\".service", "ok.service" },      /* the deepest well-formed one */
	{ "//a.service//", "a.service" },
	{ "relative/b.service", "b.service" },
	/* containers */
	{ "/system.slice/docker-" ID ".scope", "docker:0123456789ab" },        /* systemd driver */
	{ "/machine.slice/libpod-" ID ".scope", "podman:0123456789ab" },
	{ "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podx.slice/cri-containerd-" ID ".scope",
	  "containerd:0123456789ab" },
	{ "/kubepods.slice/crio-" ID ".scope", "crio:0123456789ab" },
	{ "/docker/" ID, "docker:0123456789ab" },                              /* cgroupfs driver */
	{ "/lxc/" ID "/init.scope", "lxc:0123456789ab" },   /* an id under its engine, before a unit */
	{ "/machine.slice/libpod-" ID ".scope/system.slice/nginx.service", "podman:0123456789ab" },
	{ "/docker/" ID "0", "" },                          /* 65 digits: no container id */
	{ "/docker-" ID ".scope0", "" },
	{ "/" ID, "" },                                     /* an id with no engine above it */
	{ "/ev\"il/" ID, "" },                              /* an engine no unit could be named */
	{ "/process_api/dff16cad9ba33b14ccb208a196e57610", "" },
};

static void test_cases(void)
{
	char out[CGROUP_SERVICE_MAX];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		size_t n = cgroup_service(cases[i].path, out, sizeof(out));
		ok(n == strlen(cases[i].want) && strcmp(out, cases[i].want) == 0, "case %zu: service \"%s\" (got %zu \"%s\")",
		   i, cases[i].want, n, out);
	}
	memset(out, 'x', sizeof(out));
	ok(cgroup_service(NULL, out, sizeof(out)) == 0 && out[0] == 0, "NULL path: none, out empty");
}

/* A name of 255 bytes is a unit; of 256, none. A buffer too small for the name: none. */
static void test_lengths(void)
{
	char path[600], out[CGROUP_SERVICE_MAX];
	strcpy(path, "/system.slice/");
	size_t base = strlen(path);
	memset(path + base, 'a', 255 - 8);
	strcpy(path + base + 255 - 8, ".service");
	is_int((long)cgroup_service(path, out, sizeof(out)), 255, "a 255-byte unit name is a service");
	memset(path + base, 'a', 256 - 8);
	strcpy(path + base + 256 - 8, ".service");
	is_int((long)cgroup_service(path, out, sizeof(out)), 0, "a 256-byte one is none");
	char small[8];
	ok(cgroup_service("/system.slice/nginx.service", small, sizeof(small)) == 0 && small[0] == 0,
	   "a buffer too small: none, and it stays a string");
	ok(cgroup_service("/docker/" ID, small, sizeof(small)) == 0 && small[0] == 0,
	   "a container's name in a buffer too small: none");
}

/* --merge and --replay read the names back as the path: each is its own name; what SERVICE
 * and --json show: the name, "-" for none, NULL when the cgroup was not read. */
static void test_shown(void)
{
	static const char *const made[] = { "nginx.service", "docker:0123456789ab", "lxc:0123456789ab",
		"getty@tty1.service" };
	int same = 0;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		char out[CGROUP_SERVICE_MAX];
		same += cgroup_service(made[i], out, sizeof out) == strlen(made[i]) && strcmp(out, made[i]) == 0;
	}
	is_int(same, (long)(sizeof made / sizeof made[0]), "a name it made is its own name");
	char buf[CGROUP_SERVICE_MAX];
	const char *s = cgroup_service_shown("/system.slice/cron.service", buf);
	ok(s && strcmp(s, "cron.service") == 0, "shown: the service");
	s = cgroup_service_shown("/user.slice/user-0.slice/session-1.scope", buf);
	ok(s && strcmp(s, "-") == 0, "shown: - for none");
	ok(cgroup_service_shown("-", buf) && !strcmp(cgroup_service_shown("-", buf), "-"), "shown: - read back is -");
	ok(cgroup_service_shown(NULL, buf) == NULL, "shown: NULL when not read");
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
	/* len ends the text: a ':' just past it is not read (the line "0:x" has one colon) */
	char out[16] = "";
	ok(parse_cgroup_named("0:x:/a", 3, out, sizeof out) < 0, "never reads past len (got %s)", out);
}

int main(void)
{
	test_cases();
	test_lengths();
	test_shown();
	test_lines();
	return tap_done();
}
