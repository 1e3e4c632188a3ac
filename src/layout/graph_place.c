/* graph_place.c — geometry of the layered drawing: box heights and port rows, vertical
 * placement (nodes pulled towards their neighbours, never overlapping), columns with routing
 * tracks in the gaps, and each edge's orthogonal polyline from border to border. */
#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout_int.h"
#include "util/xalloc.h"

enum { SIDE_LEFT = 0, SIDE_RIGHT = 1 };

struct port_req { int node, side, other_order; size_t link; bool at_a; };

static int by_port(const void *pa, const void *pb)
{
	const struct port_req *a = pa, *b = pb;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	if (a->side != b->side)
		return a->side < b->side ? -1 : 1;
	if (a->other_order != b->other_order)
		return a->other_order < b->other_order ? -1 : 1;
	return (a->link > b->link) - (a->link < b->link);
}

static void set_port(struct gl_work *w, const struct port_req *r, int off)
{
	if (r->at_a)
		w->lk[r->link].ya = off;
	else
		w->lk[r->link].yb = off;
}

/* Heights of real boxes from the edges on their busier side, and port offsets (rows below the
 * box top) of every link end; virtual nodes have offset 0. */
static void assign_ports(struct gl_work *w)
{
	struct port_req *req = xcalloc(2 * w->n_lk + 1, sizeof(*req));
	size_t nr = 0;
	for (size_t i = 0; i < w->n_lk; i++) {
		struct gl_link *k = &w->lk[i];
		k->ya = k->yb = 0;
		if (w->ln[k->a].real >= 0)
			req[nr++] = (struct port_req){ k->a, SIDE_RIGHT, w->ln[k->b].order, i, true };
		if (w->ln[k->b].real >= 0)
			req[nr++] = (struct port_req){ k->b, k->same ? SIDE_RIGHT : SIDE_LEFT, w->ln[k->a].order, i, false };
	}
	qsort(req, nr, sizeof(*req), by_port);
	for (size_t g = 0; g < nr;) {
		size_t end = g;
		while (end < nr && req[end].node == req[g].node && req[end].side == req[g].side)
			end++;
		struct gl_lnode *v = &w->ln[req[g].node];
		int n = (int)(end - g), want = 2 + (n < w->o->max_ports ? n : w->o->max_ports);
		if (v->h < want)
			v->h = want;
		g = end;
	}
	for (size_t g = 0; g < nr;) {
		size_t end = g;
		while (end < nr && req[end].node == req[g].node && req[end].side == req[g].side)
			end++;
		int n = (int)(end - g), interior = w->ln[req[g].node].h - 2;
		for (size_t i = g; i < end; i++)
			set_port(w, &req[i], 1 + ((2 * (int)(i - g) + 1) * interior) / (2 * n));
		g = end;
	}
	free(req);
}

static void stack_layers(struct gl_work *w)
{
	for (int l = 0; l < w->n_layers; l++) {
		int y = 0;
		for (size_t k = w->layer_start[l]; k < w->layer_start[l + 1]; k++) {
			struct gl_lnode *v = &w->ln[w->slot[k]];
			v->y = y;
			y += v->h + 1;
		}
	}
}

/* One pass: each node moves towards the mean row of its neighbours on one side, then every
 * layer is pushed apart top-down so that nothing overlaps and the order holds. */
static void pull_pass(struct gl_work *w, bool from_left, double *sum, int *cnt)
{
	memset(sum, 0, w->n_ln * sizeof(*sum));
	memset(cnt, 0, w->n_ln * sizeof(*cnt));
	for (size_t i = 0; i < w->n_lk; i++) {
		const struct gl_link *k = &w->lk[i];
		if (k->same)
			continue;
		int me = from_left ? k->b : k->a, other = from_left ? k->a : k->b;
		int my_off = from_left ? k->yb : k->ya, other_off = from_left ? k->ya : k->yb;
		sum[me] += w->ln[other].y + other_off - my_off;
		cnt[me]++;
	}
	for (int l = 0; l < w->n_layers; l++) {
		int bottom = -(1 << 28);
		for (size_t k = w->layer_start[l]; k < w->layer_start[l + 1]; k++) {
			int v = w->slot[k];
			int want = cnt[v] ? (int)(sum[v] / cnt[v] + (sum[v] >= 0 ? 0.5 : -0.5)) : w->ln[v].y;
			w->ln[v].y = want > bottom ? want : bottom;
			bottom = w->ln[v].y + w->ln[v].h + 1;
		}
	}
}

static void place_rows(struct gl_work *w)
{
	stack_layers(w);
	double *sum = xcalloc(w->n_ln + 1, sizeof(*sum));
	int *cnt = xcalloc(w->n_ln + 1, sizeof(*cnt));
	for (int pass = 0; pass < 4; pass++)
		pull_pass(w, pass % 2 == 0, sum, cnt);
	free(sum);
	free(cnt);
	int top = 1 << 28;
	for (size_t i = 0; i < w->n_ln; i++)
		top = w->ln[i].y < top ? w->ln[i].y : top;
	for (size_t i = 0; i < w->n_ln; i++)
		w->ln[i].y -= top;
	for (size_t i = 0; i < w->n_lk; i++) {
		w->lk[i].ya += w->ln[w->lk[i].a].y;
		w->lk[i].yb += w->ln[w->lk[i].b].y;
	}
}

struct span { int lo, hi; size_t link; };

static int by_lo(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return (a->link > b->link) - (a->link < b->link);
}

/* Tracks in the gap right of every layer: links whose vertical runs overlap get different
 * columns. Returns the number of tracks of each gap in ntracks[layer]. */
static void assign_tracks(struct gl_work *w, int *ntracks)
{
	struct span *sp = xcalloc(w->n_lk + 1, sizeof(*sp));
	int *last_hi = xcalloc(w->n_lk + 1, sizeof(*last_hi));
	for (int l = 0; l < w->n_layers; l++) {
		size_t ns = 0;
		for (size_t i = 0; i < w->n_lk; i++) {
			const struct gl_link *k = &w->lk[i];
			if (w->ln[k->a].layer != l || (!k->same && k->ya == k->yb))
				continue;
			sp[ns++] = (struct span){ k->ya < k->yb ? k->ya : k->yb, k->ya < k->yb ? k->yb : k->ya, i };
		}
		qsort(sp, ns, sizeof(*sp), by_lo);
		int nt = 0;
		for (size_t i = 0; i < ns; i++) {
			int t = 0;
			while (t < nt && last_hi[t] >= sp[i].lo)
				t++;
			if (t == nt)
				nt++;
			last_hi[t] = sp[i].hi;
			w->lk[sp[i].link].track = t;
		}
		ntracks[l] = nt;
	}
	free(sp);
	free(last_hi);
}

/* Column of each layer; boxes centred in it. Returns the drawing's width. */
static int place_columns(struct gl_work *w, const int *ntracks, int *col_x, int *col_w)
{
	int x = 0;
	for (int l = 0; l < w->n_layers; l++) {
		col_w[l] = 1;
		for (size_t k = w->layer_start[l]; k < w->layer_start[l + 1]; k++)
			col_w[l] = w->ln[w->slot[k]].w > col_w[l] ? w->ln[w->slot[k]].w : col_w[l];
		col_x[l] = x;
		x += col_w[l];
		if (l + 1 < w->n_layers || ntracks[l] > 0)
			x += ntracks[l] + w->o->min_gap;
	}
	for (size_t i = 0; i < w->n; i++) {
		struct gl_lnode *v = &w->ln[i];
		w->nodes[i].x = col_x[v->layer] + (col_w[v->layer] - v->w) / 2;
	}
	return x;
}

static void add_point(struct gl_result *r, size_t first, int x, int y)
{
	if (r->n_pts > first && r->pts[r->n_pts - 1].x == x && r->pts[r->n_pts - 1].y == y)
		return;
	if (r->n_pts >= first + 2) {
		struct gl_point *a = &r->pts[r->n_pts - 2], *b = &r->pts[r->n_pts - 1];
		if ((a->x == b->x && b->x == x) || (a->y == b->y && b->y == y)) {
			b->x = x;
			b->y = y;
			return;
		}
	}
	XGROW(r->pts, r->cap_pts, r->n_pts + 1);
	r->pts[r->n_pts++] = (struct gl_point){ x, y };
}

/* x where a link leaves lnode v (its right side) or enters it (left side). */
static int right_x(const struct gl_work *w, int v, const int *col_x, const int *col_w)
{
	const struct gl_lnode *n = &w->ln[v];
	return n->real >= 0 ? w->nodes[n->real].x + n->w - 1 : col_x[n->layer] + col_w[n->layer] - 1;
}

static int left_x(const struct gl_work *w, int v, const int *col_x)
{
	const struct gl_lnode *n = &w->ln[v];
	return n->real >= 0 ? w->nodes[n->real].x : col_x[n->layer];
}

static void route_edge(struct gl_work *w, size_t e, const int *col_x, const int *col_w, struct gl_result *r)
{
	size_t first = r->n_pts;
	w->edges[e].first_pt = first;
	for (size_t i = w->edge_link0[e]; i < w->edge_link0[e] + w->edge_nlinks[e]; i++) {
		const struct gl_link *k = &w->lk[i];
		int l = w->ln[k->a].layer;
		if (w->ln[k->a].real < 0)
			add_point(r, first, col_x[l], k->ya);
		add_point(r, first, right_x(w, k->a, col_x, col_w), k->ya);
		if (k->track >= 0) {
			int tx = col_x[l] + col_w[l] + w->o->min_gap / 2 + k->track;
			add_point(r, first, tx, k->ya);
			add_point(r, first, tx, k->yb);
		}
		add_point(r, first, k->same ? right_x(w, k->b, col_x, col_w) : left_x(w, k->b, col_x), k->yb);
	}
	w->edges[e].n_pts = r->n_pts - first;
	if (w->flip[e]) {
		size_t n = w->edges[e].n_pts;
		for (size_t i = 0; i < n / 2; i++) {
			struct gl_point t = r->pts[first + i];
			r->pts[first + i] = r->pts[first + n - 1 - i];
			r->pts[first + n - 1 - i] = t;
		}
	}
}

void gl_place_and_route(struct gl_work *w, struct gl_result *r)
{
	assign_ports(w);
	place_rows(w);
	int *ntracks = xcalloc((size_t)w->n_layers + 1, sizeof(int));
	int *col_x = xcalloc((size_t)w->n_layers + 1, sizeof(int)), *col_w = xcalloc((size_t)w->n_layers + 1, sizeof(int));
	assign_tracks(w, ntracks);
	r->width = place_columns(w, ntracks, col_x, col_w);
	r->height = 0;
	for (size_t i = 0; i < w->n_ln; i++)
		r->height = w->ln[i].y + w->ln[i].h > r->height ? w->ln[i].y + w->ln[i].h : r->height;
	for (size_t i = 0; i < w->n; i++) {
		w->nodes[i].y = w->ln[i].y;
		w->nodes[i].h = w->ln[i].h;
		w->nodes[i].layer = w->ln[i].layer;
		w->nodes[i].order = w->ln[i].order;
	}
	for (size_t e = 0; e < w->m; e++) {
		w->edges[e].first_pt = r->n_pts;
		w->edges[e].n_pts = 0;
		if (!w->skip[e])
			route_edge(w, e, col_x, col_w, r);
	}
	free(ntracks);
	free(col_x);
	free(col_w);
}
