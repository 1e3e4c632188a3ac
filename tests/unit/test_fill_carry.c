/* test_fill_carry.c — the fill of a pipe in a refresh loop (collect_fill.c, root only): while
 * both of its holders sleep, their descriptors are carried over and so is
 * the fill, which must still be the bytes the writer left (the test's own record: it wrote 9);
 * once the reader runs and takes 4 of them, the next refresh must show 5, not the carried 9.
 * Whether a fill was carried or measured anew does not show in the snapshot (both give the
 * same figure while nothing moved): what this guards is that carrying never shows a stale
 * one, and it fails when the carry ignores a holder that ran.
 * Run as pid 1 of its own PID namespace (own_pidns.h), so that the collector's budget of kept
 * files has room for its children whatever else the machine runs. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"
#include "own_pidns.h"

static struct snapshot snaps[2];
static struct snapshot *cur;

static void refresh(void)
{
	struct collect_opts o = { .probe_fill = PROBE_ALL };
	if (!refresh_into(snaps, &cur, &o))
		diag("snapshot_take failed");
}

/* The fill of descriptor fd of pid in the current snapshot, or -1 when not measured. */
static long fill(pid_t pid, int fd)
{
	const struct proc_info *p = snapshot_find_proc(cur, pid);
	for (size_t j = 0; p && j < p->n_fds; j++)
		if (p->fds[j].fd == fd)
			return p->fds[j].has_fill ? (long)p->fds[j].fill_queued : -1;
	return -1;
}

/* Whether pid's descriptors were carried over: it has not run since the last refresh (its
 * stat fields were carried over too; a single-threaded child). */
static bool reused(pid_t pid)
{
	const struct proc_info *p = snapshot_find_proc(cur, pid);
	return p && (p->flags & PF_STAT_CARRIED);
}

/* The reader: holds the pipe's read end as fd 10; on SIGUSR1 it reads 4 bytes. */
static volatile sig_atomic_t take;
static void on_usr1(int sig) { (void)sig; take = 1; }

static pid_t reader(int rd)
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGUSR1, on_usr1);
		dup2(rd, 10);
		char buf[4];
		for (;;) {
			pause();
			if (take && read(10, buf, sizeof(buf)) < 0)
				_exit(1);
			take = 0;
		}
	}
	return pid;
}

static pid_t writer(int wr)
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(wr, 11);
		if (write(11, "ninebytes", 9) != 9)
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

/* Refresh until both children are carried over (neither has run since the one before). */
static bool until_idle(pid_t a, pid_t b)
{
	for (int i = 0; i < 40; i++) {
		struct timespec ts = { 0, 50 * 1000000L };
		nanosleep(&ts, NULL);
		refresh();
		if (reused(a) && reused(b))
			return true;
	}
	return false;
}

int main(void)
{
	if (!own_pid_namespace())
		return ci_skip_all("not root, or no PID namespace of its own (unshare)");
	int p[2];
	if (pipe(p) < 0)
		return ci_skip_all("no pipe");
	pid_t r = reader(p[0]), w = writer(p[1]);
	close(p[0]);
	close(p[1]);   /* the test holds no end: only its children do */
	refresh();
	ok(until_idle(r, w), "both holders idle between two refreshes (descriptors carried over)");
	is_int(fill(r, 10), 9, "the idle pipe's fill is the 9 bytes written, at the reader's end");
	is_int(fill(w, 11), 9, "and at the writer's");
	kill(r, SIGUSR1);   /* the reader runs and takes 4 */
	for (int i = 0; i < 40 && fill(r, 10) != 5; i++) {
		struct timespec ts = { 0, 50 * 1000000L };
		nanosleep(&ts, NULL);
		refresh();
	}
	is_int(fill(r, 10), 5, "once the reader has run and read 4, the next refreshes show 5");
	ok(until_idle(r, w), "both idle again");
	is_int(fill(w, 11), 5, "and 5 is carried over at the writer's end too");
	kill(r, SIGKILL);
	kill(w, SIGKILL);
	waitpid(r, NULL, 0);
	waitpid(w, NULL, 0);
	snapshot_free(cur);
	collect_shutdown();
	return tap_done();
}
