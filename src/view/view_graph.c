/* view_graph.c — the communication-graph screen's entry points: creation, freeing, a new
 * snapshot, focus on a process and the hint line. The rest is in graph_view_build.c (shown
 * model and layout), graph_view_keys.c (keys and clicks) and graph_view_draw.c (drawing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/graph_view_int.h"

struct graph_view *graph_view_new(void)
{
	struct graph_view *g = xcalloc(1, sizeof(*g));
	g->toggled_mask = GM_ALL_KINDS;
	g->opts.kind_mask = GM_ALL_KINDS;
	g->kind_cycle = -1;
	g->sel_edge = -1;
	g->hops = 1;
	g->opts.collapse = true;     /* a family is one box until c */
	g->dirty = true;
	gl_memory_init(&g->mem);
	u64map_init(&g->node_seen, 16);
	u64map_init(&g->edge_seen, 16);
	u64map_init(&g->expanded, 8);
	g->opts.expanded = &g->expanded;
	return g;
}

void graph_view_set_kinds(struct graph_view *g, uint32_t mask)
{
	if (!(mask & GM_ALL_KINDS))
		return;
	g->toggled_mask = mask & GM_ALL_KINDS;
	g->dirty = true;
}

void graph_view_free(struct graph_view *g)
{
	if (!g)
		return;
	graph_model_free(&g->full);
	graph_model_free(&g->shown);
	graph_model_free(&g->old);
	free(g->node_style); free(g->edge_style); free(g->edge_rate);
	free(g->gn); free(g->ge); free(g->ghosts); free(g->scope);
	gl_result_free(&g->res);
	gl_memory_free(&g->mem);
	gcanvas_free(&g->canvas);
	u64map_free(&g->node_seen); u64map_free(&g->edge_seen); u64map_free(&g->expanded);
	free(g);
}

void graph_view_update(struct graph_view *g, const struct snapshot *s)
{
	(void)s;
	g->fresh = true;
	g->dirty = true;
}

void graph_view_set_scope(struct graph_view *g, const bool *in, size_t n)
{
	bool was = g->scoped;
	g->scoped = in != NULL;
	g->n_scope = 0;
	if (in) {
		g->scope = xrealloc(g->scope, (n + 1) * sizeof(*g->scope));
		memcpy(g->scope, in, n * sizeof(*g->scope));
		g->n_scope = n;
	}
	if (was != g->scoped)
		g->shape++;
	g->dirty = true;
}

void graph_view_focus(struct graph_view *g, pid_t pid)
{
	graph_view_focus_at(g, pid, 0, NULL);
}

void graph_view_focus_at(struct graph_view *g, pid_t pid, uint64_t start, const char *host)
{
	g->focus_pid = pid;
	g->focus_start = start;
	g->focus_host = host;
	g->focus_pending = true;
	g->dirty = true;
	g->shape++;
	g->sel_edge = -1;
	g->msg[0] = 0;
}

uint64_t graph_view_open_start(const struct graph_view *g)
{
	return g->open_start;
}

const char *graph_view_open_host(const struct graph_view *g)
{
	return g->open_host;
}

const char *graph_view_grouping(const struct graph_view *g)
{
	if (!g->opts.collapse)
		return "none";
	return g->opts.by == GB_SERVICE ? "by service" : g->opts.by == GB_USER ? "by user" : "by family";
}

bool graph_view_wants_cgroup(const struct graph_view *g)
{
	return g->opts.collapse && g->opts.by == GB_SERVICE;
}

const char *graph_view_hint(const struct graph_view *g)
{
	struct graph_view *mut = (struct graph_view *)g;   /* the hint buffer is a cache */
	snprintf(mut->hint, sizeof(mut->hint),
		 "Arrows move  Enter %s  Tab edge  +/- hops(%d)  k kind  1-0 toggle  o one-ended%s  c groups%s  C by%s  e open group  / jump  a all%s  A machine  Esc back",
		 g->focused ? "focus/open" : "focus", g->hops, g->opts.one_ended ? "(on)" : "",
		 g->opts.collapse ? "(on)" : "(off)",
		 !g->opts.collapse ? "" : g->opts.by == GB_SERVICE ? "(service)" : g->opts.by == GB_USER ? "(user)" : "(family)",
		 g->scoped ? "(listed)" : "");
	return g->hint;
}
