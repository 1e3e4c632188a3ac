/* graph_focus.h — the part of a graph model within N hops of one node (pure). */
#ifndef IPCTOP_GRAPH_FOCUS_H
#define IPCTOP_GRAPH_FOCUS_H

#include "layout/graph_model.h"

/* Replace out with the nodes of in within `hops` edges (either direction) of node `center`,
 * and the edges between them; an edge to or from a hub node counts no hop when the hub is
 * entered (a process, its hub and the hub's other processes are one hop apart), but for a
 * one-ended pipe's hub. */
void graph_model_neighbourhood(const struct graph_model *in, uint32_t center, int hops, struct graph_model *out);

#endif
