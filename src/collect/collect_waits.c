/* collect_waits.c — what blocked tasks wait on: /proc/PID/syscall for a process whose main
 * thread sleeps, is in D state or is stopped (nothing for a running one), each thread's from
 * the task walk (collect_threads.c), the descriptors an epoll_wait watches (the epoll fd's
 * fdinfo), and /proc/locks' blocked requests. A process that has not run since the previous
 * snapshot is still in the same call: its wait is copied, not read again. A detail process's
 * main thread is read once, by the PCB (collect_detail), and decoded from there. In a refresh
 * loop a waiting task's syscall file stays open (a thread's too), read again with one pread. Unreadable
 * (another user's task as non-root: EACCES) is recorded as unknown, never guessed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_pcb.h"
#include "collect/parse_proc.h"
#include "collect/parse_waits.h"
#include "model/wait_decode.h"

/* Decode a call read as nr and args (ok false: not readable) into w; false when the task
 * turned out to run. */
static bool decode_read(struct task_wait *w, bool ok, const uint64_t args[6], pid_t tracer)
{
	if (!ok)
		w->syscall_nr = -3;
	else if (w->syscall_nr == -2 && w->state != 'T' && w->state != 't')
		return false;
	wait_decode(w, !ok || w->syscall_nr < 0 ? NULL : args);
	w->chan = -1;
	if (w->kind == WK_TRACED)
		w->by = tracer;
	return true;
}

/* Read the system call of the task at path ("PID/syscall" or "PID/task/TID/syscall") into w;
 * false when it turned out to run. */
static bool read_task_call(struct scan_ctx *c, const char *path, struct task_wait *w,
                           pid_t tracer)
{
	uint64_t args[6], sp, pc;
	bool regs;
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	int r = n > 0 ? parse_syscall_args(c->tmp.buf, (size_t)n, &w->syscall_nr, args, &sp, &pc,
	                                  &regs) : -1;
	return decode_read(w, r == 0, args, tracer);
}

/* A detail process's epoll descriptor has its targets read already (collect_fds). */
static const struct fd_anon *detail_epoll(const struct proc_info *p, int fd)
{
	for (size_t i = 0; i < p->n_fds; i++)
		if (p->fds[i].fd == fd && p->fds[i].kind == FDK_EVENTPOLL)
			return p->fds[i].anon;
	return NULL;
}

static void set_watched(struct snapshot *s, struct task_wait *w, const struct epoll_target *t,
                        size_t n)
{
	w->watch_read = true;
	w->n_watched = (uint32_t)n;
	w->watched = n ? arena_alloc(&s->arena, n * sizeof(*w->watched)) : NULL;
	for (size_t i = 0; i < n; i++)
		w->watched[i] = (struct wait_watch){ .t = t[i], .chan = -1 };
}

/* epoll_wait: the descriptors its epoll fd watches, from that fd's fdinfo ("tfd:" lines). */
static void read_watched(struct snapshot *s, struct scan_ctx *c, const struct proc_info *p,
                         struct task_wait *w)
{
	w->watched = NULL;
	w->n_watched = 0;
	w->watch_read = false;
	if (w->kind != WK_EPOLL || w->fd < 0)
		return;
	const struct fd_anon *a = detail_epoll(p, w->fd);
	if (a) {
		set_watched(s, w, a->targets, a->n_targets);
		return;
	}
	long n = collect_read_fdinfo(c, p->pid, w->fd);
	if (n <= 0)
		return;
	struct fd_anon tmp;
	struct fdinfo_lists *l = scan_anon_lists(c);
	parse_fdinfo_anon(c->tmp.buf, (size_t)n, &tmp, l, NULL);
	set_watched(s, w, l->targets, l->n_targets);
}

void collect_wait_copy(struct snapshot *s, struct task_wait *w, const struct task_wait *old,
                       pid_t tracer)
{
	*w = *old;   /* it has not run: still in the same call */
	w->call_fd1 = 0;   /* the kept descriptor is handed on by the caller, if at all */
	w->chan = -1;
	w->peers = NULL;
	w->n_peers = 0;
	w->by = w->kind == WK_TRACED ? tracer : 0;
	if (old->watch_read) {
		set_watched(s, w, NULL, 0);
		w->watched = old->n_watched ?
			arena_alloc(&s->arena, old->n_watched * sizeof(*w->watched)) : NULL;
		w->n_watched = old->n_watched;
		for (uint32_t i = 0; i < old->n_watched; i++)
			w->watched[i] = (struct wait_watch){ .t = old->watched[i].t, .chan = -1 };
	}
}

/* The /proc/PID/syscall descriptor the previous record of p kept, now p's (-1: none). */
static int take_kept_call(struct proc_info *p, struct proc_info *before)
{
	if (!before || before->syscall_fd1 <= 0)
		return -1;
	p->syscall_fd1 = before->syscall_fd1;
	before->syscall_fd1 = 0;
	return p->syscall_fd1 - 1;
}

/* The call through fd, a kept syscall file, into w: 1 read, 0 the task turned out to run, -1
 * the pread failed (the task has gone, or may no longer be read: then fd is closed and *fd1
 * is 0). Else fd stays kept in *fd1. The open file is tied to the task, never to a later one
 * with its id. */
static int pread_call(int fd, int *fd1, struct task_wait *w, pid_t tracer)
{
	char buf[256];
	uint64_t args[6], sp, pc;
	bool regs;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0 || (buf[n] = '\0', parse_syscall_args(buf, (size_t)n, &w->syscall_nr, args, &sp,
							    &pc, &regs)) != 0) {
		kept_fd_close(fd);
		*fd1 = 0;
		return -1;
	}
	*fd1 = fd + 1;
	return decode_read(w, true, args, tracer) ? 1 : 0;
}

/* Whether a refresh loop may open a syscall file to keep: not when the last read was denied. */
static bool may_keep(const struct scan_ctx *c, const struct task_wait *last)
{
	return c->opts && c->opts->refresh_loop && !(last && last->syscall_nr == -3);
}

/* The main thread's call through its kept /proc/PID/syscall (taken over, or opened in a
 * refresh loop): as pread_call, -1 also when none is kept. */
static int read_kept_call(struct scan_ctx *c, struct proc_info *p, struct proc_info *before,
                          struct task_wait *w)
{
	int fd = take_kept_call(p, before);
	if (fd < 0 && may_keep(c, before ? before->wait : NULL))
		fd = collect_keep_open(c, p->pid, KEPT_SYSCALL);
	return fd < 0 ? -1 : pread_call(fd, &p->syscall_fd1, w, p->tracer);
}

/* The previous record's wait of thread tid (before may be NULL), or NULL. */
struct task_wait *collect_task_before(struct proc_info *before, pid_t tid)
{
	for (size_t t = 0; before && t < before->n_tasks; t++)
		if (before->tasks[t].tid == tid)
			return &before->tasks[t];
	return NULL;
}

void collect_task_fd_take(struct task_wait *w, struct proc_info *before)
{
	struct task_wait *last = collect_task_before(before, w->tid);
	if (last && last->call_fd1 > 0) {
		w->call_fd1 = last->call_fd1;
		last->call_fd1 = 0;
	}
}

/* A thread's call through its kept task/TID/syscall (taken over from before's record of it,
 * or opened in a refresh loop): as read_kept_call. */
static int read_kept_task_call(struct scan_ctx *c, const struct proc_info *p,
                               struct proc_info *before, struct task_wait *w)
{
	collect_task_fd_take(w, before);
	int fd = w->call_fd1 - 1;
	if (fd < 0 && may_keep(c, collect_task_before(before, w->tid)))
		fd = collect_keep_open(c, w->tid, KEPT_TASK_SYSCALL);
	return fd < 0 ? -1 : pread_call(fd, &w->call_fd1, w, p->tracer);
}

void collect_wait(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                  const struct proc_info *old, struct proc_info *before)
{
	p->wait = NULL;
	if ((p->flags & PF_KTHREAD) || !wait_state(p->state))
		return;
	struct task_wait w = { .tid = p->pid, .state = p->state, .chan = -1 };
	if (old && old->wait && old->wait->state == p->state) {
		take_kept_call(p, before);   /* still in the same call: kept for when it moves */
		collect_wait_copy(s, &w, old->wait, p->tracer);
	} else if (p->pcb) {
		take_kept_call(p, before);
		w.syscall_nr = p->pcb->syscall_nr;   /* read this refresh by collect_detail */
		if (!decode_read(&w, p->pcb->syscall_nr != -3, p->pcb->args, p->tracer))
			return;
		read_watched(s, c, p, &w);
	} else {
		int r = read_kept_call(c, p, before, &w);
		char path[48];
		snprintf(path, sizeof(path), "%d/syscall", (int)p->pid);
		if (r == 0 || (r < 0 && !read_task_call(c, path, &w, p->tracer)))
			return;
		read_watched(s, c, p, &w);
	}
	p->wait = arena_memdup(&s->arena, &w, sizeof(w));
}

void collect_task_wait(struct snapshot *s, struct scan_ctx *c, const struct proc_info *p,
                       struct proc_info *before, pid_t tid, char state, struct task_wait *w)
{
	memset(w, 0, sizeof(*w));
	w->tid = tid;
	w->state = state;
	w->fd = -1;
	w->chan = -1;
	w->syscall_nr = -2;
	if (!wait_state(state))
		return;
	if (tid == p->pid && p->wait) {
		*w = *p->wait;   /* the main thread, read this refresh already */
		return;
	}
	char path[80];
	snprintf(path, sizeof(path), "%d/task/%d/syscall", (int)p->pid, (int)tid);
	int r = read_kept_task_call(c, p, before, w);
	if (r == 0 || (r < 0 && !read_task_call(c, path, w, p->tracer))) {
		w->state = 'R';   /* it ran on between its stat and its syscall */
		w->syscall_nr = -2;
		w->kind = WK_UNKNOWN;
		return;
	}
	read_watched(s, c, p, w);
}

/* Some process or detail thread waits in a lock call: only then is /proc/locks worth reading. */
static bool any_lock_wait(const struct snapshot *s)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if (p->wait && p->wait->kind == WK_LOCK)
			return true;
		for (size_t t = 0; t < p->n_tasks; t++)
			if (p->tasks[t].kind == WK_LOCK)
				return true;
	}
	return false;
}

void collect_locks(struct snapshot *s, struct scan_ctx *c)
{
	if (!any_lock_wait(s))
		return;
	long len = read_file_at(c->proc_fd, "locks", &c->file);
	if (len <= 0)
		return;
	size_t n = parse_lock_waits(c->file.buf, (size_t)len, NULL, 0);
	if (!n)
		return;
	s->lock_waits = arena_alloc(&s->arena, n * sizeof(*s->lock_waits));
	s->n_lock_waits = parse_lock_waits(c->file.buf, (size_t)len, s->lock_waits, n);
}
