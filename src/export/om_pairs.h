/* om_pairs.h — the channel-pair families of the OpenMetrics output: channels, TCP traffic and
 * queued bytes between two listed processes, aggregated by the two ends' service or program
 * (and pids, with --metrics-pids). */
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
	const char *from_name, *to_name;     /* their om_names: service or program */
	unsigned channels;
	bool has_bytes, has_queued;
	uint64_t sent_bytes;   /* TCP: payload from's ends sent over these connections (tcp_info) */
	uint64_t queued;       /* bytes waiting for to: pipe/FIFO fill (where measured), to's
	                        * sockets' receive queues */
};

/* Per s->procs index, what the pair metrics name a listed process by: the service or
 * container its cgroup path names (proc_info.cgroup, model/cgroup_service.h: "nginx.service",
 * "docker:0123456789ab"), the name the SERVICE column shows; else its program (comm; ""
 * unknown); NULL for a process sel does not list. Free with om_names_free. */
char **om_names_build(const struct snapshot *s, const struct snap_selection *sel);
void om_names_free(char **names, size_t n_procs);

/* The pairs of the channels sel keeps between two processes it lists, one per kind and
 * pair of names (and pid pair when pids), sorted by those; returns how many (*out: free()).
 * The pairs point into names (om_names_build of s and sel). */
size_t om_pairs_build(const struct snapshot *s, const struct snap_selection *sel, char *const *names,
                      bool pids, struct om_pair **out);

#endif
