/* graph_layout.c — runs the steps of the layered drawing (graph_layer.c, graph_order.c,
 * graph_place.c) and keeps the memory of where nodes were. */
#include "layout/graph_layout.h"

#include <stdlib.h>
#include <string.h>

#include "layout/graph_layout_int.h"
#include "util/xalloc.h"

void gl_memory_init(struct gl_memory *m)
{
	memset(m, 0, sizeof(*m));
	u64map_init(&m->index, 16);
}

void gl_memory_free(struct gl_memory *m)
{
	u64map_free(&m->index);
	free(m->layer);
	free(m->order);
	memset(m, 0, sizeof(*m));
}

void gl_result_free(struct gl_result *r)
{
	free(r->pts);
	memset(r, 0, sizeof(*r));
}

/* Remember this layout: every node shown now, plus the ones remembered before (so a node that
 * goes away for a moment comes back where it was). */
static void remember(struct gl_memory *mem, const struct gl_node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t slot = u64map_get(&mem->index, nodes[i].key);
		if (slot < 0) {
			XGROW(mem->layer, mem->cap, mem->n + 1);
			mem->order = xrealloc(mem->order, mem->cap * sizeof(*mem->order));
			slot = (int32_t)mem->n++;
			u64map_put(&mem->index, nodes[i].key, slot);
		}
		mem->layer[slot] = nodes[i].layer;
		mem->order[slot] = nodes[i].order;
	}
}

static void free_work(struct gl_work *w)
{
	free(w->skip); free(w->flip); free(w->ln); free(w->lk);
	free(w->edge_link0); free(w->edge_nlinks); free(w->slot); free(w->layer_start);
}

void graph_layout_run(struct gl_node *nodes, size_t n, struct gl_edge *edges, size_t m,
                      struct gl_memory *mem, const struct gl_opts *o, struct gl_result *r)
{
	r->n_pts = 0;
	r->width = r->height = 0;
	struct gl_work w = { .nodes = nodes, .n = n, .edges = edges, .m = m, .o = o };
	w.skip = xcalloc(m + 1, sizeof(bool));
	w.flip = xcalloc(m + 1, sizeof(bool));
	w.edge_link0 = xcalloc(m + 1, sizeof(size_t));
	w.edge_nlinks = xcalloc(m + 1, sizeof(size_t));
	for (size_t e = 0; e < m; e++)
		w.skip[e] = edges[e].from == edges[e].to || edges[e].from >= n || edges[e].to >= n;
	for (size_t i = 0; i < n; i++)
		if (nodes[i].h < 3)
			nodes[i].h = 3;
	bool have_memory = mem && mem->n > 0;
	gl_assign_layers(&w, have_memory ? mem : NULL);
	gl_build_links(&w);
	gl_order_layers(&w, have_memory);
	gl_place_and_route(&w, r);
	if (mem)
		remember(mem, nodes, n);
	free_work(&w);
}

long graph_layout_crossings(const struct gl_node *nodes, size_t n, const struct gl_edge *edges, size_t m)
{
	long c = 0;
	for (size_t i = 0; i < m; i++) {
		const struct gl_node *a1 = &nodes[edges[i].from], *b1 = &nodes[edges[i].to];
		if (edges[i].from >= n || edges[i].to >= n || b1->layer - a1->layer != 1)
			continue;
		for (size_t j = i + 1; j < m; j++) {
			const struct gl_node *a2 = &nodes[edges[j].from], *b2 = &nodes[edges[j].to];
			if (edges[j].from >= n || edges[j].to >= n || a2->layer != a1->layer || b2->layer != b1->layer)
				continue;
			if ((a1->order < a2->order && b1->order > b2->order) ||
			    (a1->order > a2->order && b1->order < b2->order))
				c++;
		}
	}
	return c;
}
