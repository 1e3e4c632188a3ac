/* test_layout_length.c — the length of the edges graph_layout draws, in cells, on fixed graphs:
 * a chain's edges are exactly the gaps between its boxes; the late source of a chain (the
 * graph whose least total length, 4 layer spans, is worked out by hand in test_graph_rank) is
 * drawn with 4 spans and its edge as long as its neighbour's across the one gap, not across
 * three; and on a tangled graph and a graph of pairs and hubs no edge doubles back: each is as
 * long across as the distance between its ends, and one that crosses a single gap is as long
 * up and down as the rows between its ends. */
#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout.h"
#include "../tap.h"

static const struct gl_opts opts = GL_OPTS_DEFAULT;

static void make_nodes(struct gl_node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		nodes[i] = (struct gl_node){ .key = 500 + i, .w = 10 + (int)(i % 3) * 2, .h = 3 };
}

static int iabs(int v)
{
	return v < 0 ? -v : v;
}

/* Cells the edge's polyline runs across (dx) and up and down (dy). */
static void drawn(const struct gl_result *r, const struct gl_edge *e, int *dx, int *dy)
{
	*dx = *dy = 0;
	for (size_t k = 0; k + 1 < e->n_pts; k++) {
		*dx += iabs(r->pts[e->first_pt + k + 1].x - r->pts[e->first_pt + k].x);
		*dy += iabs(r->pts[e->first_pt + k + 1].y - r->pts[e->first_pt + k].y);
	}
}

static void test_chain(void)
{
	struct gl_node nodes[4];
	make_nodes(nodes, 4);
	struct gl_edge edges[] = { { .from = 0, .to = 1 }, { .from = 1, .to = 2 }, { .from = 2, .to = 3 } };
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 4, edges, 3, NULL, &opts, &r);
	bool exact = true;
	int total = 0, gaps = 0;
	for (size_t e = 0; e < 3; e++) {
		int dx, dy;
		drawn(&r, &edges[e], &dx, &dy);
		const struct gl_node *a = &nodes[edges[e].from], *b = &nodes[edges[e].to];
		int gap = b->x - (a->x + a->w - 1);   /* from a's right border to b's left border */
		exact = exact && dx == gap && dy == 0;
		total += dx + dy;
		gaps += gap;
	}
	ok(exact, "chain: each edge is exactly the gap between its boxes, straight");
	is_int(total, gaps, "chain: total length %d, the sum of the gaps", total);
	gl_result_free(&r);
}

/* a0 → a1 → a2 → a3 and x → a3: x belongs just left of a3 (total 4 layer spans), where its
 * edge crosses the same one gap as a2 → a3. */
static void test_late_source(void)
{
	struct gl_node nodes[5];
	make_nodes(nodes, 5);
	struct gl_edge edges[] = { { .from = 0, .to = 1 }, { .from = 1, .to = 2 }, { .from = 2, .to = 3 },
		{ .from = 4, .to = 3 } };
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 5, edges, 4, NULL, &opts, &r);
	int spans = 0;
	for (size_t e = 0; e < 4; e++)
		spans += nodes[edges[e].to].layer - nodes[edges[e].from].layer;
	is_int(spans, 4, "late source: 4 layer spans drawn, the least (worked out by hand)");
	int dx_x, dy_x, dx_a, dy_a;
	drawn(&r, &edges[3], &dx_x, &dy_x);
	drawn(&r, &edges[2], &dx_a, &dy_a);
	ok(iabs(dx_x - dx_a) <= iabs(nodes[4].w - nodes[2].w),
	   "late source: x -> a3 runs across the one gap a2 -> a3 does (%d and %d cells; boxes %d and %d wide)",
	   dx_x, dx_a, nodes[4].w, nodes[2].w);
	ok(dx_x < nodes[3].x - nodes[1].x, "late source: x -> a3 (%d cells) shorter than two layers (%d)", dx_x,
	   nodes[3].x - nodes[1].x);
	gl_result_free(&r);
}

/* No edge doubles back: across, as long as its ends are apart; one crossing a single gap,
 * up and down as long as its ends are apart too. */
static void check_no_detour(const struct gl_node *nodes, const struct gl_edge *edges, size_t m,
                            const struct gl_result *r, const char *what)
{
	int across = 0, updown = 0, total = 0, least = 0;
	for (size_t e = 0; e < m; e++) {
		if (edges[e].from == edges[e].to || edges[e].n_pts < 2)
			continue;
		int dx, dy;
		drawn(r, &edges[e], &dx, &dy);
		struct gl_point p = r->pts[edges[e].first_pt], q = r->pts[edges[e].first_pt + edges[e].n_pts - 1];
		across += dx != iabs(q.x - p.x);
		if (iabs(nodes[edges[e].to].layer - nodes[edges[e].from].layer) == 1)
			updown += dy != iabs(q.y - p.y);
		total += dx + dy;
		least += iabs(q.x - p.x) + iabs(q.y - p.y);
	}
	is_int(across, 0, "%s: no edge runs back across (edges that do: %d; total length %d cells, ends %d apart)",
	       what, across, total, least);
	is_int(updown, 0, "%s: no edge over one gap runs up and down more than its ends are apart (%d)", what, updown);
}

static void test_tangle(void)
{
	struct gl_node nodes[24];
	struct gl_edge edges[40];
	size_t m = 0;
	unsigned seed = 11;
	make_nodes(nodes, 24);
	for (uint32_t i = 0; i < 24; i++) {
		seed = seed * 1103515245u + 12345u;
		edges[m++] = (struct gl_edge){ .from = i, .to = (i + 1 + (seed >> 16) % 5) % 24 };
		if (i % 4 == 0)
			edges[m++] = (struct gl_edge){ .from = (seed >> 8) % 24, .to = i };
	}
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 24, edges, m, NULL, &opts, &r);
	check_no_detour(nodes, edges, m, &r, "tangle");
	gl_result_free(&r);
}

/* 20 processes in pairs and two hubs of four holders each (as bench/layout_bench's graphs). */
static void test_pairs_hubs(void)
{
	static const uint32_t held[][2] = { { 1, 20 }, { 4, 20 }, { 9, 20 }, { 14, 20 }, { 3, 21 }, { 6, 21 },
		{ 13, 21 }, { 18, 21 }, { 5, 10 } };
	struct gl_node nodes[22];
	struct gl_edge edges[24];
	size_t m = 0;
	make_nodes(nodes, 22);
	for (uint32_t i = 0; i + 1 < 20; i += 2)
		edges[m++] = (struct gl_edge){ .from = i, .to = i + 1 };
	for (size_t k = 0; k < sizeof(held) / sizeof(held[0]); k++)
		edges[m++] = (struct gl_edge){ .from = held[k][0], .to = held[k][1] };
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 22, edges, m, NULL, &opts, &r);
	check_no_detour(nodes, edges, m, &r, "pairs and hubs");
	gl_result_free(&r);
}

int main(void)
{
	test_chain();
	test_late_source();
	test_tangle();
	test_pairs_hubs();
	return tap_done();
}
