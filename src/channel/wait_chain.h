/* wait_chain.h — who waits on whom: each blocked task's descriptor resolved to its channel and
 * the processes at the other end, chains followed across processes, and rings of processes
 * that wait on each other (deadlocks). Pure: reads only the snapshot. */
#ifndef IPCTOP_WAIT_CHAIN_H
#define IPCTOP_WAIT_CHAIN_H

#include <stddef.h>

#include "model/snapshot.h"
#include "model/wait_describe.h"   /* wait_cycle_of */

/* After channel_resolve: fill chan, peers and by of every wait (main threads and the threads
 * read), then s->cycles from all of them (an edge A -> B when any thread of A waits on B; an
 * epoll_wait only when every descriptor it watches has a peer): each ring a depth-first walk closes,
 * once (a second ring that runs back through processes the walk has finished is not named:
 * enough to say "deadlock" and show one ring, not a list of every ring). Peers of a wait on a fd are the other
 * processes holding its channel (for a pipe or FIFO only the ends that can end the wait: the
 * writers of a blocked reader, the readers of a blocked writer); of wait4/waitid the children
 * it names; of a lock wait the holder; of a traced task the tracer; of epoll_wait the peers of every
 * descriptor it watches (each watched entry gets its own channel and peers). */
void wait_resolve(struct snapshot *s);
/* The wait a chain follows out of p: its main thread's when that is an edge of the graph
 * above (it has peers; an epoll_wait only when every watched descriptor has one), else the
 * first of its other threads' that is; NULL when none is (p ends a chain). */
const struct task_wait *wait_followed(const struct proc_info *p);
/* The chain from pid: pid, then the first peer its followed wait names (a peer that itself
 * follows on first), and so on until a process with no followed wait or one already in the
 * chain (then that pid ends the list again, closing the ring). Writes at most cap pids;
 * returns how many it wrote. */
size_t wait_chain(const struct snapshot *s, pid_t pid, pid_t *out, size_t cap);

#endif
