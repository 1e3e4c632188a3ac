/* graph_layout.h — layered drawing of a directed graph on a character grid (pure, no curses):
 * cycles broken, layers by network simplex (edges point right; longest path when nodes are
 * remembered), long edges through virtual nodes, crossings reduced by barycenter sweeps and
 * neighbour swaps, boxes placed and edges routed as orthogonal polylines in the gaps between
 * layers. A memory of earlier layouts keeps nodes in place. */
#ifndef IPCTOP_GRAPH_LAYOUT_H
#define IPCTOP_GRAPH_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/u64map.h"

struct gl_node {
	uint64_t key;      /* in: stable identity (for the memory) */
	int w, h;          /* in: box width, minimum height (≥ 3); out: h may grow for more ports */
	int layer, order;  /* out: column and position in it (top = 0, virtual nodes counted) */
	int x, y;          /* out: top-left cell */
};

struct gl_point { int x, y; };

struct gl_edge {
	uint32_t from, to;          /* in: node indices; drawn from `from` to `to` */
	size_t first_pt, n_pts;     /* out: polyline in gl_result.pts, starting on from's border */
};

struct gl_result {
	struct gl_point *pts; size_t n_pts, cap_pts;
	int width, height;          /* extent of the drawing */
};

/* Where nodes were last time: key → (layer, order). */
struct gl_memory {
	struct u64map index;        /* key → slot */
	int *layer, *order; size_t n, cap;
};

struct gl_opts {
	int sweeps;        /* barycenter sweeps (down + up = 2); 0 keeps the input order */
	int max_ports;     /* rows a side of a box spreads its edges over (box grows up to 2 + this) */
	int min_gap;       /* columns between layers besides the routing tracks */
};

#define GL_OPTS_DEFAULT { .sweeps = 8, .max_ports = 3, .min_gap = 4 }

void gl_memory_init(struct gl_memory *m);
void gl_memory_free(struct gl_memory *m);

/* Lay out nodes and edges. mem may be NULL; when given, nodes it knows keep their layer and
 * relative order, and it is updated with this layout. Edges from a node to itself are skipped. */
void graph_layout_run(struct gl_node *nodes, size_t n, struct gl_edge *edges, size_t m,
                      struct gl_memory *mem, const struct gl_opts *o, struct gl_result *r);
void gl_result_free(struct gl_result *r);

/* Crossings between edges joining adjacent layers, judged by the nodes' order (for tests). */
long graph_layout_crossings(const struct gl_node *nodes, size_t n, const struct gl_edge *edges, size_t m);

#endif
