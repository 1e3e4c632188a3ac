/* om_pairs.c — channels between two processes, by direction, aggregated by service or
 * program (see om_pairs.h). Each channel gives one record per (writer, reader) pair of distinct listed
 * processes; sorted by key then channel, a key's records become one pair, counting each
 * channel once. A socket's counters go to the first record that names it, so that processes
 * sharing one socket (a forked server) do not count its bytes twice. */
#include "export/om_pairs.h"

#include <stdlib.h>
#include <string.h>

#include "model/cgroup_service.h"
#include "util/xalloc.h"

struct rec {
	struct om_pair p;
	size_t chan;
	bool pids;
};

char **om_names_build(const struct snapshot *s, const struct snap_selection *sel)
{
	char **names = xcalloc(s->n_procs ? s->n_procs : 1, sizeof(*names));
	char unit[CGROUP_SERVICE_MAX];
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if (!sel->proc_listed[i])
			continue;
		names[i] = xstrdup(cgroup_service(p->cgroup, unit, sizeof(unit)) ? unit : p->comm ? p->comm : "");
	}
	return names;
}

void om_names_free(char **names, size_t n_procs)
{
	for (size_t i = 0; names && i < n_procs; i++)
		free(names[i]);
	free(names);
}

static int cmp_pid(pid_t a, pid_t b)
{
	return (a > b) - (a < b);
}

/* The key: kind, from's name, to's name, then (with pids) their pids. */
static int key_cmp(const struct rec *a, const struct rec *b)
{
	int r = (int)a->p.kind - (int)b->p.kind;
	if (!r)
		r = strcmp(a->p.from_name, b->p.from_name);
	if (!r)
		r = strcmp(a->p.to_name, b->p.to_name);
	if (!r && a->pids)
		r = cmp_pid(a->p.from->pid, b->p.from->pid);
	if (!r && a->pids)
		r = cmp_pid(a->p.to->pid, b->p.to->pid);
	return r;
}

static int rec_cmp(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;
	int r = key_cmp(a, b);
	return r ? r : (a->chan > b->chan) - (a->chan < b->chan);
}

static bool is_sock_kind(enum chan_kind k)
{
	return k == CK_UNIX || k == CK_TCP || k == CK_UDP;
}

/* Socket s already counted in this channel (as a sender in seen[0..n)); else noted. */
static bool seen_once(int32_t *seen, size_t *n, int32_t s)
{
	for (size_t i = 0; i < *n; i++)
		if (seen[i] == s)
			return true;
	seen[(*n)++] = s;
	return false;
}

struct recs {
	struct rec *r;
	size_t n, cap;
	int32_t *tx_seen, *rx_seen;   /* per channel: sockets whose counters were taken */
	size_t n_tx, n_rx;
	char *const *names;           /* om_names_build's */
};

static void add_rec(struct recs *rs, const struct snapshot *s, size_t ci, const struct endpoint *w,
                    const struct endpoint *r, bool pids, bool *queue_taken)
{
	const struct channel *ch = &s->chans[ci];
	XGROW(rs->r, rs->cap, rs->n + 1);
	struct rec *x = &rs->r[rs->n++];
	*x = (struct rec){ .p = { .kind = ch->kind, .from = &s->procs[w->proc], .to = &s->procs[r->proc],
				  .from_name = rs->names[w->proc], .to_name = rs->names[r->proc], .channels = 1 },
			   .chan = ci, .pids = pids };
	if (ch->kind == CK_TCP && w->has_bytes && (w->sock < 0 || !seen_once(rs->tx_seen, &rs->n_tx, w->sock))) {
		x->p.has_bytes = true;
		x->p.sent_bytes = w->tx_bytes;
	}
	if (is_sock_kind(ch->kind) && r->sock >= 0 && (size_t)r->sock < s->n_socks &&
	    !seen_once(rs->rx_seen, &rs->n_rx, r->sock)) {
		x->p.has_queued = true;
		x->p.queued = s->socks[r->sock].rqueue;
	} else if ((ch->kind == CK_PIPE || ch->kind == CK_FIFO) && ch->queued_known && !*queue_taken) {
		x->p.has_queued = true;
		x->p.queued = ch->queued;
		*queue_taken = true;
	}
}

static bool listed_end(const struct snapshot *s, const struct snap_selection *sel, const struct endpoint *e,
                       uint8_t acc)
{
	return e->proc >= 0 && (size_t)e->proc < s->n_procs && sel->proc_listed[e->proc] && (e->access & acc);
}

/* Two holders of one socket (a forked server's parent and child) do not talk through it. */
static bool same_socket(const struct channel *ch, const struct endpoint *a, const struct endpoint *b)
{
	return is_sock_kind(ch->kind) && a->sock >= 0 && a->sock == b->sock;
}

static void chan_recs(struct recs *rs, const struct snapshot *s, const struct snap_selection *sel,
                      size_t ci, bool pids)
{
	const struct channel *ch = &s->chans[ci];
	bool queue_taken = false;
	rs->n_tx = rs->n_rx = 0;
	rs->tx_seen = xrealloc(rs->tx_seen, (ch->n_ep + 1) * sizeof(int32_t));
	rs->rx_seen = xrealloc(rs->rx_seen, (ch->n_ep + 1) * sizeof(int32_t));
	for (size_t i = 0; i < ch->n_ep; i++) {
		if (!listed_end(s, sel, &ch->ep[i], ACC_W))
			continue;
		for (size_t j = 0; j < ch->n_ep; j++)
			if (ch->ep[j].proc != ch->ep[i].proc && listed_end(s, sel, &ch->ep[j], ACC_R) &&
			    !same_socket(ch, &ch->ep[i], &ch->ep[j]))
				add_rec(rs, s, ci, &ch->ep[i], &ch->ep[j], pids, &queue_taken);
	}
}

/* Sorted records to pairs, in place: each key's records summed, each channel counted once. */
static size_t fold(struct rec *r, size_t n, struct om_pair **out)
{
	struct om_pair *p = xcalloc(n ? n : 1, sizeof(*p));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		bool same_key = i > 0 && key_cmp(&r[i - 1], &r[i]) == 0;
		if (!same_key) {
			p[m++] = r[i].p;
			continue;
		}
		struct om_pair *q = &p[m - 1];
		q->channels += r[i].chan != r[i - 1].chan;
		q->has_bytes |= r[i].p.has_bytes;
		q->sent_bytes += r[i].p.sent_bytes;
		q->has_queued |= r[i].p.has_queued;
		q->queued += r[i].p.queued;
	}
	*out = p;
	return m;
}

size_t om_pairs_build(const struct snapshot *s, const struct snap_selection *sel, char *const *names,
                      bool pids, struct om_pair **out)
{
	struct recs rs = { .names = names };
	for (size_t ci = 0; ci < s->n_chans; ci++)
		if (sel->chan_kept[ci] && (unsigned)s->chans[ci].kind < CK__COUNT && !s->chans[ci].one_ended)
			chan_recs(&rs, s, sel, ci, pids);
	if (rs.n)
		qsort(rs.r, rs.n, sizeof(*rs.r), rec_cmp);
	size_t m = fold(rs.r, rs.n, out);
	free(rs.r);
	free(rs.tx_seen);
	free(rs.rx_seen);
	return m;
}
