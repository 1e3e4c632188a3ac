/* graph_check.h — checks the graph tests share on a built graph_model. */
#ifndef IPCTOP_GRAPH_CHECK_H
#define IPCTOP_GRAPH_CHECK_H

#include <stdbool.h>

#include "layout/graph_model.h"

/* Whether an edge joins nodes a and b, either way. */
static inline bool joined(const struct graph_model *g, int a, int b)
{
	for (size_t e = 0; e < g->n_edges; e++)
		if (((int)g->edges[e].from == a && (int)g->edges[e].to == b) ||
		    ((int)g->edges[e].from == b && (int)g->edges[e].to == a))
			return true;
	return false;
}

#endif
