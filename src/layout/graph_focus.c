/* graph_focus.c — breadth-first neighbourhood of a node in a graph model. */
#include "layout/graph_focus.h"

#include <stdlib.h>

#include "util/xalloc.h"

void graph_model_neighbourhood(const struct graph_model *in, uint32_t center, int hops, struct graph_model *out)
{
	out->n_nodes = out->n_edges = 0;
	if (center >= in->n_nodes)
		return;
	int *dist = xcalloc(in->n_nodes, sizeof(int));
	uint32_t *new_index = xcalloc(in->n_nodes, sizeof(uint32_t));
	for (size_t i = 0; i < in->n_nodes; i++)
		dist[i] = -1;
	dist[center] = 0;
	for (int d = 0; d < hops; d++) {
		bool grew = false;
		for (size_t e = 0; e < in->n_edges; e++) {
			uint32_t a = in->edges[e].from, b = in->edges[e].to;
			if (dist[a] == d && dist[b] < 0)
				dist[b] = d + 1, grew = true;
			else if (dist[b] == d && dist[a] < 0)
				dist[a] = d + 1, grew = true;
		}
		if (!grew)
			break;
	}
	for (size_t i = 0; i < in->n_nodes; i++)
		if (dist[i] >= 0)
			new_index[i] = graph_model_add_node(out, &in->nodes[i]);
	for (size_t e = 0; e < in->n_edges; e++) {
		struct gedge ed = in->edges[e];
		if (dist[ed.from] < 0 || dist[ed.to] < 0)
			continue;
		ed.from = new_index[ed.from];
		ed.to = new_index[ed.to];
		graph_model_add_edge(out, &ed);
	}
	free(dist);
	free(new_index);
}
