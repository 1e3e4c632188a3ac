/* chans_cells.c — what each cell of the channel table says: kind, the sockets' state, receive
 * and send queues (ss's Recv-Q and Send-Q; a pipe's or queue's waiting bytes or messages),
 * bytes carried and their rate, and each end as "PID (name) fd N role address". Names are
 * escaped here. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "model/format_addr.h"
#include "model/sock_describe.h"
#include "model/kernel_names.h"
#include "model/rates.h"
#include "model/sysv_describe.h"
#include "util/human_size.h"
#include "util/text_escape.h"
#include "view/chans_int.h"

static const struct { const char *title, *help; } cols[CC__COUNT] = {
	[CC_KIND] = { "KIND", "chan.kind" }, [CC_STATE] = { "STATE", "chan.state" },
	[CC_RECVQ] = { "RECV-Q", "chan.recvq" }, [CC_SENDQ] = { "SEND-Q", "chan.sendq" },
	[CC_BYTES] = { "BYTES", "chan.bytes" }, [CC_RATE] = { "RATE/s", "chan.rate" },
	[CC_DROPS] = { "DROPS", "chan.drops" },
	[CC_ENDS] = { "ENDS", "chan.ends" },
};

const char *chans_col_title(int c) { return c >= 0 && c < CC__COUNT ? cols[c].title : ""; }
const char *chans_col_help(int c) { return c >= 0 && c < CC__COUNT ? cols[c].help : ""; }

static const struct sock_info *end_sock(const struct snapshot *s, const struct endpoint *e)
{
	return e->sock >= 0 && (size_t)e->sock < s->n_socks ? &s->socks[e->sock] : NULL;
}

/* Whether end i is the first end of c on its socket (a shared socket counts once). */
static bool first_on_sock(const struct channel *c, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (c->ep[j].sock == c->ep[i].sock)
			return false;
	return true;
}

void chans_state_text(const struct snapshot *s, const struct channel *c, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	if (c->one_ended) {   /* a pipe its holders only write to (or only read): no talk */
		snprintf(buf, size, "one-ended");
		return;
	}
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct sock_info *sk = end_sock(s, &c->ep[i]);
		const char *name = sk ? sock_state_name(sk) : NULL;
		if (!name || strstr(buf, name))
			continue;       /* each state once */
		int n = snprintf(buf + len, size - len, "%s%s", len ? "/" : "", name);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

static bool has_socks(const struct snapshot *s, const struct channel *c)
{
	for (size_t i = 0; i < c->n_ep; i++)
		if (end_sock(s, &c->ep[i]))
			return true;
	return false;
}

/* Sum of rqueue (or wqueue) over the distinct sockets of c. */
static int64_t sock_queue(const struct snapshot *s, const struct channel *c, bool recv)
{
	int64_t sum = 0;
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct sock_info *sk = end_sock(s, &c->ep[i]);
		if (sk && first_on_sock(c, i))
			sum += recv ? sk->rqueue : sk->wqueue;
	}
	return sum;
}

/* Kinds whose channel->queued the model fills where it can know it (queued_known): bytes in a
 * pipe, messages of a queue. */
static bool queue_kind(enum chan_kind k)
{
	return k == CK_PIPE || k == CK_FIFO || k == CK_SYSV_MSG || k == CK_POSIX_MQ;
}

int64_t chans_recvq(const struct snapshot *s, const struct channel *c)
{
	if (has_socks(s, c))
		return sock_queue(s, c, true);
	return queue_kind(c->kind) && c->queued_known ? (int64_t)c->queued : -1;
}

int64_t chans_sendq(const struct snapshot *s, const struct channel *c)
{
	return has_socks(s, c) ? sock_queue(s, c, false) : -1;
}

/* Whether a socket's queues have a buffer as their limit: TCP, UDP and UNIX ends, not a
 * listener (its backlog is in SEND-Q) nor a netlink socket. */
static bool buffered(const struct sock_info *sk)
{
	return (sk->family == AF_UNIX || sk->family == AF_INET || sk->family == AF_INET6) &&
	       !sock_is_listener(sk);
}

/* The limit the queue of chans_recvq (recv) or chans_sendq fills: the sum of the distinct
 * sockets' receive (send) buffers, -1 when the kernel did not give one of them; a pipe's
 * size, a POSIX queue's most messages; -2 where no limit applies. */
static int64_t queue_capacity(const struct snapshot *s, const struct channel *c, bool recv)
{
	if (!has_socks(s, c))
		return recv && queue_kind(c->kind) && c->queued_known && c->capacity >= 0 ? c->capacity : -2;
	int64_t sum = 0;
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct sock_info *sk = end_sock(s, &c->ep[i]);
		if (!sk || !first_on_sock(c, i))
			continue;
		if (!buffered(sk))
			return -2;
		if (!sk->has_mem)
			sum = -1;
		else if (sum >= 0)
			sum += recv ? sk->rcvbuf : sk->sndbuf;
	}
	return sum;
}

/* "-" where the queue is unknown; "N/CAP" with the capacity it fills in short units ("?" for
 * a socket's buffer the kernel did not give); the bare count where no limit applies. */
void chans_queue_cell(const struct snapshot *s, const struct channel *c, bool recv, char *buf, size_t size)
{
	int64_t n = recv ? chans_recvq(s, c) : chans_sendq(s, c);
	int64_t cap = queue_capacity(s, c, recv);
	char capt[16];
	if (n < 0 || cap == -2) {
		if (n < 0)
			snprintf(buf, size, "-");
		else
			snprintf(buf, size, "%lld", (long long)n);
		return;
	}
	human_short(capt, sizeof capt, (double)cap);   /* -1: "?" */
	snprintf(buf, size, "%lld/%s", (long long)n, capt);
}

int64_t chans_bytes(const struct channel *c)
{
	return c->kind == CK_TCP || c->bytes ? (int64_t)c->bytes : -1;
}

double chans_rate(const struct snapshot *s, const struct channel *c)
{
	return s->has_rates ? channel_rate(c) : NAN;
}

static void num_cell(int64_t n, char *buf, size_t size)
{
	if (n < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld", (long long)n);
}

void chans_cell_text(const struct snapshot *s, const struct channel *c, int col, char *buf, size_t size)
{
	double r;
	switch (col) {
	case CC_KIND:  snprintf(buf, size, "%s", chan_kind_name(c->kind)); break;
	case CC_STATE: chans_state_text(s, c, buf, size); break;
	case CC_RECVQ: chans_queue_cell(s, c, true, buf, size); break;
	case CC_SENDQ: chans_queue_cell(s, c, false, buf, size); break;
	case CC_BYTES: num_cell(chans_bytes(c), buf, size); break;
	case CC_DROPS: num_cell(chan_drops(s, c), buf, size); break;
	case CC_RATE:
		r = chans_rate(s, c);
		if (isnan(r))
			snprintf(buf, size, "-");
		else
			human_bytes(buf, size, r);
		break;
	default: buf[0] = '\0'; break;
	}
}

static void end_process(const struct snapshot *s, const struct endpoint *e, struct strbuf *sb)
{
	sb_printf(sb, "%d", (int)e->pid);
	if (e->proc >= 0 && (size_t)e->proc < s->n_procs && s->procs[e->proc].comm) {
		const char *comm = s->procs[e->proc].comm;
		sb_puts(sb, " (");
		esc_append(sb, comm, strlen(comm));
		sb_putc(sb, ')');
	}
	if (e->fd >= 0)
		sb_printf(sb, " fd %d", e->fd);
	if (e->role && strcmp(e->role, "-") != 0)
		sb_printf(sb, " %s", e->role);
}

void chans_end_text(const struct snapshot *s, const struct channel *c, size_t i, struct strbuf *sb)
{
	const struct endpoint *e = &c->ep[i];
	const struct sock_info *sk = end_sock(s, e);
	if (e->pid > 0) {
		end_process(s, e, sb);
		if (sk && (sk->family == AF_INET || sk->family == AF_INET6)) {
			char addr[ADDR_PORT_MAX];
			sb_printf(sb, " %s", format_sock_local(addr, sizeof addr, sk));
			sock_port_service(sb, sk, sk->lport);
			sock_accepted_on(sb, s, sk);
		}
		return;
	}
	if (e->remote)
		esc_append(sb, e->remote, strlen(e->remote));
	if (e->role && (!e->remote || strcmp(e->role, "remote") != 0))
		sb_printf(sb, e->remote ? " (%s)" : "%s", e->role);
	else if (!e->remote)
		sb_puts(sb, "(no process seen)");
}

bool chans_object_text(const struct snapshot *s, const struct channel *c, struct strbuf *sb)
{
	return sysv_name(sb, s, c) || anon_shm_name(sb, s, c) || sock_shared_listener(sb, s, c) ||
	       format_chan_label(sb, s, c);
}

size_t chans_default_end(const struct channel *c)
{
	for (size_t i = 0; i < c->n_ep; i++)
		if (c->ep[i].pid > 0)
			return i;
	return 0;
}
