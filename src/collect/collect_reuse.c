/* collect_reuse.c — refresh cost that follows activity: a process whose tasks have not run
 * since the previous snapshot has executed nothing, so its status fields, command line,
 * descriptors and mappings are copied from that snapshot instead of being read from /proc
 * again. (A blocked signal can become pending without the process running: the one field
 * that may lag, until the process's turn of the rotating full read or it runs.) The run time is the sum of
 * /proc/PID/task/TID/schedstat over its threads (one read for a single-threaded process). */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"
#include "util/kept_fds.h"

/* Threads above this many are rescanned rather than summed (reading every task would cost
 * more than reading the descriptors). */
enum { REUSE_MAX_THREADS = 8 };

static bool read_run_ns(struct scan_ctx *c, const char *path, uint64_t *run)
{
	uint64_t wait, slices;
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	return n > 0 && parse_schedstat(c->tmp.buf, run, &wait, &slices) == 0;
}

/* Total run time of all threads of p in ns, or 0 when it cannot be read. */
static uint64_t total_runtime(struct scan_ctx *c, const struct proc_info *p)
{
	char path[64];
	uint64_t run = 0, sum = 0;
	if (p->nlwp <= 1) {
		snprintf(path, sizeof(path), "%d/schedstat", (int)p->pid);
		return read_run_ns(c, path, &run) ? run : 0;
	}
	snprintf(path, sizeof(path), "%d/task", (int)p->pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	dir_reader_init(&c->dir, dfd);
	const char *tid;
	while ((tid = dir_next(&c->dir))) {
		snprintf(path, sizeof(path), "%d/task/%.16s/schedstat", (int)p->pid, tid);
		if (!read_run_ns(c, path, &run)) {
			sum = 0;
			break;
		}
		sum += run;
	}
	close(dfd);
	return sum;
}

static struct fd_info *copy_fds(struct snapshot *s, const struct proc_info *old)
{
	struct fd_info *fds = arena_memdup(&s->arena, old->fds, old->n_fds * sizeof(*fds));
	for (size_t i = 0; i < old->n_fds; i++) {
		fds[i].target = arena_strdup(&s->arena, old->fds[i].target);
		fds[i].sock = -1;   /* sockets are linked again from this snapshot's dump */
		fds[i].anon = NULL;   /* read for detail processes only, which are never copied */
		fds[i].has_fdinfo = false;
	}
	return fds;
}

static struct map_info *copy_ipc_maps(struct snapshot *s, const struct proc_info *old, size_t *n)
{
	struct map_info *maps = arena_alloc(&s->arena, old->n_maps * sizeof(*maps));
	size_t k = 0;
	for (size_t i = 0; i < old->n_maps; i++) {
		if (!map_is_ipc(&old->maps[i]))
			continue;   /* the old one may have been a detail process: keep IPC lines only */
		maps[k] = old->maps[i];
		maps[k].path = arena_strdup(&s->arena, old->maps[i].path);
		k++;
	}
	*n = k;
	return maps;
}

/* Half the descriptor limit, asked for once (-1: not yet). */
static atomic_int keep_max = -1;

/* The soft limit raised to the hard one, at most to the descriptors util/kept_fds can record:
 * a refresh keeps up to three files per process open (stat, schedstat, syscall), and the soft
 * limit's usual 1024 (kept low for select(), which ipctop does not use) would leave most
 * processes to be read in full at every refresh. */
static void raise_limit(struct rlimit *rl)
{
	rlim_t want = rl->rlim_max < (rlim_t)KEPT_FDS_MAX ? rl->rlim_max : (rlim_t)KEPT_FDS_MAX;
	if (rl->rlim_cur == RLIM_INFINITY || rl->rlim_cur >= want)
		return;
	struct rlimit raised = { want, rl->rlim_max };
	if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
		rl->rlim_cur = want;
}

static int keep_limit(void)
{
	int max = atomic_load(&keep_max);
	if (max >= 0)
		return max;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
		raise_limit(&rl);
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		max = 1024;
	else
		max = rl.rlim_cur > 512 ? (int)(rl.rlim_cur / 2) : 0;
	atomic_store(&keep_max, max);
	return max;
}

/* The processes of the snapshot being taken (collect_keep_reserve). */
static atomic_size_t n_procs_now;

void collect_keep_reserve(size_t n_procs)
{
	atomic_store(&n_procs_now, n_procs);
}

/* Room to keep one more file: a schedstat while under the limit; any other only while room is
 * left for a schedstat of every process that has none (without one, no process is known
 * idle, and each is read in full at every refresh; the others only save an open and a close). */
static bool keep_room(enum kept_file file)
{
	size_t kept = (size_t)kept_fd_count(), limit = (size_t)keep_limit();
	if (file == KEPT_SCHEDSTAT)
		return kept < limit;
	size_t n = atomic_load(&n_procs_now), have = (size_t)kept_fd_count_of(KEPT_SCHEDSTAT);
	size_t reserve = n > have ? n - have : 0;
	return kept + reserve < limit;
}

int collect_keep_open(struct scan_ctx *c, pid_t pid, enum kept_file file)
{
	if (!keep_room(file))
		return -1;
	char path[64];
	struct stat st;
	if (file == KEPT_TASK_SYSCALL)   /* a thread: its own id names its directory too */
		snprintf(path, sizeof(path), "%d/task/%d/syscall", (int)pid, (int)pid);
	else
		snprintf(path, sizeof(path), "%d/%s", (int)pid, kept_file_name(file));
	int fd = openat(c->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !kept_fd_note(fd, pid, file, st.st_dev, st.st_ino))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The run time of a single-threaded process from its schedstat kept open: one pread a refresh
 * instead of open, read and close. The descriptor is taken over from the previous snapshot's
 * record of the same process (same pid and start time); a process that has gone answers ESRCH,
 * never another's numbers (the open file is tied to the process, not to its pid). */
static uint64_t kept_runtime(struct scan_ctx *c, struct proc_info *p, struct proc_info *before)
{
	int fd = -1;
	if (before && before->runtime_fd1 > 0) {
		fd = before->runtime_fd1 - 1;
		before->runtime_fd1 = 0;
	} else {
		fd = collect_keep_open(c, p->pid, KEPT_SCHEDSTAT);
	}
	if (fd < 0)
		return total_runtime(c, p);
	char buf[128];
	uint64_t run, wait, slices;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0 || (buf[n] = '\0', parse_schedstat(buf, &run, &wait, &slices)) != 0) {
		kept_fd_close(fd);
		return 0;
	}
	p->runtime_fd1 = fd + 1;
	return run;
}

void collect_forget_runtime(struct proc_info *p)
{
	if (p->runtime_fd1 > 0) {
		kept_fd_close(p->runtime_fd1 - 1);
		p->runtime_fd1 = 0;
	}
	if (p->stat_fd1 > 0) {
		kept_fd_close(p->stat_fd1 - 1);
		p->stat_fd1 = 0;
	}
	if (p->syscall_fd1 > 0) {
		kept_fd_close(p->syscall_fd1 - 1);
		p->syscall_fd1 = 0;
	}
	for (size_t t = 0; t < p->n_tasks; t++)
		if (p->tasks[t].call_fd1 > 0) {
			kept_fd_close(p->tasks[t].call_fd1 - 1);
			p->tasks[t].call_fd1 = 0;
		}
}

uint64_t collect_runtime(struct scan_ctx *c, struct proc_info *p, struct proc_info *before)
{
	const struct collect_opts *o = c->opts;
	if (!o || !o->refresh_loop || p->nlwp > REUSE_MAX_THREADS)
		return 0;   /* a one-shot snapshot has nothing to compare with later */
	if (p->nlwp > 1)
		return total_runtime(c, p);
	/* Each process of prev is matched by one process of this snapshot at most (pids are
	 * unique), so workers never take the same descriptor. */
	return kept_runtime(c, p, before);
}

const struct proc_info *collect_idle_prev(const struct scan_ctx *c, const struct proc_info *p,
                                         const struct proc_info *old)
{
	const struct collect_opts *o = c->opts;
	if (!o || o->full_rescan || !p->sched_runtime || scan_is_detail(c, p->pid))
		return NULL;
	if (collect_rescan_turn(o, p->pid))
		return NULL;   /* its turn to be read in full */
	if (!old || old->sched_runtime != p->sched_runtime ||
	    (old->flags & (PF_FDS_DENIED | PF_MAPS_DENIED | PF_NETNS_DENIED | PF_STATUS_DENIED)))
		return NULL;
	return old;
}

const struct proc_info *collect_idle_waiter(const struct scan_ctx *c, const struct proc_info *p,
                                           const struct proc_info *before)
{
	if (!c->opts || !p->sched_runtime || scan_is_detail(c, p->pid) || !before ||
	    before->sched_runtime != p->sched_runtime)
		return NULL;
	return before;
}

void collect_reuse_status(struct snapshot *s, struct proc_info *p, const struct proc_info *old)
{
	p->comm = arena_strdup(&s->arena, old->comm);
	p->cmdline = arena_strdup(&s->arena, old->cmdline);
	p->ruid = old->ruid; p->euid = old->euid; p->suid = old->suid; p->fsuid = old->fsuid;
	p->rgid = old->rgid; p->egid = old->egid; p->sgid = old->sgid; p->fsgid = old->fsgid;
	p->user = old->user;   /* the program-long user-name cache */
	p->vol_ctxt = old->vol_ctxt;
	p->nonvol_ctxt = old->nonvol_ctxt;
	p->sig_pending = old->sig_pending;
	p->sig_blocked = old->sig_blocked;
	p->sig_ignored = old->sig_ignored;
	p->sig_caught = old->sig_caught;
	p->tracer = old->tracer;
	p->shr_kib = old->shr_kib;   /* like its RSS: changed by its own faults, or by reclaim */
	p->flags |= old->flags & (PF_KTHREAD | PF_SHR);
}

void collect_reuse_tables(struct snapshot *s, struct proc_info *p, const struct proc_info *old)
{
	p->fds = copy_fds(s, old);
	p->n_fds = old->n_fds;
	p->maps = copy_ipc_maps(s, old, &p->n_maps);
	p->netns = old->netns;
	p->pidns = old->pidns;
	p->ipcns = old->ipcns;
	s->n_reused++;
}
