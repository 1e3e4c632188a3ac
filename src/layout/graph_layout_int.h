/* graph_layout_int.h — working state shared by the steps of graph_layout (layering, ordering,
 * placement, routing). Not for use outside src/layout. */
#ifndef IPCTOP_GRAPH_LAYOUT_INT_H
#define IPCTOP_GRAPH_LAYOUT_INT_H

#include "layout/graph_layout.h"

/* A node of the layered graph: a real node or a virtual one carrying a long edge. */
struct gl_lnode {
	int layer, order;
	int real;            /* index into nodes, or -1 for a virtual node */
	int w, h, y;
	int mem_order;       /* order remembered from the last layout, -1 for a new node */
	double bary;
};

/* One hop of an edge: from lnode a (right side) to lnode b, in the next layer (left side) or,
 * when same, in a's layer (right side too). */
struct gl_link {
	int a, b;
	bool same;
	int edge;
	int ya, yb;          /* port rows */
	int track;           /* column in the gap, -1 for a straight hop */
};

struct gl_work {
	struct gl_node *nodes; size_t n;
	struct gl_edge *edges; size_t m;
	const struct gl_opts *o;
	bool *skip;                  /* per edge: a self-loop */
	bool *flip;                  /* per edge: routed from `to` to `from` */
	struct gl_lnode *ln; size_t n_ln, cap_ln;
	struct gl_link *lk; size_t n_lk, cap_lk;
	size_t *edge_link0, *edge_nlinks;
	int n_layers;
	int *slot;                   /* lnode indices by layer, then by order */
	size_t *layer_start;         /* n_layers + 1 entries into slot */
};

/* graph_layer.c: layer of every real node (into w->ln[0..n-1]), edge flips, virtual nodes, links. */
void gl_assign_layers(struct gl_work *w, const struct gl_memory *mem);
void gl_build_links(struct gl_work *w);
/* graph_order.c: order within layers. */
void gl_order_layers(struct gl_work *w, bool have_memory);
long gl_count_crossings(const struct gl_work *w);
/* graph_place.c: box heights, ports, y and x, tracks and polylines. */
void gl_place_and_route(struct gl_work *w, struct gl_result *r);

#endif
