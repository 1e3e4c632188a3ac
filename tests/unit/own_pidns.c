/* own_pidns.c — see own_pidns.h. */
#include "own_pidns.h"

#include "collect/collect.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

bool own_pid_namespace(void)
{
	if (geteuid() != 0 || unshare(CLONE_NEWPID | CLONE_NEWNS) < 0)
		return false;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid > 0) {   /* _exit: no thread can be made now (LeakSanitizer's check would try) */
		int st = 0;
		waitpid(pid, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		printf("# mounting a /proc of its own: %s\n", strerror(errno));
		_exit(1);
	}
	return true;
}

bool refresh_into(struct snapshot *snaps, struct snapshot **cur, struct collect_opts *o)
{
	struct snapshot *next = *cur == &snaps[0] ? &snaps[1] : &snaps[0];
	o->prev = *cur;
	o->refresh_loop = true;
	snapshot_init(next);
	bool taken = snapshot_take(next, o) == 0;
	if (*cur)
		snapshot_free(*cur);
	*cur = next;
	return taken;
}
