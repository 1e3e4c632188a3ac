/* export_dot.c — writes the communication graph (dot_graph.c) as Graphviz DOT. Every name
 * goes through the escaping rule, then DOT quoting; the result is accepted by dot(1). */
#include "export/export_dot.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "export/dot_graph.h"
#include "export/export_dot_int.h"
#include "model/format_addr.h"
#include "util/human_size.h"
#include "util/strbuf.h"
#include "util/text_escape.h"

static const struct dot_kind_style kind_styles[CK__COUNT] = {
	[CK_PIPE] = { "blue", "solid", "1.2" },
	[CK_FIFO] = { "blue", "dashed", "1.2" },
	[CK_UNIX] = { "forestgreen", "solid", "1.2" },
	[CK_TCP] = { "darkorange", "bold", "2" },
	[CK_UDP] = { "darkorange", "dashed", "1.2" },
	[CK_SYSV_SHM] = { "purple", "solid", "1.5" },
	[CK_SYSV_MSG] = { "brown", "dotted", "1.5" },
	[CK_POSIX_SHM] = { "violet", "solid", "1.5" },
	[CK_POSIX_MQ] = { "brown", "dashed", "1.2" },
	[CK_MEMFD] = { "#008080", "solid", "1.2" },
	[CK_PTY] = { "gray40", "solid", "1.2" },
	[CK_EVENTFD] = { "deeppink", "dotted", "1.5" },
	[CK_ANON_SHM] = { "darkgreen", "solid", "1.5" },
};

const struct dot_kind_style *dot_kind_style(enum chan_kind k)
{
	static const struct dot_kind_style none = { "black", "solid", "1" };
	return (unsigned)k < CK__COUNT ? &kind_styles[k] : &none;
}

/* Append escaped text as DOT string content: '"' → \" and '\' → \\ (DOT gives backslash
 * sequences a meaning in labels, so every one is doubled). */
void dot_quote(struct strbuf *out, const char *esc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (esc[i] == '"' || esc[i] == '\\')
			sb_putc(out, '\\');
		sb_putc(out, esc[i]);
	}
}

/* Append raw bytes as DOT string content: the escaping rule first, then DOT quoting. */
void dot_text(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf esc = STRBUF_INIT;
	esc_append(&esc, s, n);
	dot_quote(out, esc.buf, esc.len);
	sb_free(&esc);
}

void dot_str(struct strbuf *out, const char *s)
{
	dot_text(out, s, strlen(s));
}

static void node_name(struct strbuf *out, uint64_t node)
{
	static const char prefix[] = { [DOT_PROC] = 'p', [DOT_REMOTE] = 'r', [DOT_HUB] = 'c' };
	sb_printf(out, "%c%u", prefix[DOT_NODE_TYPE(node)], DOT_NODE_NUM(node));
}

void dot_flush_line(struct dot_out *o)
{
	if (!o->err && fwrite(o->line.buf, 1, o->line.len, o->f) != o->line.len)
		o->err = errno ? errno : EIO;
	sb_reset(&o->line);
}

static void write_proc_nodes(struct dot_out *o, const struct snapshot *s, const struct dot_graph *g)
{
	for (size_t i = 0; i < g->n_pids; i++) {
		const struct proc_info *p = g->by_index ? &s->procs[g->pids[i]] : snapshot_find_proc(s, g->pids[i]);
		sb_printf(&o->line, "  p%d [label=\"", (int)g->pids[i]);
		if (p && p->comm) {
			dot_str(&o->line, p->comm);
			sb_puts(&o->line, "\\n");
		}
		if (g->by_index && p->host) {   /* merged: "HOST pid N" */
			dot_str(&o->line, p->host);
			sb_putc(&o->line, ' ');
		}
		sb_printf(&o->line, "pid %d\"];\n", g->by_index ? (int)p->pid : (int)g->pids[i]);
		dot_flush_line(o);
	}
}

static void write_other_nodes(struct dot_out *o, const struct snapshot *s, const struct dot_graph *g)
{
	for (size_t i = 0; i < g->n_remotes; i++) {
		sb_printf(&o->line, "  r%zu [shape=plaintext, label=\"", i);
		dot_str(&o->line, g->remotes[i]);
		if (g->remote_roles[i]) {
			sb_puts(&o->line, "\\n(");
			dot_str(&o->line, g->remote_roles[i]);
			sb_puts(&o->line, ")");
		}
		sb_puts(&o->line, "\"];\n");
		dot_flush_line(o);
	}
	struct strbuf label = STRBUF_INIT;
	for (size_t i = 0; i < g->n_hubs; i++) {
		const struct channel *ch = &s->chans[g->hubs[i]];
		const struct dot_kind_style *st = dot_kind_style(ch->kind);
		sb_printf(&o->line, "  c%zu [shape=ellipse, style=%s, fillcolor=white, color=\"%s\", "
		          "fontsize=8, margin=\"0.05,0.02\", label=\"%s%s", g->hubs[i],
		          ch->one_ended ? "\"filled,dashed\"" : "filled", st->color, chan_kind_name(ch->kind),
		          ch->one_ended ? " (one-ended)" : "");
		if (format_chan_label(&label, s, ch)) {
			sb_puts(&o->line, "\\n");
			dot_quote(&o->line, label.buf, label.len);
			sb_reset(&label);
		}
		sb_puts(&o->line, "\"];\n");
		dot_flush_line(o);
	}
	sb_free(&label);
}

/* "×3" for merged channels, and with --interval the rate, "2.0 MiB/s" (nothing if unknown). */
void dot_edge_label(struct strbuf *line, unsigned count, double rate_per_s, const char *color)
{
	char rate[32] = "";
	if (isfinite(rate_per_s)) {
		human_bytes(rate, sizeof(rate) - 2, rate_per_s);
		strcat(rate, "/s");
	}
	if (count <= 1 && !rate[0])
		return;
	sb_puts(line, ", label=\"");
	if (count > 1)
		sb_printf(line, "\u00d7%u%s", count, rate[0] ? " " : "");
	sb_printf(line, "%s\", fontcolor=\"%s\"", rate, color);
}

static void write_edges(struct dot_out *o, const struct snapshot *s, const struct dot_graph *g)
{
	for (size_t i = 0; i < g->n_edges; i++) {
		const struct dot_edge *e = &g->edges[i];
		const struct dot_kind_style *st = dot_kind_style(e->kind);
		sb_puts(&o->line, "  ");
		node_name(&o->line, e->from);
		sb_puts(&o->line, " -- ");
		node_name(&o->line, e->to);
		sb_printf(&o->line, " [color=\"%s\", style=%s, penwidth=%s, dir=%s", st->color,
		          e->one_ended ? "dashed" : st->style, st->penwidth, e->directed ? "forward" : "none");
		dot_edge_label(&o->line, e->count, e->rate, st->color);
		sb_puts(&o->line, ", tooltip=\"");
		dot_str(&o->line, s->chans[e->chan].id ? s->chans[e->chan].id : chan_kind_name(e->kind));
		if (e->count > 1)
			sb_printf(&o->line, " and %u more", e->count - 1);
		sb_puts(&o->line, "\"];\n");
		dot_flush_line(o);
	}
}

/* A legend entry per kind drawn: its name beside a short edge in its style. */
void dot_write_legend(struct dot_out *o, const bool kind_used[CK__COUNT])
{
	sb_puts(&o->line, "  subgraph cluster_legend {\n    label=\"legend\"; fontsize=10; color=gray70;\n"
	        "    node [shape=plaintext, fontsize=9, style=\"\", height=0.2];\n");
	for (int k = 0; k < CK__COUNT; k++) {
		if (!kind_used[k])
			continue;
		const struct dot_kind_style *st = dot_kind_style((enum chan_kind)k);
		const char *name = chan_kind_name((enum chan_kind)k);
		sb_printf(&o->line, "    legend_%s [label=\"%s\"];\n", name, name);
		sb_printf(&o->line, "    legend_%s_end [shape=point, width=0.04, color=\"%s\"];\n", name, st->color);
		sb_printf(&o->line, "    legend_%s -- legend_%s_end [color=\"%s\", style=%s, penwidth=%s, dir=%s];\n",
		          name, name, st->color, st->style, st->penwidth,
		          k == CK_PIPE || k == CK_FIFO ? "forward" : "none");
	}
	sb_puts(&o->line, "  }\n");
	dot_flush_line(o);
}

int export_dot(FILE *f, const struct snapshot *s, const struct snap_selection *sel)
{
	struct dot_graph g;
	struct dot_out o = { .f = f };
	dot_graph_build(&g, s, sel->chan_kept);
	dot_write_head(&o);
	write_proc_nodes(&o, s, &g);
	write_other_nodes(&o, s, &g);
	write_edges(&o, s, &g);
	int r = dot_write_tail(&o, g.n_edges > 0, g.n_edges > 0, g.kind_used);
	dot_graph_free(&g);
	return r;
}

void dot_write_head(struct dot_out *o)
{
	errno = 0;
	sb_puts(&o->line, "graph ipctop {\n  rankdir=LR;\n  charset=\"UTF-8\";\n"
	        "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n"
	        "  edge [fontname=\"Helvetica\", fontsize=9];\n");
	dot_flush_line(o);
}

int dot_write_tail(struct dot_out *o, bool any_edge, bool any_node, const bool kind_used[CK__COUNT])
{
	if (any_edge)
		dot_write_legend(o, kind_used);
	if (!any_node)
		sb_puts(&o->line, "  empty [shape=plaintext, label=\"no channels between processes\"];\n");
	sb_puts(&o->line, "}\n");
	dot_flush_line(o);
	if (fflush(o->f) != 0 && !o->err)
		o->err = errno ? errno : EIO;
	sb_free(&o->line);
	return -o->err;
}
