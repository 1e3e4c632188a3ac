/* snap_json_chan.h — the channels of a --json document (with their endpoints and the sockets
 * they hold) into the snapshot being read; part of the reader in snap_json_read.c. */
#ifndef IPCTOP_SNAP_JSON_CHAN_H
#define IPCTOP_SNAP_JSON_CHAN_H

#include "source/snap_json_get.h"

/* No value nested deeper than max levels (the parser itself stops at 2048). */
bool snap_json_depth_ok(json_t *v, int max);
/* Index of the process (host: of a merged snapshot, or NULL) among the sorted ones, or -1. */
int32_t snap_json_find_proc(const struct snapshot *s, const char *host, pid_t pid);
/* The "channels" array; the processes must have been read (sorted by pid) before. */
bool snap_json_read_chans(struct rd *r, json_t *doc);

#endif
