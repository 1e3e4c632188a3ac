/* proc_traffic.h — each process's traffic between two snapshots, for the process list: its
 * I/O rates from /proc/PID/io, the sum of its channel ends' rates, and its busiest channel with
 * the peer at the other end. Pure arithmetic on a snapshot that has rates (model/rates.h); what
 * cannot be known is NAN, never 0. */
#ifndef IPCTOP_PROC_TRAFFIC_H
#define IPCTOP_PROC_TRAFFIC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct proc_traffic {
	double io_r, io_w;      /* rchar, wchar per second; NAN unknown (no earlier reading,
	                         * /proc/PID/io unreadable, not asked for) */
	double ipc;             /* tx + rx per second over its channel ends, each socket once;
	                         * NAN when no end's rate is known */
	uint32_t n_counted;     /* its channel ends with byte counters (TCP), rates known or not:
	                         * 0 means there is nothing to measure, not that nothing moved */
	bool fds_unknown;       /* its descriptors could not be read (another user's process):
	                         * its channels, so ipc and busiest, are unknown, not absent */
	int32_t busiest;        /* index into chans of its channel with the highest rate, -1 none */
	double busiest_rate;    /* its own end's tx + rx there (NAN when busiest is -1) */
	pid_t peer;             /* a process at the other end of busiest, 0 when none is local */
	const char *remote;     /* then the off-host peer's "addr:port" (raw), or NULL */
};

/* Fill out[0..s->n_procs) from s's channel ends and processes. */
void proc_traffic_compute(const struct snapshot *s, struct proc_traffic *out);
/* The traffic sort key: ipc, or -1 when unknown, so that the chattiest process comes first in
 * a descending sort and unknown comes after a measured 0. */
double proc_traffic_key(const struct proc_traffic *t);

#endif
