/* export_dot_screen.c — --dot as the graph screen draws it (--groups, --focus, --hops): the
 * screen's model (src/layout/graph_model.c) with the same families, hubs, address peers and
 * scope, written as Graphviz DOT in the styles of export_dot.c. */
#include "export/export_dot.h"

#include <math.h>
#include <string.h>

#include "export/export_dot_int.h"
#include "layout/graph_by.h"
#include "layout/graph_focus.h"
#include "layout/graph_model.h"
#include "model/format_addr.h"
#include "util/human_size.h"

#define HOST_BITS(key) (((key) >> 32) & 0xFFFFFFFULL)   /* --merge: the host's hash in a key */

/* A node's DOT name: p<PID> a process, g<PID> a group (its top process), c<N> a channel's hub
 * (N: its index in the snapshot), r<N> an address, s<HEX> a service's or a user's group
 * (--groups=service|user; HEX its key); on a --merge "_h<HOST>" after a pid. */
static void node_name(struct strbuf *out, const struct graph_model *g, uint32_t i)
{
	const struct gnode *n = &g->nodes[i];
	switch (n->type) {
	case GN_HUB:
		sb_printf(out, "c%d", (int)n->chan);
		return;
	case GN_ADDR:
		sb_printf(out, "r%u", i);
		return;
	default:
		if (n->type == GN_GROUP && (n->key & GRAPH_BY_KEY)) {
			sb_printf(out, "s%llx", (unsigned long long)(n->key & (GRAPH_BY_KEY - 1)));
			return;
		}
		sb_printf(out, "%c%u", n->type == GN_GROUP ? 'g' : 'p', (unsigned)(uint32_t)n->key);
		if (HOST_BITS(n->key))
			sb_printf(out, "_h%07llx", (unsigned long long)HOST_BITS(n->key));
	}
}

/* "\n(3 inside)", with their rate when some moved: "\n(3 inside, 2.0 MiB/s)". */
static void inside_label(struct strbuf *line, const struct gnode *n)
{
	sb_printf(line, "\\n(%u inside", n->inner);
	if (n->inner_rate > 0) {
		char rate[32];
		human_bytes(rate, sizeof(rate), n->inner_rate);
		sb_printf(line, ", %s/s", rate);
	}
	sb_puts(line, ")");
}

static void proc_label(struct dot_out *o, const struct gnode *n)
{
	dot_text(&o->line, n->name, n->name_len);
	if (n->type == GN_GROUP) {
		sb_printf(&o->line, " \u00d7%u", n->count);
		if (!(n->key & GRAPH_BY_KEY))   /* a service's or a user's group has no parent */
			sb_printf(&o->line, "\\nparent pid %u", (unsigned)(uint32_t)n->key);
		if (n->inner)
			inside_label(&o->line, n);
		return;
	}
	sb_printf(&o->line, "\\npid %d", (int)n->pid);
}

static void write_node(struct dot_out *o, const struct snapshot *s, const struct graph_model *g, uint32_t i,
                       struct strbuf *label)
{
	const struct gnode *n = &g->nodes[i];
	sb_puts(&o->line, "  ");
	node_name(&o->line, g, i);
	if (n->type == GN_PROC || n->type == GN_GROUP) {
		sb_puts(&o->line, n->type == GN_GROUP ? " [peripheries=2, label=\"" : " [label=\"");
		proc_label(o, n);
	} else if (n->type == GN_ADDR) {
		sb_puts(&o->line, " [shape=plaintext, label=\"");
		dot_text(&o->line, n->name, n->name_len);
		sb_puts(&o->line, n->addr == GA_CLOSED ? "\\n(peer closed)" : n->addr == GA_UNSEEN ? "\\n(unseen)" : "");
	} else {
		const struct channel *ch = &s->chans[n->chan];
		sb_printf(&o->line, " [shape=ellipse, style=filled, fillcolor=white, color=\"%s\", fontsize=8, "
		          "margin=\"0.05,0.02\", label=\"%s \u00d7%u", dot_kind_style(n->kind)->color,
		          chan_kind_name(n->kind), n->count);
		if (format_chan_label(label, s, ch)) {
			sb_puts(&o->line, "\\n");
			dot_quote(&o->line, label->buf, label->len);
			sb_reset(label);
		}
	}
	sb_puts(&o->line, "\"];\n");
	dot_flush_line(o);
}

/* The larger of what the edge carried each way per second (NAN: unknown). */
static double edge_rate(const struct gedge *e)
{
	if (isnan(e->rate_fwd))
		return e->rate_back;
	return isnan(e->rate_back) || e->rate_fwd > e->rate_back ? e->rate_fwd : e->rate_back;
}

static void write_edge(struct dot_out *o, const struct snapshot *s, const struct graph_model *g,
                       const struct gedge *e)
{
	const struct dot_kind_style *st = dot_kind_style(e->kind);
	bool arrow = e->directed && (e->kind == CK_PIPE || e->kind == CK_FIFO);
	sb_puts(&o->line, "  ");
	node_name(&o->line, g, e->from);
	sb_puts(&o->line, " -- ");
	node_name(&o->line, g, e->to);
	sb_printf(&o->line, " [color=\"%s\", style=%s, penwidth=%s, dir=%s", st->color, st->style, st->penwidth,
	          arrow ? "forward" : "none");
	dot_edge_label(&o->line, e->n_chans, edge_rate(e), -1, st->color);
	const struct channel *ch = e->chan >= 0 ? &s->chans[e->chan] : NULL;
	sb_puts(&o->line, ", tooltip=\"");
	dot_str(&o->line, ch && ch->id ? ch->id : chan_kind_name(e->kind));
	if (e->n_chans > 1)
		sb_printf(&o->line, " and %u more", e->n_chans - 1);
	sb_puts(&o->line, "\"];\n");
	dot_flush_line(o);
}

/* The model the screen would show: built, then cut to the focus's neighbourhood. Returns false
 * when the focus has no node. */
static bool build(struct graph_model *out, const struct snapshot *s, const struct dot_screen_opts *o)
{
	struct gm_opts go = { .kind_mask = o->kind_mask ? o->kind_mask : GM_ALL_KINDS, .collapse = o->groups,
			      .by = (enum gm_group_by)o->group_by,
			      .scope = o->focus > 0 ? NULL : o->scope };
	graph_model_build(out, s, &go);
	if (o->focus <= 0)
		return true;
	int center = graph_model_node_of_pid(out, o->focus);
	if (center < 0)
		return false;
	struct graph_model near = { 0 };
	graph_model_neighbourhood(out, (uint32_t)center, o->hops > 0 ? o->hops : 1, &near);
	graph_model_free(out);
	*out = near;
	return true;
}

int export_dot_screen(FILE *f, const struct snapshot *s, const struct dot_screen_opts *o)
{
	struct graph_model g = { 0 };
	if (!build(&g, s, o)) {
		graph_model_free(&g);
		return DOT_FOCUS_MISSING;
	}
	struct dot_out out = { .f = f };
	struct strbuf label = STRBUF_INIT;
	bool kind_used[CK__COUNT] = { false };
	dot_write_head(&out);
	for (size_t i = 0; i < g.n_nodes; i++)
		write_node(&out, s, &g, (uint32_t)i, &label);
	for (size_t i = 0; i < g.n_edges; i++) {
		write_edge(&out, s, &g, &g.edges[i]);
		kind_used[g.edges[i].kind] = true;
	}
	sb_free(&label);
	int r = dot_write_tail(&out, g.n_edges > 0, g.n_nodes > 0, kind_used);
	graph_model_free(&g);
	return r;
}
