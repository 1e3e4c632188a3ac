/* test_collect_reuse.c — refresh that follows activity, on real processes: a process that has
 * not run keeps its descriptors from the previous snapshot; one that ran is read again. A
 * waiting process's /proc/PID/syscall stays open from one refresh to the next (the same
 * descriptor, read again when it ran), and is not handed to another process with its pid. */
#include <sys/resource.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "util/kept_fds.h"
#include "util/xalloc.h"
#include "../tap.h"

static int child_read_fd;   /* the child's read end: the same number as the parent's was */

/* The child opens one more descriptor each time it reads a byte, then blocks again. */
static pid_t start_child(int *ctl)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	child_read_fd = p[0];
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		char c;
		while (read(p[0], &c, 1) == 1) {
			prctl(PR_SET_NAME, "reuse-woken", 0, 0, 0);
			if (open("/dev/null", O_RDONLY) < 0)
				_exit(1);
		}
		_exit(0);
	}
	close(p[0]);
	*ctl = p[1];
	return pid;
}

static size_t fds_of(struct snapshot *s, pid_t pid)
{
	struct proc_info *p = snapshot_find_proc(s, pid);
	return p ? p->n_fds : 0;
}

/* Wait until the child has opened its descriptor (it blocks in read again). */
static void wait_blocked(pid_t pid, size_t want, struct snapshot *tmp)
{
	for (int i = 0; i < 200; i++) {
		struct collect_opts o = { .no_maps = true };
		snapshot_init(tmp);
		snapshot_take(tmp, &o);
		size_t n = fds_of(tmp, pid);
		snapshot_free(tmp);
		if (n >= want)
			return;
		usleep(10000);
	}
}

/* Wait until pid sleeps (state S in /proc/PID/stat): the woken child, its descriptor opened,
 * is back in read. */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (int i = 0; i < 200; i++) {
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
		if (f)
			fclose(f);
		buf[n] = '\0';
		const char *p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		usleep(10000);
	}
}

/* The start time (field 22 of /proc/PID/stat, read here), or 0 when PID names no process. */
static uint64_t start_time_now(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	unsigned long long start = 0;
	/* after ") ": state is field 3, start time field 22 */
	if (!p || sscanf(p + 2, "%*c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s "
			 "%*s %*s %*s %*s %llu", &start) != 1)
		return 0;
	return start;
}

/* The process of a handle is the one the snapshot saw, alive now (same start time). */
static bool same_process(const struct snapshot *s, pid_t pid)
{
	const struct proc_info *p = snapshot_find_proc(s, pid);
	return p && p->start_time && start_time_now(pid) == p->start_time;
}

/* One schedstat handle fi, of process pid (from its target): *recorded when the record of kept
 * descriptors names it with that pid, *right when it is also as readlink and stat describe it.
 * False when the process is not the one the snapshot saw, before or after the look: then the
 * handle may be closed, or its number given to another process's handle, by now. */
static bool look_at_handle(const struct snapshot *s, const struct fd_info *fi, pid_t pid,
			   bool *recorded, bool *right)
{
	if (!same_process(s, pid))
		return false;
	pid_t kept_pid;
	enum kept_file file;
	uint64_t dev, ino;
	*recorded = kept_fd_lookup(fi->fd, &kept_pid, &file, &dev, &ino) && kept_pid == pid &&
		    file == KEPT_SCHEDSTAT;
	char path[64], link[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fi->fd);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	*right = *recorded && !strcmp(link, fi->target) && stat(path, &st) == 0 &&
		 st.st_ino == fi->ino && st.st_dev == fi->dev && fi->kind == FDK_FILE &&
		 fi->access == ACC_NONE;
	return same_process(s, pid);
}

/* ipctop's own schedstat handles (here: this test's) are in its own descriptor table, described
 * from the record of kept descriptors as the kernel would describe them. Only handles whose
 * process is alive and the same before and after the look are compared (a process that exits
 * meanwhile has its handle closed, and the number may go to another process's handle); of
 * those, every one must be recorded and described right. */
/* The processes a snapshot holds a schedstat handle of, as pid and start time, taken before
 * the next snapshot takes the handles over (which clears them here). */
struct held_set { pid_t *pid; uint64_t *start; size_t n; };

static struct held_set held_of(const struct snapshot *s)
{
	struct held_set h = { xmalloc((s->n_procs + 1) * sizeof(pid_t)),
			      xmalloc((s->n_procs + 1) * sizeof(uint64_t)), 0 };
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].runtime_fd1 > 0) {
			h.pid[h.n] = s->procs[i].pid;
			h.start[h.n++] = s->procs[i].start_time;
		}
	return h;
}

static bool in_held(const struct held_set *h, const struct proc_info *p)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->pid[i] == p->pid && h->start[i] == p->start_time)
			return true;
	return false;
}

static void check_own_handles(struct snapshot *s, const struct held_set *before)
{
	struct proc_info *me = snapshot_find_proc(s, getpid());
	size_t handles = 0, compared = 0, recorded = 0, right = 0;
	for (size_t i = 0; me && i < me->n_fds; i++) {
		const struct fd_info *fi = &me->fds[i];
		const char *t = fi->target;
		size_t len = strlen(t);
		if (strncmp(t, "/proc/", 6) || len < 10 || strcmp(t + len - 10, "/schedstat"))
			continue;
		handles++;
		bool rec, good;
		if (!look_at_handle(s, fi, atoi(t + 6), &rec, &good))
			continue;
		compared++;
		recorded += rec;
		right += good;
	}
	/* Handles the snapshot before already held and handed on were open all through this one,
	 * so our own table, read during it, lists each (those opened for processes met after
	 * our own row was read may or may not be there: not counted). */
	size_t held = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		held += s->procs[i].runtime_fd1 > 0 && in_held(before, &s->procs[i]);
	ok(handles > 0 && handles >= held, "own table lists the kept schedstat files handed on (%zu, %zu handed on)",
	   handles, held);
	ok(compared > 0, "handles of processes alive throughout compared (%zu of %zu)", compared, handles);
	is_int(recorded, compared, "each is in the record of kept descriptors, with its pid");
	is_int(right, compared, "each as readlink and stat describe it");
}

/* The child blocks reading its pipe, whose only other end (ctl) this process holds: in s its
 * wait names that fd, s's own channel of the pipe, and this process as the peer. */
static void check_wait(struct snapshot *s, pid_t child, int ctl, const char *how)
{
	struct proc_info *p = snapshot_find_proc(s, child);
	const struct task_wait *w = p ? p->wait : NULL;
	struct stat st;
	char id[64] = "";
	if (fstat(ctl, &st) == 0)
		snprintf(id, sizeof(id), "pipe:%llu", (unsigned long long)st.st_ino);
	ok(w && w->kind == WK_FD && w->fd == child_read_fd && w->dir == ACC_R,
	   "%s: the child waits reading fd %d", how, child_read_fd);
	ok(w && w->chan >= 0 && (size_t)w->chan < s->n_chans && !strcmp(s->chans[w->chan].id, id),
	   "%s: on this snapshot's channel %s", how, id);
	ok(w && w->n_peers == 1 && w->peers[0] == getpid(), "%s: for this process, the writer", how);
}

/* The child's /proc/PID/syscall as s keeps it open: the descriptor, when the record of kept
 * descriptors names it the child's syscall file and readlink and fstat agree (its inode in
 * *ino); -1 when s keeps none, -2 when it is described wrong. */
static int kept_call(const struct snapshot *s, pid_t child, uint64_t *ino)
{
	const struct proc_info *p = snapshot_find_proc(s, child);
	if (!p || p->syscall_fd1 <= 0)
		return -1;
	int fd = p->syscall_fd1 - 1;
	pid_t pid;
	enum kept_file file;
	uint64_t dev;
	struct stat st;
	char path[64], link[64], want[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	snprintf(want, sizeof(want), "/proc/%d/syscall", (int)child);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	if (!kept_fd_lookup(fd, &pid, &file, &dev, ino) || pid != child || file != KEPT_SYSCALL ||
	    fstat(fd, &st) < 0 || st.st_ino != *ino || st.st_dev != dev || strcmp(link, want))
		return -2;
	return fd;
}

/* Whether the collector's budget of kept descriptors (half the descriptor limit, a stat, a
 * schedstat and at most a syscall file per process) has room for every process of s: beside
 * another test's 10000 processes it has none left for the child, the newest pid, read last. */
static bool kept_room(const struct snapshot *s)
{
	struct rlimit rl;
	size_t room = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (size_t)rl.rlim_cur / 2 : 0;
	return 3 * s->n_procs + 64 <= room;
}

/* A snapshot whose previous one's record of the child has another start time (as when its pid
 * is taken by a new process) opens the child's syscall file anew; the old one stays with the
 * old record and is closed with it. */
static void check_pid_reuse(struct snapshot *prev, pid_t child, int ctl)
{
	struct proc_info *p = snapshot_find_proc(prev, child);
	uint64_t ino_old, ino_new;
	int old = kept_call(prev, child, &ino_old);
	bool room = kept_room(prev);
	if (room)
		ok(old >= 0, "the previous snapshot keeps the child's syscall file (fd %d)", old);
	if (p)
		p->start_time += 1;   /* another process with the same pid, to that snapshot */
	/* A full scan: its stat fields are read anew (the previous record is ignored), so the changed start time
	 * tells it another process. (A refresh reads a process's stat through a descriptor kept
	 * open, tied to the process: there a pid taken over answers ESRCH, test_stat_carry.) */
	struct collect_opts o = { .refresh_loop = true, .prev = prev, .full_rescan = true };
	struct snapshot d;
	snapshot_init(&d);
	ok(snapshot_take(&d, &o) == 0, "a snapshot after the pid's \"reuse\"");
	int now = kept_call(&d, child, &ino_new);
	if (room && kept_room(&d))
		ok(now >= 0 && now != old && p && p->syscall_fd1 == old + 1,
		   "the kept file is not handed to the new process: it gets its own (fd %d, the old %d stays)",
		   now, old);
	else if (room)   /* another test's processes came between the two snapshots */
		skip(1, "more processes in the second snapshot than the collector keeps descriptors for");
	check_wait(&d, child, ctl, "read anew");
	snapshot_free(prev);
	pid_t pid;
	enum kept_file file;
	uint64_t dev, ino;
	if (room)
		ok(!kept_fd_lookup(old, &pid, &file, &dev, &ino) && fcntl(old, F_GETFD) < 0,
		   "the old one is closed with the old record");
	else
		skip(3, "more processes here than the collector keeps descriptors for (another test's)");
	snapshot_free(&d);
}

/* Room for the kept descriptors of every process here, even while other tests run many. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(void)
{
	raise_fd_limit();
	int ctl = -1;
	pid_t child = start_child(&ctl);
	ok(child > 0, "child started");
	struct snapshot a, b, c, tmp;
	struct collect_opts o = { .refresh_loop = true };
	wait_blocked(child, 3, &tmp);
	snapshot_init(&a);
	ok(snapshot_take(&a, &o) == 0, "first snapshot");
	size_t n0 = fds_of(&a, child);
	ok(n0 >= 3, "child's descriptors read");

	o.prev = &a;
	snapshot_init(&b);
	ok(snapshot_take(&b, &o) == 0, "second snapshot");
	ok(b.n_reused > 0, "idle processes carried over (%zu)", b.n_reused);
	is_int(fds_of(&b, child), n0, "idle child keeps its descriptors");
	check_wait(&a, child, ctl, "read");
	check_wait(&b, child, ctl, "carried over");
	uint64_t ino_b = 0, ino_c = 0;
	int fd_b = kept_call(&b, child, &ino_b);
	struct proc_info *pa0 = snapshot_find_proc(&a, child);
	bool room = kept_room(&b);
	if (room)
		ok(fd_b >= 0 && pa0 && pa0->syscall_fd1 == 0,
		   "the waiting child's syscall file, kept open, is handed on to the next snapshot (fd %d)", fd_b);
	else
		skip(1, "more processes here than the collector keeps descriptors for (another test's)");

	ok(write(ctl, "x", 1) == 1, "wake the child");
	wait_blocked(child, n0 + 1, &tmp);
	wait_sleeping(child);
	struct held_set before = held_of(&b);
	o.prev = &b;
	snapshot_init(&c);
	ok(snapshot_take(&c, &o) == 0, "third snapshot");
	is_int(fds_of(&c, child), n0 + 1, "a child that ran is read again: its new descriptor is there");
	/* in b the child was carried over from a: same descriptors, targets and kinds */
	struct proc_info *pa = snapshot_find_proc(&a, child), *pb = snapshot_find_proc(&b, child);
	bool same = pa && pb && pa->n_fds == pb->n_fds;
	for (size_t i = 0; same && i < pa->n_fds; i++)
		same = pa->fds[i].fd == pb->fds[i].fd && pa->fds[i].kind == pb->fds[i].kind &&
		       pa->fds[i].ino == pb->fds[i].ino && !strcmp(pa->fds[i].target, pb->fds[i].target) &&
		       pa->fds[i].target != pb->fds[i].target;
	ok(same, "carried-over descriptors are complete copies, owned by the new snapshot");
	ok(pa && pb && !strcmp(pa->comm, pb->comm) && pa->comm != pb->comm && pb->user &&
	   pa->vol_ctxt == pb->vol_ctxt && !strcmp(pa->cmdline, pb->cmdline), "status fields and command line carried over");
	struct proc_info *pc = snapshot_find_proc(&c, child);
	is_str(pc ? pc->comm : NULL, "reuse-woken", "a process that ran shows its new name");
	int fd_c = kept_call(&c, child, &ino_c);
	if (room)
		ok(fd_c >= 0 && fd_c == fd_b && ino_c == ino_b,
		   "after it ran its wait is read again through the same kept descriptor (fd %d, was %d)", fd_c, fd_b);
	else
		skip(1, "more processes here than the collector keeps descriptors for (another test's)");
	check_wait(&c, child, ctl, "read again");
	check_own_handles(&c, &before);
	free(before.pid);
	free(before.start);

	o.prev = &c;
	o.full_rescan = true;
	snapshot_free(&a);
	snapshot_init(&a);
	snapshot_take(&a, &o);
	is_int(a.n_reused, 0, "a full rescan carries nothing over");
	check_pid_reuse(&a, child, ctl);
	snapshot_init(&a);   /* freed by check_pid_reuse */

	close(ctl);
	waitpid(child, NULL, 0);
	snapshot_free(&a);
	snapshot_free(&b);
	snapshot_free(&c);
	collect_shutdown();
	return tap_done();
}
