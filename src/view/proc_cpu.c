/* proc_cpu.c — CPU% from tick counters of two snapshots (htop's convention: 100 = one CPU). */
#include "view/proc_cpu.h"

double cpu_percent(uint64_t prev_ticks, uint64_t cur_ticks, double elapsed_s, long hz)
{
	if (elapsed_s <= 0 || hz <= 0 || cur_ticks < prev_ticks)
		return 0;
	return (double)(cur_ticks - prev_ticks) * 100.0 / ((double)hz * elapsed_s);
}

void cpu_compute(const struct snapshot *prev, const struct snapshot *cur, double *out)
{
	double elapsed = prev ? ((double)cur->taken_ms - (double)prev->taken_ms) / 1000.0 : 0;
	long hz = cur->sys.ticks_per_sec > 0 ? cur->sys.ticks_per_sec : 100;
	for (size_t i = 0; i < cur->n_procs; i++) {
		const struct proc_info *p = &cur->procs[i];
		const struct proc_info *q = prev ? snapshot_find_proc(prev, p->pid) : NULL;
		out[i] = 0;
		if (q && q->start_time == p->start_time)
			out[i] = cpu_percent(q->utime + q->stime, p->utime + p->stime, elapsed, hz);
	}
}
