/* collect_waits.c — what blocked tasks wait on: /proc/PID/syscall for a process whose main
 * thread sleeps, is in D state or is stopped (nothing for a running one), every thread's in
 * detail, and /proc/locks' blocked requests. A process that has not run since the previous
 * snapshot is still in the same call: its wait is copied, not read again. Unreadable (another
 * user's task as non-root: EACCES) is recorded as unknown, never guessed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_pcb.h"
#include "collect/parse_waits.h"
#include "model/wait_decode.h"

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
	if (r < 0)
		w->syscall_nr = -3;
	else if (w->syscall_nr == -2 && w->state != 'T' && w->state != 't')
		return false;
	wait_decode(w, r < 0 || w->syscall_nr < 0 ? NULL : args);
	w->chan = -1;
	if (w->kind == WK_TRACED)
		w->by = tracer;
	return true;
}

void collect_wait(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                  const struct proc_info *old)
{
	p->wait = NULL;
	if ((p->flags & PF_KTHREAD) || !wait_state(p->state))
		return;
	struct task_wait w = { .tid = p->pid, .state = p->state, .chan = -1 };
	if (old && old->wait && old->wait->state == p->state) {
		w = *old->wait;   /* it has not run: still in the same call */
		w.chan = -1;
		w.peers = NULL;
		w.n_peers = 0;
		w.by = w.kind == WK_TRACED ? p->tracer : 0;
	} else {
		char path[48];
		snprintf(path, sizeof(path), "%d/syscall", (int)p->pid);
		if (!read_task_call(c, path, &w, p->tracer))
			return;
	}
	p->wait = arena_memdup(&s->arena, &w, sizeof(w));
}

/* One thread of a detail process: its state from task/TID/stat, its call if it waits. */
static bool read_task(struct scan_ctx *c, const struct proc_info *p, const char *tid,
                      struct task_wait *w)
{
	char path[80];
	memset(w, 0, sizeof(*w));
	w->tid = (pid_t)atoi(tid);
	w->fd = -1;
	w->chan = -1;
	snprintf(path, sizeof(path), "%d/task/%.16s/stat", (int)p->pid, tid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n <= 0 || w->tid <= 0)
		return false;
	w->state = parse_stat_state(c->tmp.buf, (size_t)n);
	if (!wait_state(w->state)) {
		w->syscall_nr = -2;
		return true;
	}
	snprintf(path, sizeof(path), "%d/task/%.16s/syscall", (int)p->pid, tid);
	if (!read_task_call(c, path, w, p->tracer)) {
		w->state = 'R';   /* it ran on between its stat and its syscall */
		w->syscall_nr = -2;
		w->kind = WK_UNKNOWN;
	}
	return true;
}

void collect_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	p->tasks = NULL;
	p->n_tasks = 0;
	if (p->flags & PF_KTHREAD)
		return;
	snprintf(path, sizeof(path), "%d/task", (int)p->pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	size_t cap = p->nlwp > 0 ? (size_t)p->nlwp + 8 : 16, n = 0;
	struct task_wait *t = arena_alloc(&s->arena, cap * sizeof(*t));
	dir_reader_init(&c->dir, dfd);
	const char *tid;
	while ((tid = dir_next(&c->dir)) && n < cap)
		if (read_task(c, p, tid, &t[n]))
			n++;
	close(dfd);
	p->tasks = t;
	p->n_tasks = n;
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
