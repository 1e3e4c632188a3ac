/* wait_describe.c — the wait sentence: what the task is doing, on which descriptor or object,
 * who is at the other end, and what that one is doing (the reason the wait lasts). */
#include "model/wait_describe.h"

#include <string.h>

#include "model/kernel_names.h"
#include "util/text_escape.h"

static const char *chan_words(enum chan_kind k)
{
	switch (k) {
	case CK_PIPE: return "a pipe";
	case CK_FIFO: return "a FIFO";
	case CK_UNIX: return "a UNIX socket";
	case CK_TCP: return "a TCP connection";
	case CK_UDP: return "a UDP socket";
	case CK_POSIX_MQ: return "a POSIX queue";
	case CK_PTY: return "a pty";
	case CK_EVENTFD: return "an eventfd";
	case CK_SYSV_MSG: return "a SysV queue";
	default: return chan_kind_name(k);
	}
}

void wait_put_call(struct strbuf *sb, int64_t nr, const char *unnamed)
{
	const char *name = nr >= 0 ? syscall_name(nr) : NULL;
	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "%s %lld", unnamed, (long long)nr);
}

static void put_call(struct strbuf *sb, int64_t nr) { wait_put_call(sb, nr, "system call"); }

/* "17510 (sleep)", the name escaped; just the pid when the process is not in the snapshot. */
static void put_proc(struct strbuf *sb, const struct snapshot *s, pid_t pid)
{
	const struct proc_info *q = snapshot_find_proc(s, pid);
	sb_printf(sb, "%d", (int)pid);
	if (q && q->comm) {
		sb_puts(sb, " (");
		esc_append(sb, q->comm, strlen(q->comm));
		sb_putc(sb, ')');
	}
}

/* Up to three pids, then "and N more". */
static void put_pids(struct strbuf *sb, const struct snapshot *s, const pid_t *v, size_t n)
{
	for (size_t i = 0; i < n && i < 3; i++) {
		sb_puts(sb, i == 0 ? "" : i + 1 == n ? " and " : ", ");
		put_proc(sb, s, v[i]);
	}
	if (n > 3)
		sb_printf(sb, " and %zu more", n - 3);
}

static void put_peers(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	put_pids(sb, s, w->peers, w->n_peers);
}

/* epoll_wait: "waiting in epoll_wait on fd 5, which watches 3 descriptors: fd 3 (a TCP
 * connection) -> 4711 (client), ..." (up to four, then how many more). */
static void describe_epoll(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	sb_printf(sb, "waiting in epoll_wait on fd %d", w->fd);
	if (!w->watch_read) {
		sb_puts(sb, " (what it watches is not readable)");
		return;
	}
	sb_printf(sb, ", which watches %u descriptor%s", w->n_watched, w->n_watched == 1 ? "" : "s");
	for (uint32_t i = 0; i < w->n_watched && i < 4; i++) {
		const struct wait_watch *x = &w->watched[i];
		sb_printf(sb, "%s fd %d", i ? ";" : ":", (int)x->t.fd);
		if (x->chan >= 0 && (size_t)x->chan < s->n_chans)
			sb_printf(sb, " (%s)", chan_words(s->chans[x->chan].kind));
		if (x->n_peers) {
			sb_puts(sb, " -> ");
			put_pids(sb, s, x->peers, x->n_peers);
		}
	}
	if (w->n_watched > 4)
		sb_printf(sb, "; and %u more", w->n_watched - 4);
}

/* Why a single peer does not end the wait: what it is doing itself. */
static void put_peer_state(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	const struct proc_info *q = snapshot_find_proc(s, w->peers[0]);
	if (!q)
		return;
	const struct task_wait *pw = q->wait;
	if (!pw) {
		sb_puts(sb, q->state == 'Z' ? ", which has exited" : ", which is running");
		return;
	}
	if (pw->kind == WK_STOPPED || pw->kind == WK_TRACED) {
		sb_puts(sb, pw->kind == WK_STOPPED ? ", which is stopped" : ", which is stopped by a tracer");
		return;
	}
	if (pw->kind == WK_UNKNOWN) {
		sb_puts(sb, ", whose wait is not known");
		return;
	}
	const char *busy = w->dir == ACC_W ? "reading" : w->dir == ACC_R ? "writing" : NULL;
	bool same = pw->chan >= 0 && pw->chan == w->chan;
	if (busy && !same)
		sb_printf(sb, ", which is not %s (it waits in ", busy);
	else
		sb_puts(sb, ", which waits in ");
	put_call(sb, pw->syscall_nr);
	if (same)
		sb_puts(sb, " on it too");
	if (busy && !same)
		sb_putc(sb, ')');
}

static const char *fd_verb(const struct task_wait *w)
{
	const char *name = syscall_name(w->syscall_nr);
	if (name && !strncmp(name, "accept", 6))
		return "accepting on";
	if (name && !strcmp(name, "connect"))
		return "connecting on";
	return w->dir == ACC_W ? "writing" : w->dir == ACC_R ? "reading" : "on";
}

static void describe_fd(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	sb_printf(sb, "blocked %s fd %d", fd_verb(w), w->fd);
	if (w->chan < 0 || (size_t)w->chan >= s->n_chans)
		return;
	sb_printf(sb, ", %s", chan_words(s->chans[w->chan].kind));
	if (!w->n_peers) {
		sb_puts(sb, " no other process holds");
		return;
	}
	sb_puts(sb, " to ");
	put_peers(sb, s, w);
	if (w->n_peers == 1)
		put_peer_state(sb, s, w);
}

static void describe_child(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	if (w->arg > 0) {
		sb_puts(sb, "waiting for its child ");
		put_proc(sb, s, (pid_t)w->arg);
		return;
	}
	sb_puts(sb, w->arg == -1 ? "waiting for any child" : "waiting for a child of a process group");
	if (w->n_peers) {
		sb_puts(sb, ": ");
		put_peers(sb, s, w);
	} else {
		sb_puts(sb, " (it has none)");
	}
}

static void describe_holder(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w,
                            const char *what)
{
	sb_puts(sb, what);
	if (w->by > 0) {
		sb_puts(sb, " ");
		put_proc(sb, s, w->by);
	} else {
		sb_puts(sb, " a process /proc does not name");
	}
}

static void describe_kind(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w)
{
	switch (w->kind) {
	case WK_FD: describe_fd(sb, s, w); break;
	case WK_MQ: describe_fd(sb, s, w); break;
	case WK_POLL:
		sb_puts(sb, "waiting in ");
		put_call(sb, w->syscall_nr);
		sb_printf(sb, " on %lld descriptors", (long long)w->arg);
		break;
	case WK_EPOLL: describe_epoll(sb, s, w); break;
	case WK_FUTEX: sb_printf(sb, "waiting on a futex at 0x%llx", (unsigned long long)w->arg); break;
	case WK_CHILD: describe_child(sb, s, w); break;
	case WK_SYSV_MSG:
		sb_printf(sb, "blocked %s SysV queue %lld", w->dir == ACC_W ? "sending to" : "receiving from",
			  (long long)w->arg);
		break;
	case WK_SYSV_SEM: sb_printf(sb, "blocked on SysV semaphore set %lld", (long long)w->arg); break;
	case WK_SLEEP: sb_puts(sb, "sleeping: waits on no one"); break;
	case WK_SIGNAL:
		sb_puts(sb, "waiting for a signal (");
		put_call(sb, w->syscall_nr);
		sb_putc(sb, ')');
		break;
	case WK_LOCK:
		sb_printf(sb, "waiting for a file lock on fd %d, ", w->fd);
		describe_holder(sb, s, w, "held by");
		break;
	case WK_STOPPED: sb_puts(sb, "stopped: waits for SIGCONT"); break;
	case WK_TRACED: describe_holder(sb, s, w, "stopped by its tracer"); break;
	case WK_OTHER:
		sb_puts(sb, "in ");
		put_call(sb, w->syscall_nr);
		break;
	default:
		sb_puts(sb, w->syscall_nr == -3 ? "waiting; on what is not readable (root only)" :
			"blocked in the kernel outside a system call");
		break;
	}
}

void wait_describe(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p,
                   const struct task_wait *w)
{
	if (!w) {
		sb_puts(sb, p->state == 'Z' ? "exited: waits for its parent to reap it" :
			p->state == 'R' ? "running" : "not waiting");
		return;
	}
	describe_kind(sb, s, w);
}

long wait_cycle_of(const struct snapshot *s, pid_t pid)
{
	for (size_t c = 0; c < s->n_cycles; c++)
		for (size_t i = 0; i < s->cycles[c].n; i++)
			if (s->cycles[c].pids[i] == pid)
				return (long)c;
	return -1;
}

void wait_pids_describe(struct strbuf *sb, const struct snapshot *s, const pid_t *pids, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		sb_puts(sb, j ? " -> " : "");
		put_proc(sb, s, pids[j]);
	}
}

bool wait_ring_describe(struct strbuf *sb, const struct snapshot *s, pid_t pid)
{
	long c = wait_cycle_of(s, pid);
	if (c < 0)
		return false;
	const struct wait_cycle *r = &s->cycles[c];
	size_t at = 0;
	while (r->pids[at] != pid)
		at++;
	wait_pids_describe(sb, s, r->pids + at, r->n - at);   /* pid round to pid again */
	if (at) {
		sb_puts(sb, " -> ");
		wait_pids_describe(sb, s, r->pids, at);
	}
	sb_puts(sb, " -> ");
	put_proc(sb, s, pid);
	return true;
}
