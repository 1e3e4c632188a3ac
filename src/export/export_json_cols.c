/* export_json_cols.c — the members of a process object that carry the values of the process
 * list's columns the PCB members do not already hold as such (ipctop(1), JSON OUTPUT, "The
 * process list's columns"): terminal name, program path, shared memory, memory share, start
 * on the wall clock, service; with --interval, CPU%, context switches, channel traffic and the busiest
 * channel per second. */
#include "export/export_json_int.h"

#include <math.h>

#include "model/cgroup_service.h"
#include "model/proc_figures.h"

static void write_busiest(struct json_writer *w, const struct snapshot *s, const struct proc_traffic *t)
{
	jw_key(w, "busiest");
	if (!t || t->busiest < 0 || (size_t)t->busiest >= s->n_chans) {
		jw_null(w);
		return;
	}
	jw_object_begin(w);
	jw_kv_str(w, "channel", s->chans[t->busiest].id);
	jw_kv_clean(w, "kind", chan_kind_name(s->chans[t->busiest].kind));
	jw_kv_double(w, "bytes_per_s", t->busiest_rate, 1);
	jw_kv_i64_or_null(w, "peer_pid", t->peer > 0, t->peer);
	jw_kv_str(w, "remote", t->remote);   /* null when NULL */
	jw_object_end(w);
}

/* --interval: CPU%, context switches, traffic over the channels (null where unknown). */
static void write_col_rates(struct json_writer *w, const struct snapshot *s, const struct proc_info *p,
                            const struct proc_traffic *t)
{
	jw_kv_double(w, "cpu_percent", p->run_rate.cpu_pct, 1);
	jw_kv_double(w, "voluntary_switches_per_s", p->run_rate.vcsw, 1);
	jw_kv_double(w, "involuntary_switches_per_s", p->run_rate.icsw, 1);
	jw_kv_double(w, "ipc_bytes_per_s", t ? t->ipc : NAN, 1);
	write_busiest(w, s, t);
}

void json_write_proc_cols(struct json_writer *w, const struct snapshot *s, const struct proc_info *p,
                          const struct proc_traffic *t)
{
	char tty[32];
	tty_name(p->tty_nr, tty, sizeof tty);
	jw_kv_str(w, "tty", p->tty_nr ? tty : NULL);
	jw_kv_str(w, "exe", p->exe);
	jw_kv_u64_or_null(w, "shr_kib", p->flags & PF_SHR, p->shr_kib);
	jw_kv_double(w, "mem_percent", proc_mem_percent(s, p), 1);
	uint64_t started = proc_started_ms(s, p);
	jw_kv_u64_or_null(w, "started_at_ms", started != 0, started);
	char unit[CGROUP_SERVICE_MAX];
	jw_kv_str(w, "service", cgroup_service_shown(p->cgroup, unit));
	if (s->has_rates)
		write_col_rates(w, s, p, t);
}
