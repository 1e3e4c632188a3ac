/* layout_bench.c — ipctop's graph layout (src/layout/graph_layout.c) alone, on a graph saved
 * from a snapshot or made up of N nodes, for bench/layout_vs_dot.py to set beside Graphviz dot
 * on the same graph.
 *
 *   layout_bench [--no-groups] [--repeat R] [--dot OUT] [--plain OUT] SOURCE
 *
 * SOURCE is an `ipctop --json` snapshot (its graph built as the graph screen's "A" shows it:
 * groups on unless --no-groups or the file is named ungrouped:FILE, one-ended pipes left
 * out) or random:N[:SEED], N nodes shaped
 * like a machine's IPC (pairs joined by pipes, hubs of 2 to 8 holders, a few edges between
 * pairs), the same for the same N and SEED. The layout runs R times (default 1), without the
 * memory of earlier layouts (each run lays out anew). --dot writes the same graph as a dot
 * digraph (edges from left to right, boxes of the same width in tenths of an inch, no labels);
 * --plain writes ipctop's layout in dot's -Tplain form (node centres, each edge's polyline),
 * so that one counter reads both. Prints
 *   nodes N edges M layout_ms T width W height H
 * T: the mean wall time of one layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/graph_layout.h"
#include "layout/graph_model.h"
#include "source/snap_json.h"
#include "util/xalloc.h"

struct graph {
	struct gl_node *nodes; size_t n, cap_n;
	struct gl_edge *edges; size_t m, cap_m;
};

static void add_node(struct graph *g, int w)
{
	XGROW(g->nodes, g->cap_n, g->n + 1);
	g->nodes[g->n] = (struct gl_node){ .key = g->n + 1, .w = w, .h = 3 };
	g->n++;
}

static void add_edge(struct graph *g, size_t from, size_t to)
{
	XGROW(g->edges, g->cap_m, g->m + 1);
	g->edges[g->m++] = (struct gl_edge){ .from = (uint32_t)from, .to = (uint32_t)to };
}

static uint64_t rng_state;
static uint32_t rnd(uint32_t below)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % below);
}

/* N nodes: processes in pairs (a writer left of its reader), every 25th node a hub that 2-8
 * processes hold, and one edge in ten between two pairs. */
static void random_graph(struct graph *g, size_t n, uint64_t seed)
{
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	size_t hubs = n / 25, procs = n - hubs;
	for (size_t i = 0; i < n; i++)
		add_node(g, i < procs ? 14 : 12);
	for (size_t i = 0; i + 1 < procs; i += 2)
		add_edge(g, i, i + 1);
	for (size_t h = 0; h < hubs; h++)
		for (uint32_t k = 0, holders = 2 + rnd(7); k < holders && procs; k++)
			add_edge(g, rnd((uint32_t)procs), procs + h);
	for (size_t k = 0; k < procs / 10 && procs > 2; k++) {
		size_t a = rnd((uint32_t)procs), b = rnd((uint32_t)procs);
		if (a != b)
			add_edge(g, a < b ? a : b, a < b ? b : a);
	}
}

/* A box as wide as the graph screen draws it: the name, a space, a pid or "×N", borders. */
static int box_width(const struct gnode *n)
{
	int cells = (int)n->name_len + 8 + (n->type == GN_GROUP && n->inner ? 12 : 0);
	return (cells > 28 ? 28 : cells) + 4;
}

static int snapshot_graph(struct graph *g, const char *path, bool groups)
{
	struct snapshot s;
	struct strbuf err = STRBUF_INIT;
	snapshot_init(&s);
	if (snap_json_load(&s, path, &err) < 0) {
		fprintf(stderr, "layout_bench: %s\n", sb_str(&err));
		sb_free(&err);
		snapshot_free(&s);
		return -1;
	}
	struct graph_model gm = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = groups };
	graph_model_build(&gm, &s, &o);
	for (size_t i = 0; i < gm.n_nodes; i++)
		add_node(g, box_width(&gm.nodes[i]));
	for (size_t e = 0; e < gm.n_edges; e++)
		add_edge(g, gm.edges[e].from, gm.edges[e].to);
	graph_model_free(&gm);
	snapshot_free(&s);
	sb_free(&err);
	return 0;
}

static int write_dot(const struct graph *g, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "digraph g {\n  rankdir=LR;\n  node [shape=box, fixedsize=true, label=\"\", height=0.3];\n");
	for (size_t i = 0; i < g->n; i++)
		fprintf(f, "  n%zu [width=%.1f];\n", i, g->nodes[i].w / 10.0);
	for (size_t e = 0; e < g->m; e++)
		if (g->edges[e].from != g->edges[e].to)
			fprintf(f, "  n%u -> n%u;\n", g->edges[e].from, g->edges[e].to);
	fputs("}\n", f);
	return fclose(f);
}

/* dot's -Tplain form, y growing downwards as on the screen: "node NAME X Y W H", "edge A B N
 * X1 Y1 ... XN YN". X is the middle of the node's layer (as dot's nodes of one rank share
 * their centre), so that the counter finds the layers as it finds dot's ranks. */
static int write_plain(const struct graph *g, const struct gl_result *r, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int layers = 0;
	for (size_t i = 0; i < g->n; i++)
		layers = g->nodes[i].layer + 1 > layers ? g->nodes[i].layer + 1 : layers;
	double *mid = xcalloc((size_t)layers + 1, sizeof(*mid));
	int *left = xcalloc((size_t)layers + 1, sizeof(*left)), *right = xcalloc((size_t)layers + 1, sizeof(*right));
	for (int l = 0; l < layers; l++)
		left[l] = r->width, right[l] = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct gl_node *n = &g->nodes[i];
		left[n->layer] = n->x < left[n->layer] ? n->x : left[n->layer];
		right[n->layer] = n->x + n->w > right[n->layer] ? n->x + n->w : right[n->layer];
	}
	for (int l = 0; l < layers; l++)
		mid[l] = (left[l] + right[l]) / 2.0;
	fprintf(f, "graph 1 %d %d\n", r->width, r->height);
	for (size_t i = 0; i < g->n; i++) {
		const struct gl_node *n = &g->nodes[i];
		fprintf(f, "node n%zu %.1f %.1f %d %d\n", i, mid[n->layer], n->y + n->h / 2.0, n->w, n->h);
	}
	free(mid);
	free(left);
	free(right);
	for (size_t e = 0; e < g->m; e++) {
		const struct gl_edge *ed = &g->edges[e];
		if (ed->n_pts == 0)
			continue;
		fprintf(f, "edge n%u n%u %zu", ed->from, ed->to, ed->n_pts);
		for (size_t k = 0; k < ed->n_pts; k++)
			fprintf(f, " %d %d", r->pts[ed->first_pt + k].x, r->pts[ed->first_pt + k].y);
		fputs("\n", f);
	}
	fputs("stop\n", f);
	return fclose(f);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int usage(void)
{
	fputs("usage: layout_bench [--no-groups] [--repeat R] [--dot OUT] [--plain OUT] SNAPSHOT.json|random:N[:SEED]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	bool groups = true;
	int repeat = 1;
	const char *dot_out = NULL, *plain_out = NULL, *src = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-groups") == 0)
			groups = false;
		else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (strcmp(argv[i], "--dot") == 0 && i + 1 < argc)
			dot_out = argv[++i];
		else if (strcmp(argv[i], "--plain") == 0 && i + 1 < argc)
			plain_out = argv[++i];
		else if (!src && argv[i][0] != '-')
			src = argv[i];
		else
			return usage();
	}
	if (!src || repeat < 1)
		return usage();
	struct graph g = { 0 };
	if (strncmp(src, "random:", 7) == 0) {
		char *end;
		unsigned long n = strtoul(src + 7, &end, 10);
		unsigned long seed = *end == ':' ? strtoul(end + 1, NULL, 10) : 1;
		if (n < 2 || n > 1000000)
			return usage();
		random_graph(&g, n, seed);
	} else if (strncmp(src, "ungrouped:", 10) == 0) {
		if (snapshot_graph(&g, src + 10, false) < 0)
			return 1;
	} else if (snapshot_graph(&g, src, groups) < 0) {
		return 1;
	}
	struct gl_opts o = GL_OPTS_DEFAULT;
	struct gl_result r = { 0 };
	double t0 = now_ms();
	for (int k = 0; k < repeat; k++)
		graph_layout_run(g.nodes, g.n, g.edges, g.m, NULL, &o, &r);
	double ms = (now_ms() - t0) / repeat;
	if ((dot_out && write_dot(&g, dot_out) != 0) || (plain_out && write_plain(&g, &r, plain_out) != 0)) {
		perror("layout_bench: write");
		return 1;
	}
	printf("nodes %zu edges %zu layout_ms %.3f width %d height %d\n", g.n, g.m, ms, r.width, r.height);
	gl_result_free(&r);
	free(g.nodes);
	free(g.edges);
	return 0;
}
