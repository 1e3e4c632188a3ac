/* export_dot.h — the --dot output: the communication graph in Graphviz DOT. */
#ifndef IPCTOP_EXPORT_DOT_H
#define IPCTOP_EXPORT_DOT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"

/* Graphviz DOT of the communication graph: a node per process that holds a channel with
 * another party, a node per remote peer, a node per channel with more than two parties; one
 * edge per pair and kind (merged channels labelled "×N"); a legend of the kinds drawn.
 * Only the channels sel keeps, with all their parties. Returns 0 or -errno. */
int export_dot(FILE *f, const struct snapshot *s, const struct snap_selection *sel);

/* How each channel kind is drawn (colour, style, pen width); for the TUI graph legend too. */
struct dot_kind_style {
	const char *color, *style;
	const char *penwidth;     /* text: a double printed with %f would follow LC_NUMERIC */
};
const struct dot_kind_style *dot_kind_style(enum chan_kind k);

#endif
