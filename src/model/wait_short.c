/* wait_short.c — the few words for a wait (WAIT column, waits screen) and the blocked test. */
#include "model/wait_short.h"

#include <string.h>

#include "model/kernel_names.h"
#include "model/wait_decode.h"
#include "model/wait_describe.h"
#include "util/text_escape.h"

bool wait_unreadable(const struct task_wait *w)
{
	return w && w->kind == WK_UNKNOWN && w->syscall_nr == -3;
}

/* The main thread's own test: see wait_blocked. */
static bool main_blocked(const struct task_wait *w)
{
	if (!w)
		return false;
	if (w->state == 'D' || wait_unreadable(w))
		return true;
	switch (w->kind) {
	case WK_FD: case WK_MQ: return w->chan >= 0;
	case WK_CHILD: return w->n_peers > 0;
	case WK_SYSV_MSG: case WK_SYSV_SEM: case WK_LOCK: case WK_STOPPED: case WK_TRACED: return true;
	default: return false;
	}
}

bool wait_has_edges(const struct task_wait *w)
{
	if (!w || !w->n_peers)
		return false;
	if (w->kind != WK_EPOLL)
		return true;
	for (uint32_t i = 0; i < w->n_watched; i++)
		if (!w->watched[i].n_peers)
			return false;
	return w->watch_read;
}

const struct task_wait *wait_blocking(const struct proc_info *p)
{
	if (main_blocked(p->wait))
		return p->wait;
	for (size_t t = 0; t < p->n_tasks; t++)
		if (p->tasks[t].tid != p->pid && wait_state(p->tasks[t].state) &&
		    wait_has_edges(&p->tasks[t]))
			return &p->tasks[t];
	return NULL;
}

bool wait_blocked(const struct proc_info *p)
{
	return wait_blocking(p) != NULL;
}

static void put_call(struct strbuf *sb, int64_t nr) { wait_put_call(sb, nr, "syscall"); }

static void put_fd_object(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	put_call(sb, w->syscall_nr);
	if (w->chan >= 0 && (size_t)w->chan < s->n_chans)
		sb_printf(sb, " %s", chan_kind_name(s->chans[w->chan].kind));
	else
		sb_printf(sb, " fd %d", w->fd);
}

void wait_short_what(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	switch (w->kind) {
	case WK_FD: case WK_MQ: put_fd_object(sb, s, w); break;
	case WK_SYSV_MSG: put_call(sb, w->syscall_nr); sb_printf(sb, " msq %lld", (long long)w->arg); break;
	case WK_SYSV_SEM: put_call(sb, w->syscall_nr); sb_printf(sb, " sem %lld", (long long)w->arg); break;
	case WK_EPOLL:
		put_call(sb, w->syscall_nr);
		if (w->watch_read)
			sb_printf(sb, " watching %u fd%s", w->n_watched, w->n_watched == 1 ? "" : "s");
		break;
	case WK_LOCK: sb_printf(sb, "lock fd %d", w->fd); break;
	case WK_STOPPED: sb_puts(sb, "stopped"); break;
	case WK_TRACED: sb_puts(sb, "traced"); break;
	case WK_SLEEP: sb_puts(sb, "sleep"); break;
	case WK_UNKNOWN:
		sb_puts(sb, w->syscall_nr == -3 ? "not readable" : "in the kernel");
		break;
	default: put_call(sb, w->syscall_nr); break;
	}
	if (w->state == 'D')
		sb_puts(sb, " D");
}

void wait_short_proc(struct strbuf *sb, const struct snapshot *s, pid_t pid)
{
	const struct proc_info *q = snapshot_find_proc(s, pid);
	sb_printf(sb, "%d", (int)pid);
	if (q && q->comm) {
		sb_putc(sb, ' ');
		esc_append(sb, q->comm, strlen(q->comm));
	}
}

void wait_short_state(struct strbuf *sb, const struct proc_info *p, const struct snapshot *s)
{
	if (p->wait)
		wait_short_what(sb, s, p->wait);
	else
		sb_puts(sb, p->state == 'R' ? "running" : p->state == 'Z' ? "exited" : "idle");
}

/* w in short; thread: the tid to name first (a wait not of the process's main thread), or 0. */
static void short_of(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w, pid_t thread,
                     pid_t next, const char *arrow)
{
	if (!w || ((w->kind == WK_SLEEP || w->kind == WK_SIGNAL) && w->state != 'D'))
		return;
	if (thread)
		sb_printf(sb, "thread %d ", (int)thread);
	wait_short_what(sb, s, w);
	if (next <= 0)
		return;
	sb_printf(sb, " %s ", arrow);
	wait_short_proc(sb, s, next);
	if (w->n_peers > 1)
		sb_printf(sb, " +%zu", w->n_peers - 1);
}

void wait_short(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p, pid_t next,
                const char *arrow)
{
	const struct task_wait *w = wait_blocking(p);
	if (!w)
		w = p->wait;
	short_of(sb, s, w, w && w != p->wait && w->tid != p->pid ? w->tid : 0, next, arrow);
}

void wait_short_task(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w,
                     const char *arrow)
{
	if (w && w->kind == WK_UNKNOWN && w->syscall_nr == -2)
		return;   /* it runs (or ran on before its call was read): nothing to say */
	short_of(sb, s, w, 0, w && w->n_peers ? w->peers[0] : 0, arrow);
}
