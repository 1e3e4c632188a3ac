/* graph_rank.c — network simplex ranking (see graph_rank.h). Per connected part: ranks by
 * longest path, a feasible tree of tight edges grown by shifting the tree, then exchanges of a
 * tree edge of negative cut value for the non-tree edge of least slack that joins the two
 * halves the other way, until no cut value is negative; then ranks normalised and balanced.
 * A tree edge's cut value is the net number of edges leaving the subtree below it (signed by
 * the edge's direction): the subtree's sum of out-degree minus in-degree, so all cut values
 * come from one postorder walk. */
#include "layout/graph_rank.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* One connected part, in local indices. */
struct part {
	size_t n, m;
	const uint32_t *tail, *head;
	int *rank;
	size_t *inc0, *inc;        /* incident edges of each node (both directions) */
	bool *in_tree, *tree_edge;
	int *par_e;                /* tree edge to the parent, -1 at the root */
	int *lim, *low;            /* postorder number, least postorder number in the subtree */
	long *sub;                 /* subtree's out-degree minus in-degree */
	int *stack, *next_inc;
};

static int slack(const struct part *p, size_t e)
{
	return p->rank[p->head[e]] - p->rank[p->tail[e]] - 1;
}

static size_t other_end(const struct part *p, size_t e, size_t v)
{
	return p->tail[e] == v ? p->head[e] : p->tail[e];
}

static void build_incidence(struct part *p)
{
	p->inc0 = xcalloc(p->n + 1, sizeof(size_t));
	p->inc = xcalloc(2 * p->m + 1, sizeof(size_t));
	for (size_t e = 0; e < p->m; e++) {
		p->inc0[p->tail[e] + 1]++;
		p->inc0[p->head[e] + 1]++;
	}
	for (size_t v = 0; v < p->n; v++)
		p->inc0[v + 1] += p->inc0[v];
	size_t *fill = xcalloc(p->n + 1, sizeof(size_t));
	for (size_t e = 0; e < p->m; e++) {
		p->inc[p->inc0[p->tail[e]] + fill[p->tail[e]]++] = e;
		p->inc[p->inc0[p->head[e]] + fill[p->head[e]]++] = e;
	}
	free(fill);
}

/* Longest path from the sources: every edge spans at least one rank. */
static void init_rank(struct part *p)
{
	size_t *indeg = xcalloc(p->n + 1, sizeof(size_t)), *queue = xcalloc(p->n + 1, sizeof(size_t));
	size_t head = 0, tail = 0;
	for (size_t e = 0; e < p->m; e++)
		indeg[p->head[e]]++;
	for (size_t v = 0; v < p->n; v++) {
		p->rank[v] = 0;
		if (indeg[v] == 0)
			queue[tail++] = v;
	}
	while (head < tail) {
		size_t u = queue[head++];
		for (size_t k = p->inc0[u]; k < p->inc0[u + 1]; k++) {
			size_t e = p->inc[k];
			if (p->tail[e] != u)
				continue;
			size_t v = p->head[e];
			if (p->rank[v] < p->rank[u] + 1)
				p->rank[v] = p->rank[u] + 1;
			if (--indeg[v] == 0)
				queue[tail++] = v;
		}
	}
	free(indeg);
	free(queue);
}

/* Add to the tree every node reachable from it through tight edges. Returns the tree's size. */
static size_t grow_tight(struct part *p, size_t size)
{
	size_t depth = 0;
	for (size_t v = 0; v < p->n; v++)
		if (p->in_tree[v])
			p->stack[depth++] = (int)v;
	while (depth > 0) {
		size_t u = (size_t)p->stack[--depth];
		for (size_t k = p->inc0[u]; k < p->inc0[u + 1]; k++) {
			size_t e = p->inc[k], v = other_end(p, e, u);
			if (p->in_tree[v] || slack(p, e) != 0)
				continue;
			p->in_tree[v] = true;
			p->tree_edge[e] = true;
			p->stack[depth++] = (int)v;
			size++;
		}
	}
	return size;
}

/* A spanning tree of tight edges: grow from node 0; when stuck, shift the tree's ranks by the
 * least slack of an edge leaving it, which makes that edge tight and keeps every edge valid. */
static void feasible_tree(struct part *p)
{
	p->in_tree[0] = true;
	size_t size = grow_tight(p, 1);
	while (size < p->n) {
		long best = -1;
		int delta = 0;
		for (size_t e = 0; e < p->m; e++) {
			if (p->in_tree[p->tail[e]] == p->in_tree[p->head[e]])
				continue;
			if (best < 0 || slack(p, e) < slack(p, (size_t)best))
				best = (long)e;
		}
		delta = slack(p, (size_t)best);
		if (!p->in_tree[p->tail[best]])
			delta = -delta;
		for (size_t v = 0; v < p->n; v++)
			if (p->in_tree[v])
				p->rank[v] += delta;
		size = grow_tight(p, size);
	}
}

/* Parent edges, postorder numbers and subtree sums of the tree rooted at node 0. */
static void index_tree(struct part *p)
{
	int next = 0;
	memset(p->in_tree, 0, p->n * sizeof(bool));
	size_t depth = 0;
	p->stack[depth++] = 0;
	p->par_e[0] = -1;
	p->in_tree[0] = true;
	p->next_inc[0] = (int)p->inc0[0];
	while (depth > 0) {
		size_t u = (size_t)p->stack[depth - 1];
		if ((size_t)p->next_inc[u] == p->inc0[u + 1]) {
			depth--;
			p->lim[u] = next++;
			long s = 0;
			for (size_t k = p->inc0[u]; k < p->inc0[u + 1]; k++) {
				size_t e = p->inc[k];
				s += p->tail[e] == u ? 1 : -1;
				if (p->tree_edge[e] && (int)e != p->par_e[u]) {
					size_t c = other_end(p, e, u);
					s += p->sub[c];
					p->low[u] = p->low[c] < p->low[u] ? p->low[c] : p->low[u];
				}
			}
			p->sub[u] = s;
			continue;
		}
		size_t e = p->inc[p->next_inc[u]++];
		size_t v = other_end(p, e, u);
		if (!p->tree_edge[e] || p->in_tree[v])
			continue;
		p->in_tree[v] = true;
		p->par_e[v] = (int)e;
		p->low[v] = next;
		p->next_inc[v] = (int)p->inc0[v];
		p->stack[depth++] = (int)v;
	}
	p->low[0] = 0;
}

static long cut_value(const struct part *p, size_t v)
{
	return p->tail[p->par_e[v]] == v ? p->sub[v] : -p->sub[v];
}

static bool in_subtree(const struct part *p, size_t v, size_t x)
{
	return p->low[v] <= p->lim[x] && p->lim[x] <= p->lim[v];
}

/* A node whose parent edge has a negative cut value, searched from *start on; -1 if none. */
static long leaving(const struct part *p, size_t *start)
{
	for (size_t i = 0; i < p->n; i++) {
		size_t v = (*start + i) % p->n;
		if (p->par_e[v] >= 0 && cut_value(p, v) < 0) {
			*start = (v + 1) % p->n;
			return (long)v;
		}
	}
	return -1;
}

/* The parent edge of v leaves; the non-tree edge of least slack from its head's half to its
 * tail's half enters, the subtree below v shifted to make it tight. */
static void exchange(struct part *p, size_t v)
{
	bool sub_is_tail = p->tail[p->par_e[v]] == v;
	long best = -1;
	for (size_t e = 0; e < p->m; e++) {
		if (p->tree_edge[e])
			continue;
		bool t_in = in_subtree(p, v, p->tail[e]), h_in = in_subtree(p, v, p->head[e]);
		if (t_in == h_in || t_in == sub_is_tail)
			continue;      /* must go from the head's half to the tail's */
		if (best < 0 || slack(p, e) < slack(p, (size_t)best))
			best = (long)e;
	}
	if (best < 0)
		return;            /* cannot happen for a negative cut value */
	int delta = slack(p, (size_t)best);
	for (size_t x = 0; x < p->n; x++)
		if (in_subtree(p, v, x))
			p->rank[x] += sub_is_tail ? -delta : delta;
	p->tree_edge[p->par_e[v]] = false;
	p->tree_edge[best] = true;
}

/* Nodes with as many edges in as out take the least crowded rank open to them. */
static void balance(struct part *p)
{
	int top = 0;
	for (size_t v = 0; v < p->n; v++)
		top = p->rank[v] > top ? p->rank[v] : top;
	int *count = xcalloc((size_t)top + 1, sizeof(int));
	for (size_t v = 0; v < p->n; v++)
		count[p->rank[v]]++;
	for (size_t v = 0; v < p->n; v++) {
		int in = 0, out = 0, lo = 0, hi = top;
		for (size_t k = p->inc0[v]; k < p->inc0[v + 1]; k++) {
			size_t e = p->inc[k];
			if (p->tail[e] == v) {
				out++;
				hi = p->rank[p->head[e]] - 1 < hi ? p->rank[p->head[e]] - 1 : hi;
			} else {
				in++;
				lo = p->rank[p->tail[e]] + 1 > lo ? p->rank[p->tail[e]] + 1 : lo;
			}
		}
		if (in != out || in == 0)
			continue;
		int best = p->rank[v];
		for (int r = lo; r <= hi; r++)
			if (count[r] < count[best])
				best = r;
		count[p->rank[v]]--;
		count[best]++;
		p->rank[v] = best;
	}
	free(count);
}

static bool rank_part(struct part *p, long max_iter)
{
	build_incidence(p);
	p->in_tree = xcalloc(p->n + 1, sizeof(bool));
	p->tree_edge = xcalloc(p->m + 1, sizeof(bool));
	p->stack = xcalloc(p->n + 1, sizeof(int));
	p->par_e = xcalloc(p->n + 1, sizeof(int));
	p->lim = xcalloc(p->n + 1, sizeof(int));
	p->low = xcalloc(p->n + 1, sizeof(int));
	p->sub = xcalloc(p->n + 1, sizeof(long));
	p->next_inc = xcalloc(p->n + 1, sizeof(int));
	init_rank(p);
	feasible_tree(p);
	bool done = false;
	size_t start = 0;
	for (long iter = 0; max_iter <= 0 || iter < max_iter; iter++) {
		index_tree(p);
		long v = leaving(p, &start);
		if (v < 0) {
			done = true;
			break;
		}
		exchange(p, (size_t)v);
	}
	int least = p->rank[0];
	for (size_t v = 0; v < p->n; v++)
		least = p->rank[v] < least ? p->rank[v] : least;
	for (size_t v = 0; v < p->n; v++)
		p->rank[v] -= least;
	balance(p);
	free(p->inc0); free(p->inc); free(p->in_tree); free(p->tree_edge); free(p->stack);
	free(p->par_e); free(p->lim); free(p->low); free(p->sub); free(p->next_inc);
	return done;
}

static size_t find(size_t *up, size_t v)
{
	while (up[v] != v)
		v = up[v] = up[up[v]];
	return v;
}

static bool usable(size_t n, const uint32_t *from, const uint32_t *to, size_t e)
{
	return from[e] != to[e] && from[e] < n && to[e] < n;
}

bool gl_rank_simplex(size_t n, const uint32_t *from, const uint32_t *to, size_t m, int *rank, long max_iter)
{
	size_t *up = xcalloc(n + 1, sizeof(size_t)), *local = xcalloc(n + 1, sizeof(size_t));
	for (size_t v = 0; v < n; v++)
		up[v] = v;
	for (size_t e = 0; e < m; e++)
		if (usable(n, from, to, e))
			up[find(up, from[e])] = find(up, to[e]);
	/* Nodes grouped by part: order[] lists them part after part. */
	size_t *order = xcalloc(n + 1, sizeof(size_t)), *count = xcalloc(n + 1, sizeof(size_t));
	for (size_t v = 0; v < n; v++)
		count[find(up, v) + 1]++;
	for (size_t v = 0; v < n; v++)
		count[v + 1] += count[v];
	size_t *fill = xcalloc(n + 1, sizeof(size_t));
	for (size_t v = 0; v < n; v++) {
		size_t r = find(up, v);
		local[v] = fill[r];
		order[count[r] + fill[r]++] = v;
	}
	uint32_t *tail = xcalloc(m + 1, sizeof(uint32_t)), *head = xcalloc(m + 1, sizeof(uint32_t));
	size_t *edge_start = xcalloc(n + 2, sizeof(size_t)), *efill = xcalloc(n + 1, sizeof(size_t));
	for (size_t e = 0; e < m; e++)
		if (usable(n, from, to, e))
			edge_start[find(up, from[e]) + 1]++;
	for (size_t v = 0; v < n; v++)
		edge_start[v + 1] += edge_start[v];
	for (size_t e = 0; e < m; e++) {
		if (!usable(n, from, to, e))
			continue;
		size_t r = find(up, from[e]), at = edge_start[r] + efill[r]++;
		tail[at] = (uint32_t)local[from[e]];
		head[at] = (uint32_t)local[to[e]];
	}
	int *prank = xcalloc(n + 1, sizeof(int));
	bool all_done = true;
	for (size_t r = 0; r < n; r++) {
		size_t pn = count[r + 1] - count[r];
		if (pn == 0)
			continue;
		struct part p = { .n = pn, .m = edge_start[r + 1] - edge_start[r],
				  .tail = tail + edge_start[r], .head = head + edge_start[r], .rank = prank };
		all_done = rank_part(&p, max_iter) && all_done;
		for (size_t i = 0; i < pn; i++)
			rank[order[count[r] + i]] = prank[i];
	}
	free(up); free(local); free(order); free(count); free(fill);
	free(tail); free(head); free(edge_start); free(efill); free(prank);
	return all_done;
}

long gl_rank_length(const uint32_t *from, const uint32_t *to, size_t m, const int *rank)
{
	long len = 0;
	for (size_t e = 0; e < m; e++)
		len += rank[to[e]] - rank[from[e]];
	return len;
}
