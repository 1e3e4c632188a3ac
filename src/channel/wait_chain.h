/* wait_chain.h — who waits on whom: each blocked task's descriptor resolved to its channel and
 * the processes at the other end, chains followed across processes, and rings of processes
 * that wait on each other (deadlocks). Pure: reads only the snapshot. */
#ifndef IPCTOP_WAIT_CHAIN_H
#define IPCTOP_WAIT_CHAIN_H

#include <stddef.h>

#include "model/snapshot.h"

/* After channel_resolve: fill chan, peers and by of every wait (main threads and detail
 * threads), then s->cycles from the main threads' waits: each ring a depth-first walk closes,
 * once (a second ring that runs back through processes the walk has finished is not named:
 * enough to say "deadlock" and show one ring, not a list of every ring). Peers of a wait on a fd are the other
 * processes holding its channel (for a pipe or FIFO only the ends that can end the wait: the
 * writers of a blocked reader, the readers of a blocked writer); of wait4/waitid the children
 * it names; of a lock wait the holder; of a traced task the tracer. */
void wait_resolve(struct snapshot *s);
/* The chain from pid: pid, then the first peer it waits on (a peer that itself waits first),
 * and so on until a process that does not wait or one already in the chain (then that pid ends
 * the list again, closing the ring). Writes at most cap pids; returns how many it wrote. */
size_t wait_chain(const struct snapshot *s, pid_t pid, pid_t *out, size_t cap);
/* The index in s->cycles of a ring pid belongs to, or -1. */
long wait_cycle_of(const struct snapshot *s, pid_t pid);

#endif
