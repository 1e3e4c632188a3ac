/* view_ipc.c — the IPC tab: every descriptor decoded (kind, access, target, and what fdinfo
 * says of an eventfd, timerfd, signalfd, inotify, epoll or pidfd) and, for each channel the
 * process is an end of, the peer process (pid and name) or remote address, with the end's rate
 * and the object's queue where known; Enter on a line with a peer opens that peer's detail. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/fd_describe.h"
#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "model/sock_describe.h"
#include "model/sysv_describe.h"
#include "util/human_size.h"
#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/detail_int.h"
#include "view/ui.h"

struct hold { size_t chan, ep; };

/* A line under a descriptor or mapping that says more about its object starts here. */
#define DETAIL_INDENT "          "   /* this process's endpoint ep of channel chan */

/* Endpoints of p: its pid, on its host (--merge: pids repeat across hosts). */
static size_t find_holds(const struct snapshot *s, const struct proc_info *p, struct hold **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t c = 0; c < s->n_chans; c++)
		for (size_t e = 0; e < s->chans[c].n_ep; e++) {
			const struct endpoint *ep = &s->chans[c].ep[e];
			if (ep->pid != p->pid || (ep->host != p->host && (!ep->host || !p->host ||
									   strcmp(ep->host, p->host) != 0)))
				continue;
			XGROW(*out, cap, n + 1);
			(*out)[n++] = (struct hold){ c, e };
		}
	return n;
}

/* "→ PID (comm) fd N" or "→ remote" for endpoint e of channel c; returns its pid or 0. A holder
 * of a one-ended pipe is no peer: "one-ended, also held by PID (comm) ...". */
static pid_t describe_peer(const struct snapshot *s, const struct channel *c, const struct endpoint *e,
			   struct strbuf *sb)
{
	if (c->one_ended)
		sb_puts(sb, "one-ended, also held by ");
	else
		sb_printf(sb, "%s ", ui_glyph(G_ARROW_R));
	if (e->pid > 0) {
		sb_printf(sb, "%d", (int)e->pid);
		if (e->proc >= 0 && (size_t)e->proc < s->n_procs && s->procs[e->proc].comm) {
			const char *comm = s->procs[e->proc].comm;
			sb_puts(sb, " (");
			esc_append(sb, comm, strlen(comm));
			sb_puts(sb, ")");
		}
		if (e->fd >= 0)
			sb_printf(sb, " fd %d", e->fd);
		if (e->role)
			sb_printf(sb, " %s", e->role);
		return e->pid;
	}
	if (e->remote)
		esc_append(sb, e->remote, strlen(e->remote));
	else
		sb_puts(sb, "(no process seen)");
	return 0;
}

/* Beside the first peer: this end's traffic per second (TCP, since the last refresh), its
 * socket's drops per second (UDP, UNIX) when it drops, and how full the object is (pipes and queues, where measured); nothing where unknown. */
static void put_traffic(struct strbuf *sb, const struct snapshot *s, const struct channel *c,
                        const struct endpoint *self)
{
	char a[32], b[32];
	if (s->has_rates && isfinite(self->tx_per_s) && isfinite(self->rx_per_s)) {
		human_bytes(a, sizeof(a), self->tx_per_s);
		human_bytes(b, sizeof(b), self->rx_per_s);
		sb_printf(sb, "  tx %s/s rx %s/s", a, b);
	}
	if (s->has_rates && self->drops_per_s > 0)   /* the count: on the socket's own line */
		sb_printf(sb, "  drops %.0f/s", self->drops_per_s);
	if (!c->queued_known || c->capacity < 0)
		return;
	if (c->kind == CK_POSIX_MQ) {
		sb_printf(sb, "  queued %llu of %lld messages", (unsigned long long)c->queued,
		          (long long)c->capacity);
	} else if (c->kind == CK_PIPE || c->kind == CK_FIFO) {
		human_bytes(a, sizeof(a), (double)c->queued);
		human_bytes(b, sizeof(b), (double)c->capacity);
		sb_printf(sb, "  queued %s of %s", a, b);
	}
}

/* The process of endpoint e: by its index, else its pid on its host; or NULL. */
static const struct proc_info *peer_proc(const struct snapshot *s, const struct endpoint *e)
{
	if (e->proc >= 0 && (size_t)e->proc < s->n_procs)
		return &s->procs[e->proc];
	return e->pid > 0 ? snapshot_find_proc_on(s, e->pid, e->host) : NULL;
}

/* One line per peer of channel c (other than this process's own endpoint self). Enter on it
 * opens the peer by its pid and start time: on a --merge another host may have its pid. */
static void add_peers(const struct snapshot *s, const struct channel *c, size_t self,
		      struct strbuf *first, const char *label, struct dlines *d)
{
	bool any = false;
	int attr = ui_kind_attr(c->kind);
	for (size_t e = 0; e < c->n_ep; e++) {
		if (e == self)
			continue;
		struct strbuf sb = STRBUF_INIT;
		if (!any)
			sb_puts(&sb, sb_str(first));
		else
			for (int k = ui_str_width(sb_str(first)); k > 0; k--)
				sb_putc(&sb, ' ');
		pid_t pid = describe_peer(s, c, &c->ep[e], &sb);
		if (!any)
			put_traffic(&sb, s, c, &c->ep[self]);
		dline_add_sb(d, "ipc.peer", any ? "" : label, attr, pid, &sb);
		const struct proc_info *peer = pid > 0 ? peer_proc(s, &c->ep[e]) : NULL;
		if (peer && peer->pid == pid) {
			d->v[d->n - 1].jump_start = peer->start_time;
			d->v[d->n - 1].jump_host = peer->host;
		}
		sb_free(&sb);
		any = true;
	}
	if (!any) {
		sb_puts(first, "(no peer)");
		dline_add_sb(d, "ipc.kind", label, attr, 0, first);
	}
}

/* Under a socket's descriptor, the socket as ss describes it: protocol, addresses, state, queues;
 * under a TCP listener, who accepts on it ("nginx master + 2 workers ...", "redis-server accepts ..."). */
static void add_socket(const struct snapshot *s, const struct proc_info *p, const struct fd_info *f,
		       struct dlines *d)
{
	const struct sock_info *sk = snapshot_fd_sock(s, f);
	if (!sk)
		return;
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, DETAIL_INDENT);
	sock_describe(&sb, sk, ui_glyph(G_ARROW_R));
	sock_accepted_on(&sb, s, sk);
	dline_add_sb(d, "ipc.socket", "", ui_attr(UI_DIM), 0, &sb);
	sb_reset(&sb);
	sb_puts(&sb, DETAIL_INDENT);
	if (f->chan >= 0 && (size_t)f->chan < s->n_chans && sock_shared_listener(&sb, s, &s->chans[f->chan]))
		dline_add_sb(d, "ipc.socket", "", ui_attr(UI_DIM), 0, &sb);
	else if (f->chan < 0 && sock_is_listener(sk) && sk->family != AF_UNIX) {
		sock_one_listener(&sb, p->comm, sk);   /* a lone listener: no channel */
		dline_add_sb(d, "ipc.socket", "", ui_attr(UI_DIM), 0, &sb);
	}
	sb_free(&sb);
}

/* Under an eventfd, timerfd, signalfd, inotify, epoll or pidfd, what its fdinfo says, under a
 * memfd its name ("memfd NAME"); then, under any descriptor of the detail process, its
 * position and open flags. */
static void add_anon(const struct snapshot *s, const struct fd_info *f, struct dlines *d)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, DETAIL_INDENT);
	if (fd_anon_describe(&sb, s, f))
		dline_add_sb(d, "ipc.fdinfo", "", ui_attr(UI_DIM), 0, &sb);
	else if (fd_memfd_describe(&sb, f))
		dline_add_sb(d, "ipc.memfd", "", ui_attr(UI_DIM), 0, &sb);
	sb_reset(&sb);
	sb_puts(&sb, DETAIL_INDENT);
	if (fd_pos_flags_describe(&sb, f))
		dline_add_sb(d, "ipc.fdflags", "", ui_attr(UI_DIM), 0, &sb);
	sb_free(&sb);
}

static void add_fd(const struct view_ctx *v, const struct proc_info *p, const struct fd_info *f,
		   const struct hold *h, size_t n_holds, struct dlines *d)
{
	const struct snapshot *s = v->cur;
	char label[32];
	struct strbuf sb = STRBUF_INIT;
	snprintf(label, sizeof label, "fd %d", f->fd);
	sb_printf(&sb, "%-9s %-2s ", fd_kind_name(f->kind), access_name(f->access));
	if (f->target)
		esc_append(&sb, f->target, strlen(f->target));
	sb_puts(&sb, "  ");
	bool shown = false;
	for (size_t i = 0; i < n_holds; i++) {
		const struct channel *c = &s->chans[h[i].chan];
		if ((int32_t)h[i].chan != f->chan)
			continue;   /* every descriptor of the object, not only the endpoint's first */
		struct strbuf first = STRBUF_INIT;
		sb_puts(&first, sb_str(&sb));
		add_peers(s, c, h[i].ep, &first, shown ? "" : label, d);
		sb_free(&first);
		shown = true;
	}
	if (!shown)
		dline_add_sb(d, f->kind == FDK_FILE || f->kind == FDK_DIR ? "ipc.target" : "ipc.kind",
			     label, A_NORMAL, 0, &sb);
	sb_free(&sb);
	add_socket(s, p, f, d);
	add_anon(s, f, d);
}

static bool has_fd(const struct proc_info *p, int fd)
{
	for (size_t i = 0; i < p->n_fds; i++)
		if (p->fds[i].fd == fd)
			return true;
	return false;
}

/* Channels held other than by a descriptor listed above: mapped, attached, a queue, or (a
 * snapshot read from --json files, which keep channels but not every descriptor) "fd N". */
static void add_mapped(const struct view_ctx *v, const struct proc_info *p, const struct hold *h,
		       size_t n_holds, struct dlines *d)
{
	const struct snapshot *s = v->cur;
	for (size_t i = 0; i < n_holds; i++) {
		const struct channel *c = &s->chans[h[i].chan];
		int fd = c->ep[h[i].ep].fd;
		if (fd >= 0 && has_fd(p, fd))
			continue;
		char label[32];
		snprintf(label, sizeof label, "fd %d", fd);
		struct strbuf first = STRBUF_INIT;
		sb_printf(&first, "%-9s %-2s ", chan_kind_name(c->kind), access_name(c->ep[h[i].ep].access));
		if (!sysv_name(&first, s, c) && !anon_shm_name(&first, s, c) &&
		    !format_chan_label(&first, s, c) && c->id)
			esc_append(&first, c->id, strlen(c->id));
		sb_puts(&first, "  ");
		/* a queue is used by msgsnd/msgrcv, not mapped; a segment is attached */
		add_peers(s, c, h[i].ep, &first, fd >= 0 ? label : c->kind == CK_SYSV_MSG ? "queue" :
			  c->kind == CK_SYSV_SHM ? "attached" : "mapped", d);
		sb_free(&first);
		struct strbuf fig = STRBUF_INIT;
		sb_puts(&fig, DETAIL_INDENT);
		if (sysv_figures(&fig, s, c))
			dline_add_sb(d, "ipc.sysv", "", ui_attr(UI_DIM), 0, &fig);
		sb_free(&fig);
	}
}

void ipc_lines(const struct view_ctx *v, const struct proc_info *p, struct dlines *d)
{
	struct hold *h;
	size_t n = find_holds(v->cur, p, &h);
	dline_add(d, "col.channels", "Summary", A_BOLD, 0, "%zu descriptors, %u channels",
		  p->n_fds, p->n_channels);
	if (p->flags & PF_KTHREAD)
		dline_add(d, "pcb.flags", "", ui_attr(UI_DIM), 0, "kernel thread: no descriptors");
	else if (p->flags & PF_FDS_DENIED)
		dline_add(d, "pcb.flags", "", ui_attr(UI_WARN), 0, "descriptors not readable (permission denied)");
	for (size_t i = 0; i < p->n_fds; i++)
		add_fd(v, p, &p->fds[i], h, n, d);
	add_mapped(v, p, h, n, d);
	free(h);
}
