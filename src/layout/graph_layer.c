/* graph_layer.c — layers of the graph drawing: cycles broken by depth-first search, layers by
 * network simplex (graph_rank.c: the shortest edges in all) on a first layout, by longest path
 * when nodes are remembered (they keep theirs, new ones go right of their predecessors), empty
 * layers squeezed out, long edges split by virtual nodes into one-layer links. */
#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout_int.h"
#include "layout/graph_rank.h"
#include "util/xalloc.h"

/* Exchanges network simplex may make per connected part (see simplex_layers). */
#define SIMPLEX_BUDGET 20000

/* Out-edges of each node, as a compressed list of edge indices. */
struct adjacency { size_t *start; size_t *edge; };

static void build_adjacency(const struct gl_work *w, struct adjacency *a)
{
	a->start = xcalloc(w->n + 1, sizeof(*a->start));
	a->edge = xcalloc(w->m + 1, sizeof(*a->edge));
	for (size_t e = 0; e < w->m; e++)
		if (!w->skip[e])
			a->start[w->edges[e].from + 1]++;
	for (size_t i = 0; i < w->n; i++)
		a->start[i + 1] += a->start[i];
	size_t *fill = xcalloc(w->n + 1, sizeof(*fill));
	for (size_t e = 0; e < w->m; e++) {
		if (w->skip[e])
			continue;
		uint32_t u = w->edges[e].from;
		a->edge[a->start[u] + fill[u]++] = e;
	}
	free(fill);
}

/* Iterative DFS; an edge into a node still on the stack closes a cycle and is reversed. */
static void break_cycles(const struct gl_work *w, const struct adjacency *a, bool *rev)
{
	unsigned char *state = xcalloc(w->n + 1, 1);     /* 0 new, 1 on stack, 2 done */
	size_t *stack = xcalloc(w->n + 1, sizeof(*stack)), *next = xcalloc(w->n + 1, sizeof(*next));
	for (size_t root = 0; root < w->n; root++) {
		if (state[root])
			continue;
		size_t depth = 0;
		stack[depth++] = root;
		state[root] = 1;
		next[root] = a->start[root];
		while (depth > 0) {
			size_t u = stack[depth - 1];
			if (next[u] == a->start[u + 1]) {
				state[u] = 2;
				depth--;
				continue;
			}
			size_t e = a->edge[next[u]++];
			size_t v = w->edges[e].to;
			if (state[v] == 1) {
				rev[e] = true;
			} else if (state[v] == 0) {
				state[v] = 1;
				next[v] = a->start[v];
				stack[depth++] = v;
			}
		}
	}
	free(state);
	free(stack);
	free(next);
}

/* Longest-path layering over the acyclic edges, visiting nodes in topological order. */
static void longest_path(struct gl_work *w, const bool *rev, const struct gl_memory *mem)
{
	size_t n = w->n;
	size_t *indeg = xcalloc(n + 1, sizeof(*indeg)), *queue = xcalloc(n + 1, sizeof(*queue));
	int *lp = xcalloc(n + 1, sizeof(*lp)), *floor_layer = xcalloc(n + 1, sizeof(*floor_layer));
	size_t *start = xcalloc(n + 1, sizeof(*start)), *succ = xcalloc(w->m + 1, sizeof(*succ));
	for (size_t e = 0; e < w->m; e++)
		if (!w->skip[e])
			start[(rev[e] ? w->edges[e].to : w->edges[e].from) + 1]++;
	for (size_t i = 0; i < n; i++)
		start[i + 1] += start[i];
	size_t *fill = xcalloc(n + 1, sizeof(*fill));
	for (size_t e = 0; e < w->m; e++) {
		if (w->skip[e])
			continue;
		size_t u = rev[e] ? w->edges[e].to : w->edges[e].from, v = rev[e] ? w->edges[e].from : w->edges[e].to;
		succ[start[u] + fill[u]++] = v;
		indeg[v]++;
	}
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < n; i++)
		if (indeg[i] == 0)
			queue[tail++] = i;
	while (head < tail) {
		size_t u = queue[head++];
		int32_t slot = mem ? u64map_get(&mem->index, w->nodes[u].key) : -1;
		int layer = slot >= 0 ? mem->layer[slot] : (lp[u] > floor_layer[u] ? lp[u] : floor_layer[u]);
		w->ln[u].layer = layer;
		w->ln[u].mem_order = slot >= 0 ? mem->order[slot] : -1;
		for (size_t k = start[u]; k < start[u + 1]; k++) {
			size_t v = succ[k];
			if (lp[v] < lp[u] + 1)
				lp[v] = lp[u] + 1;
			if (floor_layer[v] < layer + 1)
				floor_layer[v] = layer + 1;
			if (--indeg[v] == 0)
				queue[tail++] = v;
		}
	}
	free(indeg); free(queue); free(lp); free(floor_layer); free(start); free(succ); free(fill);
}

/* Layers by network simplex over the acyclic edges, within a budget of exchanges (past it the
 * layers are valid, only longer than they could be). */
static void simplex_layers(struct gl_work *w, const bool *rev)
{
	uint32_t *from = xcalloc(w->m + 1, sizeof(uint32_t)), *to = xcalloc(w->m + 1, sizeof(uint32_t));
	int *rank = xcalloc(w->n + 1, sizeof(int));
	size_t k = 0;
	for (size_t e = 0; e < w->m; e++) {
		if (w->skip[e])
			continue;
		from[k] = rev[e] ? w->edges[e].to : w->edges[e].from;
		to[k++] = rev[e] ? w->edges[e].from : w->edges[e].to;
	}
	gl_rank_simplex(w->n, from, to, k, rank, SIMPLEX_BUDGET);
	for (size_t i = 0; i < w->n; i++) {
		w->ln[i].layer = rank[i];
		w->ln[i].mem_order = -1;
	}
	free(from);
	free(to);
	free(rank);
}

/* Renumber layers 0..k-1 without empty ones. */
static void squeeze_layers(struct gl_work *w)
{
	int top = 0;
	for (size_t i = 0; i < w->n; i++)
		top = w->ln[i].layer > top ? w->ln[i].layer : top;
	int *renum = xcalloc((size_t)top + 2, sizeof(*renum));
	for (size_t i = 0; i < w->n; i++)
		renum[w->ln[i].layer] = 1;
	int k = 0;
	for (int l = 0; l <= top; l++)
		renum[l] = renum[l] ? k++ : -1;
	for (size_t i = 0; i < w->n; i++)
		w->ln[i].layer = renum[w->ln[i].layer];
	w->n_layers = k;
	free(renum);
}

void gl_assign_layers(struct gl_work *w, const struct gl_memory *mem)
{
	XGROW(w->ln, w->cap_ln, w->n + 1);
	for (size_t i = 0; i < w->n; i++)
		w->ln[i] = (struct gl_lnode){ .real = (int)i, .w = w->nodes[i].w, .h = w->nodes[i].h, .mem_order = -1 };
	w->n_ln = w->n;
	struct adjacency a;
	bool *rev = xcalloc(w->m + 1, sizeof(*rev));
	build_adjacency(w, &a);
	break_cycles(w, &a, rev);
	if (mem)
		longest_path(w, rev, mem);
	else
		simplex_layers(w, rev);
	squeeze_layers(w);
	for (size_t e = 0; e < w->m; e++)
		w->flip[e] = w->ln[w->edges[e].from].layer > w->ln[w->edges[e].to].layer;
	free(rev);
	free(a.start);
	free(a.edge);
}

static int add_virtual(struct gl_work *w, int layer)
{
	XGROW(w->ln, w->cap_ln, w->n_ln + 1);
	w->ln[w->n_ln] = (struct gl_lnode){ .layer = layer, .real = -1, .w = 1, .h = 1, .mem_order = -1 };
	return (int)w->n_ln++;
}

static void add_link(struct gl_work *w, int a, int b, bool same, size_t e)
{
	XGROW(w->lk, w->cap_lk, w->n_lk + 1);
	w->lk[w->n_lk++] = (struct gl_link){ .a = a, .b = b, .same = same, .edge = (int)e, .track = -1 };
}

/* Split every edge into links between adjacent layers; then list lnodes by layer. */
void gl_build_links(struct gl_work *w)
{
	for (size_t e = 0; e < w->m; e++) {
		w->edge_link0[e] = w->n_lk;
		if (w->skip[e])
			continue;
		int a = (int)(w->flip[e] ? w->edges[e].to : w->edges[e].from);
		int b = (int)(w->flip[e] ? w->edges[e].from : w->edges[e].to);
		int la = w->ln[a].layer, lb = w->ln[b].layer;
		if (la == lb) {
			add_link(w, a, b, true, e);
		} else {
			int prev = a;
			for (int l = la + 1; l < lb; l++) {
				int v = add_virtual(w, l);
				add_link(w, prev, v, false, e);
				prev = v;
			}
			add_link(w, prev, b, false, e);
		}
		w->edge_nlinks[e] = w->n_lk - w->edge_link0[e];
	}
	w->layer_start = xcalloc((size_t)w->n_layers + 2, sizeof(*w->layer_start));
	w->slot = xcalloc(w->n_ln + 1, sizeof(*w->slot));
	for (size_t i = 0; i < w->n_ln; i++)
		w->layer_start[w->ln[i].layer + 1]++;
	for (int l = 0; l < w->n_layers; l++)
		w->layer_start[l + 1] += w->layer_start[l];
	size_t *fill = xcalloc((size_t)w->n_layers + 1, sizeof(*fill));
	for (size_t i = 0; i < w->n_ln; i++) {
		int l = w->ln[i].layer;
		w->slot[w->layer_start[l] + fill[l]] = (int)i;
		w->ln[i].order = (int)fill[l]++;
	}
	free(fill);
}
