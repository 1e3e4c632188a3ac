/* om_counters.h — the counter families of the OpenMetrics output: CPU time, context switches
 * and read/write bytes of each program (the processes of one comm summed), or of each process
 * with --metrics-pids. A program's sum drops when one of its processes ends: Prometheus takes
 * the drop for a counter reset (as it does with process-exporter). */
#ifndef IPCTOP_OM_COUNTERS_H
#define IPCTOP_OM_COUNTERS_H

#include <stdbool.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"
#include "util/strbuf.h"

enum om_counter { OMC_CPU, OMC_CTXT, OMC_IO };

/* Append the samples of counter c, named sample (the family name with "_total"), for the
 * processes sel lists: one series per program, or per process when by_pid (pid and program
 * labels). OMC_IO only for processes whose /proc/PID/io was read. */
void om_counter_samples(struct strbuf *out, const struct snapshot *s,
                        const struct snap_selection *sel, enum om_counter c, bool by_pid,
                        const char *sample);

#endif
