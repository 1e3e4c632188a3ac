/* export_json.h — the --json output: the snapshot as -u, -p and --kind select it (see ipctop(1),
 * "JSON OUTPUT", for the schema). */
#ifndef IPCTOP_EXPORT_JSON_H
#define IPCTOP_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"

#define IPCTOP_JSON_SCHEMA 1

/* Write the snapshot as JSON to f: the processes sel lists (the chosen ones with full detail
 * where it was collected) and the channels it keeps. pretty: indent. Returns 0 or -errno on
 * write error. */
int export_json(FILE *f, const struct snapshot *s, const struct snap_selection *sel, bool pretty);

#endif
