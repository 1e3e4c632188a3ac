/* export_run.h — the end of every one-shot run, a live snapshot or a --merge: select, write in
 * the chosen mode (--json, --dot, --openmetrics) to stdout, flush, report a write error. */
#ifndef IPCTOP_EXPORT_RUN_H
#define IPCTOP_EXPORT_RUN_H

#include <stdint.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"
#include "options.h"

/* Write what flt selects of s as o->mode asks; take_ns is the time the snapshot took (the
 * OpenMetrics self-metric). Exit status: 0, or 1 after "ipctop: write error: ..." on stderr. */
int export_run_write(const struct ipctop_opts *o, const struct snapshot *s,
                     const struct snap_filter *flt, uint64_t take_ns);

#endif
