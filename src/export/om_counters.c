/* om_counters.c — per-program and per-process counters (see om_counters.h): the listed
 * processes' records, sorted by program and summed per program, or kept one per process. */
#include "export/om_counters.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export_openmetrics.h"
#include "util/xalloc.h"

struct om_prog {
	const char *comm;
	pid_t pid;
	uint64_t ticks, vol, invol, rchar, wchar;
	bool has_io;
};

static int by_comm(const void *x, const void *y)
{
	const struct om_prog *a = x, *b = y;
	int r = strcmp(a->comm, b->comm);
	return r ? r : (a->pid > b->pid) - (a->pid < b->pid);
}

/* One record per listed process; unless by_pid, folded into one per program. */
static size_t gather(const struct snapshot *s, const struct snap_selection *sel, bool by_pid,
                     struct om_prog **out)
{
	struct om_prog *v = xcalloc(s->n_procs ? s->n_procs : 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if (!sel->proc_listed[i])
			continue;
		v[n++] = (struct om_prog){ p->comm ? p->comm : "", p->pid, p->utime + p->stime,
					   p->vol_ctxt, p->nonvol_ctxt, p->has_io ? p->io.rchar : 0,
					   p->has_io ? p->io.wchar : 0, p->has_io };
	}
	if (!by_pid && n) {
		qsort(v, n, sizeof(*v), by_comm);
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			struct om_prog *q = &v[m - (m > 0)];
			if (m == 0 || strcmp(q->comm, v[i].comm)) {
				v[m++] = v[i];
				continue;
			}
			q->ticks += v[i].ticks;
			q->vol += v[i].vol;
			q->invol += v[i].invol;
			q->rchar += v[i].rchar;
			q->wchar += v[i].wchar;
			q->has_io |= v[i].has_io;
		}
		n = m;
	}
	*out = v;
	return n;
}

/* sample{[pid="N",]program="comm"[,label="value"]} — the comm escaped as every label. */
static void series(struct strbuf *out, const char *sample, const struct om_prog *g, bool by_pid,
                   const char *label, const char *value)
{
	sb_printf(out, "%s{", sample);
	if (by_pid)
		sb_printf(out, "pid=\"%d\",", (int)g->pid);
	sb_puts(out, "program=\"");
	om_label_value(out, g->comm, strlen(g->comm));
	sb_putc(out, '"');
	if (label)
		sb_printf(out, ",%s=\"%s\"", label, value);
	sb_putc(out, '}');
}

/* Ticks in seconds, exactly for a clock of 100 (or any divisor of 10^6) ticks a second. */
static void put_seconds(struct strbuf *out, uint64_t ticks, long hz)
{
	uint64_t h = (uint64_t)hz;
	sb_printf(out, " %llu.%06llu\n", (unsigned long long)(ticks / h),
	          (unsigned long long)(ticks % h * 1000000u / h));
}

void om_counter_samples(struct strbuf *out, const struct snapshot *s,
                        const struct snap_selection *sel, enum om_counter c, bool by_pid,
                        const char *sample)
{
	long hz = s->sys.ticks_per_sec > 0 ? s->sys.ticks_per_sec : sysconf(_SC_CLK_TCK);
	struct om_prog *v;
	size_t n = gather(s, sel, by_pid, &v);
	for (size_t i = 0; i < n; i++) {
		const struct om_prog *g = &v[i];
		if (c == OMC_CPU) {
			series(out, sample, g, by_pid, NULL, NULL);
			put_seconds(out, g->ticks, hz > 0 ? hz : 100);
		} else if (c == OMC_CTXT) {
			series(out, sample, g, by_pid, "kind", "voluntary");
			sb_printf(out, " %llu\n", (unsigned long long)g->vol);
			series(out, sample, g, by_pid, "kind", "involuntary");
			sb_printf(out, " %llu\n", (unsigned long long)g->invol);
		} else if (g->has_io) {
			series(out, sample, g, by_pid, "direction", "read");
			sb_printf(out, " %llu\n", (unsigned long long)g->rchar);
			series(out, sample, g, by_pid, "direction", "write");
			sb_printf(out, " %llu\n", (unsigned long long)g->wchar);
		}
	}
	free(v);
}
