/* proc_cpu.h — CPU% of each process from the utime+stime difference between two snapshots,
 * and its context-switch rates from the counters' differences. */
#ifndef IPCTOP_PROC_CPU_H
#define IPCTOP_PROC_CPU_H

#include <stdint.h>

#include "model/snapshot.h"

/* Percent of one CPU used between two readings elapsed_s apart; 0 when it cannot be told
 * (no time passed, counter went back, hz unknown). */
double cpu_percent(uint64_t prev_ticks, uint64_t cur_ticks, double elapsed_s, long hz);
/* out[i] = CPU% of cur->procs[i]; a process not in prev (or a reused pid: another start
 * time) gets 0. prev may be NULL. */
void cpu_compute(const struct snapshot *prev, const struct snapshot *cur, double *out);
/* vol[i], invol[i] = voluntary and involuntary context switches per second of cur->procs[i]
 * since prev (0 where it cannot be told, as cpu_compute). */
/* out[p->thread0 + j] = CPU% of thread j of each process p of cur (0: not in prev). */
void thread_cpu_compute(const struct snapshot *prev, const struct snapshot *cur, double *out);
void csw_compute(const struct snapshot *prev, const struct snapshot *cur, double *vol, double *invol);

#endif
