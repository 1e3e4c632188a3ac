/* test_cgroup_unit.c — the service of a cgroup path (model/cgroup_unit.h): system and user
 * services, sub-cgroups a service made, template instances, escaped names; scopes, slices,
 * the root and hostile paths (quotes, newlines, control bytes, a bare ".service", an over-long
 * name, a buffer too small) name none. */
#include <string.h>

#include "model/cgroup_unit.h"
#include "../tap.h"

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
	{ "/user.slice/user-1000.slice/session-3.scope", "" },
	{ "/system.slice/docker-0123abcd.scope", "" },
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
};

static void test_cases(void)
{
	char out[CGROUP_UNIT_MAX];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		size_t n = cgroup_unit_service(cases[i].path, out, sizeof(out));
		ok(n == strlen(cases[i].want) && strcmp(out, cases[i].want) == 0, "case %zu: service \"%s\" (got %zu \"%s\")",
		   i, cases[i].want, n, out);
	}
	memset(out, 'x', sizeof(out));
	ok(cgroup_unit_service(NULL, out, sizeof(out)) == 0 && out[0] == 0, "NULL path: none, out empty");
}

/* A name of 255 bytes is a unit; of 256, none. A buffer too small for the name: none. */
static void test_lengths(void)
{
	char path[600], out[CGROUP_UNIT_MAX];
	strcpy(path, "/system.slice/");
	size_t base = strlen(path);
	memset(path + base, 'a', 255 - 8);
	strcpy(path + base + 255 - 8, ".service");
	is_int((long)cgroup_unit_service(path, out, sizeof(out)), 255, "a 255-byte unit name is a service");
	memset(path + base, 'a', 256 - 8);
	strcpy(path + base + 256 - 8, ".service");
	is_int((long)cgroup_unit_service(path, out, sizeof(out)), 0, "a 256-byte one is none");
	char small[8];
	ok(cgroup_unit_service("/system.slice/nginx.service", small, sizeof(small)) == 0 && small[0] == 0,
	   "a buffer too small: none, and it stays a string");
}

int main(void)
{
	test_cases();
	test_lengths();
	return tap_done();
}
