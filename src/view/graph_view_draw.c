/* graph_view_draw.c — drawing the graph screen: lines from a connection canvas, arrows, boxes
 * with their labels, ports where edges meet boxes, the status line (selected box or edge) and
 * the legend of kinds; the view follows the selection. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "model/rates.h"
#include "model/services.h"
#include "model/sock_describe.h"
#include "model/sysv_describe.h"
#include "util/human_size.h"
#include "util/strbuf.h"
#include "view/graph_view_int.h"
#include "view/ui.h"

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
		return ui_kind_vline(kind);
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

/* A line's weight: bold for a busy edge, dim for an idle one (no byte moved), else plain. */
static uint8_t edge_emph(const struct graph_view *g, size_t e)
{
	uint8_t w = g->shown.edges[e].weight;
	return w == GW_BUSY ? GC_EMPH_BOLD : w == GW_IDLE ? GC_EMPH_DIM : GC_EMPH_NORMAL;
}

static int emph_attr(enum gc_style st, uint8_t emph)
{
	if (st == GC_SELECTED)
		return 0;
	return emph == GC_EMPH_BOLD ? A_BOLD : emph == GC_EMPH_DIM ? A_DIM : 0;
}

static int edge_attr(const struct graph_view *g, size_t e)
{
	enum gc_style st = edge_draw_style(g, e);
	return style_attr(st, ui_kind_attr(g->shown.edges[e].kind)) | emph_attr(st, edge_emph(g, e));
}

static void draw_lines(struct graph_view *g, WINDOW *w)
{
	gcanvas_reset(&g->canvas, g->view_w, g->view_h, g->sx, g->sy);
	for (size_t e = 0; e < g->shown.n_edges; e++)
		gcanvas_polyline(&g->canvas, &g->res.pts[g->ge[e].first_pt], g->ge[e].n_pts,
				 (uint8_t)g->shown.edges[e].kind, edge_draw_style(g, e), edge_emph(g, e));
	for (int y = 0; y < g->view_h; y++)
		for (int x = 0; x < g->view_w; x++) {
			const struct gc_cell *c = gcanvas_at(&g->canvas, x, y);
			if (c && c->conn)
				ui_put_str(w, 1 + y, x, conn_glyph(c->conn, c->kind), 1,
					   style_attr((enum gc_style)c->style, ui_kind_attr(c->kind)) |
					   emph_attr((enum gc_style)c->style, c->emph));
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
	put_cell(g, w, end.x - dx, end.y - dy, ui_glyph(arrow), edge_attr(g, e));
}

/* Whether the cells from (gx, gy) on, n wide, are on screen and hold one horizontal line only
 * (no corner, tee or crossing that a label would hide). */
static bool plain_run(const struct graph_view *g, int gx, int gy, int n)
{
	for (int i = 0; i < n; i++) {
		const struct gc_cell *c = gcanvas_at(&g->canvas, gx + i - g->sx, gy - g->sy);
		if (!c || c->conn != (GC_LEFT | GC_RIGHT))
			return false;
	}
	return true;
}

/* The longest horizontal stretch of edge e: its left end's x (the first cell after the
 * corner), its row and its length in cells, less the arrowhead's cell; false when none. */
static bool longest_run(const struct graph_view *g, size_t e, int *x, int *y, int *len)
{
	const struct gl_point *p = &g->res.pts[g->ge[e].first_pt];
	size_t n = g->ge[e].n_pts;
	*len = 0;
	for (size_t s = 0; s + 1 < n; s++) {
		int l = abs(p[s + 1].x - p[s].x) - 1;   /* cells between the two corners */
		bool head = g->shown.edges[e].directed && s + 2 == n;
		int left = p[s].x < p[s + 1].x ? p[s].x : p[s + 1].x;
		if (head && p[s + 1].x < p[s].x)
			left++;                              /* the arrow points left: skip it */
		l -= head;
		if (p[s].y == p[s + 1].y && l > *len) {
			*x = left + 1;
			*y = p[s].y;
			*len = l;
		}
	}
	return *len > 0;
}

/* A moving edge's rate (both ways together) on its longest horizontal stretch: "4.0M/s" with a
 * cell of line left each side where it fits, else as much as fits of "4.0M/s" or "4.0M". */
static void draw_rate_label(struct graph_view *g, WINDOW *w, size_t e)
{
	const struct gedge *ed = &g->shown.edges[e];
	int x = 0, y = 0, len = 0;
	if ((ed->weight != GW_ACTIVE && ed->weight != GW_BUSY) || !longest_run(g, e, &x, &y, &len))
		return;
	char text[24];
	human_short(text, sizeof text - 2, rate_add(ed->rate_fwd, ed->rate_back));
	int n = (int)strlen(text);
	if (n + 2 <= len)
		strcat(text, "/s");
	n = (int)strlen(text);
	if (n > len)
		return;
	int x0 = x + (len - n) / 2;
	if (!plain_run(g, x0, y, n))
		return;
	for (int i = 0; i < n; i++) {
		char ch[2] = { text[i], '\0' };
		put_cell(g, w, x0 + i, y, ch, edge_attr(g, e));
	}
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
	struct strbuf tail = STRBUF_INIT;
	int used = 0;
	if (n->type == GN_HUB) {
		sb_printf(&tail, "%s %s%u", chan_kind_name(n->kind), ui_ascii() ? "x" : "×", n->count);
	} else {
		used = ui_put_text(w, 1 + y, x, n->name, n->name_len, room, attr);
		gv_label_tail(n, &tail);
	}
	if (used < room)
		ui_put_str(w, 1 + y, x + used, sb_str(&tail), room - used, attr);
	sb_free(&tail);
}

/* A box's border glyph: an address peer's has rounded corners (ASCII: parentheses). */
static const char *border_glyph(const struct gnode *n, enum ui_glyph gl)
{
	static const char *const addr_utf8[G_COUNT] = { [G_TL] = "╭", [G_TR] = "╮", [G_BL] = "╰", [G_BR] = "╯" };
	static const char *const addr_ascii[G_COUNT] = { [G_TL] = "(", [G_TR] = ")", [G_BL] = "(", [G_BR] = ")" };
	const char *round = ui_ascii() ? addr_ascii[gl] : addr_utf8[gl];
	return n->type == GN_ADDR && round ? round : ui_glyph(gl);
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
			put_cell(g, w, x, y, gl == G_COUNT ? " " : border_glyph(&g->shown.nodes[i], gl), attr);
		}
	draw_label(g, w, i, attr);
}

static void keep_selection_visible(struct graph_view *g)
{
	int i = gv_sel_index(g);
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

static int put_node_name(const struct graph_view *g, const struct snapshot *s, WINDOW *w, int x, int room,
			 uint32_t i)
{
	const struct gnode *n = &g->shown.nodes[i];
	if (n->type == GN_HUB)
		return ui_printf(w, 0, x, room, ui_attr(UI_TITLE), "%s hub", chan_kind_name(n->kind));
	if (n->type == GN_ADDR) {
		int pre = ui_put_str(w, 0, x, "peer ", room, ui_attr(UI_TITLE));
		return pre + ui_put_text(w, 0, x + pre, n->name, n->name_len, room - pre, ui_attr(UI_TITLE));
	}
	int used = ui_put_text(w, 0, x, n->name, n->name_len, room, ui_attr(UI_TITLE));
	/* a service: "nginx :80 (http), 3 processes from 100", the word (while names are shown, N)
	 * by the node's own port (a fading node's listener1 indexes an older snapshot's sockets) */
	if (n->listener1 > 0) {
		struct strbuf sb = STRBUF_INIT;
		const char *word = service_word(n->svc_port, false);
		if (word)
			sb_printf(&sb, " (%s)", word);
		sb_printf(&sb, ", %u process%s from %d", n->count, n->count == 1 ? "" : "es", (int)n->pid);
		used += ui_put_str(w, 0, x + used, sb_str(&sb), room - used, ui_attr(UI_TITLE));
		sb_free(&sb);
		return used;
	}
	if (n->type == GN_GROUP && n->count > 1)
		return used + ui_printf(w, 0, x + used, room - used, ui_attr(UI_TITLE), "(%u processes from %d)",
					n->count, (int)n->pid);
	return used + ui_printf(w, 0, x + used, room - used, ui_attr(UI_TITLE), "(%d)", (int)n->pid);
}

/* A channel's label on the status line, in the one lossless form (an abstract UNIX name is
 * "@name", a path that starts with '@' shows it escaped); a shared anonymous region by its
 * size. */
static int put_chan_label(WINDOW *w, int x, int room, const struct snapshot *s, const struct channel *ch)
{
	struct strbuf sb = STRBUF_INIT;
	if (!anon_shm_name(&sb, s, ch))
		format_chan_label(&sb, s, ch);
	int used = ui_put_str(w, 0, x, sb_str(&sb), room, A_NORMAL);
	sb_free(&sb);
	return used;
}

/* The socket of a channel's first end that has one, or NULL (not a socket channel). */
static const struct sock_info *chan_first_sock(const struct snapshot *s, const struct channel *ch)
{
	for (size_t i = 0; ch && i < ch->n_ep; i++)
		if (ch->ep[i].sock >= 0 && (size_t)ch->ep[i].sock < s->n_socks)
			return &s->socks[ch->ep[i].sock];
	return NULL;
}

/* A socket channel's addresses, state and queues as ss gives them for its first socket end
 * ("  127.0.0.1:40000 → 127.0.0.1:5432 (postgresql) established, rq 0 wq 0"), after who
 * accepts on a shared listener ("  nginx master + 2 workers accept on ..., pending 0 of backlog 511"). */
static int put_sock_words(WINDOW *w, int x, int room, const struct snapshot *s, const struct channel *ch,
			  const struct sock_info *sk)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "  ");
	if (sock_shared_listener(&sb, s, ch))   /* sock_diag: a listener's rqueue is pending, wqueue backlog */
		sb_printf(&sb, ", pending %u of backlog %u", sk->rqueue, sk->wqueue);
	else
		sock_describe_rest(&sb, sk, ui_glyph(G_ARROW_R));
	int used = ui_put_str(w, 0, x, sb_str(&sb), room, A_NORMAL);
	sb_free(&sb);
	return used;
}

/* "  bytes 6.9 GiB  → 20.0 MiB/s ← 0 B/s": each way's rate, the arrows as the edge is read
 * (from its left end to its right end). */
static int put_rates(WINDOW *w, int x, int room, const char *bytes, const struct gedge *e)
{
	char fwd[32], back[32];
	human_bytes(fwd, sizeof(fwd), e->rate_fwd);
	human_bytes(back, sizeof(back), e->rate_back);
	return ui_printf(w, 0, x, room, A_NORMAL, "  bytes %s  %s %s/s %s %s/s", bytes,
	                 ui_glyph(G_ARROW_R), fwd, ui_glyph(G_ARROW_L), back);
}

/* "  drops 191 (0/s)": what the channel's UDP or UNIX sockets dropped, and per second where
 * the snapshot has rates; nothing when they dropped none (or the kernel does not say). */
static int put_drops(WINDOW *w, int x, int room, const struct snapshot *s, const struct channel *ch)
{
	int64_t n = chan_drops(s, ch);
	double rate = chan_drops_rate(s, ch);
	if (n <= 0 && !(rate > 0))
		return 0;
	char r[32] = "";
	if (!isnan(rate))
		snprintf(r, sizeof r, " (%.0f/s)", rate);
	return ui_printf(w, 0, x, room, A_NORMAL, "  drops %lld%s", (long long)(n > 0 ? n : 0), r);
}

/* "tcp a(1) → b(2)  bytes ... rates  queued ...  127.0.0.1:40000 → 127.0.0.1:5432 established,
 * rq 0 wq 0": a socket channel is named by ss's protocol word ("unix stream") and ends with
 * its addresses and state, which a narrow terminal cuts first; other kinds by their label. */
static void draw_edge_status(const struct graph_view *g, WINDOW *w, const struct snapshot *s, int width)
{
	const struct gedge *e = &g->shown.edges[g->sel_edge];
	const struct channel *ch = e->chan >= 0 && (size_t)e->chan < s->n_chans ? &s->chans[e->chan] : NULL;
	const struct sock_info *sk = chan_first_sock(s, ch);
	char word[32];
	int x = ui_printf(w, 0, 0, width, ui_kind_attr(e->kind), "%s ",
			  sk ? sock_proto_word(word, sizeof word, sk) : chan_kind_name(e->kind));
	x += put_node_name(g, s, w, x, width - x, e->from);
	const char *dir = e->directed ? (ui_ascii() ? " > " : " → ") : " - ";
	x += ui_put_str(w, 0, x, dir, width - x, A_NORMAL);
	x += put_node_name(g, s, w, x, width - x, e->to);
	if (ch && !sk && ch->label && x < width) {
		x += ui_put_str(w, 0, x, "  ", width - x, A_NORMAL);
		x += put_chan_label(w, x, width - x > 40 ? 40 : width - x, s, ch);
	}
	char b[32], r[32];
	human_bytes(b, sizeof(b), (double)e->bytes);
	human_bytes(r, sizeof(r), g->edge_rate[g->sel_edge]);
	if (e->kind == CK_TCP && x < width && isfinite(e->rate_fwd) && isfinite(e->rate_back))
		x += put_rates(w, x, width - x, b, e);
	else if (e->kind == CK_TCP && x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  bytes %s (%s/s)", b, r);
	if (x < width && e->queued_known)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  queued %llu", (unsigned long long)e->queued);
	else if (x < width && !sk)   /* a pipe's fill is known to root only: unknown is not 0 */
		x += ui_put_str(w, 0, x, "  queued ?", width - x, A_NORMAL);
	if (x < width)
		x += put_drops(w, x, width - x, s, ch);
	if (e->n_chans > 1 && x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  %u channels", e->n_chans);
	if (sk && x < width)
		x += put_sock_words(w, x, width - x, s, ch, sk);
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
	int i = gv_sel_index(g);
	if (i >= 0) {
		x += put_node_name(g, s, w, x, width - x, (uint32_t)i);
		const struct gnode *n = &g->shown.nodes[i];
		int deg = 0;
		for (size_t e = 0; e < g->shown.n_edges; e++)
			deg += gv_edge_touches(g, (int)e, i);
		if (n->type == GN_HUB && n->chan >= 0 && (size_t)n->chan < s->n_chans && s->chans[n->chan].label) {
			x += ui_put_str(w, 0, x, " ", width - x, A_NORMAL);
			x += put_chan_label(w, x, width - x > 40 ? 40 : width - x, s, &s->chans[n->chan]);
		}
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  %d edge%s", deg, deg == 1 ? "" : "s");
		if (n->type == GN_GROUP && n->inner && x < width) {
			char b[32];
			human_bytes(b, sizeof(b), (double)n->inner_bytes);
			x += ui_printf(w, 0, x, width - x, A_NORMAL, ", %u channel%s inside (bytes %s", n->inner,
				       n->inner == 1 ? "" : "s", b);
			if (n->inner_rate > 0 && x < width) {
				human_bytes(b, sizeof(b), n->inner_rate);
				x += ui_printf(w, 0, x, width - x, A_NORMAL, ", %s/s", b);
			}
			x += ui_put_str(w, 0, x, ")", width - x, A_NORMAL);
		}
	}
	if (g->focused && x < width)
		x += ui_printf(w, 0, x, width - x, A_NORMAL, "  focus: %d hop%s", g->hops, g->hops == 1 ? "" : "s");
	if (x < width)
		x += ui_printf(w, 0, x, width - x, ui_attr(UI_DIM), "  %zu nodes, %zu edges%s", g->live_nodes,
			       g->live_edges, g->focused ? "" : g->whole_machine ? " (machine)" : g->scoped ? " (listed)" : "");
	if (g->opts.by != GB_FAMILY && x < width)
		x += ui_printf(w, 0, x, width - x, ui_attr(UI_DIM), "  groups %s", graph_view_grouping(g));
	if (g->n_one_ended && x < width)
		ui_printf(w, 0, x, width - x, ui_attr(UI_DIM), "  %zu one-ended %s (o)", g->n_one_ended,
			  g->opts.one_ended ? "shown" : "hidden");
}

#define WEIGHT_NOTE_W 32   /* " bold: busy (256K/s+), dim: idle" */

/* What a line's weight says, each word drawn as such a line is, at the right of the legend. */
static void draw_weight_note(WINDOW *w, int y, int x, int width)
{
	x += ui_put_str(w, y, x, " bold", width - x, A_BOLD);
	x += ui_printf(w, y, x, width - x, A_NORMAL, ": busy (%.0fK/s+), ", GW_BUSY_RATE / 1024);
	x += ui_put_str(w, y, x, "dim", width - x, A_DIM);
	ui_put_str(w, y, x, ": idle", width - x, A_NORMAL);
}

static void draw_legend(const struct graph_view *g, WINDOW *w, int y, int width)
{
	ui_fill(w, y, 0, width, A_NORMAL);
	int x = 0, full = width;
	bool note = g->has_weights && width >= 2 * WEIGHT_NOTE_W;
	if (note)
		width -= WEIGHT_NOTE_W;   /* the kinds give way to it: it explains what is drawn */
	uint32_t mask = g->opts.kind_mask;
	for (int k = 0; k < CK__COUNT && x < width; k++) {
		if (!(g->present_kinds & (1u << k)) && !(~mask & GM_ALL_KINDS & (1u << k)))
			continue;
		bool on = mask & (1u << k);
		int attr = on ? ui_kind_attr((enum chan_kind)k) : ui_attr(UI_DIM);
		if (graph_kind_keys[k])
			x += ui_printf(w, y, x, width - x, ui_attr(UI_DIM), "%c", graph_kind_keys[k]);
		const char *line = on ? ui_kind_line((enum chan_kind)k) : " ";
		x += ui_put_str(w, y, x, line, width - x, attr);
		x += ui_put_str(w, y, x, line, width - x, attr);
		x += ui_printf(w, y, x, width - x, attr, "%s%s ", chan_kind_name((enum chan_kind)k), on ? "" : "(off)");
	}
	if (g->opts.collapse && x < width)
		x += ui_printf(w, y, x, width - x, ui_attr(UI_TITLE), " [grouped %s]", graph_view_grouping(g));
	if (note)
		draw_weight_note(w, y, x < width ? x : width, full);
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
		gv_rebuild(g, s);
	g->view_w = width;
	g->view_h = h - 2;
	keep_selection_visible(g);
	if (g->shown.n_nodes == 0) {
		const char *none = "No processes share a channel (of the kinds shown).";
		ui_put_str(w, h / 2, width > 52 ? (width - 52) / 2 : 0, none, width, ui_attr(UI_DIM));
	}
	draw_lines(g, w);
	for (size_t e = 0; e < g->shown.n_edges; e++) {
		draw_arrow(g, w, e);
		draw_rate_label(g, w, e);
	}
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
