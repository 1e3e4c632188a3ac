/* proc_sort.c — comparison of two processes by one column, and the sort built on it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgroup_service.h"
#include "model/wait_short.h"
#include "view/proc_sort.h"

struct sort_ctx {
	const struct proc_info *procs;
	struct proc_rates r;
	enum col_id col;
	bool desc;
};

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* By the name SERVICE shows, not the path it comes from. */
static int cmp_service(const char *a, const char *b)
{
	char na[CGROUP_SERVICE_MAX], nb[CGROUP_SERVICE_MAX];
	return cmp_str(cgroup_service_shown(a, na), cgroup_service_shown(b, nb));
}

static int cmp_rate(const double *v, uint32_t i, uint32_t j)
{
	double x = v ? v[i] : 0, y = v ? v[j] : 0;
	return CMP(x, y);
}

/* WAIT: blocked before not blocked, and among the blocked the longest (earliest since) last,
 * so that the default descending order puts it first; since not known counts as shortest. */
static uint64_t wait_key(const struct proc_info *p)
{
	if (!wait_blocked(p))
		return 0;
	return p->wait_since_ms ? UINT64_MAX - p->wait_since_ms : 1;
}

/* A traffic figure of procs[i]; unknown (NAN, or no figures) is -1, below a measured 0. */
static double traffic_of(const struct proc_traffic *t, uint32_t i, enum col_id col)
{
	if (!t)
		return -1;
	double x = col == COL_IO_R ? t[i].io_r : col == COL_IO_W ? t[i].io_w :
		   col == COL_IPC ? proc_traffic_key(&t[i]) : t[i].busiest_rate;
	return isnan(x) ? -1 : x;
}

static int cmp_column(const struct sort_ctx *c, uint32_t i, uint32_t j)
{
	const struct proc_info *a = &c->procs[i], *b = &c->procs[j];
	switch (c->col) {
	case COL_PID:      return CMP(a->pid, b->pid);
	case COL_USER:     return cmp_str(a->user, b->user);
	case COL_STATE:    return CMP(a->state, b->state);
	case COL_NICE:     return CMP(a->nice, b->nice);
	case COL_POLICY:   return CMP(a->policy, b->policy);
	case COL_CPU:      return cmp_rate(c->r.cpu, i, j);
	case COL_VCSW:     return cmp_rate(c->r.vcsw, i, j);
	case COL_ICSW:     return cmp_rate(c->r.icsw, i, j);
	case COL_MEM:
	case COL_MEMP:     return CMP(a->rss_kib, b->rss_kib);
	case COL_VIRT:     return CMP(a->vsize, b->vsize);
	case COL_SHR:      return CMP(a->shr_kib, b->shr_kib);
	case COL_TIME:     return CMP(a->utime + a->stime, b->utime + b->stime);
	case COL_PRI:      return CMP(a->priority, b->priority);
	case COL_START:    return CMP(a->start_time, b->start_time);
	case COL_TTY:      return CMP(a->tty_nr, b->tty_nr);
	case COL_PPID:     return CMP(a->ppid, b->ppid);
	case COL_PGRP:     return CMP(a->pgid, b->pgid);
	case COL_SESSION:  return CMP(a->sid, b->sid);
	case COL_EXE:      return cmp_str(a->exe, b->exe);
	case COL_SERVICE:  return cmp_service(a->cgroup, b->cgroup);
	case COL_WAIT:     return CMP(wait_key(a), wait_key(b));
	case COL_HOST:     return cmp_str(a->host, b->host);
	case COL_THREADS:  return CMP(a->nlwp, b->nlwp);
	case COL_FDS:      return CMP(a->n_fds, b->n_fds);
	case COL_CHANNELS: return CMP(a->n_channels, b->n_channels);
	case COL_IO_R:
	case COL_IO_W:
	case COL_IPC:
	case COL_BUSIEST:  return CMP(traffic_of(c->r.traffic, i, c->col), traffic_of(c->r.traffic, j, c->col));
	case COL_COMMAND: {
		const char *x = a->cmdline && *a->cmdline ? a->cmdline : a->comm;
		const char *y = b->cmdline && *b->cmdline ? b->cmdline : b->comm;
		return cmp_str(x, y);
	}
	default:           return 0;
	}
}

static int cmp_idx(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	uint32_t i = *(const uint32_t *)pa, j = *(const uint32_t *)pb;
	int r = cmp_column(c, i, j);
	if (c->desc)
		r = -r;
	if (r == 0)
		r = CMP(c->procs[i].pid, c->procs[j].pid);
	return r;
}

void proc_sort(const struct proc_info *procs, const struct proc_rates *r, uint32_t *idx, size_t n,
	       enum col_id col, bool desc)
{
	struct sort_ctx c = { procs, { NULL, NULL, NULL, NULL }, col, desc };
	if (r)
		c.r = *r;
	if (n > 1)
		qsort_r(idx, n, sizeof *idx, cmp_idx, &c);
}
