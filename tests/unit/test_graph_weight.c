/* test_graph_weight.c — the weight of a graph edge by its rate (layout/graph_model): unknown
 * without rates (not TCP, or a first snapshot), idle when no byte moved either way, active,
 * busy from GW_BUSY_RATE bytes a second; set on the edges graph_model_build makes from two
 * hand-built snapshots a second apart (a 1 MiB/s connection busy, an idle one idle, a UNIX
 * pair unknown); with groups on and each pair one family, the rate inside a group is the
 * rate its edge had (1 MiB/s), 0 for the idle and the UNIX pair; and the canvas keeps the
 * strongest weight where lines cross. */
#include <math.h>
#include <string.h>

#include "channel/channel_resolve.h"
#include "layout/graph_canvas.h"
#include "layout/graph_model.h"
#include "model/rates.h"
#include "hand_snapshot.h"
#include "../tap.h"

static const uint8_t LO[4] = { 127, 0, 0, 1 };

static void test_classes(void)
{
	is_int(gedge_weight_of(NAN, NAN), GW_UNKNOWN, "no rate either way: unknown");
	is_int(gedge_weight_of(0, 0), GW_IDLE, "0 both ways: idle");
	is_int(gedge_weight_of(1, 0), GW_ACTIVE, "1 B/s: active");
	is_int(gedge_weight_of(0, GW_BUSY_RATE - 1), GW_ACTIVE, "just under the busy rate, back: active");
	is_int(gedge_weight_of(GW_BUSY_RATE / 2, GW_BUSY_RATE / 2), GW_BUSY, "the busy rate, both ways together: busy");
	is_int(gedge_weight_of(4194304, NAN), GW_BUSY, "4 MiB/s one way, the other unknown: busy");
}

/* 100 → 101 at 1 MiB/s, 102 → 103 idle, 104 and 105 a UNIX pair; after = 1: a second later. */
static void fill(struct snapshot *s, int after)
{
	hand_reset(s, 6, 1);
	s->taken_ms = 5000 + 1000 * (uint64_t)after;
	uint64_t moved = 1048576 * (uint64_t)after;
	hand_add_tcp(s, 0, 3, 11, 40000, 5000, LO, 100 + moved, 0);
	hand_add_tcp(s, 1, 3, 12, 5000, 40000, LO, 0, 100 + moved);
	hand_add_tcp(s, 2, 3, 21, 40001, 5001, LO, 7, 9);
	hand_add_tcp(s, 3, 3, 22, 5001, 40001, LO, 9, 7);
	hand_add_unix_pair(s, 4, 5, 3, 71);
	channel_resolve(s);
}

/* a: the first snapshot, b: a second later (rates not set yet). */
static void fill_both(struct snapshot *a, struct snapshot *b)
{
	memset(a, 0, sizeof *a);
	memset(b, 0, sizeof *b);
	snapshot_init(a);
	snapshot_init(b);
	fill(a, 0);
	fill(b, 1);
}

static void free_all(struct graph_model *g, struct snapshot *a, struct snapshot *b)
{
	graph_model_free(g);
	hand_free_lists(a);
	hand_free_lists(b);
	snapshot_free(a);
	snapshot_free(b);
}

/* The weight of the edge between the nodes of pids a and b in g, or -1. */
static int weight_between(const struct graph_model *g, pid_t a, pid_t b)
{
	int na = graph_model_node_of_pid(g, a), nb = graph_model_node_of_pid(g, b);
	for (size_t e = 0; na >= 0 && nb >= 0 && e < g->n_edges; e++) {
		const struct gedge *x = &g->edges[e];
		if ((x->from == (uint32_t)na && x->to == (uint32_t)nb) || (x->from == (uint32_t)nb && x->to == (uint32_t)na))
			return x->weight;
	}
	return -1;
}

static void test_build(void)
{
	struct snapshot a, b;
	fill_both(&a, &b);
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS };
	struct graph_model g;
	memset(&g, 0, sizeof g);
	graph_model_build(&g, &a, &o);
	is_int(weight_between(&g, 100, 101), GW_UNKNOWN, "first snapshot (no rates): the connection's weight unknown");
	snapshot_rates(&b, &a);
	graph_model_build(&g, &b, &o);
	is_int(weight_between(&g, 100, 101), GW_BUSY, "1 MiB/s connection: busy");
	is_int(weight_between(&g, 102, 103), GW_IDLE, "idle connection: idle");
	is_int(weight_between(&g, 104, 105), GW_UNKNOWN, "UNIX pair (no byte counters): unknown, not idle");
	free_all(&g, &a, &b);
}

/* The group node of pid's family in g (groups on), or NULL. */
static const struct gnode *group_of(const struct graph_model *g, pid_t pid)
{
	int i = graph_model_node_of_pid(g, pid);
	return i >= 0 && g->nodes[i].type == GN_GROUP ? &g->nodes[i] : NULL;
}

/* Each pair a family (101 a child of 100, 103 of 102, 105 of 104; one name): the channel
 * between them is inside its group, counted there with its rate. */
static void test_inside(void)
{
	struct snapshot a, b;
	fill_both(&a, &b);
	for (size_t i = 1; i < 6; i += 2)
		a.procs[i].ppid = b.procs[i].ppid = a.procs[i - 1].pid;
	snapshot_rates(&b, &a);
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	struct graph_model g;
	memset(&g, 0, sizeof g);
	graph_model_build(&g, &b, &o);
	const struct gnode *busy = group_of(&g, 100), *idle = group_of(&g, 102), *unx = group_of(&g, 104);
	ok(busy && busy->count == 2 && busy->inner == 1, "groups: 100 and its child 101 one group, their connection inside");
	ok(busy && busy->inner_rate == 1048576.0, "groups: the rate inside is the connection's 1 MiB/s (%.0f)",
	   busy ? busy->inner_rate : -1);
	ok(idle && idle->inner == 1 && idle->inner_rate == 0, "groups: the idle connection inside, rate 0");
	ok(unx && unx->inner == 1 && unx->inner_rate == 0, "groups: the UNIX pair inside, rate not known: 0");
	is_int((long)g.n_edges, 0, "groups: no edge left (every channel inside a group)");
	graph_model_build(&g, &a, &o);
	busy = group_of(&g, 100);
	ok(busy && busy->inner == 1 && busy->inner_rate == 0, "groups, first snapshot (no rates): rate inside 0");
	free_all(&g, &a, &b);
}

static void test_canvas(void)
{
	struct gcanvas c;
	memset(&c, 0, sizeof c);
	gcanvas_reset(&c, 10, 10, 0, 0);
	struct gl_point h[2] = { { 0, 5 }, { 9, 5 } }, v[2] = { { 5, 0 }, { 5, 9 } };
	gcanvas_polyline(&c, h, 2, CK_TCP, GC_NORMAL, GC_EMPH_DIM);
	gcanvas_polyline(&c, v, 2, CK_TCP, GC_NORMAL, GC_EMPH_BOLD);
	is_int(gcanvas_at(&c, 2, 5)->emph, GC_EMPH_DIM, "a cell of the idle line alone: dim");
	is_int(gcanvas_at(&c, 5, 2)->emph, GC_EMPH_BOLD, "a cell of the busy line alone: bold");
	is_int(gcanvas_at(&c, 5, 5)->emph, GC_EMPH_BOLD, "where they cross: the stronger, bold");
	gcanvas_polyline(&c, h, 2, CK_TCP, GC_NORMAL, GC_EMPH_NORMAL);
	is_int(gcanvas_at(&c, 2, 5)->emph, GC_EMPH_NORMAL, "a plain line over the idle one: plain");
	gcanvas_free(&c);
}

int main(void)
{
	test_classes();
	test_build();
	test_inside();
	test_canvas();
	return tap_done();
}
