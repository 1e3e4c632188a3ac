/* wait_since.h — since when a process has been blocked: the wait that blocks it (its main
 * thread's, or another thread's: model/wait_short.h wait_blocking; else its main thread's) is
 * carried from one snapshot to the next while it stays the same wait of the same thread, so
 * that the waits screen can sort by how long each process has waited. Pure: reads the two snapshots only. */
#ifndef IPCTOP_WAIT_SINCE_H
#define IPCTOP_WAIT_SINCE_H

#include <stdbool.h>

#include "model/snapshot.h"

/* Whether a and b are the same wait (same kind, state, system call, descriptor and argument). */
bool wait_same(const struct task_wait *a, const struct task_wait *b);
/* Set wait_since_ms of every waiting process of now: the one before had when the same process
 * (pid and start time) was in the same wait there, else now->taken_ms. before may be NULL (the
 * first snapshot). A process that does not wait gets 0. */
void wait_since_carry(struct snapshot *now, const struct snapshot *before);

#endif
