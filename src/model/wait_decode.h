/* wait_decode.h — what a blocked system call waits on: the table from a system call number and
 * its arguments (as /proc/PID/task/TID/syscall gives them) to a kind of wait, the descriptor or
 * object it names, and the words every output uses for that kind. Pure; no /proc. */
#ifndef IPCTOP_WAIT_DECODE_H
#define IPCTOP_WAIT_DECODE_H

#include <stdint.h>

#include "model/snapshot.h"

/* Fill w->kind, w->fd and w->arg from w->state, w->syscall_nr and the six arguments (args may
 * be NULL when they were not read: then nothing is taken from them). A stopped or traced state
 * wins over the system call (which is the last one, not a wait); a tracer is set by the
 * caller. */
void wait_decode(struct task_wait *w, const uint64_t args[6]);
/* "fd", "poll", "epoll", "futex", "child", "sysv_msg", "sysv_sem", "mqueue", "sleep", "signal",
 * "lock", "stopped", "traced", "other", "unknown". */
const char *wait_kind_name(uint8_t kind);
/* True for a state letter whose task waits (S, D, T, t); R, Z, I, X and others do not. */
int wait_state(char state);

#endif
