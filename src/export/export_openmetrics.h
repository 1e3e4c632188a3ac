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

struct om_opts {
	bool pids;               /* --metrics-pids: per-process families, pid as a label */
	uint64_t take_ns;        /* how long the snapshot took: ipctop's own snapshot time */
};

/* Append the metrics of the processes and channels sel keeps to out, ending in "# EOF". */
void openmetrics_build(struct strbuf *out, const struct snapshot *s,
                       const struct snap_selection *sel, const struct om_opts *o);

/* Append a label value: text_escape.h's rule first (valid UTF-8, no control bytes), then the
 * OpenMetrics escapes of backslash, double quote and newline. */
void om_label_value(struct strbuf *sb, const char *s, size_t n);

#endif
