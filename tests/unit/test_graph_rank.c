/* test_graph_rank.c — network simplex ranks (src/layout/graph_rank.c): on small graphs whose
 * least total edge length is worked out by hand, and on random small acyclic graphs against a
 * brute-force search over every ranking (the 7-node set needs the exchanges: the feasible tree
 * alone misses the least length there) and a balance invariant; parts ranked apart; a cycle
 * broken first when the whole layout ranks. */
#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout.h"
#include "layout/graph_rank.h"
#include "../tap.h"

static bool feasible(const uint32_t *from, const uint32_t *to, size_t m, const int *rank)
{
	for (size_t e = 0; e < m; e++)
		if (rank[to[e]] - rank[from[e]] < 1)
			return false;
	return true;
}

/* Chain a0→a1→a2→a3 and x→a3: longest path puts x at 0 (length 3+3); the least is 3+1. */
static void test_late_source(void)
{
	uint32_t from[] = { 0, 1, 2, 4 }, to[] = { 1, 2, 3, 3 };
	int rank[5];
	ok(gl_rank_simplex(5, from, to, 4, rank, 0), "late source: converged");
	ok(feasible(from, to, 4, rank), "late source: every edge spans a rank or more");
	is_int(gl_rank_length(from, to, 4, rank), 4, "late source: total length 4");
	is_int(rank[4], 2, "late source: x sits just left of its target");
	is_int(rank[0], 0, "late source: normalised to start at rank 0");
}

/* Two chains of three into a3 and b3, a hub h feeding both ends, and c → h: h belongs at rank 2
 * and c at 1 (length 3 + 3 + 1 + 1 + 1 = 9), not at 1 and 0 where longest path puts them. */
static void test_hub(void)
{
	/* a0..a3 = 0..3, b0..b3 = 4..7, h = 8, c = 9 */
	uint32_t from[] = { 0, 1, 2, 4, 5, 6, 8, 8, 9 }, to[] = { 1, 2, 3, 5, 6, 7, 3, 7, 8 };
	int rank[10];
	gl_rank_simplex(10, from, to, 9, rank, 0);
	ok(feasible(from, to, 9, rank), "hub: every edge spans a rank or more");
	is_int(gl_rank_length(from, to, 9, rank), 9, "hub: total length 9");
	ok(rank[8] == 2 && rank[9] == 1, "hub: h at rank 2, c at 1 (got %d, %d)", rank[8], rank[9]);
}

/* Two parts and a lone node: each part starts at rank 0 and is ranked alone. */
static void test_parts(void)
{
	/* part A: 0→1→2, 5→2 ; part B: 3→4 ; lone node 6 */
	uint32_t from[] = { 0, 1, 5, 3 }, to[] = { 1, 2, 2, 4 };
	int rank[7];
	gl_rank_simplex(7, from, to, 4, rank, 0);
	ok(rank[0] == 0 && rank[1] == 1 && rank[2] == 2 && rank[5] == 1, "parts: the chain's part 0,1,2 and its late source at 1");
	ok(rank[3] == 0 && rank[4] == 1, "parts: the second part starts at rank 0 too");
	is_int(rank[6], 0, "parts: a lone node at rank 0");
}

/* a→b→c→d and a→m→d: m (one edge in, one out) may sit at rank 1 or 2; balance takes the rank
 * with fewer nodes: with an extra leaf under b (rank 2) m goes to 1, with one under a (rank 1)
 * to 2. */
static void test_balance(void)
{
	uint32_t from[] = { 0, 1, 2, 0, 4, 1 }, to[] = { 1, 2, 3, 4, 3, 5 };
	int rank[6];
	gl_rank_simplex(6, from, to, 6, rank, 0);
	ok(rank[5] == 2 && rank[4] == 1, "balance: leaf at rank 2, m moves to rank 1 (got %d)", rank[4]);
	uint32_t from2[] = { 0, 1, 2, 0, 4, 0 };
	gl_rank_simplex(6, from2, to, 6, rank, 0);
	ok(rank[5] == 1 && rank[4] == 2, "balance: leaf at rank 1, m moves to rank 2 (got %d)", rank[4]);
	is_int(gl_rank_length(from2, to, 6, rank), 7, "balance: the length stays the least (3 + 3 + 1)");
}

/* Least total length of a small acyclic graph by trying every ranking in 0..n-1. */
static long brute_least(size_t n, const uint32_t *from, const uint32_t *to, size_t m)
{
	int rank[8] = { 0 };
	long best = -1, total = 1;
	for (size_t i = 0; i < n; i++)
		total *= (long)n;
	for (long code = 0; code < total; code++) {
		long c = code;
		for (size_t i = 0; i < n; i++, c /= (long)n)
			rank[i] = (int)(c % (long)n);
		if (!feasible(from, to, m, rank))
			continue;
		long len = gl_rank_length(from, to, m, rank);
		if (best < 0 || len < best)
			best = len;
	}
	return best;
}

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(uint32_t below)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % below);
}

/* Whether every node with as many edges in as out sits on a rank that has no more nodes than
 * any other rank it could take (dot's balance), ranks counted over the whole graph. */
static bool balanced(size_t n, const uint32_t *from, const uint32_t *to, size_t m, const int *rank)
{
	int count[16] = { 0 };
	for (size_t v = 0; v < n; v++)
		count[rank[v]]++;
	for (size_t v = 0; v < n; v++) {
		int in = 0, out = 0, lo = 0, hi = 15;
		for (size_t e = 0; e < m; e++) {
			if (from[e] == v) {
				out++;
				hi = rank[to[e]] - 1 < hi ? rank[to[e]] - 1 : hi;
			}
			if (to[e] == v) {
				in++;
				lo = rank[from[e]] + 1 > lo ? rank[from[e]] + 1 : lo;
			}
		}
		for (int r = lo; in == out && in > 0 && r <= hi; r++)
			if (count[r] < count[rank[v]] - 1)
				return false;
	}
	return true;
}

/* Random connected-or-not acyclic graphs of n nodes (edges from a lower to a higher index, the
 * indices shuffled): the simplex's total length equals the brute force's, and it is balanced. */
static void test_brute_force(size_t n, int tries, uint32_t max_extra)
{
	int agree = 0, valid = 0, even = 0;
	for (int t = 0; t < tries; t++) {
		size_t m = 0;
		uint32_t from[24], to[24], perm[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
		for (size_t i = n - 1; i > 0; i--) {
			uint32_t j = rnd((uint32_t)i + 1), x = perm[i];
			perm[i] = perm[j];
			perm[j] = x;
		}
		for (size_t k = 0, want = n - 1 + rnd(max_extra); k < want; k++) {
			uint32_t a = rnd((uint32_t)n), b = rnd((uint32_t)n);
			if (a == b)
				continue;
			from[m] = perm[a < b ? a : b];
			to[m++] = perm[a < b ? b : a];
		}
		int rank[8];
		gl_rank_simplex(n, from, to, m, rank, 0);
		valid += feasible(from, to, m, rank);
		even += balanced(n, from, to, m, rank);
		long want = brute_least(n, from, to, m), got = gl_rank_length(from, to, m, rank);
		if (got == want)
			agree++;
		else
			diag("graph %d: simplex length %ld, least %ld", t, got, want);
	}
	is_int(valid, tries, "brute force, %zu nodes: every ranking valid", n);
	is_int(agree, tries, "brute force, %zu nodes: simplex's length is the least on every graph", n);
	is_int(even, tries, "brute force, %zu nodes: every ranking balanced", n);
}

/* The layout breaks a cycle before ranking: a→b→c→a lies over three layers, the closing edge
 * reversed, and x→d beside the chain a→b→c→d lands next to d, not at layer 0. */
static void test_layout_uses_it(void)
{
	struct gl_node nodes[6];
	for (size_t i = 0; i < 6; i++)
		nodes[i] = (struct gl_node){ .key = 10 + i, .w = 8, .h = 3 };
	struct gl_edge edges[] = { { .from = 0, .to = 1 }, { .from = 1, .to = 2 }, { .from = 2, .to = 0 },
				   { .from = 2, .to = 3 }, { .from = 4, .to = 3 }, { .from = 5, .to = 5 } };
	const struct gl_opts o = GL_OPTS_DEFAULT;
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 6, edges, 6, NULL, &o, &r);
	ok(nodes[0].layer == 0 && nodes[1].layer == 1 && nodes[2].layer == 2 && nodes[3].layer == 3,
	   "cycle: a, b, c, d on layers 0-3 (got %d %d %d %d)", nodes[0].layer, nodes[1].layer, nodes[2].layer, nodes[3].layer);
	is_int(nodes[4].layer, 2, "layout: a late source sits one layer left of its target");
	is_int(nodes[5].layer, 0, "layout: a node with only a self-loop on layer 0");
	gl_result_free(&r);
}

int main(void)
{
	test_late_source();
	test_hub();
	test_parts();
	test_balance();
	test_brute_force(6, 60, 8);
	test_brute_force(7, 40, 10);
	test_layout_uses_it();
	return tap_done();
}
