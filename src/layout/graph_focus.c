/* graph_focus.c — breadth-first neighbourhood of a node in a graph model. A hub (a channel of
 * more than two processes) is no hop of its own: the processes behind it are one hop from each
 * other and from the focus, so that a cluster's shared segment or a server's listener hides
 * none of them (issue 13). */
#include "layout/graph_focus.h"

#include <stdlib.h>

#include "util/xalloc.h"

/* A hub next to a node at distance d is at d too (a shared object is no hop of its own), but
 * for a one-ended pipe's: its holders never talk to each other, and stay two hops apart. */
static void spread_through_hubs(const struct graph_model *in, int *dist, int d)
{
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t e = 0; e < in->n_edges; e++) {
			uint32_t a = in->edges[e].from, b = in->edges[e].to;
			if (dist[a] == d && dist[b] < 0 && in->nodes[b].type == GN_HUB && !in->nodes[b].one_ended)
				dist[b] = d, grew = true;
			else if (dist[b] == d && dist[a] < 0 && in->nodes[a].type == GN_HUB && !in->nodes[a].one_ended)
				dist[a] = d, grew = true;
		}
	}
}

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
	for (int d = 0; d < hops; d++) {   /* a hub past the last hop would show none of its own */
		spread_through_hubs(in, dist, d);
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
