/* meter_calc.h — the arithmetic of the header meters: how each CPU spent the time between two
 * /proc/stat readings, and the memory and swap breakdown of one /proc/meminfo reading. Pure. */
#ifndef IPCTOP_METER_CALC_H
#define IPCTOP_METER_CALC_H

#include <stdbool.h>

#include "model/snapshot.h"

/* The parts a CPU bar shows, in the order they are drawn. */
enum cpu_part {
	CPU_P_USER,      /* user less guest */
	CPU_P_NICE,      /* nice less guest_nice */
	CPU_P_SYSTEM,    /* system + irq + softirq */
	CPU_P_IOWAIT,
	CPU_P_STEAL,
	CPU_P_GUEST,     /* guest + guest_nice */
	CPU_P__COUNT
};

enum cpu_state { CPU_UNKNOWN, CPU_OFFLINE, CPU_KNOWN };

struct cpu_usage {
	enum cpu_state state;     /* UNKNOWN: no reading before, no time passed, or just came online */
	double part[CPU_P__COUNT];/* fractions of the interval, 0..1 */
	double busy;              /* all but idle and I/O wait, 0..1 */
};

/* One CPU between readings a (may be NULL) and b (may be NULL: the CPU is not there now). A
 * counter that went backwards counts as no time in that field. */
void cpu_usage_calc(const struct cpu_times *a, const struct cpu_times *b, struct cpu_usage *u);

/* Every CPU between two sys_infos (prev may be NULL): out[0] the whole machine, out[1 + n] CPU
 * number n of cur; *n_out = 1 + cur->n_cpu_slots. Caller frees. */
struct cpu_usage *cpu_usage_between(const struct sys_info *prev, const struct sys_info *cur, int *n_out);

struct mem_usage {
	uint64_t total, used, buffers, cache;         /* KiB; used + buffers + cache <= total */
	uint64_t swap_total, swap_used, swap_cache;   /* KiB */
};
/* htop's breakdown: cache = Cached + SReclaimable - Shmem; used = total - free - buffers -
 * Cached - SReclaimable (total - free when that is negative); swap used = total - free -
 * SwapCached. */
void mem_usage_calc(const struct sys_info *si, struct mem_usage *m);

/* The tasks meter, counted as htop counts: processes (kernel threads apart), their threads
 * besides the main ones, kernel threads, and processes by state. */
struct task_counts {
	size_t procs, threads, kthreads, running, disk, stopped, traced, zombie;
};
void task_counts_calc(const struct snapshot *s, struct task_counts *t);

#endif
