/* export_openmetrics.h — the --openmetrics output and the /metrics page of --serve: one
 * snapshot as OpenMetrics text (see ipctop(1), "OPENMETRICS OUTPUT"). */
#ifndef IPCTOP_EXPORT_OPENMETRICS_H
#define IPCTOP_EXPORT_OPENMETRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"
#include "util/strbuf.h"

#define OPENMETRICS_CONTENT_TYPE "application/openmetrics-text; version=1.0.0; charset=utf-8"
#define PROM_TEXT_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

struct om_opts {
	bool pids;               /* --metrics-pids: per-process families, pid as a label */
	uint64_t take_ns;        /* how long the snapshot took: ipctop's own snapshot time */
	bool prom_text;          /* Prometheus's text format 0.0.4 instead (--prometheus, or a
	                          * scraper that does not accept OpenMetrics): a counter's TYPE and
	                          * HELP name it with its "_total", no UNIT lines, no "# EOF" */
};

/* Append the metrics of the processes and channels sel keeps to out, then the end (below). */
void openmetrics_build(struct strbuf *out, const struct snapshot *s,
                       const struct snap_selection *sel, const struct om_opts *o);
/* The same without the end, so that --serve can add its own counters after it. */
void openmetrics_families(struct strbuf *out, const struct snapshot *s,
                          const struct snap_selection *sel, const struct om_opts *o);
/* --serve's counters since it started: requests for /metrics answered, snapshots taken. */
void openmetrics_serve_counts(struct strbuf *out, uint64_t scrapes, uint64_t snapshots,
                              bool prom_text);
/* The last line: "# EOF" in OpenMetrics, nothing in the text format. */
void openmetrics_end(struct strbuf *out, bool prom_text);

/* Append a label value: text_escape.h's rule first (valid UTF-8, no control bytes), then the
 * OpenMetrics escapes of backslash, double quote and newline. */
void om_label_value(struct strbuf *sb, const char *s, size_t n);

#endif
