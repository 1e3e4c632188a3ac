/* graph_view_build.c — the graph screen's shown model, rebuilt on each refresh or change of
 * options: the model (src/layout/graph_model.c), the neighbourhood of the focused node, closed
 * channels kept as ghosts for a while, new / normal / gone styles, byte rates, and the layout
 * with memory of the last positions (src/layout/graph_layout.c). */
#include <stdio.h>

#include "layout/graph_focus.h"
#include "util/human_size.h"
#include "util/strbuf.h"
#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/graph_view_int.h"
#include "view/ui.h"

#define GHOST_REFRESHES 2      /* a closed channel stays, dimmed, this many refreshes */
#define NEW_REFRESHES 2        /* a new one is highlighted this many refreshes */
#define LABEL_MAX_CELLS 28

static void copy_model(struct graph_model *dst, const struct graph_model *src)
{
	dst->n_nodes = dst->n_edges = 0;
	for (size_t i = 0; i < src->n_nodes; i++)
		graph_model_add_node(dst, &src->nodes[i]);
	for (size_t i = 0; i < src->n_edges; i++)
		graph_model_add_edge(dst, &src->edges[i]);
}

/* The node of the focus in the full model: the one holding its process, else its key. */
static int focus_node(const struct graph_view *g)
{
	int i = g->focus_pid > 0 ? graph_model_node_of_proc(&g->full, g->focus_pid, g->focus_start, g->focus_host) : -1;
	return i >= 0 ? i : graph_model_find(&g->full, g->focus_key);
}

static void resolve_focus(struct graph_view *g)
{
	if (g->focus_pending) {
		g->focus_pending = false;
		int i = graph_model_node_of_proc(&g->full, g->focus_pid, g->focus_start, g->focus_host);
		g->focused = i >= 0;
		g->focus_missed = i < 0;
		if (i >= 0)
			g->focus_key = g->sel_key = g->full.nodes[i].key;
		else
			snprintf(g->msg, sizeof(g->msg), "pid %d shares no channel with another process (shown: all%s)",
				 (int)g->focus_pid, g->n_one_ended && !g->opts.one_ended ? "; o: one-ended too" : "");
		g->follow = true;
		return;
	}
	if (!g->focused)
		return;
	int i = focus_node(g);
	if (i >= 0)
		g->focus_key = g->full.nodes[i].key;
	else          /* ended or filtered out: show all until it is back (a: unfocus) */
		snprintf(g->msg, sizeof(g->msg), "the focused process is not in the graph now (a: show all)");
}

/* Closed channels of the last refresh become ghosts (not those merely out of the focus: gone
 * from the whole graph, and when focused, touching a node still shown; none across a change of
 * grouping, kinds or scope: gv_rebuild); old ghosts age. */
static void age_ghosts(struct graph_view *g)
{
	size_t kept = 0;
	for (size_t i = 0; i < g->n_ghosts; i++) {
		struct ghost *gh = &g->ghosts[i];
		bool back = false;
		for (size_t e = 0; e < g->shown.n_edges && !back; e++)
			back = g->shown.edges[e].key == gh->e.key;
		if (--gh->ttl > 0 && !back)
			g->ghosts[kept++] = *gh;
	}
	g->n_ghosts = kept;
	if (g->base_generation == 0)
		return;
	struct u64map live;
	u64map_init(&live, g->full.n_edges + 16);
	for (size_t e = 0; e < g->full.n_edges; e++)
		u64map_put(&live, g->full.edges[e].key, 1);
	for (size_t e = 0; e < g->old.n_edges; e++) {
		const struct gedge *oe = &g->old.edges[e];
		if (u64map_get(&live, oe->key) >= 0)
			continue;
		if (g->focused && graph_model_find(&g->shown, g->old.nodes[oe->from].key) < 0 &&
		    graph_model_find(&g->shown, g->old.nodes[oe->to].key) < 0)
			continue;
		XGROW(g->ghosts, g->cap_ghosts, g->n_ghosts + 1);
		g->ghosts[g->n_ghosts++] = (struct ghost){ *oe, g->old.nodes[oe->from], g->old.nodes[oe->to], GHOST_REFRESHES };
	}
	u64map_free(&live);
}

static uint32_t node_for_ghost(struct graph_model *m, const struct gnode *n)
{
	int i = graph_model_find(m, n->key);
	return i >= 0 ? (uint32_t)i : graph_model_add_node(m, n);
}

static unsigned seen_since(struct u64map *seen, const struct u64map *before, uint64_t key, unsigned gen)
{
	int32_t was = u64map_get(before, key);
	unsigned first = was >= 0 ? (unsigned)was : gen;
	u64map_put(seen, key, (int32_t)first);
	return first;
}

static enum gc_style age_style(const struct graph_view *g, unsigned first)
{
	return first > g->base_generation && g->generation - first < NEW_REFRESHES ? GC_NEW : GC_NORMAL;
}

/* Styles (new / normal / gone) and byte rates of the shown items; ghosts appended. */
static void style_items(struct graph_view *g, bool fresh)
{
	size_t real_nodes = g->shown.n_nodes, real_edges = g->shown.n_edges;
	g->live_nodes = real_nodes;
	g->live_edges = real_edges;
	for (size_t i = 0; i < g->n_ghosts; i++) {
		struct ghost *gh = &g->ghosts[i];
		if (!(g->opts.kind_mask & (1u << gh->e.kind)))
			continue;
		struct gedge e = gh->e;
		e.from = node_for_ghost(&g->shown, &gh->from);
		e.to = node_for_ghost(&g->shown, &gh->to);
		graph_model_add_edge(&g->shown, &e);
	}
	g->node_style = xrealloc(g->node_style, g->shown.n_nodes + 1);
	g->edge_style = xrealloc(g->edge_style, g->shown.n_edges + 1);
	g->edge_rate = xrealloc(g->edge_rate, (g->shown.n_edges + 1) * sizeof(double));
	struct u64map node_seen, edge_seen;
	u64map_init(&node_seen, g->shown.n_nodes + 16);
	u64map_init(&edge_seen, g->shown.n_edges + 16);
	for (size_t i = 0; i < g->shown.n_nodes; i++)
		g->node_style[i] = i < real_nodes ? age_style(g, seen_since(&node_seen, &g->node_seen, g->shown.nodes[i].key, g->generation)) : GC_GONE;
	for (size_t i = 0; i < g->shown.n_edges; i++) {
		const struct gedge *e = &g->shown.edges[i];
		g->edge_style[i] = i < real_edges ? age_style(g, seen_since(&edge_seen, &g->edge_seen, e->key, g->generation)) : GC_GONE;
		g->edge_rate[i] = 0;
	}
	if (fresh || g->node_seen.len == 0) {
		u64map_free(&g->node_seen);
		u64map_free(&g->edge_seen);
		g->node_seen = node_seen;
		g->edge_seen = edge_seen;
	} else {
		u64map_free(&node_seen);
		u64map_free(&edge_seen);
	}
}

static void label_of(const struct gnode *n, struct strbuf *sb)
{
	sb_reset(sb);
	const char *times = ui_ascii() ? "x" : "×";
	if (n->type == GN_HUB) {
		sb_printf(sb, "%s %s%u", chan_kind_name(n->kind), times, n->count);
		return;
	}
	esc_append(sb, n->name, n->name_len);
	gv_label_tail(n, sb);
}

void gv_label_tail(const struct gnode *n, struct strbuf *sb)
{
	const char *times = ui_ascii() ? "x" : "×";
	if (n->type == GN_ADDR) {
		sb_puts(sb, n->addr == GA_CLOSED ? " (closed)" : n->addr == GA_UNSEEN ? " (unseen)" : "");
		return;
	}
	if (n->type == GN_GROUP && n->count > 1)
		sb_printf(sb, " %s%u", times, n->count);
	else
		sb_printf(sb, " %d", (int)n->pid);
	if (n->type != GN_GROUP || !n->inner)
		return;
	sb_printf(sb, " (%u inside", n->inner);
	if (n->inner_rate > 0) {   /* as a moving edge's label: "4.0M/s" */
		char r[16];
		human_short(r, sizeof r, n->inner_rate);
		sb_printf(sb, " %s/s", r);
	}
	sb_puts(sb, ")");
}

/* Columns between layers while an edge moves: its rate label ("4.0M/s") with a cell of line
 * each side fits between two adjacent layers. */
enum { RATE_GAP = 9 };

static void run_layout(struct graph_view *g)
{
	size_t n = g->shown.n_nodes, m = g->shown.n_edges;
	g->gn = xrealloc(g->gn, (n + 1) * sizeof(*g->gn));
	g->ge = xrealloc(g->ge, (m + 1) * sizeof(*g->ge));
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		label_of(&g->shown.nodes[i], &sb);
		int cells = ui_str_width(sb_str(&sb));
		cells = cells > LABEL_MAX_CELLS ? LABEL_MAX_CELLS : cells;
		g->gn[i] = (struct gl_node){ .key = g->shown.nodes[i].key, .w = cells + 4, .h = 3 };
	}
	sb_free(&sb);
	for (size_t e = 0; e < m; e++)
		g->ge[e] = (struct gl_edge){ .from = g->shown.edges[e].from, .to = g->shown.edges[e].to };
	struct gl_opts o = GL_OPTS_DEFAULT;
	for (size_t e = 0; e < m; e++)
		if (g->shown.edges[e].weight == GW_ACTIVE || g->shown.edges[e].weight == GW_BUSY)
			o.min_gap = RATE_GAP;   /* room for a rate label between two adjacent layers */
	graph_layout_run(g->gn, n, g->ge, m, &g->mem, &o, &g->res);
}

/* Keep this refresh's real edges (not ghosts) to find closed channels and byte rates next time. */
static void remember_shown(struct graph_view *g)
{
	g->old.n_nodes = g->old.n_edges = 0;
	for (size_t i = 0; i < g->shown.n_nodes; i++)
		graph_model_add_node(&g->old, &g->shown.nodes[i]);
	for (size_t i = 0; i < g->shown.n_edges; i++)
		if (g->edge_style[i] != GC_GONE)
			graph_model_add_edge(&g->old, &g->shown.edges[i]);
	g->old_ms = g->cur_ms;
}

static void compute_rates(struct graph_view *g)
{
	double dt = g->cur_ms > g->old_ms ? (double)(g->cur_ms - g->old_ms) / 1000.0 : 0;
	g->has_weights = false;
	for (size_t i = 0; i < g->shown.n_edges; i++) {
		g->has_weights |= g->shown.edges[i].weight != GW_UNKNOWN;
		g->edge_rate[i] = 0;
		if (dt <= 0)
			continue;
		for (size_t k = 0; k < g->old.n_edges; k++)
			if (g->old.edges[k].key == g->shown.edges[i].key && g->shown.edges[i].bytes >= g->old.edges[k].bytes)
				g->edge_rate[i] = (double)(g->shown.edges[i].bytes - g->old.edges[k].bytes) / dt;
	}
}

static void present_kinds(struct graph_view *g, const struct snapshot *s)
{
	g->present_kinds = 0;
	g->n_one_ended = 0;
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].n_ep >= 2) {
			g->present_kinds |= 1u << s->chans[i].kind;
			g->n_one_ended += s->chans[i].one_ended;
		}
}

/* The full model: the list's scope unless focused or A; the focus resolved in it. */
static void build_full(struct graph_view *g, const struct snapshot *s)
{
	g->opts.kind_mask = g->kind_cycle >= 0 ? 1u << g->kind_cycle : g->toggled_mask;
	bool scope_ok = g->scoped && !g->whole_machine && g->n_scope == s->n_procs;
	g->opts.scope = scope_ok && !g->focused && !g->focus_pending ? g->scope : NULL;
	graph_model_build(&g->full, s, &g->opts);
	present_kinds(g, s);
	resolve_focus(g);
	if (!g->focused && scope_ok && !g->opts.scope) {   /* the focus was not found: show the scope */
		g->opts.scope = g->scope;
		graph_model_build(&g->full, s, &g->opts);
	}
}

/* The selected process (or group member) before a rebuild, to find its node again after: its
 * pid, start and (--merge) host. */
struct sel_proc { pid_t pid; uint64_t start; const char *host; };

static struct sel_proc selected_proc(const struct graph_view *g)
{
	int i = graph_model_find(&g->shown, g->sel_key);
	if (i < 0)
		return (struct sel_proc){ 0, 0, NULL };
	const struct gnode *n = &g->shown.nodes[i];
	return (struct sel_proc){ n->pid, n->start, n->host };
}

static void keep_selection(struct graph_view *g, struct sel_proc was)
{
	if (graph_model_find(&g->shown, g->sel_key) >= 0)
		return;
	int i = was.pid > 0 ? graph_model_node_of_proc(&g->full, was.pid, was.start, was.host) : -1;
	if (i >= 0 && graph_model_find(&g->shown, g->full.nodes[i].key) >= 0)
		g->sel_key = g->full.nodes[i].key;
	else
		g->sel_key = g->shown.n_nodes ? g->shown.nodes[0].key : 0;
}

void gv_rebuild(struct graph_view *g, const struct snapshot *s)
{
	bool fresh = g->fresh, reshaped = g->shape != g->built_shape;
	struct sel_proc was = selected_proc(g);
	bool sel_on_focus = g->focused && g->sel_key == g->focus_key;   /* then it follows the focus */
	g->fresh = false;
	g->dirty = false;
	if (fresh) {
		g->generation++;
		g->cur_ms = s->taken_ms;
	}
	build_full(g, s);
	int center = g->focused ? graph_model_find(&g->full, g->focus_key) : -1;
	if (center >= 0)
		graph_model_neighbourhood(&g->full, (uint32_t)center, g->hops, &g->shown);
	else
		copy_model(&g->shown, &g->full);
	if (reshaped) {           /* new grouping, kinds or scope: nothing fades, nothing is "new" */
		g->n_ghosts = 0;
		g->base_generation = g->generation;
		g->built_shape = g->shape;
	} else if (fresh) {
		age_ghosts(g);
	}
	style_items(g, fresh || reshaped);
	if (g->base_generation == 0)
		g->base_generation = g->generation;
	compute_rates(g);
	run_layout(g);
	if (sel_on_focus && g->focused && graph_model_find(&g->shown, g->focus_key) >= 0)
		g->sel_key = g->focus_key;
	keep_selection(g, was);
	if (g->sel_edge >= (int)g->shown.n_edges)
		g->sel_edge = -1;
	if (fresh || reshaped)
		remember_shown(g);
}
