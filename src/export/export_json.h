/* export_json.h — the --json output: the whole snapshot, or the -p form (see ipctop(1),
 * "JSON OUTPUT", for the schema). */
#ifndef IPCTOP_EXPORT_JSON_H
#define IPCTOP_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/snapshot.h"

#define IPCTOP_JSON_SCHEMA 1

/* Write the snapshot as JSON to f. detail_pids (n>0): the -p form — those processes with full
 * detail, the channels they hold, and the processes at the other ends without detail. pretty:
 * indent. Returns 0 or -errno on write error. */
int export_json(FILE *f, const struct snapshot *s, const pid_t *detail_pids, size_t n_detail,
                bool pretty);

#endif
