/* view_graph.c — the communication-graph screen. Model (src/layout/graph_model.c), neighbourhood
 * of the focused node, fading of closed channels, layout with memory (graph_layout.c), then
 * drawing: lines from a connection canvas, boxes, arrows, a status line and a legend. */
#include "view/view_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/graph_canvas.h"
#include "layout/graph_focus.h"
#include "layout/graph_layout.h"
#include "layout/graph_model.h"
#include "util/strbuf.h"
#include "util/text_escape.h"
#include "util/u64map.h"
#include "util/xalloc.h"
#include "view/ui.h"

#define GHOST_REFRESHES 2      /* a closed channel stays, dimmed, this many refreshes */
#define NEW_REFRESHES 2        /* a new one is highlighted this many refreshes */
#define LABEL_MAX_CELLS 28
#define MAX_HOPS 9

struct ghost { struct gedge e; struct gnode from, to; int ttl; };

struct graph_view {
	struct gm_opts opts;
	int kind_cycle;                    /* -1: as toggled; else the one kind `k` shows */
	uint32_t toggled_mask;             /* kinds chosen with the number keys */
	struct graph_model full, shown, old;
	uint8_t *node_style, *edge_style;  /* enum gc_style per shown node / edge */
	double *edge_rate;                 /* bytes per second over the last refresh */
	struct gl_node *gn; struct gl_edge *ge;
	struct gl_result res;
	struct gl_memory mem;
	struct gcanvas canvas;
	struct u64map node_seen, edge_seen;   /* key → generation first seen */
	unsigned generation, base_generation;
	uint64_t old_ms, cur_ms;
	struct ghost *ghosts; size_t n_ghosts, cap_ghosts;
	uint64_t sel_key; int sel_edge;
	uint64_t focus_key; pid_t focus_pid; bool focused, focus_pending; int hops;
	uint32_t present_kinds;
	int sx, sy, view_w, view_h;
	bool follow, dirty, fresh;
	char hint[192], msg[96];
};

static const char kind_keys[CK__COUNT] = {
	[CK_PIPE] = '1', [CK_FIFO] = '2', [CK_UNIX] = '3', [CK_TCP] = '4', [CK_UDP] = '5',
	[CK_SYSV_SHM] = '6', [CK_SYSV_MSG] = '7', [CK_POSIX_SHM] = '8', [CK_POSIX_MQ] = '9',
	[CK_MEMFD] = '0', [CK_PTY] = 0, [CK_EVENTFD] = 0,
};

struct graph_view *graph_view_new(void)
{
	struct graph_view *g = xcalloc(1, sizeof(*g));
	g->toggled_mask = GM_ALL_KINDS;
	g->opts.kind_mask = GM_ALL_KINDS;
	g->kind_cycle = -1;
	g->sel_edge = -1;
	g->hops = 1;
	g->dirty = true;
	gl_memory_init(&g->mem);
	u64map_init(&g->node_seen, 16);
	u64map_init(&g->edge_seen, 16);
	return g;
}

void graph_view_free(struct graph_view *g)
{
	if (!g)
		return;
	graph_model_free(&g->full);
	graph_model_free(&g->shown);
	graph_model_free(&g->old);
	free(g->node_style); free(g->edge_style); free(g->edge_rate);
	free(g->gn); free(g->ge); free(g->ghosts);
	gl_result_free(&g->res);
	gl_memory_free(&g->mem);
	gcanvas_free(&g->canvas);
	u64map_free(&g->node_seen); u64map_free(&g->edge_seen);
	free(g);
}

void graph_view_update(struct graph_view *g, const struct snapshot *s)
{
	(void)s;
	g->fresh = true;
	g->dirty = true;
}

void graph_view_focus(struct graph_view *g, pid_t pid)
{
	g->focus_pid = pid;
	g->focus_pending = true;
	g->dirty = true;
	g->sel_edge = -1;
	g->msg[0] = 0;
}

/* ---------- rebuilding ---------- */

static int find_pid(const struct graph_model *m, pid_t pid)
{
	for (size_t i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].type != GN_HUB && m->nodes[i].pid == pid)
			return (int)i;
	return -1;
}

static void copy_model(struct graph_model *dst, const struct graph_model *src)
{
	dst->n_nodes = dst->n_edges = 0;
	for (size_t i = 0; i < src->n_nodes; i++)
		graph_model_add_node(dst, &src->nodes[i]);
	for (size_t i = 0; i < src->n_edges; i++)
		graph_model_add_edge(dst, &src->edges[i]);
}

static void resolve_focus(struct graph_view *g)
{
	if (g->focus_pending) {
		g->focus_pending = false;
		int i = find_pid(&g->full, g->focus_pid);
		g->focused = i >= 0;
		if (i >= 0)
			g->focus_key = g->sel_key = g->full.nodes[i].key;
		else
			snprintf(g->msg, sizeof(g->msg), "pid %d shares no channel with another process (shown: all)", (int)g->focus_pid);
		g->follow = true;
	}
	if (g->focused && graph_model_find(&g->full, g->focus_key) < 0) {
		int i = find_pid(&g->full, g->focus_pid);
		if (i >= 0)
			g->focus_key = g->full.nodes[i].key;
		else          /* filtered out or gone: show all until it is back (a: unfocus) */
			snprintf(g->msg, sizeof(g->msg), "the focused process is not in the graph now (a: show all)");
	}
}

/* Closed channels of the last refresh become ghosts; old ghosts age. */
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
	for (size_t e = 0; e < g->old.n_edges; e++) {
		const struct gedge *oe = &g->old.edges[e];
		bool alive = false;
		for (size_t k = 0; k < g->shown.n_edges && !alive; k++)
			alive = g->shown.edges[k].key == oe->key;
		if (alive)
			continue;
		XGROW(g->ghosts, g->cap_ghosts, g->n_ghosts + 1);
		g->ghosts[g->n_ghosts++] = (struct ghost){ *oe, g->old.nodes[oe->from], g->old.nodes[oe->to], GHOST_REFRESHES };
	}
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
	if (n->type == GN_GROUP && n->count > 1)
		sb_printf(sb, " %s%u", times, n->count);
	else
		sb_printf(sb, " %d", (int)n->pid);
}

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
	for (size_t i = 0; i < g->shown.n_edges; i++) {
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
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].n_ep >= 2)
			g->present_kinds |= 1u << s->chans[i].kind;
}

static void rebuild(struct graph_view *g, const struct snapshot *s)
{
	bool fresh = g->fresh;
	g->fresh = false;
	g->dirty = false;
	if (fresh) {
		g->generation++;
		g->cur_ms = s->taken_ms;
	}
	g->opts.kind_mask = g->kind_cycle >= 0 ? 1u << g->kind_cycle : g->toggled_mask;
	graph_model_build(&g->full, s, &g->opts);
	present_kinds(g, s);
	resolve_focus(g);
	int center = g->focused ? graph_model_find(&g->full, g->focus_key) : -1;
	if (center >= 0)
		graph_model_neighbourhood(&g->full, (uint32_t)center, g->hops, &g->shown);
	else
		copy_model(&g->shown, &g->full);
	if (fresh)
		age_ghosts(g);
	style_items(g, fresh);
	if (g->base_generation == 0)
		g->base_generation = g->generation;
	compute_rates(g);
	run_layout(g);
	if (graph_model_find(&g->shown, g->sel_key) < 0)
		g->sel_key = g->shown.n_nodes ? g->shown.nodes[0].key : 0;
	if (g->sel_edge >= (int)g->shown.n_edges)
		g->sel_edge = -1;
	if (fresh)
		remember_shown(g);
}

/* ---------- keys ---------- */

static int sel_index(const struct graph_view *g)
{
	return graph_model_find(&g->shown, g->sel_key);
}

static int center_y(const struct gl_node *n) { return n->y + n->h / 2; }

/* The node to move to from the selection in direction (dx, dy), or -1. */
static int neighbour_node(const struct graph_view *g, int dx, int dy)
{
	int cur = sel_index(g), best = -1;
	if (cur < 0)
		return g->shown.n_nodes ? 0 : -1;
	const struct gl_node *c = &g->gn[cur];
	long best_score = 0;
	for (size_t i = 0; i < g->shown.n_nodes; i++) {
		const struct gl_node *n = &g->gn[i];
		long score;
		if (dy != 0) {
			if (n->layer != c->layer || (dy < 0 ? n->y >= c->y : n->y <= c->y))
				continue;
			score = labs((long)n->y - c->y);
		} else {
			int dl = (n->layer - c->layer) * dx;
			if (dl <= 0)
				continue;
			score = (long)dl * 100000 + labs((long)center_y(n) - center_y(c));
		}
		if (best < 0 || score < best_score) {
			best = (int)i;
			best_score = score;
		}
	}
	return best;
}

static void move_sel(struct graph_view *g, int dx, int dy)
{
	int to = neighbour_node(g, dx, dy);
	if (to >= 0) {
		g->sel_key = g->shown.nodes[to].key;
		g->sel_edge = -1;
		g->follow = true;
	} else {
		g->sx += dx * 8;
		g->sy += dy * 3;
	}
}

static bool edge_touches(const struct graph_view *g, int e, int node)
{
	return (int)g->shown.edges[e].from == node || (int)g->shown.edges[e].to == node;
}

static void step_edge(struct graph_view *g, int dir)
{
	int node = sel_index(g), m = (int)g->shown.n_edges;
	if (node < 0 || m == 0)
		return;
	int start = g->sel_edge >= 0 ? g->sel_edge : (dir > 0 ? -1 : m);
	for (int k = 1; k <= m + 1; k++) {
		int e = start + dir * k;
		if (e < 0 || e >= m) {
			g->sel_edge = -1;       /* past the last edge: back to the node */
			return;
		}
		if (edge_touches(g, e, node)) {
			g->sel_edge = e;
			return;
		}
	}
}

static void set_focus(struct graph_view *g, int node)
{
	g->focused = true;
	g->focus_key = g->sel_key = g->shown.nodes[node].key;
	g->focus_pid = g->shown.nodes[node].pid;
	g->dirty = true;
	g->follow = true;
}

static enum graph_action on_enter(struct graph_view *g, pid_t *pid)
{
	int node = sel_index(g);
	if (node < 0)
		return GRAPH_NONE;
	if (g->sel_edge >= 0 && edge_touches(g, g->sel_edge, node)) {
		const struct gedge *e = &g->shown.edges[g->sel_edge];
		int peer = (int)e->from == node ? (int)e->to : (int)e->from;
		g->sel_edge = -1;
		g->sel_key = g->shown.nodes[peer].key;
		g->follow = true;
		if (g->focused)
			set_focus(g, peer);
		return GRAPH_NONE;
	}
	const struct gnode *n = &g->shown.nodes[node];
	if (g->focused && g->focus_key == n->key && n->type != GN_HUB && n->pid > 0) {
		*pid = n->pid;
		return GRAPH_OPEN_PID;
	}
	set_focus(g, node);
	return GRAPH_NONE;
}

/* k: all kinds, then each kind present alone, then all again. */
static void cycle_kind(struct graph_view *g)
{
	for (int k = g->kind_cycle + 1; k < CK__COUNT; k++)
		if (g->present_kinds & (1u << k)) {
			g->kind_cycle = k;
			return;
		}
	g->kind_cycle = -1;
}

static bool toggle_kind_key(struct graph_view *g, int key)
{
	for (int k = 0; k < CK__COUNT; k++)
		if (kind_keys[k] && kind_keys[k] == key) {
			g->toggled_mask ^= 1u << k;
			g->kind_cycle = -1;
			return true;
		}
	return false;
}

static enum graph_action on_mouse(struct graph_view *g, pid_t *pid)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return GRAPH_NONE;
	int x = ev.x + g->sx, y = ev.y - 1 + g->sy;     /* row 0 of the window is the status line */
	for (size_t i = 0; i < g->shown.n_nodes; i++) {
		const struct gl_node *n = &g->gn[i];
		if (x >= n->x && x < n->x + n->w && y >= n->y && y < n->y + n->h) {
			bool again = g->sel_key == n->key;
			g->sel_key = n->key;
			g->sel_edge = -1;
			return again ? on_enter(g, pid) : GRAPH_NONE;
		}
	}
	return GRAPH_NONE;
}

enum graph_action graph_view_key(struct graph_view *g, int key, pid_t *pid)
{
	g->msg[0] = 0;
	switch (key) {
	case 'q': case 27: return GRAPH_CLOSE;
	case KEY_UP:    move_sel(g, 0, -1); break;
	case KEY_DOWN:  move_sel(g, 0, 1); break;
	case KEY_LEFT:  move_sel(g, -1, 0); break;
	case KEY_RIGHT: move_sel(g, 1, 0); break;
	case KEY_PPAGE: g->sy -= g->view_h > 2 ? g->view_h - 2 : 1; break;
	case KEY_NPAGE: g->sy += g->view_h > 2 ? g->view_h - 2 : 1; break;
	case KEY_HOME:  g->sx = g->sy = 0; break;
	case KEY_END:   g->sy = g->res.height; break;
	case '\t':      step_edge(g, 1); break;
	case KEY_BTAB:  step_edge(g, -1); break;
	case '\n': case '\r': case KEY_ENTER: return on_enter(g, pid);
	case '+': case '=': if (g->hops < MAX_HOPS) g->hops++; g->dirty = true; break;
	case '-': case '_': if (g->hops > 1) g->hops--; g->dirty = true; break;
	case 'a': g->focused = false; g->dirty = true; g->follow = true; break;
	case 'c': g->opts.collapse = !g->opts.collapse; g->dirty = true; g->follow = true; break;
	case 'k': cycle_kind(g); g->dirty = true; break;
	case KEY_MOUSE: return on_mouse(g, pid);
	default:
		if (toggle_kind_key(g, key))
			g->dirty = true;
		break;
	}
	return GRAPH_NONE;
}

const char *graph_view_hint(const struct graph_view *g)
{
	struct graph_view *mut = (struct graph_view *)g;   /* the hint buffer is a cache */
	snprintf(mut->hint, sizeof(mut->hint),
		 "Arrows move  Enter %s  Tab edge  +/- hops(%d)  k kind  1-0 toggle  c collapse%s  a all  Esc back",
		 g->focused ? "focus/open" : "focus", g->hops, g->opts.collapse ? "(on)" : "");
	return g->hint;
}

/* ---------- drawing ---------- */

static const char *vertical_of(const char *h)
{
	static const char *const pairs[][2] = {
		{ "─", "│" }, { "━", "┃" }, { "┄", "┆" }, { "┈", "┊" }, { "═", "║" }, { "╌", "╎" },
		{ "-", "|" }, { "=", "|" }, { ".", ":" }, { "~", "!" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(h, pairs[i][0]) == 0)
			return pairs[i][1];
	return ui_glyph(G_V);
}

static const char *conn_glyph(uint8_t conn, enum chan_kind kind)
{
	bool u = conn & GC_UP, d = conn & GC_DOWN, l = conn & GC_LEFT, r = conn & GC_RIGHT;
	int n = u + d + l + r;
	if (n == 4)
		return ui_glyph(G_CROSS);
	if (n == 3)
		return !l ? ui_glyph(G_TEE_L) : !r ? ui_glyph(G_TEE_R) : !u ? ui_glyph(G_TEE_T) : ui_glyph(G_TEE_B);
	if (d && r) return ui_glyph(G_TL);
	if (d && l) return ui_glyph(G_TR);
	if (u && r) return ui_glyph(G_BL);
	if (u && l) return ui_glyph(G_BR);
	if (u || d)
		return vertical_of(ui_kind_line(kind));
	return ui_kind_line(kind);
}

static int style_attr(enum gc_style st, int base)
{
	switch (st) {
	case GC_NEW:      return base | A_BOLD | A_REVERSE;
	case GC_GONE:     return base | A_DIM;
	case GC_SELECTED: return ui_attr(UI_SELECTED);
	default:          return base;
	}
}

/* One cell in graph coordinates (gx, gy), clipped to the graph area of w. */
static void put_cell(struct graph_view *g, WINDOW *w, int gx, int gy, const char *glyph, int attr)
{
	int x = gx - g->sx, y = gy - g->sy;
	if (x < 0 || y < 0 || x >= g->view_w || y >= g->view_h)
		return;
	ui_put_str(w, 1 + y, x, glyph, 1, attr);
}

static enum gc_style edge_draw_style(const struct graph_view *g, size_t e)
{
	return (int)e == g->sel_edge ? GC_SELECTED : (enum gc_style)g->edge_style[e];
}

static void draw_lines(struct graph_view *g, WINDOW *w)
{
	gcanvas_reset(&g->canvas, g->view_w, g->view_h, g->sx, g->sy);
	for (size_t e = 0; e < g->shown.n_edges; e++)
		gcanvas_polyline(&g->canvas, &g->res.pts[g->ge[e].first_pt], g->ge[e].n_pts,
				 (uint8_t)g->shown.edges[e].kind, edge_draw_style(g, e));
	for (int y = 0; y < g->view_h; y++)
		for (int x = 0; x < g->view_w; x++) {
			const struct gc_cell *c = gcanvas_at(&g->canvas, x, y);
			if (c && c->conn)
				ui_put_str(w, 1 + y, x, conn_glyph(c->conn, c->kind), 1,
					   style_attr((enum gc_style)c->style, ui_kind_attr(c->kind)));
		}
}

static void draw_arrow(struct graph_view *g, WINDOW *w, size_t e)
{
	const struct gl_point *p = &g->res.pts[g->ge[e].first_pt];
	size_t n = g->ge[e].n_pts;
	if (n < 2 || !g->shown.edges[e].directed)
		return;
	struct gl_point end = p[n - 1], prev = p[n - 2];
	int dx = (end.x > prev.x) - (end.x < prev.x), dy = (end.y > prev.y) - (end.y < prev.y);
	enum ui_glyph arrow = dx > 0 ? G_ARROW_R : dx < 0 ? G_ARROW_L : dy > 0 ? G_ARROW_D : G_ARROW_U;
	int attr = style_attr(edge_draw_style(g, e), ui_kind_attr(g->shown.edges[e].kind));
	put_cell(g, w, end.x - dx, end.y - dy, ui_glyph(arrow), attr);
}

/* A tee where an edge leaves or enters a box's side. */
static void draw_port(struct graph_view *g, WINDOW *w, size_t e, struct gl_point p, uint32_t node)
{
	const struct gl_node *n = &g->gn[node];
	int attr = style_attr(edge_draw_style(g, e), ui_kind_attr(g->shown.edges[e].kind));
	if (p.x == n->x)
		put_cell(g, w, p.x, p.y, ui_glyph(G_TEE_R), attr);
	else if (p.x == n->x + n->w - 1)
		put_cell(g, w, p.x, p.y, ui_glyph(G_TEE_L), attr);
}

static int node_attr(const struct graph_view *g, size_t i)
{
	const struct gnode *n = &g->shown.nodes[i];
	if (n->key == g->sel_key)
		return ui_attr(UI_SELECTED);
	int base = n->type == GN_HUB ? ui_kind_attr(n->kind) : ui_attr(UI_NORMAL);
	if (g->focused && n->key == g->focus_key)
		base |= A_BOLD;
	return style_attr((enum gc_style)g->node_style[i], base);
}

static void draw_label(struct graph_view *g, WINDOW *w, size_t i, int attr)
{
	const struct gnode *n = &g->shown.nodes[i];
	const struct gl_node *b = &g->gn[i];
	int x = b->x + 2 - g->sx, y = b->y + b->h / 2 - g->sy;
	int room = g->view_w - x < b->w - 4 ? g->view_w - x : b->w - 4;
	if (x < 0 || y < 0 || y >= g->view_h || room <= 0)
		return;
	char tail[48];
	const char *times = ui_ascii() ? "x" : "×";
	int used = 0;
	if (n->type == GN_HUB) {
		snprintf(tail, sizeof(tail), "%s %s%u", chan_kind_name(n->kind), times, n->count);
	} else {
		used = ui_put_text(w, 1 + y, x, n->name, n->name_len, room, attr);
		if (n->type == GN_GROUP && n->count > 1)
			snprintf(tail, sizeof(tail), " %s%u", times, n->count);
		else
			snprintf(tail, sizeof(tail), " %d", (int)n->pid);
	}
	if (used < room)
		ui_put_str(w, 1 + y, x + used, tail, room - used, attr);
}

static void draw_box(struct graph_view *g, WINDOW *w, size_t i)
{
	const struct gl_node *b = &g->gn[i];
	int attr = node_attr(g, i);
	for (int y = b->y; y < b->y + b->h; y++)
		for (int x = b->x; x < b->x + b->w; x++) {
			bool top = y == b->y, bottom = y == b->y + b->h - 1, left = x == b->x, right = x == b->x + b->w - 1;
			enum ui_glyph gl = top ? (left ? G_TL : right ? G_TR : G_H) : bottom ? (left ? G_BL : right ? G_BR : G_H)
				: (left || right) ? G_V : G_COUNT;
			put_cell(g, w, x, y, gl == G_COUNT ? " " : ui_glyph(gl), attr);
		}
	draw_label(g, w, i, attr);
}

static void keep_selection_visible(struct graph_view *g)
{
	int i = sel_index(g);
	if (g->follow && i >= 0) {
		const struct gl_node *b = &g->gn[i];
		if (b->x < g->sx || b->x + b->w > g->sx + g->view_w)
			g->sx = b->x + b->w / 2 - g->view_w / 2;
		if (b->y < g->sy || b->y + b->h > g->sy + g->view_h)
			g->sy = b->y + b->h / 2 - g->view_h / 2;
	}
	g->follow = false;
	int max_x = g->res.width - g->view_w, max_y = g->res.height - g->view_h;
	g->sx = g->sx > max_x ? max_x : g->sx;
	g->sy = g->sy > max_y ? max_y : g->sy;
	g->sx = g->sx < 0 ? 0 : g->sx;
	g->sy = g->sy < 0 ? 0 : g->sy;
}

static void human_bytes(char *out, size_t n, double v)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", v, units[u]);
}

static int put_node_name(const struct graph_view *g, WINDOW *w, int x, int room, uint32_t i)
{
	const struct gnode *n = &g->shown.nodes[i];
	if (n->type == GN_HUB)
		return ui_printf(w, 0, x, room, ui_attr(UI_TITLE), "%s hub", chan_kind_name(n->kind));
	int used = ui_put_text(w, 0, x, n->name, n->name_len, room, ui_attr(UI_TITLE));
	return used + ui_printf(w, 0, x + used, room - used, ui_attr(UI_TITLE), "(%d)", (int)n->pid);
}

static void draw_edge_status(const struct graph_view *g, WINDOW *w, const struct snapshot *s, int width)
{
	const struct gedge *e = &g->shown.edges[g->sel_edge];
	int x = ui_printf(w, 0, 0, width, ui_kind_attr(e->kind), "%s ", chan_kind_name(e->kind));
	x += put_node_name(g, w, x, width - x, e->from);
	const char *dir = e->directed ? (ui_ascii() ? " > " : " → ") : " - ";
	x += ui_put_str(w, 0, x, dir, width - x, A_NORMAL);
	x += put_node_name(g, w, x, width - x, e->to);
	if (e->chan >= 0 && (size_t)e->chan < s->n_chans && s->chans[e->chan].label && x < width) {
		x += ui_put_str(w, 0, x, "  ", width - x, A_NORMAL);
		const char *lab = s->chans[e->chan].label;
		x += ui_put_text(w, 0, x, lab, strlen(lab), width - x > 40 ? 40 : width - x, A_NORMAL);
	}
	char b[32], r[32];
	human_bytes(b, sizeof(b), (double)e->bytes);
	human_bytes(r, sizeof(r), g->edge_rate[g->sel_edge]);
	if (e->kind == CK_TCP && x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  bytes %s (%s/s)", b, r);
	if (x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  queued %llu", (unsigned long long)e->queued);
	if (e->n_chans > 1 && x < width)
		ui_printf(w, 0, x, width - x, A_NORMAL, "  %u channels", e->n_chans);
	if (g->edge_style[g->sel_edge] == GC_GONE && x < width)
		ui_put_str(w, 0, width - 8, " closed ", 8, ui_attr(UI_WARN));
}

static void draw_status(const struct graph_view *g, WINDOW *w, const struct snapshot *s, int width)
{
	ui_fill(w, 0, 0, width, A_NORMAL);
	if (g->sel_edge >= 0) {
		draw_edge_status(g, w, s, width);
		return;
	}
	int x = ui_put_str(w, 0, 0, "Graph: ", width, ui_attr(UI_TITLE));
	if (g->msg[0]) {
		ui_put_str(w, 0, x, g->msg, width - x, ui_attr(UI_WARN));
		return;
	}
	int i = sel_index(g);
	if (i >= 0) {
		x += put_node_name(g, w, x, width - x, (uint32_t)i);
		const struct gnode *n = &g->shown.nodes[i];
		int deg = 0;
		for (size_t e = 0; e < g->shown.n_edges; e++)
			deg += edge_touches(g, (int)e, i);
		if (n->type == GN_HUB && n->chan >= 0 && (size_t)n->chan < s->n_chans && s->chans[n->chan].label) {
			const char *lab = s->chans[n->chan].label;
			x += ui_put_str(w, 0, x, " ", width - x, A_NORMAL);
			x += ui_put_text(w, 0, x, lab, strlen(lab), width - x > 40 ? 40 : width - x, A_NORMAL);
		}
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  %d edge%s", deg, deg == 1 ? "" : "s");
	}
	if (g->focused && x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  focus: %d hop%s", g->hops, g->hops == 1 ? "" : "s");
	if (x < width)
		ui_printf(w, 0, x, width - x, ui_attr(UI_DIM), "  %zu nodes, %zu edges", g->shown.n_nodes, g->shown.n_edges);
}

static void draw_legend(const struct graph_view *g, WINDOW *w, int y, int width)
{
	ui_fill(w, y, 0, width, A_NORMAL);
	int x = 0;
	uint32_t mask = g->opts.kind_mask;
	for (int k = 0; k < CK__COUNT && x < width; k++) {
		if (!(g->present_kinds & (1u << k)) && !(~mask & GM_ALL_KINDS & (1u << k)))
			continue;
		bool on = mask & (1u << k);
		int attr = on ? ui_kind_attr((enum chan_kind)k) : ui_attr(UI_DIM);
		if (kind_keys[k])
			x += ui_printf(w, y, x, width - x, ui_attr(UI_DIM), "%c", kind_keys[k]);
		const char *line = on ? ui_kind_line((enum chan_kind)k) : " ";
		x += ui_put_str(w, y, x, line, width - x, attr);
		x += ui_put_str(w, y, x, line, width - x, attr);
		x += ui_printf(w, y, x, width - x, attr, "%s%s ", chan_kind_name((enum chan_kind)k), on ? "" : "(off)");
	}
	if (g->opts.collapse && x < width)
		ui_put_str(w, y, x, " [collapsed by command]", width - x, ui_attr(UI_TITLE));
}

void graph_view_draw(struct graph_view *g, WINDOW *w, const struct snapshot *s)
{
	int h = getmaxy(w), width = getmaxx(w);
	werase(w);
	if (h < 4 || width < 20) {
		ui_put_str(w, 0, 0, "graph: window too small", width, ui_attr(UI_WARN));
		return;
	}
	if (g->dirty || g->fresh)
		rebuild(g, s);
	g->view_w = width;
	g->view_h = h - 2;
	keep_selection_visible(g);
	if (g->shown.n_nodes == 0) {
		const char *none = "No processes share a channel (of the kinds shown).";
		ui_put_str(w, h / 2, width > 52 ? (width - 52) / 2 : 0, none, width, ui_attr(UI_DIM));
	}
	draw_lines(g, w);
	for (size_t e = 0; e < g->shown.n_edges; e++)
		draw_arrow(g, w, e);
	for (size_t i = 0; i < g->shown.n_nodes; i++)
		draw_box(g, w, i);
	for (size_t e = 0; e < g->shown.n_edges; e++) {
		if (g->ge[e].n_pts < 2)
			continue;
		draw_port(g, w, e, g->res.pts[g->ge[e].first_pt], g->shown.edges[e].from);
		draw_port(g, w, e, g->res.pts[g->ge[e].first_pt + g->ge[e].n_pts - 1], g->shown.edges[e].to);
	}
	draw_status(g, w, s, width);
	draw_legend(g, w, h - 1, width);
}
