/* list_cells.c — the text of one short cell of the process list: numbers, sizes, times, rates
 * and fixed words, from the snapshot and the rates computed between two snapshots. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "model/proc_figures.h"
#include "util/human_size.h"
#include "view/list_int.h"
#include "view/proc_names.h"
#include "view/ui.h"

#define DAY_S (24 * 3600)

static long hz_of(const struct view_ctx *v)
{
	return v->cur->sys.ticks_per_sec > 0 ? v->cur->sys.ticks_per_sec : 100;
}

/* TIME+ as htop writes it: minutes:seconds.hundredths, or hours:minutes:seconds. */
static void cpu_time_text(uint64_t ticks, long hz, char *buf, size_t size)
{
	uint64_t cs = ticks * 100 / (uint64_t)hz, s = cs / 100;
	if (s >= 3600)
		snprintf(buf, size, "%lluh%02llu:%02llu", (unsigned long long)(s / 3600),
			 (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
	else
		snprintf(buf, size, "%llu:%02llu.%02llu", (unsigned long long)(s / 60),
			 (unsigned long long)(s % 60), (unsigned long long)(cs % 100));
}

/* START: the local time of day when it started today (within a day), else the month and day,
 * else the year (as ps and htop). */
static void start_text(const struct view_ctx *v, const struct proc_info *p, char *buf, size_t size)
{
	uint64_t ms = proc_started_ms(v->cur, p);
	time_t t = (time_t)((ms + 500) / 1000);
	struct tm tm;
	if (!ms || !localtime_r(&t, &tm)) {
		snprintf(buf, size, "?");
		return;
	}
	double age = (double)v->cur->taken_ms / 1000.0 - (double)t;
	strftime(buf, size, age < DAY_S ? "%H:%M" : age < 365.0 * DAY_S ? "%b%d" : "%Y", &tm);
}

static void rate_text(const double *r, size_t i, char *buf, size_t size)
{
	double x = r ? r[i] : 0;
	snprintf(buf, size, x >= 100 ? "%.0f" : "%.1f", x);
}

/* IO_R/s, IO_W/s: "?" when unknown; nothing for a kernel thread (it has no such counters). */
static void io_text(const struct view_ctx *v, size_t i, int c, char *buf, size_t size)
{
	if (v->cur->procs[i].flags & PF_KTHREAD)
		return;
	const struct proc_traffic *t = v->traffic ? &v->traffic[i] : NULL;
	human_short(buf, size, !t ? NAN : c == COL_IO_R ? t->io_r : t->io_w);
}

/* IPC/s: nothing when the process holds no channel with byte counters, "?" when not yet
 * measured or when its descriptors are not ours to read. */
static void ipc_text(const struct view_ctx *v, size_t i, char *buf, size_t size)
{
	const struct proc_traffic *t = v->traffic ? &v->traffic[i] : NULL;
	if (t && (t->n_counted || t->fds_unknown))
		human_short(buf, size, t->ipc);
}

/* BUSIEST: "tcp→4711 4.0M/s" (the peer's pid, or its address when off-host). */
static void busiest_text(const struct view_ctx *v, size_t i, char *buf, size_t size)
{
	const struct proc_traffic *t = v->traffic ? &v->traffic[i] : NULL;
	if (!t || !(t->n_counted || t->fds_unknown))
		return;
	if (t->busiest < 0 || (size_t)t->busiest >= v->cur->n_chans) {
		snprintf(buf, size, "?");
		return;
	}
	char rate[16], peer[24] = "";
	human_short(rate, sizeof rate, t->busiest_rate);
	if (t->peer > 0)
		snprintf(peer, sizeof peer, "%d", (int)t->peer);
	const char *kind = chan_kind_name(v->cur->chans[t->busiest].kind);
	if (t->peer > 0 || t->remote)
		snprintf(buf, size, "%s%s%s %s/s", kind, ui_glyph(G_ARROW_R), t->peer > 0 ? peer : t->remote, rate);
	else
		snprintf(buf, size, "%s %s/s", kind, rate);
}

static void fds_text(const struct proc_info *p, char *buf, size_t size)
{
	if (p->flags & (PF_FDS_DENIED | PF_KTHREAD))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%zu", p->n_fds);
}

/* Columns of plain numbers. */
static bool number_text(const struct proc_info *p, int c, char *buf, size_t size)
{
	int n;
	switch (c) {
	case COL_PID:      n = p->pid; break;
	case COL_NICE:     n = p->nice; break;
	case COL_THREADS:  n = p->nlwp; break;
	case COL_PRI:      n = p->priority; break;
	case COL_PPID:     n = p->ppid; break;
	case COL_PGRP:     n = p->pgid; break;
	case COL_SESSION:  n = p->sid; break;
	case COL_CHANNELS: n = (int)p->n_channels; break;
	default: return false;
	}
	snprintf(buf, size, "%d", n);
	return true;
}

void list_cell_text(const struct view_ctx *v, size_t i, int c, char *buf, size_t size)
{
	const struct proc_info *p = &v->cur->procs[i];
	buf[0] = '\0';
	if (number_text(p, c, buf, size))
		return;
	switch (c) {
	case COL_STATE:  snprintf(buf, size, "%c", p->state ? p->state : '?'); break;
	case COL_POLICY: snprintf(buf, size, "%s", policy_name(p->policy)); break;
	case COL_CPU:    snprintf(buf, size, "%.1f", v->cpu ? v->cpu[i] : 0.0); break;
	case COL_MEM:    human_kib(p->rss_kib, buf, size); break;
	case COL_VIRT:   human_kib(p->vsize / 1024, buf, size); break;
	case COL_SHR:
		if (p->flags & PF_SHR)
			human_kib(p->shr_kib, buf, size);
		else
			snprintf(buf, size, "-");
		break;
	case COL_MEMP:   snprintf(buf, size, "%.1f", v->cur->sys.mem_total_kib ? proc_mem_percent(v->cur, p) : 0.0); break;
	case COL_TIME:   cpu_time_text(p->utime + p->stime, hz_of(v), buf, size); break;
	case COL_START:  start_text(v, p, buf, size); break;
	case COL_TTY:    tty_name(p->tty_nr, buf, size); break;
	case COL_VCSW:   rate_text(v->vcsw, i, buf, size); break;
	case COL_ICSW:   rate_text(v->icsw, i, buf, size); break;
	case COL_FDS:    fds_text(p, buf, size); break;
	case COL_IO_R:
	case COL_IO_W:   io_text(v, i, c, buf, size); break;
	case COL_IPC:    ipc_text(v, i, buf, size); break;
	case COL_BUSIEST: busiest_text(v, i, buf, size); break;
	default: break;
	}
}

char list_thread_cell(const struct view_ctx *v, const struct proc_info *p, uint32_t j, int c,
		      char *buf, size_t size)
{
	const struct thread_info *t = &p->threads[j];
	char state = t->state ? t->state : '?';
	switch (c) {
	case COL_PID:   snprintf(buf, size, "%d", (int)t->tid); break;
	case COL_STATE: snprintf(buf, size, "%c", state); break;
	case COL_CPU:   snprintf(buf, size, "%.1f", v->tcpu ? v->tcpu[p->thread0 + j] : 0.0); break;
	case COL_TIME:  cpu_time_text(t->utime + t->stime, hz_of(v), buf, size); break;
	default: return 0;
	}
	return state;
}
