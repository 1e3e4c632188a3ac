/* list_marks.c — which processes the list marks "new" (started within the window) or "exec"
 * (replaced its program since the snapshot before, remembered for the window). */
#include "view/list_marks.h"

#include <string.h>

/* Whether p of cur replaced its program since prev saw it: the same process (pid and start),
 * both stacks known, and the stack placed anew. */
static int execed(const struct proc_info *prev, const struct proc_info *p)
{
	return prev && prev->start_time == p->start_time && prev->stack_start && p->stack_start &&
	       prev->stack_start != p->stack_start;
}

static void remember(struct list_marks *m, const struct proc_info *p, uint64_t at_ms)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->execs[i].pid == p->pid && m->execs[i].start == p->start_time) {
			m->execs[i].at_ms = at_ms;   /* a second exec: marked anew */
			return;
		}
	if (m->n == LIST_MAX_EXECS) {        /* the oldest (first) goes */
		memmove(m->execs, m->execs + 1, (m->n - 1) * sizeof(m->execs[0]));
		m->n--;
	}
	m->execs[m->n++] = (struct list_exec){ p->pid, p->start_time, at_ms };
}

static void forget_expired(struct list_marks *m, uint64_t now_ms)
{
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++)
		if (now_ms < m->execs[i].at_ms + m->window_ms && now_ms >= m->execs[i].at_ms)
			m->execs[k++] = m->execs[i];
	m->n = k;
}

void list_marks_update(struct list_marks *m, const struct snapshot *old, const struct snapshot *cur)
{
	m->window_ms = LIST_MARK_MS;
	if (old && cur->taken_ms > old->taken_ms && 3 * (cur->taken_ms - old->taken_ms) > m->window_ms)
		m->window_ms = 3 * (cur->taken_ms - old->taken_ms);
	forget_expired(m, cur->taken_ms);
	if (!old)
		return;
	for (size_t i = 0; i < cur->n_procs; i++) {
		const struct proc_info *p = &cur->procs[i];
		if (!p->host && execed(snapshot_find_proc(old, p->pid), p))
			remember(m, p, cur->taken_ms);
	}
}

/* How long ago p started, in ms, from the snapshot's uptime; UINT64_MAX when unknown. */
static uint64_t age_ms(const struct snapshot *s, const struct proc_info *p)
{
	if (s->sys.uptime_s <= 0 || s->sys.ticks_per_sec <= 0)
		return UINT64_MAX;
	double age = s->sys.uptime_s - (double)p->start_time / (double)s->sys.ticks_per_sec;
	return age < 0 ? 0 : (uint64_t)(age * 1000.0);
}

enum list_mark list_mark_of(const struct list_marks *m, const struct snapshot *s,
			    const struct proc_info *p)
{
	if (p->host)
		return LM_NONE;
	for (size_t i = 0; i < m->n; i++)
		if (m->execs[i].pid == p->pid && m->execs[i].start == p->start_time)
			return LM_EXEC;
	uint64_t window = m->window_ms ? m->window_ms : LIST_MARK_MS;
	return age_ms(s, p) < window ? LM_NEW : LM_NONE;
}

const char *list_mark_word(enum list_mark k)
{
	return k == LM_NEW ? "new" : k == LM_EXEC ? "exec" : NULL;
}
