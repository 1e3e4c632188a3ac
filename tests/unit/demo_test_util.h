/* demo_test_util.h — what the --demo tests share: a record of what a demo made (copied before
 * demo_stop forgets it), questions to the kernel about processes and objects, polling with a
 * generous deadline, and a guard that ends everything a hung or failed test left running. */
#ifndef IPCTOP_DEMO_TEST_UTIL_H
#define IPCTOP_DEMO_TEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "demo/demo.h"
#include "lesson/lesson.h"

struct demo_record {
	pid_t pids[DEMO_MAX_PIDS];
	size_t n_pids;
	pid_t parent;   /* demo-parent: the test's child, the parent of pids */
	pid_t janitor;
	int shmid, msqid;
	char shm_name[64], mq_name[64], dir[64];
	bool valid;   /* for the guard: a demo whose end is not yet confirmed */
};

static struct demo_record guard_rec;   /* what the guard ends and removes */

static void record_demo(struct demo_record *r, const struct demo *d)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->pids, d->pids, sizeof(r->pids));
	r->n_pids = d->n_pids;
	r->parent = d->parent;
	r->janitor = d->janitor;
	r->shmid = d->shmid;
	r->msqid = d->msqid;
	memcpy(r->shm_name, d->shm_name, sizeof(r->shm_name));
	memcpy(r->mq_name, d->mq_name, sizeof(r->mq_name));
	memcpy(r->dir, d->dir, sizeof(r->dir));
	r->valid = true;
	guard_rec = *r;
}

/* The demo's end is confirmed: the guard must not touch numbers and names now free for reuse. */
static void guard_forget(void)
{
	guard_rec.valid = false;
}

/* The state letter and parent of pid from /proc/PID/stat; false when there is no such process. */
static bool proc_state(pid_t pid, char *state, pid_t *ppid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	char *p = n > 0 ? (buf[n] = '\0', strrchr(buf, ')')) : NULL;
	int pp;
	char st;
	if (!p || sscanf(p + 1, " %c %d", &st, &pp) != 2)
		return false;
	*state = st;
	*ppid = pp;
	return true;
}

/* pid is a child of parent (running, stopped or a zombie not yet reaped). */
static bool child_of(pid_t pid, pid_t parent)
{
	char st;
	pid_t pp;
	return pid > 0 && proc_state(pid, &st, &pp) && pp == parent;
}

/* pid is a child of this test. */
static bool our_child(pid_t pid)
{
	return child_of(pid, getpid());
}

static bool stopped(pid_t pid)
{
	char st;
	pid_t pp;
	return proc_state(pid, &st, &pp) && st == 'T';
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Until pid is no longer a child of parent (ended and reaped by it), or 10 s; true if so. */
static inline bool left_parent(pid_t pid, pid_t parent)
{
	for (int t = 0; t < 1000 && child_of(pid, parent); t++)
		nap_ms(10);
	return !child_of(pid, parent);
}

/* Every object of the record is gone, as the kernel sees it. */
static bool objects_gone(const struct demo_record *r)
{
	struct shmid_ds s;
	struct msqid_ds q;
	struct stat st;
	bool gone = shmctl(r->shmid, IPC_STAT, &s) < 0 && msgctl(r->msqid, IPC_STAT, &q) < 0;
	int fd = shm_open(r->shm_name, O_RDONLY, 0);
	if (fd >= 0)
		close(fd);
	mqd_t m = mq_open(r->mq_name, O_RDONLY);
	if (m != (mqd_t)-1)
		mq_close(m);
	return gone && fd < 0 && errno == ENOENT && m == (mqd_t)-1 && stat(r->dir, &st) < 0;
}

/* Kill what the record names while it is still this test's (its children, demo-parent and the
 * janitor, and demo-parent's: safe while it is not reaped), and remove its objects. Used on a
 * hang (SIGALRM) and at exit; async-signal-safe enough. */
static void guard_cleanup(void)
{
	if (!guard_rec.valid)
		return;
	for (size_t i = 0; i < guard_rec.n_pids; i++) {
		if (!child_of(guard_rec.pids[i], guard_rec.parent) || !our_child(guard_rec.parent))
			continue;
		kill(guard_rec.pids[i], SIGCONT);
		kill(guard_rec.pids[i], SIGKILL);
	}
	pid_t ours[] = { guard_rec.parent, guard_rec.janitor };
	for (size_t i = 0; i < 2; i++) {
		if (!our_child(ours[i]))
			continue;
		kill(ours[i], SIGCONT);
		kill(ours[i], SIGKILL);
	}
	if (guard_rec.shmid >= 0)
		shmctl(guard_rec.shmid, IPC_RMID, NULL);
	if (guard_rec.msqid >= 0)
		msgctl(guard_rec.msqid, IPC_RMID, NULL);
	if (guard_rec.shm_name[0])
		shm_unlink(guard_rec.shm_name);
	if (guard_rec.mq_name[0])
		mq_unlink(guard_rec.mq_name);
	lesson_unix_remove(guard_rec.dir);
}

/* The helper the demo runs: $IPCTOP_LESSON_HELPER, else the one next to $IPCTOP (the build
 * tree's), as ipctop finds it next to itself. */
static const char *test_helper(void)
{
	static char path[4096];
	const char *env = getenv("IPCTOP_LESSON_HELPER"), *ipctop = getenv("IPCTOP");
	if (env && env[0])
		return env;
	const char *slash = ipctop ? strrchr(ipctop, '/') : NULL;
	snprintf(path, sizeof(path), "%.*s/ipctop-lesson-helper", slash ? (int)(slash - ipctop) : 1,
		 slash ? ipctop : ".");
	return path;
}

static void guard_alarm(int sig)
{
	(void)sig;
	static const char m[] = "not ok - the test hung: everything it started is killed\n";
	if (write(1, m, sizeof(m) - 1) < 0) {
		/* nothing more to say */
	}
	guard_cleanup();
	_exit(1);
}

/* Set the guard: at exit, and if the test has not ended within secs seconds. */
static void guard_start(unsigned secs)
{
	signal(SIGALRM, guard_alarm);
	alarm(secs);
	atexit(guard_cleanup);
}

#endif
