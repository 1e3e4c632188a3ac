/* test_collect_viewer.c — whether ipctop runs in the machine's first user namespace, decided
 * on a /proc of the test's own making (a directory with only the files in question): by the
 * inode of self/ns/user when that link reads, else by self/uid_map (the whole identity map
 * "0 0 4294967295" is the first namespace, any other map is not), else taken as the first.
 * Expected values are stated here by hand: 4026531837 (0xEFFFFFFD) is the kernel's
 * PROC_USER_INIT_INO. The real /proc's answer is checked against the kernel's own link. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "../tap.h"

static char root[64];

/* A fake /proc holding self/ns/user -> LINK (when LINK) and self/uid_map = MAP (when MAP). */
static int make_proc(const char *link, const char *map)
{
	char path[128];
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	if (system(path) != 0 || mkdir(root, 0700) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/self", root);
	if (mkdir(path, 0700) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/self/ns", root);
	if (link && (mkdir(path, 0700) < 0 ||
	             symlinkat(link, AT_FDCWD, strcat(path, "/user")) < 0))
		return -1;
	snprintf(path, sizeof(path), "%s/self/uid_map", root);
	FILE *f = map ? fopen(path, "w") : NULL;
	if (map && (!f || fputs(map, f) < 0 || fclose(f) != 0))
		return -1;
	return 0;
}

/* collect_viewer on the fake /proc: true when it says "in a user namespace". */
static int userns_of(const char *link, const char *map)
{
	if (make_proc(link, map) < 0)
		return -1;
	struct scan_ctx c = { .proc_fd = open(root, O_RDONLY | O_DIRECTORY) };
	struct snapshot s;
	snapshot_init(&s);
	collect_viewer(&s, &c);
	int r = s.viewer_userns;
	snapshot_free(&s);
	scan_ctx_free(&c);
	close(c.proc_fd);
	return r;
}

static const struct {
	const char *link, *map;
	int userns;
	const char *what;
} cases[] = {
	{ "user:[4026531837]", NULL, 0, "the link names the first namespace" },
	{ "user:[4026532123]", NULL, 1, "the link names another namespace" },
	{ "user:[4026532123]", "         0          0 4294967295\n", 1, "the link wins over the map" },
	{ NULL, "         0          0 4294967295\n", 0, "no link, the whole identity map" },
	{ NULL, "0 0 4294967295", 0, "no link, the whole map without a newline" },
	{ NULL, "         0       1000          1\n", 1, "no link, root mapped to uid 1000" },
	{ NULL, "         1          0 4294967295\n", 1, "no link, a map that does not start at 0" },
	{ NULL, "         0          1 4294967295\n", 1, "no link, a map shifted by one" },
	{ NULL, "         0          0 4294967294\n", 1, "no link, a map one uid short" },
	{ NULL, "         0          0      65536\n", 1, "no link, a map of 65536 uids" },
	{ NULL, "0 0 4294967295\n1 1 1\n", 1, "no link, a map of two lines" },
	{ NULL, "", 0, "no link, an empty map: nothing claimed" },
	{ NULL, NULL, 0, "neither link nor map: nothing claimed" },
};

/* The hidepid ipctop reads as uid 65534 with egid and the supplementary groups given, on the
 * fake /proc whose self/mountinfo mounts it as proc with superblock options OPTS; -1 when it
 * could not be tried. Run in a child that takes that uid and those groups (root only). */
static int hidepid_as(const char *opts, gid_t egid, const gid_t *groups, int ngroups)
{
	struct stat st;
	char path[128];
	if (make_proc(NULL, NULL) < 0 || stat(root, &st) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/self/mountinfo", root);
	FILE *f = fopen(path, "w");
	if (!f || fprintf(f, "22 1 0:5 / /dev rw - devtmpfs udev rw\n"
	                     "23 1 %u:%u / /proc rw,nosuid - proc proc rw,%s\n",
	                  major(st.st_dev), minor(st.st_dev), opts) < 0 || fclose(f) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/self", root);
	if (chmod(root, 0755) < 0 || chmod(path, 0755) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct scan_ctx c = { .proc_fd = open(root, O_RDONLY | O_DIRECTORY) };
		if (c.proc_fd < 0 || setgroups((size_t)ngroups, groups) < 0 ||
		    setresgid(egid, egid, egid) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(100);
		struct snapshot s;
		snapshot_init(&s);
		collect_viewer(&s, &c);
		_exit(s.viewer_uid == 65534 ? s.proc_hidepid : 101);
	}
	int st2;
	if (pid < 0 || waitpid(pid, &st2, 0) != pid || !WIFEXITED(st2) || WEXITSTATUS(st2) >= 100)
		return -1;
	return WEXITSTATUS(st2);
}

/* hidepid=2 hides other users' processes unless ipctop is in the group its gid= option names:
 * its effective group, or one of its supplementary groups (the second here). */
static void check_hidepid_group(void)
{
	static const struct {
		const char *opts;
		int want;
		const char *what;
	} hc[] = {
		{ "hidepid=2", 2, "hidepid=2, no gid=: hidden" },
		{ "hidepid=2,gid=1000", 0, "gid= names the effective group: not hidden" },
		{ "hidepid=2,gid=3000", 0, "gid= names the second supplementary group: not hidden" },
		{ "hidepid=2,gid=4000", 2, "gid= names a group not held: hidden" },
	};
	const gid_t groups[] = { 2000, 3000 };
	for (size_t i = 0; i < sizeof(hc) / sizeof(hc[0]); i++) {
		if (geteuid() != 0) {
			skip(1, "not root: cannot take another uid and groups");
			continue;
		}
		int r = hidepid_as(hc[i].opts, 1000, groups, 2);
		ok(r == hc[i].want, "uid 65534, egid 1000, groups 2000 and 3000; %s (%d)", hc[i].what, r);
	}
}

int main(void)
{
	snprintf(root, sizeof(root), "%s/ipctop-viewer-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = userns_of(cases[i].link, cases[i].map);
		ok(r == cases[i].userns, "%s: %s (%d)", cases[i].what,
		   cases[i].userns ? "a user namespace" : "the first", r);
	}
	check_hidepid_group();
	char path[128];
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	ok(system(path) == 0, "the fake /proc removed");

	/* The real /proc: the kernel's link of this process says the same as collect_viewer. */
	char link[64] = "";
	ssize_t n = readlink("/proc/self/ns/user", link, sizeof(link) - 1);
	struct scan_ctx c = { .proc_fd = open("/proc", O_RDONLY | O_DIRECTORY) };
	struct snapshot s;
	snapshot_init(&s);
	collect_viewer(&s, &c);
	ok(n > 0 && s.viewer_userns == !!strcmp(link, "user:[4026531837]"),
	   "the real /proc: %s, as the kernel's %s says", s.viewer_userns ? "a user namespace" : "the first",
	   link);
	ok(s.viewer_uid == geteuid() && s.viewer_root == (geteuid() == 0 && !s.viewer_userns),
	   "uid %u, root %d", (unsigned)s.viewer_uid, s.viewer_root);
	snapshot_free(&s);
	scan_ctx_free(&c);
	close(c.proc_fd);
	return tap_done();
}
