/* wait_since.c — "blocked since": carried across snapshots while the wait stays the same. */
#include "model/wait_since.h"

bool wait_same(const struct task_wait *a, const struct task_wait *b)
{
	return a->kind == b->kind && a->state == b->state && a->syscall_nr == b->syscall_nr &&
	       a->fd == b->fd && a->arg == b->arg && a->dir == b->dir;
}

static uint64_t since_of(const struct proc_info *p, const struct snapshot *before, uint64_t now_ms)
{
	const struct proc_info *q = before ? snapshot_find_proc(before, p->pid) : NULL;
	if (q && q->start_time == p->start_time && q->wait && q->wait_since_ms &&
	    wait_same(q->wait, p->wait))
		return q->wait_since_ms;
	return now_ms;
}

void wait_since_carry(struct snapshot *now, const struct snapshot *before)
{
	for (size_t i = 0; i < now->n_procs; i++) {
		struct proc_info *p = &now->procs[i];
		p->wait_since_ms = p->wait ? since_of(p, before, now->taken_ms) : 0;
	}
}
