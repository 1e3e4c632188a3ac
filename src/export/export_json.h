/* export_json.h — the --json output: the snapshot as -u, -p and --kind select it (see ipctop(1),
 * "JSON OUTPUT", for the schema). */
#ifndef IPCTOP_EXPORT_JSON_H
#define IPCTOP_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"

/* The "schema" number of the --json document: it changes when a member is removed or changes
 * meaning (ipctop(1), JSON OUTPUT), not when one is added. 2: the processes' "vanished" was
 * removed after 1 was written. The reader takes 1 as well: it never read "vanished". */
#define IPCTOP_JSON_SCHEMA 2
#define IPCTOP_JSON_SCHEMA_OLDEST 1

/* Write the snapshot as JSON to f: the processes sel lists (the chosen ones with full detail
 * where it was collected) and the channels it keeps. pretty: indent. Returns 0 or -errno on
 * write error. */
int export_json(FILE *f, const struct snapshot *s, const struct snap_selection *sel, bool pretty);
/* The same, with where the items of "processes" and "channels" are in the output: [start, end)
 * byte offsets (for the recorder, which cuts the compact text without scanning it). */
struct export_json_marks { size_t procs[2], chans[2]; };
int export_json_marked(FILE *f, const struct snapshot *s, const struct snap_selection *sel,
                       bool pretty, struct export_json_marks *m);

/* What the object of process p (of a listed process, without detail) or of channel ch would
 * be made of in s's document, as a number (export_json_stamp.c): objects of two snapshots
 * with the same stamp are the same text (but for a hash collision; a process's started_at_ms
 * apart, which moves with the snapshot's clock). 0: not known (a snapshot with rates or of
 * several hosts, a detail process): never the same as another. */
bool export_json_stampable(const struct snapshot *s);   /* false: every stamp of s is 0 */
uint64_t export_json_proc_stamp(const struct snapshot *s, const struct proc_info *p);
uint64_t export_json_chan_stamp(const struct snapshot *s, const struct channel *ch);

#endif
