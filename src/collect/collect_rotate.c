/* collect_rotate.c — every thread's wait of a process of more than TASK_WAITS_MAX threads,
 * within the refresh budget. Each of its threads' stat is read (state), and each waiting one's
 * schedstat (run time, in ns), but at most TASK_WAITS_MAX of their system calls per refresh:
 * first the waiting threads with no wait known or that ran since theirs was read (run time or
 * state changed), then those read longest
 * ago. The others keep the wait last read, with the taken_ms of the snapshot that read it
 * (read_ms), so every thread is examined within ceil(n / TASK_WAITS_MAX) refreshes. While some
 * waiting thread has no wait known the process is marked PF_TASKS_UNREAD (said, never
 * silent). Kept syscall descriptors follow collect_waits.c's rules, kept copies included. */
#include <stdio.h>
#include <stdlib.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "model/wait_decode.h"
#include "util/xalloc.h"

enum act { ACT_SKIP, ACT_READ, ACT_COPY };

struct pick {
	enum act act;
	bool stale;          /* waits as when before read it: a candidate by age */
	uint64_t read_ms;    /* stale: when its wait was read */
	struct task_wait *last;
	uint64_t mark;       /* its run time now (run_mark) */
};

/* Thread t of pid's run time in ns (schedstat); unreadable: its CPU ticks, marked by the top
 * bit so that the two never compare equal. */
static uint64_t run_mark(struct scan_ctx *c, pid_t pid, const struct thread_info *t)
{
	char path[64];
	uint64_t run, wait, slices;
	snprintf(path, sizeof(path), "%d/task/%d/schedstat", (int)pid, (int)t->tid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n > 0 && parse_schedstat(c->tmp.buf, &run, &wait, &slices) == 0)
		return run & ~(1ull << 63);
	return (t->utime + t->stime) | 1ull << 63;
}

/* A stale thread: its index, and when its wait was read. */
struct aged { size_t i; uint64_t read_ms; };

/* The oldest read first, then in directory order. */
static int by_age(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;
	if (x->read_ms != y->read_ms)
		return (x->read_ms > y->read_ms) - (x->read_ms < y->read_ms);
	return (x->i > y->i) - (x->i < y->i);
}

/* before's record of thread tid, looked for from *at on: both lists are in the directory's
 * order, so a walk through all threads finds each at once (*at: where to look next). */
static struct task_wait *last_of(struct proc_info *before, pid_t tid, size_t *at)
{
	size_t n = before ? before->n_tasks : 0;
	for (size_t k = 0; k < n; k++) {
		size_t j = (*at + k) % n;
		if (before->tasks[j].tid == tid) {
			*at = j + 1;
			return &before->tasks[j];
		}
	}
	return NULL;
}

/* What to do with each thread: read up to budget, the others copied or skipped. */
static bool choose(struct scan_ctx *c, const struct proc_info *p, struct proc_info *before,
                   uint64_t prev_ms, const struct thread_info *ts, size_t n, struct pick *pk)
{
	size_t budget = TASK_WAITS_MAX, n_stale = 0, at = 0;
	struct aged *stale = xmalloc((n ? n : 1) * sizeof(*stale));
	bool unread = false;
	for (size_t i = 0; i < n; i++) {
		struct task_wait *o = last_of(before, ts[i].tid, &at);
		pk[i] = (struct pick){ .act = ACT_READ, .last = o };
		if (!wait_state(ts[i].state) || (ts[i].tid == p->pid && p->wait))
			continue;   /* costs no read: running, or the main thread's read already */
		pk[i].mark = run_mark(c, p->pid, &ts[i]);
		if (o && wait_state(o->state) && o->state == ts[i].state && o->run_mark &&
		    o->run_mark == pk[i].mark) {
			pk[i].stale = true;
			pk[i].read_ms = o->read_ms ? o->read_ms : prev_ms;
			stale[n_stale++] = (struct aged){ i, pk[i].read_ms };
		} else if (budget) {
			budget--;
		} else {
			pk[i].act = ACT_SKIP;
			unread = true;
		}
	}
	qsort(stale, n_stale, sizeof(*stale), by_age);
	for (size_t k = 0; k < n_stale; k++)
		if (budget)
			budget--;
		else
			pk[stale[k].i].act = ACT_COPY;
	free(stale);
	return unread;
}

static void thread_list(struct snapshot *s, struct proc_info *p, const struct thread_info *ts,
                        size_t n)
{
	p->threads = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*p->threads));
	for (size_t i = 0; i < n; i++)
		if (ts[i].tid != p->pid)
			p->threads[p->n_threads++] = ts[i];
}

void collect_tasks_rotate(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                          struct proc_info *before, bool threads)
{
	size_t cap = (size_t)p->nlwp + 8 < MAX_THREADS_READ ? (size_t)p->nlwp + 8 : MAX_THREADS_READ;
	struct thread_info *ts = xmalloc(cap * sizeof(*ts));
	struct pick *pk = xmalloc(cap * sizeof(*pk));
	size_t n = collect_read_threads(c, threads ? &s->arena : NULL, p->pid, ts, cap);
	const struct snapshot *prev = c->opts ? c->opts->prev : NULL;
	if (choose(c, p, before, prev ? prev->taken_ms : 0, ts, n, pk))
		p->flags |= PF_TASKS_UNREAD;
	p->tasks = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*p->tasks));
	for (size_t i = 0; i < n; i++) {
		struct task_wait *w = &p->tasks[p->n_tasks];
		if (pk[i].act == ACT_SKIP)
			continue;
		if (pk[i].act == ACT_COPY) {
			collect_wait_copy(s, w, pk[i].last, p->tracer);
			w->call_fd1 = pk[i].last->call_fd1;   /* kept for when it moves */
			pk[i].last->call_fd1 = 0;
			w->read_ms = pk[i].read_ms;
		} else {
			collect_task_wait(s, c, p, before, ts[i].tid, ts[i].state, w);
			w->run_mark = pk[i].mark;
		}
		p->n_tasks++;
	}
	if (threads)
		thread_list(s, p, ts, n);
	free(pk);
	free(ts);
}
