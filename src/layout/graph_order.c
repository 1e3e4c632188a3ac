/* graph_order.c — order of the nodes within each layer: rounds of barycenter sweeps down and
 * up, from the first order, from a depth-first walk's and from the best so far, with swaps of
 * neighbours that remove crossings, keeping the order with the fewest. Remembered nodes keep
 * their relative order; only new and virtual nodes move between them. */
#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout_int.h"
#include "util/xalloc.h"

/* Neighbours of each lnode in the layer above (up) and below (down), through links. */
struct nbrs { size_t *up0, *down0; int *up, *down; };

static void build_nbrs(const struct gl_work *w, struct nbrs *nb)
{
	size_t n = w->n_ln;
	nb->up0 = xcalloc(n + 2, sizeof(size_t));
	nb->down0 = xcalloc(n + 2, sizeof(size_t));
	nb->up = xcalloc(w->n_lk + 1, sizeof(int));
	nb->down = xcalloc(w->n_lk + 1, sizeof(int));
	for (size_t i = 0; i < w->n_lk; i++) {
		if (w->lk[i].same)
			continue;
		nb->down0[w->lk[i].a + 1]++;
		nb->up0[w->lk[i].b + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		nb->down0[i + 1] += nb->down0[i];
		nb->up0[i + 1] += nb->up0[i];
	}
	size_t *fu = xcalloc(n + 1, sizeof(size_t)), *fd = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < w->n_lk; i++) {
		const struct gl_link *l = &w->lk[i];
		if (l->same)
			continue;
		nb->down[nb->down0[l->a] + fd[l->a]++] = l->b;
		nb->up[nb->up0[l->b] + fu[l->b]++] = l->a;
	}
	free(fu);
	free(fd);
}

static void free_nbrs(struct nbrs *nb)
{
	free(nb->up0); free(nb->down0); free(nb->up); free(nb->down);
}

static bool is_fixed(const struct gl_lnode *x, bool have_memory)
{
	return have_memory && x->real >= 0 && x->mem_order >= 0;
}

static const struct gl_lnode *sort_ln;   /* qsort has no context argument */

static int by_bary(const void *pa, const void *pb)
{
	const struct gl_lnode *a = &sort_ln[*(const int *)pa], *b = &sort_ln[*(const int *)pb];
	if (a->bary != b->bary)
		return a->bary < b->bary ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static int by_memory(const void *pa, const void *pb)
{
	const struct gl_lnode *a = &sort_ln[*(const int *)pa], *b = &sort_ln[*(const int *)pb];
	int ka = a->mem_order >= 0 ? a->mem_order : 1 << 30, kb = b->mem_order >= 0 ? b->mem_order : 1 << 30;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if ((a->real < 0) != (b->real < 0))
		return a->real < 0 ? 1 : -1;
	return (a->order > b->order) - (a->order < b->order);
}

static void renumber(struct gl_work *w, int layer)
{
	for (size_t k = w->layer_start[layer]; k < w->layer_start[layer + 1]; k++)
		w->ln[w->slot[k]].order = (int)(k - w->layer_start[layer]);
}

/* Sort one layer by barycenter; fixed nodes keep their order and free ones merge in. */
static void sort_layer(struct gl_work *w, int layer, bool have_memory, int *fixed, int *loose)
{
	size_t s0 = w->layer_start[layer], s1 = w->layer_start[layer + 1], nf = 0, nl = 0;
	for (size_t k = s0; k < s1; k++) {
		int v = w->slot[k];
		if (is_fixed(&w->ln[v], have_memory))
			fixed[nf++] = v;
		else
			loose[nl++] = v;
	}
	sort_ln = w->ln;
	qsort(loose, nl, sizeof(int), by_bary);
	size_t i = 0, j = 0, k = s0;
	while (i < nf || j < nl) {
		bool take_loose = j < nl && (i == nf || w->ln[loose[j]].bary < w->ln[fixed[i]].bary);
		w->slot[k++] = take_loose ? loose[j++] : fixed[i++];
	}
	renumber(w, layer);
}

/* Each node's barycenter: the mean order of its neighbours in the adjacent layer (a node with
 * none keeps its own order). Scaled, that mean is taken as a place in the adjacent layer and
 * set at the same fraction of this one, so that where the two layers differ in size the nodes
 * with neighbours do not all crowd to one end past those without. */
static void set_bary(struct gl_work *w, int layer, const size_t *first, const int *list, bool scaled)
{
	double here = (double)(w->layer_start[layer + 1] - w->layer_start[layer]);
	for (size_t k = w->layer_start[layer]; k < w->layer_start[layer + 1]; k++) {
		int v = w->slot[k];
		size_t a = first[v], b = first[v + 1];
		double sum = 0;
		for (size_t i = a; i < b; i++)
			sum += w->ln[list[i]].order;
		w->ln[v].bary = b > a ? sum / (double)(b - a) : w->ln[v].order;
		if (scaled && b > a) {
			int nl = w->ln[list[a]].layer;
			double there = (double)(w->layer_start[nl + 1] - w->layer_start[nl]);
			w->ln[v].bary = (w->ln[v].bary + 0.5) * here / there - 0.5;
		}
	}
}

struct pair { int a, b; };

static int by_pair(const void *pa, const void *pb)
{
	const struct pair *x = pa, *y = pb;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* Crossings of links between layers l and l+1: walking the upper layer in order, a link crosses
 * every earlier link (from an earlier upper node) that ends further down. */
static long layer_crossings(const struct gl_work *w, int l, struct pair *pairs, long *tree)
{
	size_t np = 0;
	for (size_t i = 0; i < w->n_lk; i++) {
		const struct gl_link *k = &w->lk[i];
		if (!k->same && w->ln[k->a].layer == l)
			pairs[np++] = (struct pair){ w->ln[k->a].order, w->ln[k->b].order };
	}
	qsort(pairs, np, sizeof(*pairs), by_pair);
	size_t width = w->layer_start[l + 2] - w->layer_start[l + 1];
	memset(tree, 0, (width + 2) * sizeof(long));
	long total = 0, seen = 0;
	for (size_t g = 0; g < np;) {
		size_t end = g;
		while (end < np && pairs[end].a == pairs[g].a)
			end++;
		for (size_t p = g; p < end; p++) {
			long at_or_above = 0;
			for (size_t x = (size_t)pairs[p].b + 1; x > 0; x -= x & -x)
				at_or_above += tree[x];
			total += seen - at_or_above;
		}
		for (size_t p = g; p < end; p++, seen++)
			for (size_t x = (size_t)pairs[p].b + 1; x <= width + 1; x += x & -x)
				tree[x]++;
		g = end;
	}
	return total;
}

long gl_count_crossings(const struct gl_work *w)
{
	long total = 0;
	long *tree = xcalloc(w->n_ln + 2, sizeof(long));
	struct pair *pairs = xcalloc(w->n_lk + 1, sizeof(*pairs));
	for (int l = 0; l + 1 < w->n_layers; l++)
		total += layer_crossings(w, l, pairs, tree);
	free(tree);
	free(pairs);
	return total;
}

/* Passes of neighbour swaps after a sweep at most: more on graphs of up to SMALL_GRAPH layered
 * nodes (bench/LAYOUT.md), fewer on bigger ones to stay well within a refresh. */
#define TRANSPOSE_PASSES 30
#define TRANSPOSE_PASSES_BIG 8
#define SMALL_GRAPH 3000

/* Crossings between the links of v and those of u (to the layers above and below) when v lies
 * above u. */
static long pair_crossings(const struct gl_work *w, const struct nbrs *nb, int v, int u)
{
	long c = 0;
	for (int dir = 0; dir < 2; dir++) {
		const size_t *first = dir ? nb->down0 : nb->up0;
		const int *list = dir ? nb->down : nb->up;
		for (size_t i = first[v]; i < first[v + 1]; i++)
			for (size_t j = first[u]; j < first[u + 1]; j++)
				c += w->ln[list[i]].order > w->ln[list[j]].order;
	}
	return c;
}

/* Swap neighbours in each layer while that removes crossings (two remembered nodes keep their
 * order); barycenters leave many such pairs behind. With reverse (every other sweep, as dot's
 * mincross does) a swap that keeps the crossings as many is made too, to step off a plateau;
 * the caller keeps the best order seen. */
static void transpose(struct gl_work *w, const struct nbrs *nb, bool have_memory, bool reverse)
{
	int passes = w->n_ln <= SMALL_GRAPH ? TRANSPOSE_PASSES : TRANSPOSE_PASSES_BIG;
	for (int pass = 0; pass < passes; pass++) {
		long gained = 0;
		for (int l = 0; l < w->n_layers; l++)
			for (size_t k = w->layer_start[l]; k + 1 < w->layer_start[l + 1]; k++) {
				int v = w->slot[k], u = w->slot[k + 1];
				if (is_fixed(&w->ln[v], have_memory) && is_fixed(&w->ln[u], have_memory))
					continue;
				long keep = pair_crossings(w, nb, v, u), swap = pair_crossings(w, nb, u, v);
				if (swap > keep || (swap == keep && !(reverse && keep > 0)))
					continue;
				w->slot[k] = u;
				w->slot[k + 1] = v;
				w->ln[u].order--;
				w->ln[v].order++;
				gained += keep - swap;
			}
		if (gained == 0)
			break;      /* as dot: a pass that took out no crossing is the last */
	}
}

static void save_orders(const struct gl_work *w, int *dst) { memcpy(dst, w->slot, w->n_ln * sizeof(int)); }

static void load_orders(struct gl_work *w, const int *src)
{
	memcpy(w->slot, src, w->n_ln * sizeof(int));
	for (int l = 0; l < w->n_layers; l++)
		renumber(w, l);
}

#define SCALED_SWEEPS 24

/* dot's first order: each layer in the order a walk along the links (both ways) reaches its
 * nodes, depth first or (breadth) breadth first, so that connected nodes start side by side. */
static void walk_order(struct gl_work *w, const struct nbrs *nb, bool breadth, int *out)
{
	int *seq = xcalloc(w->n_ln + 1, sizeof(int)), *stack = xcalloc(w->n_ln + 1, sizeof(int)), next = 1;
	for (size_t root = 0; root < w->n_ln; root++) {
		if (seq[w->slot[root]])
			continue;
		size_t depth = 0, head = 0;
		stack[depth++] = w->slot[root];
		seq[w->slot[root]] = next++;
		while (depth > head) {
			int v = breadth ? stack[head++] : stack[--depth];
			for (int dir = 0; dir < 2; dir++) {
				const size_t *first = dir ? nb->up0 : nb->down0;
				const int *list = dir ? nb->up : nb->down;
				for (size_t i = first[v + 1]; i-- > first[v];)
					if (!seq[list[i]]) {
						seq[list[i]] = next++;
						stack[depth++] = list[i];
					}
			}
		}
	}
	for (int l = 0; l < w->n_layers; l++) {
		size_t k = w->layer_start[l], end = w->layer_start[l + 1];
		for (size_t a = k; a < end; a++)
			out[a] = w->slot[a];
		for (size_t a = k + 1; a < end; a++)
			for (size_t b = a; b > k && seq[out[b - 1]] > seq[out[b]]; b--) {
				int t = out[b]; out[b] = out[b - 1]; out[b - 1] = t;
			}
	}
	free(seq);
	free(stack);
}

/* How a round of sweeps runs: how many, with neighbour swaps after each, scaled barycenters,
 * from the first order (else from the best so far). */
enum round_start { FROM_FIRST, FROM_BEST, FROM_WALK, FROM_BFS };
struct round { int sweeps; bool swaps, scaled; enum round_start start; };

/* A round stops after this many sweeps in a row that found no better order (dot's MinQuit). */
#define MIN_QUIT 8

/* One round of sweeps from the current order, the best order seen kept in best and its
 * crossings in *best_cross. */
static void sweep_round(struct gl_work *w, const struct nbrs *nb, bool have_memory, struct round r,
                        int *best, long *best_cross, int *fixed, int *loose)
{
	for (int s = 0, since_best = 0; s < r.sweeps && *best_cross > 0 && since_best < MIN_QUIT; s++, since_best++) {
		bool down = s % 2 == 0;
		for (int i = 1; i < w->n_layers; i++) {
			int l = down ? i : w->n_layers - 1 - i;
			set_bary(w, l, down ? nb->up0 : nb->down0, down ? nb->up : nb->down, r.scaled);
			sort_layer(w, l, have_memory, fixed, loose);
		}
		if (r.swaps)
			transpose(w, nb, have_memory, s % 2 == 1);
		long c = gl_count_crossings(w);
		if (c < *best_cross) {
			*best_cross = c;
			save_orders(w, best);
			since_best = -1;
		}
	}
}

/* Rounds of sweeps, the best order of all kept: barycenters alone from the first order (the
 * layout's only round before the others were added, so never worse than that), the same with
 * neighbour swaps from its best, then scaled barycenters with swaps from the first order again
 * (far fewer crossings where a wide layer meets a narrow one, as many holders of a few hubs;
 * bench/LAYOUT.md) and from a depth-first walk's order (not when nodes are remembered: their
 * order stands), and swaps from the best of all; on graphs of up to SMALL_GRAPH layered nodes
 * a second longer round from the walk's order, scaled from the best, swaps again, then plain
 * and scaled rounds from a breadth-first walk's order (dot's build_ranks order; it took a
 * quarter to a third of the crossings off the made-up graphs of bench/LAYOUT.md) and swaps. */
void gl_order_layers(struct gl_work *w, bool have_memory)
{
	if (w->n_ln == 0)
		return;
	sort_ln = w->ln;
	for (int l = 0; l < w->n_layers; l++) {
		size_t s0 = w->layer_start[l];
		qsort(w->slot + s0, w->layer_start[l + 1] - s0, sizeof(int), by_memory);
		renumber(w, l);
	}
	struct nbrs nb;
	build_nbrs(w, &nb);
	int *best = xcalloc(w->n_ln, sizeof(int)), *fixed = xcalloc(w->n_ln, sizeof(int)), *loose = xcalloc(w->n_ln, sizeof(int));
	int *first = xcalloc(w->n_ln, sizeof(int));
	save_orders(w, best);
	save_orders(w, first);
	long best_cross = gl_count_crossings(w);
	int n = w->o->sweeps, m = n ? SCALED_SWEEPS : 0, x = w->n_ln <= SMALL_GRAPH ? m : 0;
	const struct round rounds[] = { { n, false, false, FROM_FIRST }, { n, true, false, FROM_BEST },
					{ m, true, true, FROM_FIRST }, { m, true, true, FROM_WALK },
					{ n, true, false, FROM_BEST }, { x, true, false, FROM_WALK },
					{ x, true, true, FROM_BEST }, { x, true, false, FROM_BEST },
					{ x, true, false, FROM_BFS }, { x, true, true, FROM_BFS },
					{ x, true, false, FROM_BEST } };
	int *walk = have_memory ? NULL : xcalloc(w->n_ln, sizeof(int));
	int *bfs = have_memory ? NULL : xcalloc(w->n_ln, sizeof(int));
	if (walk) {
		walk_order(w, &nb, false, walk);
		walk_order(w, &nb, true, bfs);
	}
	for (size_t k = 0; k < sizeof(rounds) / sizeof(rounds[0]) && best_cross > 0; k++) {
		enum round_start st = rounds[k].start;
		if ((st == FROM_WALK || st == FROM_BFS) && !walk)
			continue;     /* remembered nodes keep their order: no other start */
		load_orders(w, st == FROM_FIRST ? first : st == FROM_BEST ? best : st == FROM_WALK ? walk : bfs);
		sweep_round(w, &nb, have_memory, rounds[k], best, &best_cross, fixed, loose);
	}
	free(walk);
	free(bfs);
	load_orders(w, best);
	free(best); free(first); free(fixed); free(loose);
	free_nbrs(&nb);
}
