/* graph_view_int.h — the state of the graph screen and the functions its source files share:
 * view_graph.c (entry points), graph_view_build.c (model, styles, layout), graph_view_keys.c
 * (keys, clicks, selection), graph_view_draw.c (drawing). Not for use outside these files. */
#ifndef IPCTOP_GRAPH_VIEW_INT_H
#define IPCTOP_GRAPH_VIEW_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/graph_canvas.h"
#include "layout/graph_layout.h"
#include "layout/graph_model.h"
#include "util/u64map.h"
#include "view/view_graph.h"

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
	/* the focus: focus_pid is the process (0 for a hub or an address; a group: a member) that
	 * started at focus_start (0: unknown) on focus_host (--merge), the node is whichever holds
	 * it now (its own, or its group's when collapsed) */
	uint64_t focus_key; pid_t focus_pid; uint64_t focus_start; bool focused, focus_pending; int hops;
	const char *focus_host;
	uint64_t open_start;               /* start time of the process GRAPH_OPEN_PID last named */
	const char *open_host;             /* and its host (--merge), else NULL */
	bool focus_missed;                 /* focus_pid had no channel shown: o tries it again */
	unsigned shape, built_shape;       /* bumped when grouping, kinds or scope change */
	bool whole_machine;                /* A: every process, not only the list's (-p, -u, filter) */
	struct u64map expanded;            /* groups opened in place with e (keys; cleared by c) */
	bool *scope; size_t n_scope;       /* per snapshot proc: in the list's scope (scoped only) */
	bool scoped;                       /* the list shows only some processes */
	size_t live_nodes, live_edges;     /* shown less the fading ones */
	uint32_t present_kinds;
	bool has_weights;                  /* some shown edge's rate is known (the legend says how
	                                    * weights are drawn) */
	size_t n_one_ended;                /* one-ended channels with two holders or more */
	int sx, sy, view_w, view_h;
	bool follow, dirty, fresh;
	char hint[224], msg[96];
};

/* The number key that toggles each kind, 0 for none (graph_view_keys.c). */
extern const char graph_kind_keys[CK__COUNT];

/* Shown model, styles, rates and layout from s and the view's options (graph_view_build.c). */
void gv_rebuild(struct graph_view *g, const struct snapshot *s);
/* Index of the selected node in g->shown, or -1 (graph_view_keys.c). */
int gv_sel_index(const struct graph_view *g);
/* Whether shown edge e has node at one of its ends (graph_view_keys.c). */
bool gv_edge_touches(const struct graph_view *g, int e, int node);
/* What a box's label says after the name: " ×9", " 1234", " (3 inside)", " (3 inside 4.0M/s)"
 * (graph_view_build.c). */
struct strbuf;
void gv_label_tail(const struct gnode *n, struct strbuf *sb);

#endif
