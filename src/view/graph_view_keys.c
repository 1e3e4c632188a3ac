/* graph_view_keys.c — input on the graph screen: keys and clicks, moving the selection between
 * boxes, stepping through a box's edges, focus and open on Enter, hops, the kind filter, groups
 * on and off (c), one group opened in place (e), a jump to a box by name or pid (/, n). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/graph_view_int.h"
#include "view/ui.h"

#define MAX_HOPS 9

const char graph_kind_keys[CK__COUNT] = {
	[CK_PIPE] = '1', [CK_FIFO] = '2', [CK_UNIX] = '3', [CK_TCP] = '4', [CK_UDP] = '5',
	[CK_SYSV_SHM] = '6', [CK_SYSV_MSG] = '7', [CK_POSIX_SHM] = '8', [CK_POSIX_MQ] = '9',
	[CK_MEMFD] = '0', [CK_PTY] = 0, [CK_EVENTFD] = 0, [CK_ANON_SHM] = 0,
};

int gv_sel_index(const struct graph_view *g)
{
	return graph_model_find(&g->shown, g->sel_key);
}

static int center_y(const struct gl_node *n) { return n->y + n->h / 2; }

/* The node to move to from the selection in direction (dx, dy), or -1. */
static int neighbour_node(const struct graph_view *g, int dx, int dy)
{
	int cur = gv_sel_index(g), best = -1;
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

bool gv_edge_touches(const struct graph_view *g, int e, int node)
{
	return (int)g->shown.edges[e].from == node || (int)g->shown.edges[e].to == node;
}

static void step_edge(struct graph_view *g, int dir)
{
	int node = gv_sel_index(g), m = (int)g->shown.n_edges;
	if (node < 0 || m == 0)
		return;
	int start = g->sel_edge >= 0 ? g->sel_edge : (dir > 0 ? -1 : m);
	for (int k = 1; k <= m + 1; k++) {
		int e = start + dir * k;
		if (e < 0 || e >= m) {
			g->sel_edge = -1;       /* past the last edge: back to the node */
			return;
		}
		if (gv_edge_touches(g, e, node)) {
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
	g->focus_start = g->shown.nodes[node].start;
	g->focus_host = g->shown.nodes[node].host;
	g->dirty = true;
	g->shape++;
	g->follow = true;
}

static enum graph_action on_enter(struct graph_view *g, pid_t *pid)
{
	int node = gv_sel_index(g);
	if (node < 0)
		return GRAPH_NONE;
	if (g->sel_edge >= 0 && gv_edge_touches(g, g->sel_edge, node)) {
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
		g->open_start = n->start;
		g->open_host = n->host;
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
		if (graph_kind_keys[k] && graph_kind_keys[k] == key) {
			g->toggled_mask ^= 1u << k;
			g->kind_cycle = -1;
			return true;
		}
	return false;
}

enum graph_action graph_view_click(struct graph_view *g, int y, int x, pid_t *pid)
{
	g->msg[0] = 0;
	int gx = x + g->sx, gy = y - 1 + g->sy;     /* row 0 of the window is the status line */
	for (size_t i = 0; i < g->shown.n_nodes; i++) {
		const struct gl_node *n = &g->gn[i];
		if (gx >= n->x && gx < n->x + n->w && gy >= n->y && gy < n->y + n->h) {
			bool again = g->sel_key == n->key;
			g->sel_key = n->key;
			g->sel_edge = -1;
			return again ? on_enter(g, pid) : GRAPH_NONE;
		}
	}
	return GRAPH_NONE;
}

void graph_view_scroll(struct graph_view *g, int dy)
{
	g->msg[0] = 0;
	g->sy += dy;
}

/* The view changes shape (grouping, kinds, scope, hops): rebuilt with nothing fading. */
static void reshape(struct graph_view *g)
{
	g->shape++;
	g->dirty = true;
}

/* Whether n's name holds q (any case), or for digits whether n holds process q. */
static bool node_matches(const struct graph_view *g, int i, const char *q, pid_t pid)
{
	const struct gnode *n = &g->shown.nodes[i];
	if (pid > 0) {
		int f = graph_model_node_of_pid(&g->full, pid);
		return n->pid == pid || (f >= 0 && g->full.nodes[f].key == n->key);
	}
	size_t len = strlen(q);
	for (size_t at = 0; at + len <= n->name_len; at++) {
		size_t k = 0;
		while (k < len && tolower((unsigned char)n->name[at + k]) == tolower((unsigned char)q[k]))
			k++;
		if (k == len)
			return true;
	}
	return false;
}

bool graph_view_jump(struct graph_view *g, const char *query, bool next)
{
	g->msg[0] = 0;
	if (!query[0])
		return false;
	size_t digits = strspn(query, "0123456789");
	pid_t pid = query[digits] == '\0' && digits < 10 ? (pid_t)atol(query) : 0;
	int live = (int)g->live_nodes, cur = gv_sel_index(g);
	int from = next && cur >= 0 && cur < live ? cur + 1 : 0;
	for (int k = 0; k < live; k++) {
		int i = (from + k) % live;
		if (node_matches(g, i, query, pid)) {
			g->sel_key = g->shown.nodes[i].key;
			g->sel_edge = -1;
			g->follow = true;
			return true;
		}
	}
	snprintf(g->msg, sizeof(g->msg), "no box shown matches '%.40s'%s", query, g->focused ? " (a: all)" : "");
	return false;
}

/* Take key out of the set m (u64map has no removal: the rest is copied to a new table). */
static void set_remove(struct u64map *m, uint64_t key)
{
	struct u64map kept;
	u64map_init(&kept, m->len + 8);
	for (size_t i = 0; i <= m->mask; i++)
		if (m->slots[i].val_plus1 && m->slots[i].key != key)
			u64map_put(&kept, m->slots[i].key, m->slots[i].val_plus1 - 1);
	u64map_free(m);
	*m = kept;
}

/* e: the selected group opens in place into its processes (the others stay groups); on a
 * process of an opened group, that group closes again. The selection and the focus stay on
 * the process they name (a group's: its lowest pid), so they follow into and out of it. */
static void toggle_group(struct graph_view *g)
{
	int node = gv_sel_index(g);
	const struct gnode *n = node >= 0 ? &g->shown.nodes[node] : NULL;
	if (!g->opts.collapse) {
		snprintf(g->msg, sizeof(g->msg), "groups are off (c: on)");
		return;
	}
	if (n && n->type == GN_GROUP && n->count > 1)
		u64map_put(&g->expanded, n->key, 1);
	else if (n && n->group)
		set_remove(&g->expanded, n->group);
	else {
		snprintf(g->msg, sizeof(g->msg), "e opens a group (a box \"name %s\"); this box is none",
			 ui_ascii() ? "xN" : "×N");
		return;
	}
	reshape(g);
	g->follow = true;
}

static void toggle_collapse(struct graph_view *g)
{
	g->opts.collapse = !g->opts.collapse;
	u64map_free(&g->expanded);          /* c: every group closed, or none drawn */
	u64map_init(&g->expanded, 8);
	reshape(g);
	g->follow = true;
}

/* C: what groups are made of, in turn: families, services, users, none (then families). */
static void cycle_group_by(struct graph_view *g)
{
	if (!g->opts.collapse) {
		g->opts.collapse = true;
		g->opts.by = GB_FAMILY;
	} else if (g->opts.by == GB_USER) {
		g->opts.collapse = false;
		g->opts.by = GB_FAMILY;     /* c turns families on again */
	} else {
		g->opts.by = g->opts.by == GB_FAMILY ? GB_SERVICE : GB_USER;
	}
	u64map_free(&g->expanded);
	u64map_init(&g->expanded, 8);
	reshape(g);
	g->follow = true;
	snprintf(g->msg, sizeof(g->msg), "groups: %s (C: next)", graph_view_grouping(g));
}

enum graph_action graph_view_key(struct graph_view *g, int key, pid_t *pid)
{
	if (key == KEY_MOUSE)           /* clicks come through graph_view_click */
		return GRAPH_NONE;
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
	case '+': case '=': if (g->hops < MAX_HOPS) g->hops++; reshape(g); break;
	case '-': case '_': if (g->hops > 1) g->hops--; reshape(g); break;
	case 'a': case 'A':   /* a: all the list shows; A: the whole machine */
		g->focused = g->focus_missed = false;
		g->whole_machine = key == 'A';
		reshape(g);
		g->follow = true;
		break;
	case 'c': toggle_collapse(g); break;
	case 'C': cycle_group_by(g); break;
	case 'e': toggle_group(g); break;
	case 'k': cycle_kind(g); reshape(g); break;
	case 'o':   /* a process whose only channels were hidden one-ended ones: focus it now */
		g->opts.one_ended = !g->opts.one_ended;
		g->focus_pending = g->focus_missed;
		reshape(g);
		break;
	default:
		if (toggle_kind_key(g, key))
			reshape(g);
		break;
	}
	return GRAPH_NONE;
}
