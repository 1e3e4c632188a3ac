/* inet_side.c — sides of TCP/UDP connections, closing states, payload bytes, and the index of
 * a snapshot's TCP/UDP sockets by tuple and bound address (see inet_side.h). */
#include "channel/inet_side.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_id.h"
#include "util/xalloc.h"

enum {
	TCP_ST_ESTABLISHED = 1, TCP_ST_FIN_WAIT1 = 4, TCP_ST_FIN_WAIT2 = 5, TCP_ST_TIME_WAIT = 6,
	TCP_ST_CLOSE = 7, TCP_ST_CLOSE_WAIT = 8, TCP_ST_LAST_ACK = 9, TCP_ST_LISTEN = 10,
	TCP_ST_CLOSING = 11,
};

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
		sd.v4 = true;   /* so 0.0.0.0 never equals ::, nor 0.0.0.1 ::1 */
	}
	return sd;
}

struct side inet_local(const struct sock_info *k)
{
	return make_side(k->family, k->laddr, k->lport);
}

struct side inet_remote(const struct sock_info *k)
{
	return make_side(k->family, k->raddr, k->rport);
}

uint64_t side_hash(const struct side *sd)
{
	uint64_t w[2];
	memcpy(w, sd->addr, 16);
	return u64_mix(u64_mix(w[0], w[1]), (uint64_t)sd->port << 1 | sd->v4);
}

int side_cmp(const struct side *x, const struct side *y)
{
	int c = memcmp(x->addr, y->addr, 16);
	if (c == 0)
		c = (int)x->v4 - (int)y->v4;
	return c ? c : (x->port > y->port) - (x->port < y->port);
}

bool side_is_loopback(const struct side *sd)
{
	static const uint8_t v6lo[16] = { [15] = 1 };
	if (sd->v4)
		return sd->addr[0] == 127;   /* 127.0.0.0/8 */
	return memcmp(sd->addr, v6lo, 16) == 0;
}

bool sock_is_inet(const struct sock_info *k)
{
	return (k->family == AF_INET || k->family == AF_INET6) &&
	       (k->protocol == IPPROTO_TCP || k->protocol == IPPROTO_UDP);
}

bool inet_is_listener(const struct sock_info *k)
{
	return sock_is_inet(k) && k->protocol == IPPROTO_TCP && k->state == TCP_ST_LISTEN;
}

bool inet_is_udp_bound(const struct sock_info *k)
{
	return sock_is_inet(k) && k->protocol == IPPROTO_UDP && k->rport == 0 && k->lport != 0;
}

bool inet_is_connection(const struct sock_info *k)
{
	return sock_is_inet(k) && k->rport != 0 && k->state != TCP_ST_LISTEN;
}

bool tcp_peer_finished(const struct sock_info *k)
{
	if (k->protocol != IPPROTO_TCP)
		return false;
	return k->state == TCP_ST_CLOSE_WAIT || k->state == TCP_ST_LAST_ACK ||
	       k->state == TCP_ST_CLOSING || k->state == TCP_ST_CLOSE || k->state == TCP_ST_TIME_WAIT;
}

bool tcp_self_closing(const struct sock_info *k)
{
	if (k->protocol != IPPROTO_TCP)
		return false;
	return k->state == TCP_ST_FIN_WAIT1 || k->state == TCP_ST_FIN_WAIT2 ||
	       k->state == TCP_ST_TIME_WAIT || k->state == TCP_ST_LAST_ACK ||
	       k->state == TCP_ST_CLOSING || k->state == TCP_ST_CLOSE;
}

/* tcpi_bytes_acked counts the client's SYN and an acked FIN, tcpi_bytes_sent neither (it may
 * count a retransmission twice, never off loopback's path): the smaller is the payload acked.
 * tcpi_bytes_received counts the peer's FIN once it came. */
uint64_t inet_tx_bytes(const struct sock_info *k)
{
	if (!k->has_tcp_info)
		return 0;
	return k->bytes_acked < k->bytes_sent ? k->bytes_acked : k->bytes_sent;
}

uint64_t inet_rx_bytes(const struct sock_info *k)
{
	if (!k->has_tcp_info)
		return 0;
	uint64_t rcvd = k->bytes_received;
	if (tcp_peer_finished(k) && k->state != TCP_ST_CLOSE && rcvd > 0)
		rcvd--;
	return rcvd;
}

uint64_t inet_payload_bytes(const struct sock_info *k)
{
	return inet_tx_bytes(k) + inet_rx_bytes(k);
}

static uint64_t tuple_key(uint64_t netns, uint8_t proto, const struct side *l, const struct side *r)
{
	uint64_t h = u64_mix(u64_mix(netns, proto), side_hash(l));
	return r ? u64_mix(h, side_hash(r)) : h;
}

void inet_index_init(struct inet_index *ix, const struct snapshot *s)
{
	ix->s = s;
	u64map_init(&ix->by_tuple, 64);
	u64map_init(&ix->by_bound, 64);
	ix->held = xcalloc(s->n_socks + 1, 1);
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (!sock_is_inet(k))
			continue;
		struct side l = inet_local(k), r = inet_remote(k);
		if (inet_is_connection(k))
			u64map_put(&ix->by_tuple, tuple_key(k->netns, k->protocol, &l, &r), (int32_t)i);
		else if ((inet_is_listener(k) || inet_is_udp_bound(k)) &&
			 u64map_get(&ix->by_bound, tuple_key(k->netns, k->protocol, &l, NULL)) < 0)
			u64map_put(&ix->by_bound, tuple_key(k->netns, k->protocol, &l, NULL), (int32_t)i);
	}
	for (size_t pi = 0; pi < s->n_procs; pi++)
		for (size_t j = 0; j < s->procs[pi].n_fds; j++) {
			const struct fd_info *fi = &s->procs[pi].fds[j];
			if (fi->kind == FDK_SOCKET && fi->sock >= 0)
				ix->held[fi->sock] = 1;
		}
}

void inet_index_free(struct inet_index *ix)
{
	u64map_free(&ix->by_tuple);
	u64map_free(&ix->by_bound);
	free(ix->held);
}

/* Checks the hit itself: the maps hold hashes. */
static bool same_side(const struct side *a, const struct side *b)
{
	return side_cmp(a, b) == 0;
}

int32_t inet_find_peer(const struct inet_index *ix, const struct sock_info *k)
{
	struct side l = inet_local(k), r = inet_remote(k);
	int32_t j = u64map_get(&ix->by_tuple, tuple_key(k->netns, k->protocol, &r, &l));
	if (j < 0)
		return -1;
	const struct sock_info *p = &ix->s->socks[j];
	struct side pl = inet_local(p), pr = inet_remote(p);
	bool match = p->netns == k->netns && p->protocol == k->protocol && same_side(&pl, &r) &&
		     same_side(&pr, &l);
	return match ? j : -1;
}

static int32_t bound_at(const struct inet_index *ix, uint64_t netns, uint8_t proto, const struct side *at)
{
	int32_t j = u64map_get(&ix->by_bound, tuple_key(netns, proto, at, NULL));
	if (j < 0)
		return -1;
	const struct sock_info *p = &ix->s->socks[j];
	struct side pl = inet_local(p);
	return p->netns == netns && p->protocol == proto && same_side(&pl, at) ? j : -1;
}

int32_t inet_find_bound(const struct inet_index *ix, uint64_t netns, uint8_t proto, const struct side *at)
{
	int32_t j = bound_at(ix, netns, proto, at);
	struct side any4 = { .port = at->port, .v4 = true }, any6 = { .port = at->port };
	if (j < 0 && at->v4)
		j = bound_at(ix, netns, proto, &any4);
	if (j < 0)
		j = bound_at(ix, netns, proto, &any6);   /* [::] accepts IPv4 too, unless V6ONLY */
	return j;
}

char *inet_conn_id(struct arena *a, const struct sock_info *k, uint64_t netns)
{
	struct side l = inet_local(k), r = inet_remote(k);
	bool local_first = side_cmp(&l, &r) <= 0;
	struct id_text id;
	idt_init(&id);
	idt_str(&id, chan_kind_name(k->protocol == IPPROTO_TCP ? CK_TCP : CK_UDP));
	idt_char(&id, ':');
	if (netns) {
		idt_str(&id, "netns");
		idt_u64(&id, netns);
		idt_char(&id, ':');
	}
	idt_addr_port(&id, k->family, local_first ? k->laddr : k->raddr, local_first ? k->lport : k->rport);
	idt_char(&id, '-');
	idt_addr_port(&id, k->family, local_first ? k->raddr : k->laddr, local_first ? k->rport : k->lport);
	return idt_arena(&id, a);
}
