/* export_dot_int.h — what the two DOT writers share (export_dot.c, the per-process graph, and
 * export_dot_screen.c, the graph screen's model): quoting, the head, the legend and the tail.
 * Not for use outside src/export. */
#ifndef IPCTOP_EXPORT_DOT_INT_H
#define IPCTOP_EXPORT_DOT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

struct dot_out {
	FILE *f;
	struct strbuf line;
	int err;
};

/* Append escaped text as DOT string content (esc already escaped; s, n raw bytes). */
void dot_quote(struct strbuf *out, const char *esc, size_t n);
void dot_text(struct strbuf *out, const char *s, size_t n);
void dot_str(struct strbuf *out, const char *s);
/* Write o->line out and empty it; the first error is kept in o->err. */
void dot_flush_line(struct dot_out *o);
/* ', label="×3 2.0 MiB/s", fontcolor=...' (nothing when count ≤ 1 and the rate is NAN). */
void dot_edge_label(struct strbuf *line, unsigned count, double rate_per_s, const char *color);
void dot_write_legend(struct dot_out *o, const bool kind_used[CK__COUNT]);
void dot_write_head(struct dot_out *o);
/* The legend (when any edge), the "no channels" note (when no node), the closing brace, a
 * flush; frees o->line. Returns 0 or -errno. */
int dot_write_tail(struct dot_out *o, bool any_edge, bool any_node, const bool kind_used[CK__COUNT]);

#endif
