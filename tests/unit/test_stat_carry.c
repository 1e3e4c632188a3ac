/* test_stat_carry.c — the refresh path's process list and stat fields (collect_listing.c,
 * collect_stat.c), on real children asleep in pause(): a process that has not run keeps its
 * stat fields (PF_STAT_CARRIED), which equal the kernel's; a renice or a policy change made
 * while it sleeps shows at once; a process reparented without running gets its new parent; one
 * that exits is dropped; one started since the previous refresh is listed; a process's turn of
 * the rotating full read reads it. The design rests on a kernel property, checked first: a
 * /proc/PID/stat kept open answers ESRCH once its process is gone, never another's. Expected
 * values come from the kernel (/proc/PID/stat read here with sscanf), never from ipctop.
 * It runs as pid 1 of a PID namespace of its own, with its own /proc (root only): there the
 * collector sees only its children, whatever the machine runs, so its budget of kept files
 * always has room for them (beside another test's 10000 processes it would not). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect.h"
#include "collect/proc_read.h"
#include "../tap.h"
#include "own_pidns.h"

static struct snapshot snaps[2];
static struct snapshot *cur;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* One refresh as the TUI takes it: cur becomes prev, the one before is freed. */
static void refresh(unsigned every, unsigned turn)
{
	struct collect_opts o = { .rescan_every = every, .rescan_turn = turn };
	if (!refresh_into(snaps, &cur, &o))
		diag("snapshot_take failed");
}

/* A child asleep in pause() (and, with grandchild, its own child in pause() too: *gc its pid
 * once it has started). Killed by the test, or with it. */
static pid_t sleeper(bool grandchild, pid_t *gc)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pid_t g = 0;
		if (grandchild && (g = fork()) == 0) {
			close(fds[0]);
			close(fds[1]);
			for (;;)
				pause();   /* no death signal: it outlives its parent, reparented */
		}
		if (write(fds[1], &g, sizeof(g)) < 0)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	pid_t g = 0;
	if (read(fds[0], &g, sizeof(g)) != sizeof(g))
		g = -1;
	close(fds[0]);
	if (gc)
		*gc = g;
	return pid;
}

struct kstat { int ppid, pgrp, priority, nice, threads; char state; unsigned rt_priority, policy;
	       unsigned long long start; };

static bool kernel_stat(pid_t pid, struct kstat *k)
{
	char path[64];
	struct strbuf sb = STRBUF_INIT;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	const char *r = read_whole_at(AT_FDCWD, path, &sb) > 0 ? strrchr(sb_str(&sb), ')') : NULL;
	bool got = r && sscanf(r + 2, "%c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %d %d %d "
			   "%*d %llu %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*d %*d %u %u",
			   &k->state, &k->ppid, &k->pgrp, &k->priority, &k->nice, &k->threads, &k->start,
			   &k->rt_priority, &k->policy) == 9;
	sb_free(&sb);
	return got;
}

/* Refresh until pid's stat fields are carried over (it has not run since the one before):
 * false after 40 tries (a loaded machine may wake it, but not forty times running). */
static bool until_carried(pid_t pid)
{
	for (int i = 0; i < 40; i++) {
		sleep_ms(50);
		refresh(0, 0);
		const struct proc_info *p = snapshot_find_proc(cur, pid);
		if (p && (p->flags & PF_STAT_CARRIED))
			return true;
	}
	return false;
}

static bool same_as_kernel(pid_t pid, const char *what)
{
	struct kstat k;
	const struct proc_info *p = snapshot_find_proc(cur, pid);
	bool same = p && kernel_stat(pid, &k) && p->ppid == k.ppid && p->pgid == k.pgrp &&
		    p->nice == k.nice && p->nlwp == k.threads && p->state == k.state &&
		    (unsigned)p->policy == k.policy && p->start_time == k.start &&
		    p->priority == k.priority && (unsigned)p->rt_priority == k.rt_priority;
	return ok(same, "%s: its stat fields are the kernel's", what);
}

static void check_kept_stat_esrch(void)
{
	pid_t pid = sleeper(false, NULL);
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ok(fd >= 0 && pread(fd, buf, sizeof(buf), 0) > 0, "a child's stat, kept open, reads");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	errno = 0;
	ok(pread(fd, buf, sizeof(buf), 0) < 0 && errno == ESRCH,
	   "once the child is gone and reaped the kept stat answers ESRCH");
	close(fd);
}

static void check_renice(pid_t pid)
{
	ok(setpriority(PRIO_PROCESS, (id_t)pid, 7) == 0, "renice the sleeping child to 7");
	refresh(0, 0);
	const struct proc_info *p = snapshot_find_proc(cur, pid);
	ok(p && (p->flags & PF_STAT_CARRIED) && p->nice == 7 && p->priority == 27,
	   "the next refresh shows nice 7 (priority 27) though the child has not run");

	struct sched_param sp = { 0 };
	ok(sched_setscheduler(pid, SCHED_BATCH, &sp) == 0, "its policy set to SCHED_BATCH");
	refresh(0, 0);
	p = snapshot_find_proc(cur, pid);
	ok(p && (p->flags & PF_STAT_CARRIED) && p->policy == SCHED_BATCH,
	   "the next refresh shows the batch policy, still without the child running");
	same_as_kernel(pid, "after renice and chrt");

	/* A real-time policy: its priority, and a nice value that only getpriority tells. */
	sp.sched_priority = 5;
	if (sched_setscheduler(pid, SCHED_FIFO, &sp) != 0) {
		ci_skip(4, "SCHED_FIFO refused here");
		return;
	}
	refresh(0, 0);
	p = snapshot_find_proc(cur, pid);
	ok(p && (p->flags & PF_STAT_CARRIED) && p->policy == SCHED_FIFO && p->rt_priority == 5 &&
	   p->priority == -6, "SCHED_FIFO 5 shows at once: priority -6 (%d), rt 5 (%d)",
	   p ? p->priority : 0, p ? p->rt_priority : 0);
	ok(setpriority(PRIO_PROCESS, (id_t)pid, 3) == 0, "renice the real-time child to 3");
	refresh(0, 0);
	p = snapshot_find_proc(cur, pid);
	ok(p && (p->flags & PF_STAT_CARRIED) && p->nice == 3, "its nice 3 shows at once (%d)",
	   p ? p->nice : 99);
	same_as_kernel(pid, "after SCHED_FIFO and renice");
}

static void check_reparent(void)
{
	pid_t gc = 0, parent = sleeper(true, &gc);
	if (gc <= 0 || !until_carried(gc)) {
		ok(0, "a grandchild that has not run between two refreshes");
		return;
	}
	kill(parent, SIGKILL);
	waitpid(parent, NULL, 0);
	refresh(0, 0);
	const struct proc_info *p = snapshot_find_proc(cur, gc);
	ok(p && p->ppid == getpid(), "its parent killed, the grandchild's parent is this test, "
	   "pid 1 of its namespace (ppid %d)", p ? (int)p->ppid : -1);
	ok(!snapshot_find_proc(cur, parent), "the killed parent is gone from the list");
	same_as_kernel(gc, "the reparented grandchild");
	kill(gc, SIGKILL);
	waitpid(gc, NULL, 0);
	refresh(0, 0);
	ok(!snapshot_find_proc(cur, gc), "killed and reaped, the grandchild is dropped");
}

static void check_new_and_turn(void)
{
	pid_t late = sleeper(false, NULL);
	refresh(0, 0);
	ok(snapshot_find_proc(cur, late) != NULL, "a child started after the previous refresh is listed");
	if (!until_carried(late)) {
		ok(0, "the new child idle between two refreshes");
		return;
	}
	refresh(2, (unsigned)late % 2);
	const struct proc_info *p = snapshot_find_proc(cur, late);
	ok(p && !(p->flags & PF_STAT_CARRIED), "in its turn of the rotating full read, it is read anew");
	same_as_kernel(late, "read in its turn");
	kill(late, SIGKILL);
	waitpid(late, NULL, 0);
}

int main(void)
{
	if (!own_pid_namespace())
		return ci_skip_all("not root, or no PID namespace of its own (unshare)");
	check_kept_stat_esrch();
	pid_t pid = sleeper(false, NULL);
	refresh(0, 0);   /* the first: a full scan */
	ok(until_carried(pid), "a sleeping child's stat fields are carried over");
	same_as_kernel(pid, "carried over");
	check_renice(pid);
	check_reparent();
	check_new_and_turn();
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	refresh(0, 0);
	ok(!snapshot_find_proc(cur, pid), "the killed child is dropped");
	snapshot_free(cur);
	collect_shutdown();
	return tap_done();
}
