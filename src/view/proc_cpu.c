/* proc_cpu.c — CPU% from tick counters of two snapshots (htop's convention: 100 = one CPU), and
 * context switches per second from the counters of /proc/PID/status. */
#include "view/proc_cpu.h"

double cpu_percent(uint64_t prev_ticks, uint64_t cur_ticks, double elapsed_s, long hz)
{
	if (elapsed_s <= 0 || hz <= 0 || cur_ticks < prev_ticks)
		return 0;
	return (double)(cur_ticks - prev_ticks) * 100.0 / ((double)hz * elapsed_s);
}

static double elapsed_s(const struct snapshot *prev, const struct snapshot *cur)
{
	return prev ? ((double)cur->taken_ms - (double)prev->taken_ms) / 1000.0 : 0;
}

static double rate(uint64_t before, uint64_t now, double elapsed)
{
	return elapsed > 0 && now >= before ? (double)(now - before) / elapsed : 0;
}

void csw_compute(const struct snapshot *prev, const struct snapshot *cur, double *vol, double *invol)
{
	double elapsed = elapsed_s(prev, cur);
	for (size_t i = 0; i < cur->n_procs; i++) {
		const struct proc_info *p = &cur->procs[i], *q = snapshot_same_proc(prev, p);
		vol[i] = q ? rate(q->vol_ctxt, p->vol_ctxt, elapsed) : 0;
		invol[i] = q ? rate(q->nonvol_ctxt, p->nonvol_ctxt, elapsed) : 0;
	}
}

void cpu_compute(const struct snapshot *prev, const struct snapshot *cur, double *out)
{
	double elapsed = elapsed_s(prev, cur);
	long hz = cur->sys.ticks_per_sec > 0 ? cur->sys.ticks_per_sec : 100;
	for (size_t i = 0; i < cur->n_procs; i++) {
		const struct proc_info *p = &cur->procs[i];
		const struct proc_info *q = snapshot_same_proc(prev, p);
		out[i] = 0;
		if (q)
			out[i] = cpu_percent(q->utime + q->stime, p->utime + p->stime, elapsed, hz);
	}
}

static const struct thread_info *find_thread(const struct proc_info *q, pid_t tid)
{
	for (uint32_t j = 0; q && j < q->n_threads; j++)
		if (q->threads[j].tid == tid)
			return &q->threads[j];
	return NULL;
}

void thread_cpu_compute(const struct snapshot *prev, const struct snapshot *cur, double *out)
{
	double elapsed = elapsed_s(prev, cur);
	long hz = cur->sys.ticks_per_sec > 0 ? cur->sys.ticks_per_sec : 100;
	for (size_t i = 0; i < cur->n_procs; i++) {
		const struct proc_info *p = &cur->procs[i], *q = snapshot_same_proc(prev, p);
		for (uint32_t j = 0; j < p->n_threads; j++) {
			const struct thread_info *t = &p->threads[j], *u = find_thread(q, t->tid);
			out[p->thread0 + j] = u ? cpu_percent(u->utime + u->stime, t->utime + t->stime, elapsed, hz) : 0;
		}
	}
}
