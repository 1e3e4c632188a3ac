/* om_pairs.h — the channel-pair families of the OpenMetrics output: channels, TCP traffic and
 * queued bytes between two listed processes, aggregated by the two ends' programs (and pids,
 * with --metrics-pids). */
#ifndef IPCTOP_OM_PAIRS_H
#define IPCTOP_OM_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"

/* One direction: from can write into the channels, to can read from them. A two-way channel
 * (a socket, shared memory) makes both directions. */
struct om_pair {
	enum chan_kind kind;
	const struct proc_info *from, *to;   /* the first seen of each key's processes */
	unsigned channels;
	bool has_bytes, has_queued;
	uint64_t sent_bytes;   /* TCP: payload from's ends sent over these connections (tcp_info) */
	uint64_t queued;       /* bytes waiting for to: pipe/FIFO fill (where measured), to's
	                        * sockets' receive queues */
};

/* The pairs of the channels sel keeps between two processes it lists, one per kind and
 * program pair (and pid pair when pids), sorted by those; returns how many (*out: free()). */
size_t om_pairs_build(const struct snapshot *s, const struct snap_selection *sel, bool pids,
                      struct om_pair **out);

#endif
