/* meter_calc.c — CPU time shares between two /proc/stat readings and the memory breakdown of
 * /proc/meminfo, as htop computes them. */
#include <stdlib.h>
#include <string.h>

#include "model/meter_calc.h"
#include "util/xalloc.h"

static uint64_t sat_sub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

void cpu_usage_calc(const struct cpu_times *a, const struct cpu_times *b, struct cpu_usage *u)
{
	memset(u, 0, sizeof(*u));
	if (!b || !b->online) {
		u->state = CPU_OFFLINE;
		return;
	}
	if (!a || !a->online)
		return;       /* no reading before, or the CPU has just come online */
	uint64_t d[CPUF__COUNT];
	for (int f = 0; f < CPUF__COUNT; f++)
		d[f] = sat_sub(b->t[f], a->t[f]);
	uint64_t part[CPU_P__COUNT] = {
		[CPU_P_USER] = sat_sub(d[CPUF_USER], d[CPUF_GUEST]),
		[CPU_P_NICE] = sat_sub(d[CPUF_NICE], d[CPUF_GUEST_NICE]),
		[CPU_P_SYSTEM] = d[CPUF_SYSTEM] + d[CPUF_IRQ] + d[CPUF_SOFTIRQ],
		[CPU_P_IOWAIT] = d[CPUF_IOWAIT],
		[CPU_P_STEAL] = d[CPUF_STEAL],
		[CPU_P_GUEST] = d[CPUF_GUEST] + d[CPUF_GUEST_NICE],
	};
	uint64_t total = d[CPUF_IDLE];
	for (int p = 0; p < CPU_P__COUNT; p++)
		total += part[p];
	if (total == 0)
		return;       /* no time passed */
	u->state = CPU_KNOWN;
	for (int p = 0; p < CPU_P__COUNT; p++)
		u->part[p] = (double)part[p] / (double)total;
	u->busy = (double)(total - d[CPUF_IDLE] - part[CPU_P_IOWAIT]) / (double)total;
}

struct cpu_usage *cpu_usage_between(const struct sys_info *prev, const struct sys_info *cur, int *n_out)
{
	int n = 1 + (cur->n_cpu_slots > 0 ? cur->n_cpu_slots : 0);
	struct cpu_usage *out = xcalloc((size_t)n, sizeof(*out));
	bool before = prev && prev->n_cpu_slots > 0;
	cpu_usage_calc(before ? &prev->cpu_all : NULL, cur->n_cpu_slots > 0 ? &cur->cpu_all : NULL, &out[0]);
	for (int i = 0; i + 1 < n; i++) {
		const struct cpu_times *a = before && i < prev->n_cpu_slots ? &prev->cpus[i] : NULL;
		cpu_usage_calc(a, &cur->cpus[i], &out[1 + i]);
	}
	*n_out = n;
	return out;
}

void mem_usage_calc(const struct sys_info *si, struct mem_usage *m)
{
	uint64_t total = si->mem_total_kib, free = si->mem_free_kib;
	uint64_t gone = free + si->buffers_kib + si->cached_kib + si->sreclaimable_kib;
	m->total = total;
	m->used = total >= gone ? total - gone : sat_sub(total, free);
	m->buffers = si->buffers_kib;
	m->cache = sat_sub(si->cached_kib + si->sreclaimable_kib, si->shmem_kib);
	/* Keep the parts within the total, whatever the file said. */
	if (m->buffers > total - m->used)
		m->buffers = total - m->used;
	if (m->cache > total - m->used - m->buffers)
		m->cache = total - m->used - m->buffers;
	m->swap_total = si->swap_total_kib;
	m->swap_cache = si->swap_cached_kib < m->swap_total ? si->swap_cached_kib : m->swap_total;
	m->swap_used = sat_sub(sat_sub(m->swap_total, si->swap_free_kib), si->swap_cached_kib);
}

void task_counts_calc(const struct snapshot *s, struct task_counts *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if (p->flags & PF_KTHREAD) {
			t->kthreads++;
			continue;
		}
		t->procs++;
		t->threads += p->nlwp > 1 ? (size_t)p->nlwp - 1 : 0;
		t->running += p->state == 'R';
		t->disk += p->state == 'D';
		t->stopped += p->state == 'T';
		t->traced += p->state == 't';
		t->zombie += p->state == 'Z';
	}
}
