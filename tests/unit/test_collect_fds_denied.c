/* test_collect_fds_denied.c — a process whose /proc/PID/fd folder can be listed but whose links
 * cannot be read: root starts a target with real uid root and effective uid nobody, dumpable
 * again (the folder then belongs to nobody), and a collector running as nobody. The kernel is
 * asked first (opendir works, readlink fails with EACCES); ipctop must say "descriptors
 * denied", not "no descriptors", and say so in its note. Root only. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"

enum { LISTED = 1, LINK_DENIED = 2, FLAGGED = 4, NO_FDS_GIVEN = 8, NOTED = 16, SETUP = 64 };

static pid_t start_target(uid_t nobody)
{
	int pfd[2];
	if (pipe(pfd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		int null = open("/dev/null", O_RDWR);   /* holds none of the test's output open */
		if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(1);
		/* dies with the test; set after setresuid, which clears the parent-death signal */
		if (setresuid(0, nobody, 0) != 0 || prctl(PR_SET_DUMPABLE, 1) != 0 ||
		    prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
			_exit(1);
		if (write(pfd[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pfd[1]);
	char c;
	ssize_t n = read(pfd[0], &c, 1);
	close(pfd[0]);
	if (n != 1) {
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

/* The note "descriptors of N process(es) could not be read", in English: "1 process",
 * "2 processes". */
static bool noted_in_english(const struct snapshot *s)
{
	for (size_t i = 0; i < s->n_notes; i++) {
		const char *t = strstr(s->notes[i].text, "descriptors of ");
		size_t n;
		int used = 0;
		if (!t || sscanf(t, "descriptors of %zu process%n", &n, &used) != 1 || !used)
			continue;
		bool plural = strncmp(t + used, "es", 2) == 0;
		return n >= 1 && plural == (n != 1);
	}
	return false;
}

/* As nobody: what the kernel allows, then what ipctop makes of it (exit bits). */
static int look_as(uid_t uid, gid_t gid, pid_t target)
{
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0)
		return SETUP;
	char path[64], link[256];
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)target);
	int bits = 0;
	DIR *d = opendir(path);
	if (d) {
		bits |= readdir(d) ? LISTED : 0;
		closedir(d);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/0", (int)target);
	if (readlink(path, link, sizeof(link)) < 0 && errno == EACCES)
		bits |= LINK_DENIED;
	struct snapshot s;
	struct collect_opts o = { 0 };
	snapshot_init(&s);
	if (snapshot_take(&s, &o) != 0)
		return bits | SETUP;
	const struct proc_info *p = snapshot_find_proc(&s, target);
	if (p && (p->flags & PF_FDS_DENIED))
		bits |= FLAGGED;
	if (p && p->n_fds == 0)
		bits |= NO_FDS_GIVEN;
	if (noted_in_english(&s))
		bits |= NOTED;
	snapshot_free(&s);
	collect_shutdown();
	return bits;
}

int main(void)
{
	struct passwd *pw = getpwnam("nobody");
	if (geteuid() != 0 || !pw) {
		skip(4, "needs root and a user nobody");
		return tap_done();
	}
	pid_t target = start_target(pw->pw_uid);
	pid_t looker = target > 0 ? fork() : -1;
	if (looker == 0)
		_exit(look_as(pw->pw_uid, pw->pw_gid, target));
	int st = 0;
	if (looker > 0)
		waitpid(looker, &st, 0);
	if (target > 0) {
		kill(target, SIGKILL);
		waitpid(target, NULL, 0);
	}
	int bits = looker > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : SETUP;
	if (bits & SETUP) {
		ci_skip(4, "could not start the target or the collector as nobody");
		return tap_done();
	}
	ok((bits & (LISTED | LINK_DENIED)) == (LISTED | LINK_DENIED),
	   "the kernel: nobody lists the target's fd folder but cannot read its links");
	ok(bits & FLAGGED, "ipctop: the target's descriptors are flagged as denied");
	ok(bits & NO_FDS_GIVEN, "ipctop: and none are listed as if read");
	ok(bits & NOTED, "ipctop: noted as 'descriptors of N process(es)', plural unless N is 1");
	return tap_done();
}
