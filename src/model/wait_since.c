/* wait_since.c — "blocked since": carried across snapshots while the wait stays the same. */
#include "model/wait_since.h"
#include "model/wait_short.h"

bool wait_same(const struct task_wait *a, const struct task_wait *b)
{
	return a->kind == b->kind && a->state == b->state && a->syscall_nr == b->syscall_nr &&
	       a->fd == b->fd && a->arg == b->arg && a->dir == b->dir;
}

/* The wait p's "since" is about: the one that blocks it (maybe another thread's), else its
 * main thread's. */
static const struct task_wait *timed_wait(const struct proc_info *p)
{
	const struct task_wait *w = wait_blocking(p);
	return w ? w : p->wait;
}

static uint64_t since_of(const struct proc_info *p, const struct snapshot *before, uint64_t now_ms)
{
	const struct proc_info *q = before ? snapshot_find_proc(before, p->pid) : NULL;
	const struct task_wait *a = q ? timed_wait(q) : NULL, *b = timed_wait(p);
	if (q && q->start_time == p->start_time && a && q->wait_since_ms && a->tid == b->tid &&
	    wait_same(a, b))
		return q->wait_since_ms;
	return now_ms;
}

void wait_since_carry(struct snapshot *now, const struct snapshot *before)
{
	for (size_t i = 0; i < now->n_procs; i++) {
		struct proc_info *p = &now->procs[i];
		p->wait_since_ms = timed_wait(p) ? since_of(p, before, now->taken_ms) : 0;
	}
}
