/* channel_pair.c — TCP and UDP connections across hosts in a merged snapshot (see
 * channel_merge.h). Each host saw its side of a connection to another host as a channel with
 * one "remote" end; the two channels whose tuples are each other's reverse become one, with
 * the processes of both hosts as its ends and the remote placeholders gone. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_merge.h"
#include "channel/inet_side.h"
#include "util/u64map.h"
#include "util/xalloc.h"

/* One channel that may pair: its host, its local socket and its remote placeholder. */
struct open_end {
	int32_t chan, sock, remote_ep;
	const char *host;
	struct side l, r;
};

enum { DUP = -2 };

static uint64_t tuple_key(uint8_t proto, const struct side *l, const struct side *r)
{
	return u64_mix(u64_mix(proto, side_hash(l)), side_hash(r));
}

static uint64_t addr_key(const char *host, const struct side *sd)
{
	struct side a = *sd;
	a.port = 0;
	return u64_mix(u64_text_hash(host), side_hash(&a));
}

static bool side_is_any(const struct side *sd)
{
	static const uint8_t zero[16];
	return memcmp(sd->addr, zero, 16) == 0;
}

/* Every address a host's sockets are bound to: a remote end at one of them is that host's own. */
static void own_addresses(const struct snapshot *m, struct u64map *own)
{
	u64map_init(own, 64);
	for (size_t c = 0; c < m->n_chans; c++)
		for (size_t e = 0; e < m->chans[c].n_ep; e++) {
			const struct endpoint *ep = &m->chans[c].ep[e];
			if (ep->sock < 0 || !sock_is_inet(&m->socks[ep->sock]))
				continue;
			struct side l = inet_local(&m->socks[ep->sock]);
			if (!side_is_any(&l))
				u64map_put(own, addr_key(ep->host, &l), 1);
		}
}

/* The channel's one remote placeholder and a local socket, if it is a candidate. */
static bool open_end_of(const struct snapshot *m, int32_t c, const struct u64map *own,
                        struct open_end *o)
{
	const struct channel *ch = &m->chans[c];
	if (ch->kind != CK_TCP && ch->kind != CK_UDP)
		return false;
	o->chan = c;
	o->sock = o->remote_ep = -1;
	for (size_t e = 0; e < ch->n_ep; e++) {
		const struct endpoint *ep = &ch->ep[e];
		if (ep->pid == 0 && ep->remote && ep->sock < 0) {
			if (o->remote_ep >= 0)
				return false;
			o->remote_ep = (int32_t)e;
		} else if (ep->sock >= 0 && o->sock < 0 && sock_is_inet(&m->socks[ep->sock])) {
			o->sock = ep->sock;
			o->host = ep->host;
		}
	}
	if (o->remote_ep < 0 || o->sock < 0 || !o->host)
		return false;
	o->l = inet_local(&m->socks[o->sock]);
	o->r = inet_remote(&m->socks[o->sock]);
	return !side_is_loopback(&o->l) && !side_is_loopback(&o->r) && !side_is_any(&o->r) &&
	       o->r.port && u64map_get(own, addr_key(o->host, &o->r)) < 0;
}

/* a's channel takes b's ends; both lose their remote placeholders; b's channel is emptied. */
static void join(struct snapshot *m, const struct open_end *a, const struct open_end *b)
{
	struct channel *ca = &m->chans[a->chan], *cb = &m->chans[b->chan];
	size_t n = 0;
	struct endpoint *ep = arena_alloc(&m->arena, (ca->n_ep + cb->n_ep) * sizeof(*ep));
	for (size_t e = 0; e < ca->n_ep; e++)
		if ((int32_t)e != a->remote_ep)
			ep[n++] = ca->ep[e];
	for (size_t e = 0; e < cb->n_ep; e++)
		if ((int32_t)e != b->remote_ep)
			ep[n++] = cb->ep[e];
	ca->ep = ep;
	ca->n_ep = n;
	ca->id = inet_conn_id(&m->arena, &m->socks[a->sock], 0);   /* as channel_inet names it */
	ca->queued += cb->queued;
	if (cb->bytes > ca->bytes)
		ca->bytes = cb->bytes;
	cb->n_ep = 0;
}

static void drop_emptied(struct snapshot *m, const bool *gone)
{
	size_t out = 0;
	for (size_t c = 0; c < m->n_chans; c++)
		if (!gone[c])
			m->chans[out++] = m->chans[c];
	m->n_chans = out;
}

static size_t pair_ends(struct snapshot *m, struct open_end *ends, size_t n, bool *gone)
{
	struct u64map by_tuple;
	size_t joined = 0;
	u64map_init(&by_tuple, n + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = tuple_key(m->chans[ends[i].chan].kind, &ends[i].l, &ends[i].r);
		u64map_put(&by_tuple, k, u64map_get(&by_tuple, k) >= 0 ? DUP : (int32_t)i);
	}
	for (size_t i = 0; i < n; i++) {
		struct open_end *a = &ends[i];
		enum chan_kind kind = m->chans[a->chan].kind;
		int32_t mine = u64map_get(&by_tuple, tuple_key(kind, &a->l, &a->r));
		int32_t j = u64map_get(&by_tuple, tuple_key(kind, &a->r, &a->l));
		if (mine != (int32_t)i || j < 0 || (size_t)j <= i)
			continue;   /* claimed twice, no partner, or joined from the partner's side */
		struct open_end *b = &ends[j];
		if (strcmp(b->host, a->host) == 0 || m->chans[b->chan].kind != kind ||
		    side_cmp(&a->l, &b->r) != 0 || side_cmp(&a->r, &b->l) != 0)
			continue;
		join(m, a, b);
		gone[b->chan] = true;
		joined++;
	}
	u64map_free(&by_tuple);
	return joined;
}

size_t channel_pair_hosts(struct snapshot *m)
{
	struct u64map own;
	own_addresses(m, &own);
	struct open_end *ends = xcalloc(m->n_chans + 1, sizeof(*ends));
	size_t n = 0;
	for (size_t c = 0; c < m->n_chans; c++)
		if (open_end_of(m, (int32_t)c, &own, &ends[n]))
			n++;
	bool *gone = xcalloc(m->n_chans + 1, sizeof(*gone));
	size_t joined = pair_ends(m, ends, n, gone);
	drop_emptied(m, gone);
	free(gone);
	free(ends);
	u64map_free(&own);
	return joined;
}
