/* export_dot.h — the --dot output: the communication graph in Graphviz DOT. */
#ifndef IPCTOP_EXPORT_DOT_H
#define IPCTOP_EXPORT_DOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"

/* Graphviz DOT of the communication graph: a node per process that holds a channel with
 * another party, a node per remote peer, a node per channel with more than two parties; one
 * edge per pair and kind (merged channels labelled "×N"); a legend of the kinds drawn.
 * Only the channels sel keeps, with all their parties. Returns 0 or -errno. */
int export_dot(FILE *f, const struct snapshot *s, const struct snap_selection *sel);

/* --dot as the graph screen draws it (--groups, --focus, --hops): its model (graph_model.h),
 * families as one node when groups, only the focus's node and its neighbours up to hops when
 * focus > 0 (across the whole machine, as the screen's focus), else the channels with an end in
 * scope (NULL: all). One-ended pipes are left out, as on the screen. */
struct dot_screen_opts {
	bool groups;
	int group_by;             /* with groups: enum gm_group_by (0: families) */
	pid_t focus;
	int hops;
	uint32_t kind_mask;       /* 0: every kind */
	const bool *scope;        /* per s->procs index, or NULL */
};
#define DOT_FOCUS_MISSING 1   /* export_dot_screen: the focus holds no channel shown */
/* Returns 0, -errno, or DOT_FOCUS_MISSING (nothing written). */
int export_dot_screen(FILE *f, const struct snapshot *s, const struct dot_screen_opts *o);

/* How each channel kind is drawn (colour, style, pen width); for the TUI graph legend too. */
struct dot_kind_style {
	const char *color, *style;
	const char *penwidth;     /* text: a double printed with %f would follow LC_NUMERIC */
};
const struct dot_kind_style *dot_kind_style(enum chan_kind k);

#endif
