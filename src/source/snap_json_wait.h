/* snap_json_wait.h — the waits of a --json document (or a recording's sample) read back. */
#ifndef IPCTOP_SNAP_JSON_WAIT_H
#define IPCTOP_SNAP_JSON_WAIT_H

#include "source/snap_json_chan.h"
#include "source/snap_json_get.h"

/* Each process's "wait" and "blocked_wait" and the top level's "wait_cycles" of doc into
 * r->s, whose processes and channels are read already (all optional). false after rd_fail. */
bool snap_json_read_waits(struct rd *r, json_t *doc);

#endif
