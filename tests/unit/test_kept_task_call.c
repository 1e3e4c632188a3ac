/* test_kept_task_call.c — a thread's /proc/PID/task/TID/syscall kept open across refreshes,
 * on a real child: its main thread pauses, its other thread reads a pipe this test holds. In a
 * refresh loop the thread's wait is read through a kept descriptor, recorded as that thread's
 * syscall file (readlink and fstat agree), handed on to the next snapshot (the same
 * descriptor, the previous record left without it), read again through it after the thread
 * ran, and closed with the last snapshot. Then collect_forget_runtime (a process dropped from
 * a snapshot) on a record built by hand: each kept descriptor closed and forgotten, the
 * descriptor just above each left open. Last, a child waiting in epoll_wait on two pipes: the
 * list its epoll descriptor watches is read, and copied to the next snapshot while it waits.
 * And this process's own kept files in a detail snapshot of itself: read-only, as the kernel's
 * fdinfo flags say. */
#include <fcntl.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "collect/collect_internal.h"
#include "util/kept_fds.h"
#include "../tap.h"
#include "task_child.h"


static struct task_wait *task_of(const struct snapshot *s, pid_t pid, pid_t tid)
{
	struct proc_info *p = snapshot_find_proc(s, pid);
	for (size_t t = 0; p && t < p->n_tasks; t++)
		if (p->tasks[t].tid == tid)
			return &p->tasks[t];
	return NULL;
}

/* The thread's kept syscall file in s, checked against the record and the kernel: its fd, -1
 * none kept, -2 described wrong. */
static int kept_of(const struct snapshot *s, pid_t pid, pid_t tid)
{
	const struct task_wait *w = task_of(s, pid, tid);
	if (!w || w->call_fd1 <= 0)
		return -1;
	int fd = w->call_fd1 - 1;
	pid_t who;
	enum kept_file file;
	uint64_t dev, ino;
	struct stat st, real;
	char path[64], link[96] = "", want[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	snprintf(want, sizeof(want), "/proc/%d/task/%d/syscall", (int)tid, (int)tid);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	if (!kept_fd_lookup(fd, &who, &file, &dev, &ino) || who != tid || file != KEPT_TASK_SYSCALL ||
	    fstat(fd, &st) < 0 || st.st_ino != ino || strcmp(link, want) || stat(want, &real) < 0 ||
	    real.st_ino != st.st_ino) {
		diag("fd %d: link %s, want %s", fd, link, want);
		return -2;
	}
	return fd;
}

static bool reads_pipe(const struct snapshot *s, pid_t pid, pid_t tid)
{
	const struct task_wait *w = task_of(s, pid, tid);
	return w && w->kind == WK_FD && w->dir == ACC_R && w->fd >= 0;
}

/* A kept descriptor on /proc/self/FILE, recorded; *next: the descriptor opened just after it. */
static int keep(enum kept_file file, const char *name, int *next)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/%s", name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !kept_fd_note(fd, getpid(), file, st.st_dev, st.st_ino))
		return -1;
	*next = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return fd;
}

static void check_forget(void)
{
	int n0 = kept_fd_count(), nx[4];
	int rt = keep(KEPT_SCHEDSTAT, "schedstat", &nx[0]), st = keep(KEPT_STAT, "stat", &nx[1]);
	int sc = keep(KEPT_SYSCALL, "syscall", &nx[2]), tc = keep(KEPT_TASK_SYSCALL, "syscall", &nx[3]);
	if (!ok(rt >= 0 && st >= 0 && sc >= 0 && tc >= 0 && kept_fd_count() == n0 + 4,
	        "four descriptors kept by hand"))
		return;
	struct task_wait tasks[2] = { { .call_fd1 = 0 }, { .call_fd1 = tc + 1 } };
	struct proc_info p = { .pid = getpid(), .runtime_fd1 = rt + 1, .stat_fd1 = st + 1,
	                       .syscall_fd1 = sc + 1, .tasks = tasks, .n_tasks = 2 };
	collect_forget_runtime(&p);
	ok(p.runtime_fd1 == 0 && p.stat_fd1 == 0 && p.syscall_fd1 == 0 && tasks[1].call_fd1 == 0,
	   "forgotten: every record without its descriptor");
	ok(fcntl(rt, F_GETFD) < 0 && fcntl(st, F_GETFD) < 0 && fcntl(sc, F_GETFD) < 0 &&
	   fcntl(tc, F_GETFD) < 0 && kept_fd_count() == n0, "each kept descriptor closed and unrecorded");
	bool open_next = true;
	for (int i = 0; i < 4; i++) {
		open_next = open_next && nx[i] >= 0 && fcntl(nx[i], F_GETFD) >= 0;
		if (nx[i] >= 0)
			close(nx[i]);
	}
	ok(open_next, "the descriptors just above them left open");
}

/* The child's wait in s, when it is an epoll wait whose list was read. */
static const struct task_wait *epoll_wait_of(const struct snapshot *s, pid_t pid)
{
	const struct proc_info *p = snapshot_find_proc(s, pid);
	return p && p->wait && p->wait->kind == WK_EPOLL && p->wait->watch_read ? p->wait : NULL;
}

/* w watches exactly fds a and b (in either order). */
static bool watches(const struct task_wait *w, int a, int b)
{
	return w && w->n_watched == 2 &&
	       ((w->watched[0].t.fd == a && w->watched[1].t.fd == b) ||
	        (w->watched[0].t.fd == b && w->watched[1].t.fd == a));
}

static void check_epoll_copied(void)
{
	int p1[2], p2[2];
	if (pipe(p1) != 0 || pipe(p2) != 0)
		return (void)ok(0, "two pipes");
	pid_t child = fork();
	if (child == 0) {   /* dies with the test, holding none of its output */
		int null = open("/dev/null", O_RDWR);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(1);
		int ep = epoll_create1(0);
		struct epoll_event ev = { .events = EPOLLIN };
		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, p1[0], &ev) || epoll_ctl(ep, EPOLL_CTL_ADD, p2[0], &ev))
			_exit(1);
		for (;;)
			epoll_wait(ep, &ev, 1, -1);
	}
	bool in = child > 0 && (task_in_call(child, child, SYS_epoll_wait) ||
	                        task_in_call(child, child, SYS_epoll_pwait));
	struct collect_opts o = { .refresh_loop = true };
	struct snapshot a, b;
	snapshot_init(&a);
	snapshot_init(&b);
	snapshot_take(&a, &o);
	o.prev = &a;
	snapshot_take(&b, &o);
	const struct task_wait *wa = epoll_wait_of(&a, child), *wb = epoll_wait_of(&b, child);
	ok(in && watches(wa, p1[0], p2[0]), "a child in epoll_wait: its two watched pipes read (%u)",
	   wa ? wa->n_watched : 0);
	ok(watches(wb, p1[0], p2[0]) && wb->watched != wa->watched,
	   "the next snapshot, the child still waiting: the same two, in its own copy (%u)",
	   wb ? wb->n_watched : 0);
	snapshot_free(&b);
	snapshot_free(&a);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	for (int i = 0; i < 2; i++) {
		close(p1[i]);
		close(p2[i]);
	}
}

/* The access mode of our own descriptor fd in its fdinfo's flags (octal), as ACC_*. */
static uint8_t fdinfo_access(int fd)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "r");
	unsigned flags = 0;
	bool got = false;
	while (f && !got && fgets(line, sizeof(line), f))
		got = sscanf(line, "flags: %o", &flags) == 1;
	if (f)
		fclose(f);
	int mode = (int)(flags & O_ACCMODE);
	return !got ? 0 : mode == O_RDONLY ? ACC_R : mode == O_WRONLY ? ACC_W : ACC_RW;
}

static void check_own_kept_access(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur <= 512) {
		skip(1, "a descriptor limit of 512 or less: the collector keeps no file open");
		return;
	}
	pid_t self = getpid();
	struct collect_opts o = { .refresh_loop = true };
	struct snapshot a, b;
	snapshot_init(&a);
	snapshot_take(&a, &o);
	struct collect_opts d = { .refresh_loop = true, .prev = &a, .detail_pids = &self, .n_detail = 1 };
	snapshot_init(&b);
	snapshot_take(&b, &d);
	const struct proc_info *p = snapshot_find_proc(&b, self);
	int kept = 0, right = 0;
	for (size_t i = 0; p && i < p->n_fds; i++) {
		pid_t who;
		enum kept_file file;
		uint64_t dev, ino;
		/* still the kept file the listing described (not a number closed and reused since) */
		if (!kept_fd_lookup(p->fds[i].fd, &who, &file, &dev, &ino) || p->fds[i].dev != dev ||
		    p->fds[i].ino != ino)
			continue;
		kept++;
		right += p->fds[i].access == ACC_R && fdinfo_access(p->fds[i].fd) == ACC_R;
	}
	ok(kept > 0 && right == kept, "our own kept files in a detail snapshot of us: read-only, as "
	   "fdinfo says (%d of %d)", right, kept);
	snapshot_free(&b);
	snapshot_free(&a);
}

int main(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;   /* room for every process's kept files */
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int ctl = -1;
	pid_t tid = 0, child = task_child_start(0, &ctl, &tid);
	if (!ok(child > 0 && task_in_call(child, tid, SYS_read) && task_in_call(child, child, SYS_pause),
	        "child %d: main thread in pause, thread %d reading", (int)child, (int)tid)) {
		if (child > 0 && kill(child, SIGKILL) == 0)
			waitpid(child, NULL, 0);
		return tap_done();
	}
	struct collect_opts o = { .refresh_loop = true };
	struct snapshot a, b, c;
	snapshot_init(&a);
	ok(snapshot_take(&a, &o) == 0 && reads_pipe(&a, child, tid), "first snapshot: the thread reads");
	/* The collector keeps at most half the descriptor limit open, a syscall file only while
	 * room is left beside each process's stat and schedstat: with another test's thousands of
	 * processes about (make check -j), ours, among the newest pids, may get none. */
	char why[160] = "";
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && 2 * a.n_procs + 64 > (size_t)rl.rlim_cur / 2)
		snprintf(why, sizeof why, "%zu processes here: their stat and schedstat files fill the "
			 "%zu descriptors the collector keeps", a.n_procs, (size_t)rl.rlim_cur / 2);
	int fd_a = kept_of(&a, child, tid);
	if (why[0])
		skip(1, why);
	else
		ok(fd_a >= 0, "its task/TID/syscall is kept open and recorded as the thread's (fd %d)", fd_a);
	o.prev = &a;
	snapshot_init(&b);
	ok(snapshot_take(&b, &o) == 0 && reads_pipe(&b, child, tid), "second snapshot: still reading");
	int fd_b = kept_of(&b, child, tid);
	const struct task_wait *was = task_of(&a, child, tid);
	if (why[0])
		skip(1, why);
	else
		ok(fd_b == fd_a && was && was->call_fd1 == 0,
		   "the same descriptor handed on (fd %d), the previous record left without it", fd_b);
	ok(write(ctl, "x", 1) == 1 && task_in_call(child, tid, SYS_read), "the thread ran, and reads again");
	o.prev = &b;
	snapshot_init(&c);
	ok(snapshot_take(&c, &o) == 0 && reads_pipe(&c, child, tid), "third snapshot: read again");
	if (why[0])
		skip(1, why);
	else
		ok(kept_of(&c, child, tid) == fd_a, "through the same kept descriptor");
	snapshot_free(&a);
	snapshot_free(&b);
	snapshot_free(&c);
	pid_t who;
	enum kept_file file;
	uint64_t dev, ino;
	if (why[0])
		skip(1, why);
	else
		ok(!kept_fd_lookup(fd_a, &who, &file, &dev, &ino) && fcntl(fd_a, F_GETFD) < 0,
		   "closed with the last snapshot");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(ctl);
	check_forget();
	check_epoll_copied();
	check_own_kept_access();
	return tap_done();
}
