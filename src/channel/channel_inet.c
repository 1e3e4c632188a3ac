/* channel_inet.c — TCP and UDP channels: two sockets of one network namespace whose address
 * tuples are each other's reverse are one channel (loopback and any other local address). A
 * connection whose other side no visible process holds keeps its one side and gains an
 * endpoint {"remote": "addr:port"}. Listeners and unconnected UDP sockets are not channels. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_id.h"
#include "channel/channel_kinds.h"
#include "util/u64map.h"
#include "util/xalloc.h"

/* One side of a connection, IPv4-mapped IPv6 folded to IPv4 so both families meet. */
struct side { uint8_t addr[16]; uint16_t port; };

static struct side make_side(unsigned family, const uint8_t a[16], uint16_t port)
{
	static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	struct side sd;
	memset(&sd, 0, sizeof(sd));
	sd.port = port;
	if (family == AF_INET6 && memcmp(a, v4mapped, 12) != 0) {
		memcpy(sd.addr, a, 16);
	} else {
		memcpy(sd.addr, family == AF_INET6 ? a + 12 : a, 4);
		sd.addr[15] = 1;   /* marks IPv4, so 0.0.0.1 never equals ::1 */
	}
	return sd;
}

static uint64_t side_hash(const struct side *sd)
{
	uint64_t w[2];
	memcpy(w, sd->addr, 16);
	return u64_mix(u64_mix(w[0], w[1]), sd->port);
}

static int side_cmp(const struct side *x, const struct side *y)
{
	int c = memcmp(x->addr, y->addr, 16);
	return c ? c : (x->port > y->port) - (x->port < y->port);
}

static bool is_connection(const struct sock_info *k)
{
	if (k->family != AF_INET && k->family != AF_INET6)
		return false;
	if (k->protocol != IPPROTO_TCP && k->protocol != IPPROTO_UDP)
		return false;
	return k->rport != 0 && k->state != 10 /* listen */;
}

/* The key does not depend on which side looks: (netns, lower side, higher side). */
static struct chan_key conn_key(const struct sock_info *k, const struct side *l, const struct side *r)
{
	const struct side *lo = side_cmp(l, r) <= 0 ? l : r, *hi = lo == l ? r : l;
	enum chan_kind kind = k->protocol == IPPROTO_TCP ? CK_TCP : CK_UDP;
	return (struct chan_key){ kind, u64_mix(k->netns, side_hash(lo)), side_hash(hi) };
}

/* "tcp:A-B", or "tcp:netnsN:A-B" outside ipctop's own network namespace; A is the lower of
 * the two sides (address bytes, IPv4 before IPv6, then port), so the id is the same whichever
 * end was read first (it does not depend on which processes the viewer may see). */
static char *conn_id(struct snapshot *s, const struct sock_info *k, enum chan_kind kind, bool local_first)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, chan_kind_name(kind));
	idt_char(&id, ':');
	if (k->netns != s->own_netns) {
		idt_str(&id, "netns");
		idt_u64(&id, k->netns);
		idt_char(&id, ':');
	}
	const uint8_t *a = local_first ? k->laddr : k->raddr, *b = local_first ? k->raddr : k->laddr;
	idt_addr_port(&id, k->family, a, local_first ? k->lport : k->rport);
	idt_char(&id, '-');
	idt_addr_port(&id, k->family, b, local_first ? k->rport : k->lport);
	return idt_arena(&id, &s->arena);
}

/* Ports that something listens on (TCP listeners, unconnected bound UDP sockets), per
 * namespace and protocol: the side of a connection on such a port is the server. */
static uint64_t port_key(const struct sock_info *k, uint16_t port)
{
	return u64_mix(u64_mix(k->netns, k->protocol), port);
}

static void find_listeners(const struct snapshot *s, struct u64map *ports)
{
	u64map_init(ports, 64);
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if ((k->family == AF_INET || k->family == AF_INET6) && k->rport == 0 && k->lport)
			u64map_put(ports, port_key(k, k->lport), 1);
	}
}

/* "server" or "client" when it can be told: by a listener on one side's port, else by one side
 * being outside the usual ephemeral range (32768-60999); NULL when nothing tells. */
static const char *inet_role(const struct u64map *ports, const struct sock_info *k)
{
	bool l = u64map_get(ports, port_key(k, k->lport)) >= 0, r = u64map_get(ports, port_key(k, k->rport)) >= 0;
	if (l != r)
		return l ? "server" : "client";
	bool le = k->lport >= 32768 && k->lport <= 60999, re = k->rport >= 32768 && k->rport <= 60999;
	if (le != re)
		return le ? "client" : "server";
	return NULL;
}

/* Per channel: the local side first seen, and whether a second side was seen. */
struct conn_state { uint64_t first_side; bool two_sided; int32_t sock; };

static void add_conn_fd(struct chan_table *t, const struct u64map *ports, struct conn_state **st,
			size_t *cap, size_t pi, struct fd_info *fi)
{
	struct snapshot *s = t->s;
	const struct sock_info *k = &s->socks[fi->sock];
	struct side l = make_side(k->family, k->laddr, k->lport), r = make_side(k->family, k->raddr, k->rport);
	struct chan_key key = conn_key(k, &l, &r);
	bool created;
	int32_t c = chan_table_get(t, key, &created);
	XGROW(*st, *cap, (size_t)c + 1);
	struct channel *ch = &s->chans[c];
	uint64_t lh = side_hash(&l);
	if (created) {
		ch->id = conn_id(s, k, key.kind, side_cmp(&l, &r) <= 0);
		ch->netns = k->netns;
		(*st)[c] = (struct conn_state){ lh, false, fi->sock };
	} else if ((*st)[c].first_side != lh) {
		(*st)[c].two_sided = true;
	}
	if (k->has_tcp_info && k->bytes_acked + k->bytes_received > ch->bytes)
		ch->bytes = k->bytes_acked + k->bytes_received;
	struct endpoint ep = make_ep(s, pi, fi->fd, ACC_RW, inet_role(ports, k));
	ep.sock = fi->sock;
	chan_table_add_ep(t, c, &ep);
	fi->chan = c;
}

/* A connection seen from one side only: its peer is on another host or not visible. */
static void add_remote_peers(struct chan_table *t, const struct conn_state *st, size_t n)
{
	struct snapshot *s = t->s;
	for (size_t c = 0; c < n; c++) {
		enum chan_kind kind = s->chans[c].kind;
		if ((kind != CK_TCP && kind != CK_UDP) || st[c].two_sided || st[c].sock < 0)
			continue;
		const struct sock_info *k = &s->socks[st[c].sock];
		struct id_text remote;
		idt_init(&remote);
		idt_addr_port(&remote, k->family, k->raddr, k->rport);
		struct endpoint ep = { .pid = 0, .proc = -1, .fd = -1, .access = ACC_RW, .sock = -1 };
		ep.remote = idt_arena(&remote, &s->arena);
		ep.role = "remote";
		chan_table_add_ep(t, (int32_t)c, &ep);
	}
}

void resolve_inet(struct chan_table *t)
{
	struct snapshot *s = t->s;
	struct conn_state *st = NULL;
	size_t cap = 0;
	size_t first = s->n_chans;
	struct u64map ports;
	find_listeners(s, &ports);
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++) {
			struct fd_info *fi = &p->fds[j];
			if (fi->kind == FDK_SOCKET && fi->sock >= 0 && is_connection(&s->socks[fi->sock]))
				add_conn_fd(t, &ports, &st, &cap, pi, fi);
		}
	}
	XGROW(st, cap, s->n_chans + 1);
	for (size_t c = 0; c < first; c++)
		st[c].sock = -1;   /* channels of other kinds */
	add_remote_peers(t, st, s->n_chans);
	free(st);
	u64map_free(&ports);
}
