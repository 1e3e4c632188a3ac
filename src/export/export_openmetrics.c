/* export_openmetrics.c — one snapshot as OpenMetrics text (or Prometheus's text format): a
 * table of metric families, each with its TYPE, HELP (and UNIT) lines and a function writing
 * its samples. Gauges of this snapshot, and counters (om_counters.c; --serve's own, below):
 * a new family is one more function and one more table row. */
#include "export/export_openmetrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/om_counters.h"
#include "export/om_pairs.h"
#include "model/kernel_names.h"
#include "model/wait_decode.h"
#include "util/text_escape.h"
#include "util/xalloc.h"

struct om_ctx {
	struct strbuf *out;
	const struct snapshot *s;
	const struct snap_selection *sel;
	const struct om_opts *o;
	struct om_pair *pairs;
	size_t n_pairs;
};

/* A family: gauges write their samples with samples(); counters (samples NULL) are
 * om_counters.c's counter, per process when pids_only, else per program. */
struct om_family {
	const char *name, *type, *unit, *help;
	bool pids_only;                        /* only with --metrics-pids */
	void (*samples)(const struct om_ctx *c, const char *name);
	enum om_counter counter;
};

void om_label_value(struct strbuf *sb, const char *s, size_t n)
{
	struct strbuf esc = STRBUF_INIT;
	esc_append(&esc, s, n);
	for (size_t i = 0; i < esc.len; i++) {
		char ch = esc.buf[i];
		if (ch == '\\' || ch == '"')
			sb_putc(sb, '\\');
		if (ch == '\n')   /* esc_append leaves none; kept for the rule's sake */
			sb_puts(sb, "\\n");
		else
			sb_putc(sb, ch);
	}
	sb_free(&esc);
}

/* name{label="value"} N — label values here are ipctop's own words, escaped all the same. */
static void sample1(const struct om_ctx *c, const char *name, const char *label, const char *value,
                    unsigned long long n)
{
	sb_printf(c->out, "%s{%s=\"", name, label);
	om_label_value(c->out, value, strlen(value));
	sb_printf(c->out, "\"} %llu\n", n);
}

static void chans_by_kind(const struct om_ctx *c, const char *name)
{
	unsigned long long n[CK__COUNT] = { 0 };
	for (size_t i = 0; i < c->s->n_chans; i++)
		if (c->sel->chan_kept[i] && (unsigned)c->s->chans[i].kind < CK__COUNT)
			n[c->s->chans[i].kind]++;
	for (int k = 0; k < CK__COUNT; k++)
		sample1(c, name, "kind", chan_kind_name((enum chan_kind)k), n[k]);
}

/* The states in a fixed order, so every scrape has the same series; 'x' counts as 'X'. */
static const char state_order[] = "RSDZTtXIPKW";

static int state_slot(char st)
{
	const char *p = strchr(state_order, st == 'x' ? 'X' : st);
	return st && p ? (int)(p - state_order) : (int)sizeof(state_order) - 1;   /* last: other */
}

static void procs_by_state(const struct om_ctx *c, const char *name)
{
	unsigned long long n[sizeof(state_order)] = { 0 };
	for (size_t i = 0; i < c->s->n_procs; i++)
		if (c->sel->proc_listed[i])
			n[state_slot(c->s->procs[i].state)]++;
	for (size_t k = 0; k < sizeof(state_order); k++) {
		const char *word = k + 1 < sizeof(state_order) ? proc_state_name(state_order[k]) : "other";
		sample1(c, name, "state", word, n[k]);
	}
}

/* Every thread of the listed processes by state: the main one's is the process's; a thread
 * not read (its task directory gone, or no thread list) counts as "unknown". */
static void threads(const struct om_ctx *c, const char *name)
{
	unsigned long long n[sizeof(state_order)] = { 0 }, unknown = 0;
	for (size_t i = 0; i < c->s->n_procs; i++) {
		const struct proc_info *p = &c->s->procs[i];
		if (!c->sel->proc_listed[i])
			continue;
		n[state_slot(p->state)]++;
		for (uint32_t t = 0; t < p->n_threads; t++)
			n[state_slot(p->threads[t].state)]++;
		if (p->nlwp > 1 && (uint32_t)p->nlwp - 1 > p->n_threads)
			unknown += (uint32_t)p->nlwp - 1 - p->n_threads;
	}
	for (size_t k = 0; k < sizeof(state_order); k++) {
		const char *word = k + 1 < sizeof(state_order) ? proc_state_name(state_order[k]) : "other";
		sample1(c, name, "state", word, n[k]);
	}
	sample1(c, name, "state", "unknown", unknown);
}

static void fds_by_type(const struct om_ctx *c, const char *name)
{
	unsigned long long n[FDK__COUNT] = { 0 };
	for (size_t i = 0; i < c->s->n_procs; i++) {
		const struct proc_info *p = &c->s->procs[i];
		for (size_t j = 0; c->sel->proc_listed[i] && j < p->n_fds; j++)
			if ((unsigned)p->fds[j].kind < FDK__COUNT)
				n[p->fds[j].kind]++;
	}
	for (int k = 0; k < FDK__COUNT; k++)
		sample1(c, name, "type", fd_kind_name((enum fd_kind)k), n[k]);
}

static void take_seconds(const struct om_ctx *c, const char *name)
{
	uint64_t ns = c->o->take_ns;
	sb_printf(c->out, "%s %llu.%09llu\n", name, (unsigned long long)(ns / 1000000000u),
	          (unsigned long long)(ns % 1000000000u));
}

static void taken_at(const struct om_ctx *c, const char *name)
{
	uint64_t ms = c->s->taken_ms;
	sb_printf(c->out, "%s %llu.%03llu\n", name, (unsigned long long)(ms / 1000u),
	          (unsigned long long)(ms % 1000u));
}

static void notes(const struct om_ctx *c, const char *name)
{
	sb_printf(c->out, "%s %zu\n", name, c->s->n_notes);
}

/* Listed processes whose main thread is blocked, by what it waits on (model/wait_decode.h);
 * every kind is written, 0 included, so each scrape has the same series. */
static void blocked_by_wait(const struct om_ctx *c, const char *name)
{
	unsigned long long n[WK__COUNT] = { 0 };
	for (size_t i = 0; i < c->s->n_procs; i++) {
		const struct task_wait *w = c->s->procs[i].wait;
		if (c->sel->proc_listed[i] && w && w->kind < WK__COUNT)
			n[w->kind]++;
	}
	for (int k = 0; k < WK__COUNT; k++)
		sample1(c, name, "wait", wait_kind_name((uint8_t)k), n[k]);
}

/* Wait cycles (processes each waiting on the next, the last on the first: a deadlock) that
 * hold a listed process. */
static void cycles(const struct om_ctx *c, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < c->s->n_cycles; i++) {
		const struct wait_cycle *cy = &c->s->cycles[i];
		for (size_t j = 0; j < cy->n; j++) {
			const struct proc_info *p = snapshot_find_proc(c->s, cy->pids[j]);
			if (p && c->sel->proc_listed[p - c->s->procs]) {
				n++;
				break;
			}
		}
	}
	sb_printf(c->out, "%s %zu\n", name, n);
}

/* Channels each listed process holds, by kind: a channel counts once per process however many
 * of its ends the process holds. Counts are s->n_procs x CK__COUNT, zeroed here. */
static void count_proc_chans(const struct om_ctx *c, unsigned *counts)
{
	const struct snapshot *s = c->s;
	size_t *last = xmalloc((s->n_procs ? s->n_procs : 1) * sizeof(*last));
	for (size_t i = 0; i < s->n_procs; i++)
		last[i] = SIZE_MAX;
	memset(counts, 0, s->n_procs * CK__COUNT * sizeof(*counts));
	for (size_t ci = 0; ci < s->n_chans; ci++) {
		const struct channel *ch = &s->chans[ci];
		if (!c->sel->chan_kept[ci] || (unsigned)ch->kind >= CK__COUNT)
			continue;
		for (size_t e = 0; e < ch->n_ep; e++) {
			int32_t pi = ch->ep[e].proc;
			if (pi < 0 || (size_t)pi >= s->n_procs || last[pi] == ci)
				continue;
			last[pi] = ci;
			counts[(size_t)pi * CK__COUNT + ch->kind]++;
		}
	}
	free(last);
}

static void proc_chans(const struct om_ctx *c, const char *name)
{
	const struct snapshot *s = c->s;
	unsigned *counts = xmalloc((s->n_procs ? s->n_procs : 1) * CK__COUNT * sizeof(*counts));
	count_proc_chans(c, counts);
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		for (int k = 0; c->sel->proc_listed[i] && k < CK__COUNT; k++) {
			if (!counts[i * CK__COUNT + k])
				continue;
			sb_printf(c->out, "%s{pid=\"%d\",program=\"", name, (int)p->pid);
			om_label_value(c->out, p->comm ? p->comm : "", p->comm ? strlen(p->comm) : 0);
			sb_printf(c->out, "\",kind=\"%s\"} %u\n", chan_kind_name((enum chan_kind)k),
			          counts[i * CK__COUNT + k]);
		}
	}
	free(counts);
}

/* name{kind="..",from="..",to=".."[,from_pid="..",to_pid=".."]} — from and to are each end's
 * service or program (om_names_build), escaped. */
static void pair_labels(const struct om_ctx *c, const char *name, const struct om_pair *p)
{
	sb_printf(c->out, "%s{kind=\"%s\",from=\"", name, chan_kind_name(p->kind));
	om_label_value(c->out, p->from_name, strlen(p->from_name));
	sb_puts(c->out, "\",to=\"");
	om_label_value(c->out, p->to_name, strlen(p->to_name));
	sb_putc(c->out, '"');
	if (c->o->pids)
		sb_printf(c->out, ",from_pid=\"%d\",to_pid=\"%d\"", (int)p->from->pid, (int)p->to->pid);
	sb_putc(c->out, '}');
}

static void pair_chans(const struct om_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->n_pairs; i++) {
		pair_labels(c, name, &c->pairs[i]);
		sb_printf(c->out, " %u\n", c->pairs[i].channels);
	}
}

static void pair_sent(const struct om_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->n_pairs; i++)
		if (c->pairs[i].has_bytes) {
			pair_labels(c, name, &c->pairs[i]);
			sb_printf(c->out, " %llu\n", (unsigned long long)c->pairs[i].sent_bytes);
		}
}

static void pair_queued(const struct om_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->n_pairs; i++)
		if (c->pairs[i].has_queued) {
			pair_labels(c, name, &c->pairs[i]);
			sb_printf(c->out, " %llu\n", (unsigned long long)c->pairs[i].queued);
		}
}

static const struct om_family families[] = {
	{ "ipctop_channels", "gauge", NULL,
	  "Channels (objects two or more parties share) by kind.", false, chans_by_kind, 0 },
	{ "ipctop_processes", "gauge", NULL, "Processes by state.", false, procs_by_state, 0 },
	{ "ipctop_threads", "gauge", NULL, "Threads of the processes counted, by state.", false, threads, 0 },
	{ "ipctop_descriptors", "gauge", NULL, "Open file descriptors by type.", false, fds_by_type, 0 },
	{ "ipctop_snapshot_duration_seconds", "gauge", "seconds",
	  "Time ipctop took to take this snapshot.", false, take_seconds, 0 },
	{ "ipctop_snapshot_timestamp_seconds", "gauge", "seconds",
	  "When this snapshot was taken, in seconds since the Unix epoch.", false, taken_at, 0 },
	{ "ipctop_snapshot_notes", "gauge", NULL,
	  "Things this snapshot could not read (no privilege, malformed input).", false, notes, 0 },
	{ "ipctop_blocked_processes", "gauge", NULL,
	  "Processes whose main thread is blocked, by what it waits on.", false, blocked_by_wait, 0 },
	{ "ipctop_wait_cycles", "gauge", NULL,
	  "Rings of processes each waiting on the next (deadlocks).", false, cycles, 0 },
	{ "ipctop_pair_channels", "gauge", NULL,
	  "Channels through which a process of service or program from can write to one of to, by kind "
	  "(a service: the systemd unit of the process's cgroup; else its program, comm).",
	  false, pair_chans, 0 },
	{ "ipctop_pair_sent_bytes", "gauge", "bytes",
	  "TCP payload from's ends sent to to's over their current connections.", false, pair_sent, 0 },
	{ "ipctop_pair_queued_bytes", "gauge", "bytes",
	  "Bytes from from waiting for to to read (pipes where measured, sockets).", false, pair_queued, 0 },
	{ "ipctop_process_channels", "gauge", NULL,
	  "Channels each process holds, by kind (--metrics-pids).", true, proc_chans, 0 },
	{ "ipctop_program_cpu_seconds", "counter", "seconds",
	  "CPU time (user and system) of the listed processes of each program (comm). Drops, a "
	  "counter reset to Prometheus, when one of them ends.", false, NULL, OMC_CPU },
	{ "ipctop_program_context_switches", "counter", NULL,
	  "Context switches of the main threads of each program's processes (/proc/PID/status), "
	  "by kind. Drops, a counter reset to Prometheus, when one of them ends.", false, NULL, OMC_CTXT },
	{ "ipctop_program_io_bytes", "counter", "bytes",
	  "Bytes each program's processes passed to read and write system calls (rchar and wchar of "
	  "/proc/PID/io, where readable). Drops, a counter reset to Prometheus, when one of them ends.",
	  false, NULL, OMC_IO },
	{ "ipctop_process_cpu_seconds", "counter", "seconds",
	  "CPU time (user and system) of each process (--metrics-pids); reset when its pid is reused.",
	  true, NULL, OMC_CPU },
	{ "ipctop_process_context_switches", "counter", NULL,
	  "Context switches of each process's main thread, by kind (--metrics-pids); reset when its "
	  "pid is reused.", true, NULL, OMC_CTXT },
	{ "ipctop_process_io_bytes", "counter", "bytes",
	  "Bytes each process passed to read and write system calls (rchar and wchar, where readable; "
	  "--metrics-pids); reset when its pid is reused.", true, NULL, OMC_IO },
};

/* The metadata lines of a family; sample gets the name its samples carry. OpenMetrics names a
 * counter family without the "_total" its samples add; Prometheus's text format (prom_text)
 * names it as its samples, and has no UNIT line. */
static void family_head(struct strbuf *out, const struct om_family *f, bool prom_text,
                        char *sample, size_t size)
{
	bool counter = !strcmp(f->type, "counter");
	snprintf(sample, size, "%s%s", f->name, counter ? "_total" : "");
	const char *meta = prom_text ? sample : f->name;
	sb_printf(out, "# TYPE %s %s\n", meta, f->type);
	if (f->unit && !prom_text)
		sb_printf(out, "# UNIT %s %s\n", meta, f->unit);
	sb_printf(out, "# HELP %s %s\n", meta, f->help);
}

void openmetrics_families(struct strbuf *out, const struct snapshot *s,
                          const struct snap_selection *sel, const struct om_opts *o)
{
	struct om_ctx c = { out, s, sel, o, NULL, 0 };
	char sample[96];
	char **names = om_names_build(s, sel);
	c.n_pairs = om_pairs_build(s, sel, names, o->pids, &c.pairs);
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		const struct om_family *f = &families[i];
		if (f->pids_only && !o->pids)
			continue;
		family_head(out, f, o->prom_text, sample, sizeof(sample));
		if (f->samples)
			f->samples(&c, sample);
		else
			om_counter_samples(out, s, sel, f->counter, f->pids_only, sample);
	}
	free(c.pairs);
	om_names_free(names, s->n_procs);
}

void openmetrics_serve_counts(struct strbuf *out, uint64_t scrapes, uint64_t snapshots,
                              bool prom_text)
{
	static const struct om_family serve[] = {
		{ "ipctop_scrapes", "counter", NULL,
		  "Requests for /metrics this ipctop --serve answered; reset when it restarts.",
		  false, NULL, 0 },
		{ "ipctop_snapshots", "counter", NULL,
		  "Snapshots this ipctop --serve took (a scrape within -d of the last one reuses it); "
		  "reset when it restarts.", false, NULL, 0 },
	};
	char sample[96];
	family_head(out, &serve[0], prom_text, sample, sizeof(sample));
	sb_printf(out, "%s %llu\n", sample, (unsigned long long)scrapes);
	family_head(out, &serve[1], prom_text, sample, sizeof(sample));
	sb_printf(out, "%s %llu\n", sample, (unsigned long long)snapshots);
}

void openmetrics_end(struct strbuf *out, bool prom_text)
{
	if (!prom_text)
		sb_puts(out, "# EOF\n");
}

void openmetrics_build(struct strbuf *out, const struct snapshot *s,
                       const struct snap_selection *sel, const struct om_opts *o)
{
	openmetrics_families(out, s, sel, o);
	openmetrics_end(out, o->prom_text);
}
