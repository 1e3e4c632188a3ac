/* rates.h — traffic rates between two snapshots of the same machine: each TCP endpoint's send
 * and receive rate from its byte counters, each UDP and UNIX endpoint's drops per second, each
 * process's I/O from /proc/PID/io, its CPU% and context switches per second. Pure
 * arithmetic on two snapshots; what cannot be known is NAN (unknown), never 0 or negative. */
#ifndef IPCTOP_RATES_H
#define IPCTOP_RATES_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

/* (after - before) / seconds; NAN when the counter went backwards (the object was reused
 * between the two readings) or seconds is not positive. */
double counter_rate(uint64_t before, uint64_t after, double seconds);

/* Fill now's endpoint and process rates (io_rate, run_rate) against before, taken earlier: an
 * endpoint is matched by its channel's id and its socket (netns, inode), a process by pid and
 * start time. A
 * channel, socket or process new in now has unknown rates, as has everything the kernel gives
 * no counters for (bytes of UNIX and UDP sockets, pipes; drops of TCP; /proc/PID/io unreadable). Sets now->has_rates. */
void snapshot_rates(struct snapshot *now, const struct snapshot *before);

/* A channel's traffic per second: the larger of what its ends sent and what they received,
 * each summed over the ends whose rates are known (two local ends of a connection count each
 * byte once; an end whose peer is off-host counts both ways); NAN when no end's rate is known. */
double channel_rate(const struct channel *ch);
/* One end's traffic both ways (tx + rx), or NAN. */
double endpoint_rate(const struct endpoint *e);
/* a + b where NAN is unknown: NAN only when both are. */
double rate_add(double a, double b);

#endif
