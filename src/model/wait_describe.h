/* wait_describe.h — a task's wait said in a sentence, for the PCB tab (and the waits screen
 * and WAIT column to come): "blocked writing fd 1, a pipe to 17510 (sleep), which is not
 * reading (it waits in pause)". Reads only the snapshot; names are escaped. */
#ifndef IPCTOP_WAIT_DESCRIBE_H
#define IPCTOP_WAIT_DESCRIBE_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

/* Append the sentence for wait w of process p (w NULL: "running", or what its state says). */
void wait_describe(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p,
                   const struct task_wait *w);
/* The system call's name, or "UNNAMED NR" when this build's table has none. */
void wait_put_call(struct strbuf *sb, int64_t nr, const char *unnamed);
/* The index in s->cycles of a ring pid belongs to, or -1. */
long wait_cycle_of(const struct snapshot *s, pid_t pid);
/* pids[0] -> pids[1] -> ... as "100 (a) -> 101 (b)", names escaped. */
void wait_pids_describe(struct strbuf *sb, const struct snapshot *s, const pid_t *pids, size_t n);
/* When pid is on a ring of waits (a deadlock), append it from pid round to pid again:
 * "100 (a) -> 101 (b) -> 100 (a)", and return true; else false. */
bool wait_ring_describe(struct strbuf *sb, const struct snapshot *s, pid_t pid);

#endif
