/* channel_merge.h — several hosts' snapshots made one (ipctop --merge): processes, sockets and
 * channels kept per host (each tagged with its host's name), then the TCP and UDP connections
 * seen from both ends on two hosts joined into one channel (channel_pair.c). */
#ifndef IPCTOP_CHANNEL_MERGE_H
#define IPCTOP_CHANNEL_MERGE_H

#include <stddef.h>

#include "model/snapshot.h"

struct merge_input {
	struct snapshot *s;     /* read from one host; emptied by the merge (its arena moves) */
	const char *host;       /* its name, unique among the inputs */
};

/* m (freshly initialised) becomes the merge of in[0..n). Processes are in input order, each
 * input's by pid (m->by_host: snapshot_find_proc scans, and finds the first host's process of
 * a pid that repeats across hosts). */
void snap_merge(struct snapshot *m, struct merge_input *in, size_t n);

/* Join, in m, each connection whose two ends are in channels of different hosts: a TCP or UDP
 * channel of one host with a "remote" end whose address tuple is another host's channel's
 * reversed. Loopback ends, ends whose remote address is one of their own host's addresses, and
 * tuples that more than one channel claims stay as they are. Returns the number joined. */
size_t channel_pair_hosts(struct snapshot *m);

#endif
