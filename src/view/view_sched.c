/* view_sched.c — the Scheduling tab: policy, priorities, nice, affinity, last CPU, CPU/run/wait
 * time, context switches with their rate since the previous refresh, threads. */
#include "view/proc_names.h"
#include "view/detail_int.h"
#include "view/ui.h"

static void add_switches(const struct view_ctx *v, const struct detail_before *q,
			 const struct proc_info *p, struct dlines *d)
{
	double secs = ((double)v->cur->taken_ms - (double)q->taken_ms) / 1000.0;
	bool rate = q->pid == p->pid && q->start_time == p->start_time && secs > 0 &&
		    p->vol_ctxt >= q->vol_ctxt && p->nonvol_ctxt >= q->nonvol_ctxt;
	if (rate) {
		dline_add(d, "sched.vcsw", "Voluntary switches", A_NORMAL, 0, "%llu  (%.1f/s)",
			  (unsigned long long)p->vol_ctxt, (double)(p->vol_ctxt - q->vol_ctxt) / secs);
		dline_add(d, "sched.ivcsw", "Involuntary switches", A_NORMAL, 0, "%llu  (%.1f/s)",
			  (unsigned long long)p->nonvol_ctxt, (double)(p->nonvol_ctxt - q->nonvol_ctxt) / secs);
	} else {
		dline_add(d, "sched.vcsw", "Voluntary switches", A_NORMAL, 0, "%llu", (unsigned long long)p->vol_ctxt);
		dline_add(d, "sched.ivcsw", "Involuntary switches", A_NORMAL, 0, "%llu", (unsigned long long)p->nonvol_ctxt);
	}
}

static void add_schedstat(const struct proc_info *p, struct dlines *d)
{
	char run[32], wait[32];
	if (!p->sched || !p->sched->has_schedstat) {
		const char *why = p->flags & PF_DETAIL ? "not available" : "(reading...)";
		dline_add(d, "sched.run", "Run time", ui_attr(UI_DIM), 0, "%s", why);
		dline_add(d, "sched.wait", "Wait time", ui_attr(UI_DIM), 0, "%s", why);
		return;
	}
	human_ns(p->sched->run_ns, run, sizeof run);
	human_ns(p->sched->wait_ns, wait, sizeof wait);
	dline_add(d, "sched.run", "Run time", A_NORMAL, 0, "%s", run);
	dline_add(d, "sched.wait", "Wait time", A_NORMAL, 0, "%s", wait);
	dline_add(d, "sched.slices", "Timeslices", A_NORMAL, 0, "%llu", (unsigned long long)p->sched->timeslices);
}

void sched_lines(const struct view_ctx *v, const struct detail_before *q, const struct proc_info *p,
		 struct dlines *d)
{
	long hz = v->cur->sys.ticks_per_sec > 0 ? v->cur->sys.ticks_per_sec : 100;
	char ut[32], st[32];
	human_ns(p->utime * 1000000000ull / (uint64_t)hz, ut, sizeof ut);
	human_ns(p->stime * 1000000000ull / (uint64_t)hz, st, sizeof st);
	dline_add(d, "sched.policy", "Policy", A_NORMAL, 0, "SCHED_%s", policy_name(p->policy));
	dline_add(d, "sched.priority", "Priority", A_NORMAL, 0, "%d", p->priority);
	dline_add(d, "sched.nice", "Nice", A_NORMAL, 0, "%d", p->nice);
	dline_add(d, "sched.rtprio", "RT priority", A_NORMAL, 0, "%d", p->rt_priority);
	if (p->sched && p->sched->affinity)
		dline_add(d, "sched.affinity", "Affinity", A_NORMAL, 0, "CPUs %s (of %d)", p->sched->affinity, v->cur->sys.ncpu);
	else
		dline_add(d, "sched.affinity", "Affinity", ui_attr(UI_DIM), 0, "%s",
			  p->flags & PF_DETAIL ? "not available" : "(reading...)");
	dline_add(d, "sched.cpu", "Last CPU", A_NORMAL, 0, "%d", p->processor);
	dline_add(d, "sched.cputime", "CPU time", A_NORMAL, 0, "user %s, system %s", ut, st);
	add_schedstat(p, d);
	add_switches(v, q, p, d);
	dline_add(d, "sched.threads", "Threads", A_NORMAL, 0, "%d", p->nlwp);
}
