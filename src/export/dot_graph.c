/* dot_graph.c — nodes and merged edges of the --dot export (see dot_graph.h). */
#include "export/dot_graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/rates.h"
#include "model/sock_describe.h"

#include "util/u64map.h"
#include "util/xalloc.h"

/* One distinct party of a channel: a process (all its endpoints' access joined) or a remote. */
struct party {
	uint64_t node;
	uint8_t access;
	double rate;      /* its ends' traffic both ways, NAN unknown */
	int64_t drops;    /* its ends' sockets' drops (each socket once), -1 none counted */
};

struct builder {
	struct dot_graph *g;
	const struct snapshot *s;
	struct u64map remote_by_hash;   /* FNV-1a of the text → index into g->remotes */
	struct party *parties;
	size_t cap_parties;
};

/* The node of a peer no visible process holds, by its address; role words other than
 * "remote" (a local peer that closed, or one whose holder is not visible) go on its label. */
static uint64_t remote_node(struct builder *b, const char *text, const char *role)
{
	struct dot_graph *g = b->g;
	uint64_t h = u64_text_hash(text);
	int32_t idx = u64map_get(&b->remote_by_hash, h);
	if (idx >= 0 && strcmp(g->remotes[idx], text) == 0)
		return DOT_NODE(DOT_REMOTE, idx);
	size_t cap = g->cap_remotes;
	XGROW(g->remotes, g->cap_remotes, g->n_remotes + 1);
	if (g->cap_remotes != cap)
		g->remote_roles = xrealloc(g->remote_roles, g->cap_remotes * sizeof(*g->remote_roles));
	g->remotes[g->n_remotes] = text;
	g->remote_roles[g->n_remotes] = role && strcmp(role, "remote") != 0 ? role : NULL;
	if (idx < 0)
		u64map_put(&b->remote_by_hash, h, (int32_t)g->n_remotes);
	return DOT_NODE(DOT_REMOTE, g->n_remotes++);
}

static int64_t drops_add(int64_t a, int64_t b)
{
	return a < 0 ? b : b < 0 ? a : a + b;
}

/* The drops of end e's socket when it has a drop counter and no earlier end of ch holds the
 * same socket; else -1. */
static int64_t end_drops(const struct snapshot *s, const struct channel *ch, size_t e)
{
	int32_t k = ch->ep[e].sock;
	if (k < 0 || (size_t)k >= s->n_socks || !s->socks[k].has_drops)
		return -1;
	for (size_t i = 0; i < e; i++)
		if (ch->ep[i].sock == k)
			return -1;
	return s->socks[k].drops;
}

/* Fill b->parties with the distinct parties of ch; returns their number. */
static size_t collect_parties(struct builder *b, const struct channel *ch)
{
	size_t n = 0;
	XGROW(b->parties, b->cap_parties, ch->n_ep + 1);
	for (size_t e = 0; e < ch->n_ep; e++) {
		const struct endpoint *ep = &ch->ep[e];
		uint64_t node;
		if (b->g->by_index && ep->pid > 0 && ep->proc >= 0)
			node = DOT_NODE(DOT_PROC, ep->proc);
		else if (ep->pid > 0 && !b->g->by_index)
			node = DOT_NODE(DOT_PROC, ep->pid);
		else if (ep->remote)
			node = remote_node(b, ep->remote, ep->role);
		else
			continue;
		size_t i = 0;
		while (i < n && b->parties[i].node != node)
			i++;
		if (i == n)
			b->parties[n++] = (struct party){ node, 0, NAN, -1 };
		b->parties[i].access |= ep->access;
		b->parties[i].drops = drops_add(b->parties[i].drops, end_drops(b->s, ch, e));
		if (b->s->has_rates)
			b->parties[i].rate = rate_add(b->parties[i].rate, endpoint_rate(ep));
	}
	return n;
}

static bool kind_has_direction(enum chan_kind k)
{
	return k == CK_PIPE || k == CK_FIFO;
}

static void add_edge(struct dot_graph *g, enum chan_kind kind, size_t chan, uint64_t a,
                     uint64_t b, bool directed, double rate, int64_t drops)
{
	if (!directed && a > b) {
		uint64_t t = a;
		a = b;
		b = t;
	}
	XGROW(g->edges, g->cap_edges, g->n_edges + 1);
	g->edges[g->n_edges++] = (struct dot_edge){ kind, a, b, directed, false, 1, chan, rate, drops };
}

/* Two parties: one edge, writer→reader for pipes and FIFOs when only one side writes. */
static void add_pair(struct builder *b, const struct channel *ch, size_t chan)
{
	const struct party *x = &b->parties[0], *y = &b->parties[1];
	bool xw = x->access & ACC_W, yw = y->access & ACC_W;
	double rate = b->s->has_rates ? channel_rate(ch) : NAN;
	int64_t drops = chan_drops(b->s, ch);
	if (kind_has_direction(ch->kind) && xw != yw)
		add_edge(b->g, ch->kind, chan, xw ? x->node : y->node, xw ? y->node : x->node, true, rate, drops);
	else
		add_edge(b->g, ch->kind, chan, x->node, y->node, false, rate, drops);
}

/* More parties: the channel becomes a node with an edge to each party. */
static void add_hub(struct builder *b, const struct channel *ch, size_t chan, size_t n)
{
	struct dot_graph *g = b->g;
	uint64_t hub = DOT_NODE(DOT_HUB, chan);
	XGROW(g->hubs, g->cap_hubs, g->n_hubs + 1);
	g->hubs[g->n_hubs++] = chan;
	for (size_t i = 0; i < n; i++) {
		uint8_t acc = b->parties[i].access;
		bool directed = kind_has_direction(ch->kind) && (acc == ACC_R || acc == ACC_W);
		double rate = b->parties[i].rate;
		int64_t drops = b->parties[i].drops;
		if (directed && acc == ACC_R)
			add_edge(g, ch->kind, chan, hub, b->parties[i].node, true, rate, drops);
		else
			add_edge(g, ch->kind, chan, b->parties[i].node, hub, directed, rate, drops);
		g->edges[g->n_edges - 1].one_ended = ch->one_ended;
	}
}

static int edge_cmp(const void *pa, const void *pb)
{
	const struct dot_edge *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->directed != b->directed)
		return a->directed ? 1 : -1;
	if (a->one_ended != b->one_ended)
		return a->one_ended ? 1 : -1;
	return a->chan < b->chan ? -1 : a->chan > b->chan;
}

/* Sort edges and merge those joining the same nodes with the same kind and direction. */
static void merge_edges(struct dot_graph *g)
{
	if (g->n_edges == 0)
		return;
	qsort(g->edges, g->n_edges, sizeof(*g->edges), edge_cmp);
	size_t out = 0;
	for (size_t i = 0; i < g->n_edges; i++) {
		struct dot_edge *e = &g->edges[i], *last = out ? &g->edges[out - 1] : NULL;
		if (last && last->kind == e->kind && last->from == e->from && last->to == e->to &&
		    last->directed == e->directed && last->one_ended == e->one_ended) {
			last->count++;
			last->rate = rate_add(last->rate, e->rate);
			last->drops = drops_add(last->drops, e->drops);
		} else {
			g->edges[out++] = *e;
		}
	}
	g->n_edges = out;
}

static int pid_cmp(const void *pa, const void *pb)
{
	pid_t a = *(const pid_t *)pa, b = *(const pid_t *)pb;
	return (a > b) - (a < b);
}

static void add_pid(struct dot_graph *g, uint64_t node)
{
	if (DOT_NODE_TYPE(node) != DOT_PROC)
		return;
	XGROW(g->pids, g->cap_pids, g->n_pids + 1);
	g->pids[g->n_pids++] = (pid_t)DOT_NODE_NUM(node);
}

/* The process nodes: every process at an end of an edge, once, sorted. */
static void collect_pids(struct dot_graph *g)
{
	for (size_t i = 0; i < g->n_edges; i++) {
		add_pid(g, g->edges[i].from);
		add_pid(g, g->edges[i].to);
		g->kind_used[g->edges[i].kind] = true;
	}
	if (g->n_pids == 0)
		return;
	qsort(g->pids, g->n_pids, sizeof(*g->pids), pid_cmp);
	size_t out = 1;
	for (size_t i = 1; i < g->n_pids; i++)
		if (g->pids[i] != g->pids[out - 1])
			g->pids[out++] = g->pids[i];
	g->n_pids = out;
}

void dot_graph_build(struct dot_graph *g, const struct snapshot *s, const bool *kept)
{
	struct builder b = { .g = g, .s = s };
	memset(g, 0, sizeof(*g));
	g->by_index = s->n_procs > 0 && s->procs[0].host;
	u64map_init(&b.remote_by_hash, 64);
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		if ((unsigned)ch->kind >= CK__COUNT || !kept[c])
			continue;
		size_t n = collect_parties(&b, ch);
		/* one-ended: its holders never talk, so no edge between them but one to the pipe each */
		if (n == 2 && !ch->one_ended)
			add_pair(&b, ch, c);
		else if (n >= 2)
			add_hub(&b, ch, c, n);
	}
	merge_edges(g);
	collect_pids(g);
	u64map_free(&b.remote_by_hash);
	free(b.parties);
}

void dot_graph_free(struct dot_graph *g)
{
	free(g->edges);
	free(g->pids);
	free(g->remotes);
	free(g->remote_roles);
	free(g->hubs);
	memset(g, 0, sizeof(*g));
}
