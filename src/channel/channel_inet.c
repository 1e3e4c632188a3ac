/* channel_inet.c — TCP and UDP channels of one network namespace (loopback and any other local
 * address):
 * - two sockets whose address tuples are each other's reverse are one channel "tcp:L-R";
 * - a listener held by several processes, or with a connection it has not accepted yet, is one
 *   channel "tcp:listen:ADDR:PORT": holders "listen", the waiting clients "client";
 * - a connected UDP socket whose remote address is a bound, unconnected UDP socket is one
 *   channel "udp:ADDR:PORT" with it (roles "client" and "server"), as is a bound UDP socket
 *   held by several processes; an unconnected sender says nothing of where it sends, so it
 *   stays out of channels (its socket's state says "unconnected");
 * - a connection seen from one side only gains an endpoint for the other: "peer closed" when
 *   that side has closed (an orphan closing, or a FIN seen on loopback), "unseen" when its socket
 *   exists but no visible process holds it, "remote" otherwise (another host, or unknown);
 * - a connection accepted through a listener names it (sock_info.listener1). */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_id.h"
#include "channel/channel_kinds.h"
#include "channel/inet_side.h"
#include "util/u64map.h"
#include "util/xalloc.h"

/* Where a socket's descriptors go. */
enum inet_place { IP_NONE = 0, IP_TUPLE, IP_LISTEN, IP_PENDING, IP_UDP_SERVER, IP_UDP_CLIENT };

struct inet_ctx {
	struct chan_table *t;
	struct inet_index ix;
	struct u64map ports;        /* ports something listens on, for inet_role */
	uint8_t *place;             /* per sock: enum inet_place */
	int32_t *server;            /* per sock: the listener / bound UDP socket it belongs with */
	struct conn_state *st;      /* per channel */
	size_t cap_st;
};

/* Per channel: the local side first seen, whether a second side was seen, a socket of it. */
struct conn_state { uint64_t first_side; bool two_sided; int32_t sock; };

static const uint64_t BOUND_MARK = 0x626f756e64ull;   /* keeps bound-address keys apart */

/* Ports that something listens on (TCP listeners, unconnected bound UDP sockets), per
 * namespace and protocol: the side of a connection on such a port is the server. */
static uint64_t port_key(const struct sock_info *k, uint16_t port)
{
	return u64_mix(u64_mix(k->netns, k->protocol), port);
}

static void find_listen_ports(const struct snapshot *s, struct u64map *ports)
{
	u64map_init(ports, 64);
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (sock_is_inet(k) && k->rport == 0 && k->lport)
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

/* "KIND:" and "netnsN:" outside ipctop's own network namespace. */
static void id_head(struct id_text *id, const struct snapshot *s, enum chan_kind kind, uint64_t netns)
{
	idt_init(id);
	idt_str(id, chan_kind_name(kind));
	idt_char(id, ':');
	if (netns != s->own_netns) {
		idt_str(id, "netns");
		idt_u64(id, netns);
		idt_char(id, ':');
	}
}

static struct chan_key kind_key(enum chan_kind kind, uint64_t a, uint64_t b)
{
	return (struct chan_key){ kind, a, b };
}

static enum chan_kind kind_of(const struct sock_info *k)
{
	return k->protocol == IPPROTO_TCP ? CK_TCP : CK_UDP;
}

static int32_t get_chan(struct inet_ctx *cx, struct chan_key key, bool *created)
{
	int32_t c = chan_table_get(cx->t, key, created);
	XGROW(cx->st, cx->cap_st, (size_t)c + 1);
	if (*created)
		cx->st[c] = (struct conn_state){ 0, true, -1 };
	return c;
}

/* The channel of a listener or bound UDP socket: "tcp:listen:ADDR:PORT", "udp:ADDR:PORT". */
static int32_t bound_chan(struct inet_ctx *cx, int32_t sock)
{
	struct snapshot *s = cx->t->s;
	const struct sock_info *k = &s->socks[sock];
	struct side l = inet_local(k);
	bool created;
	int32_t c = get_chan(cx, kind_key(kind_of(k), u64_mix(k->netns, BOUND_MARK), side_hash(&l)), &created);
	if (created) {
		struct id_text id;
		id_head(&id, s, kind_of(k), k->netns);
		if (k->protocol == IPPROTO_TCP)
			idt_str(&id, "listen:");
		size_t at = id.len;
		idt_addr_port(&id, k->family, k->laddr, k->lport);
		s->chans[c].id = idt_arena(&id, &s->arena);
		s->chans[c].label = s->chans[c].id + at;   /* "ADDR:PORT", what a hub is named by */
		s->chans[c].netns = k->netns;
	}
	return c;
}

/* The channel of a connection: key (netns, lower side, higher side), whichever side looks;
 * id "tcp:A-B" with A the lower side. */
static int32_t tuple_chan(struct inet_ctx *cx, int32_t sock)
{
	struct snapshot *s = cx->t->s;
	const struct sock_info *k = &s->socks[sock];
	struct side l = inet_local(k), r = inet_remote(k);
	const struct side *lo = side_cmp(&l, &r) <= 0 ? &l : &r, *hi = lo == &l ? &r : &l;
	bool created;
	int32_t c = get_chan(cx, kind_key(kind_of(k), u64_mix(k->netns, side_hash(lo)), side_hash(hi)), &created);
	uint64_t lh = side_hash(&l);
	if (created) {
		s->chans[c].id = inet_conn_id(&s->arena, k, k->netns != s->own_netns ? k->netns : 0);
		s->chans[c].netns = k->netns;
		cx->st[c] = (struct conn_state){ lh, false, sock };
	} else if (cx->st[c].first_side != lh) {
		cx->st[c].two_sided = true;
	}
	uint64_t bytes = inet_payload_bytes(k);
	if (bytes > s->chans[c].bytes)
		s->chans[c].bytes = bytes;
	return c;
}

/* A connection's peer that is a listener's not yet accepted child (no inode, no holder). */
static int32_t pending_listener(const struct inet_ctx *cx, const struct sock_info *k)
{
	if (k->protocol != IPPROTO_TCP)
		return -1;
	int32_t j = inet_find_peer(&cx->ix, k);
	if (j < 0 || cx->ix.held[j] || cx->ix.s->socks[j].ino != 0 || tcp_self_closing(&cx->ix.s->socks[j]))
		return -1;
	struct side pl = inet_local(&cx->ix.s->socks[j]);
	return inet_find_bound(&cx->ix, k->netns, IPPROTO_TCP, &pl);
}

/* A connected UDP socket whose remote side is a bound, unconnected UDP socket. */
static int32_t udp_server_of(const struct inet_ctx *cx, const struct sock_info *k)
{
	if (k->protocol != IPPROTO_UDP || inet_find_peer(&cx->ix, k) >= 0)
		return -1;
	struct side r = inet_remote(k);
	return inet_find_bound(&cx->ix, k->netns, IPPROTO_UDP, &r);
}

/* Decide, per socket, which channel its holders join. */
static void place_socks(struct inet_ctx *cx, const uint32_t *holders)
{
	const struct snapshot *s = cx->t->s;
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (!cx->ix.held[i] || !inet_is_connection(k))
			continue;
		int32_t srv = pending_listener(cx, k);
		if (srv >= 0) {
			cx->place[i] = IP_PENDING;
		} else if ((srv = udp_server_of(cx, k)) >= 0 && srv != (int32_t)i) {
			cx->place[i] = IP_UDP_CLIENT;
			cx->place[srv] = IP_UDP_SERVER;
		} else {
			cx->place[i] = IP_TUPLE;
			continue;
		}
		cx->server[i] = srv;
		if (inet_is_listener(&s->socks[srv]))
			cx->place[srv] = IP_LISTEN;
	}
	for (size_t i = 0; i < s->n_socks; i++) {   /* shared by several processes */
		if (inet_is_listener(&s->socks[i]) && holders[i] > 1)
			cx->place[i] = IP_LISTEN;
		else if (inet_is_udp_bound(&s->socks[i]) && holders[i] > 1)
			cx->place[i] = IP_UDP_SERVER;
	}
}

/* Per socket, how many processes hold it. */
static uint32_t *count_holders(const struct snapshot *s)
{
	uint32_t *n = xcalloc(s->n_socks + 1, sizeof(*n));
	pid_t *last = xcalloc(s->n_socks + 1, sizeof(*last));
	for (size_t pi = 0; pi < s->n_procs; pi++)
		for (size_t j = 0; j < s->procs[pi].n_fds; j++) {
			int32_t k = s->procs[pi].fds[j].sock;
			if (s->procs[pi].fds[j].kind != FDK_SOCKET || k < 0 || last[k] == s->procs[pi].pid)
				continue;
			last[k] = s->procs[pi].pid;
			n[k]++;
		}
	free(last);
	return n;
}

/* A TCP connection end keeps its own directions: what it sent (acked) and what it received. */
static void ep_counters(struct endpoint *ep, const struct sock_info *k)
{
	if (k->protocol != IPPROTO_TCP || !k->has_tcp_info || !inet_is_connection(k))
		return;
	ep->has_bytes = true;
	ep->tx_bytes = inet_tx_bytes(k);
	ep->rx_bytes = inet_rx_bytes(k);
}

static void add_fd(struct inet_ctx *cx, size_t pi, struct fd_info *fi)
{
	struct snapshot *s = cx->t->s;
	const struct sock_info *k = &s->socks[fi->sock];
	int32_t c;
	const char *role;
	switch (cx->place[fi->sock]) {
	case IP_TUPLE:      c = tuple_chan(cx, fi->sock); role = inet_role(&cx->ports, k); break;
	case IP_LISTEN:     c = bound_chan(cx, fi->sock); role = "listen"; break;
	case IP_UDP_SERVER: c = bound_chan(cx, fi->sock); role = "server"; break;
	case IP_PENDING:
	case IP_UDP_CLIENT: c = bound_chan(cx, cx->server[fi->sock]); role = "client"; break;
	default:            return;
	}
	struct endpoint ep = make_ep(s, pi, fi->fd, ACC_RW, role);
	ep.sock = fi->sock;
	ep_counters(&ep, k);
	chan_table_add_ep(cx->t, c, &ep);
	fi->chan = c;
}

/* The other side of a connection seen from one side only. */
static void add_far_end(struct inet_ctx *cx, int32_t c)
{
	struct snapshot *s = cx->t->s;
	const struct sock_info *k = &s->socks[cx->st[c].sock];
	int32_t j = inet_find_peer(&cx->ix, k);
	struct side r = inet_remote(k);
	struct endpoint ep = { .pid = 0, .proc = -1, .fd = -1, .access = ACC_RW, .sock = j };
	if (j >= 0) {
		ep.role = tcp_self_closing(&s->socks[j]) ? "peer closed" : "unseen";
		ep_counters(&ep, &s->socks[j]);
	}
	else
		ep.role = tcp_peer_finished(k) && side_is_loopback(&r) ? "peer closed" : "remote";
	struct id_text remote;
	idt_init(&remote);
	idt_addr_port(&remote, k->family, k->raddr, k->rport);
	ep.remote = idt_arena(&remote, &s->arena);
	chan_table_add_ep(cx->t, c, &ep);
}

/* A listener or bound UDP server that clients joined but no visible process holds (another
 * user's, seen by a non-root viewer): an end with its address, role "unseen". */
static void add_unseen_servers(struct inet_ctx *cx)
{
	struct snapshot *s = cx->t->s;
	for (size_t i = 0; i < s->n_socks; i++) {
		if ((cx->place[i] != IP_LISTEN && cx->place[i] != IP_UDP_SERVER) || cx->ix.held[i])
			continue;
		const struct sock_info *k = &s->socks[i];
		int32_t c = bound_chan(cx, (int32_t)i);
		struct endpoint ep = { .pid = 0, .proc = -1, .fd = -1, .access = ACC_RW, .sock = (int32_t)i,
				       .role = "unseen" };
		struct id_text local;
		idt_init(&local);
		idt_addr_port(&local, k->family, k->laddr, k->lport);
		ep.remote = idt_arena(&local, &s->arena);
		chan_table_add_ep(cx->t, c, &ep);
	}
}

/* A TCP connection whose local side is a listener's (same namespace, address or wildcard, port)
 * came through that listener: note it on the socket. */
static void mark_accepted(struct inet_ctx *cx)
{
	struct snapshot *s = cx->t->s;
	for (size_t i = 0; i < s->n_socks; i++) {
		struct sock_info *k = &s->socks[i];
		if (k->protocol != IPPROTO_TCP || !sock_is_inet(k) || !inet_is_connection(k))
			continue;
		struct side l = inet_local(k);
		int32_t at = inet_find_bound(&cx->ix, k->netns, IPPROTO_TCP, &l);
		if (at >= 0 && (size_t)at != i && inet_is_listener(&s->socks[at]))
			k->listener1 = at + 1;
	}
}

void resolve_inet(struct chan_table *t)
{
	struct snapshot *s = t->s;
	struct inet_ctx cx = { .t = t };
	inet_index_init(&cx.ix, s);
	find_listen_ports(s, &cx.ports);
	mark_accepted(&cx);
	cx.place = xcalloc(s->n_socks + 1, 1);
	cx.server = xcalloc(s->n_socks + 1, sizeof(*cx.server));
	uint32_t *holders = count_holders(s);
	place_socks(&cx, holders);
	free(holders);
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++)
			if (p->fds[j].kind == FDK_SOCKET && p->fds[j].sock >= 0)
				add_fd(&cx, pi, &p->fds[j]);
	}
	add_unseen_servers(&cx);
	for (size_t c = 0; c < s->n_chans && c < cx.cap_st; c++) {
		enum chan_kind kind = s->chans[c].kind;
		if ((kind == CK_TCP || kind == CK_UDP) && !cx.st[c].two_sided && cx.st[c].sock >= 0)
			add_far_end(&cx, (int32_t)c);
	}
	free(cx.st);
	free(cx.place);
	free(cx.server);
	u64map_free(&cx.ports);
	inet_index_free(&cx.ix);
}
