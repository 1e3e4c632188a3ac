/* export_json.c — the --json document: header, processes, channels, SysV IPC rows and notes;
 * only what the selection (model/snap_filter.h: -u, -p, --kind) keeps. */
#include "export/export_json.h"

#include <stdlib.h>

#include "config.h"
#include "export/export_json_int.h"
#include "model/format_addr.h"
#include "util/xalloc.h"

void json_write_name_or_num(struct json_writer *w, const char *name, long long num)
{
	if (name)
		jw_clean_str(w, name);
	else
		jw_i64(w, num);
}

static bool proc_index_ok(const struct snapshot *s, int32_t idx)
{
	return idx >= 0 && (size_t)idx < s->n_procs;
}

static void write_header(struct json_writer *w, const struct snapshot *s)
{
	jw_key(w, "ipctop");
	jw_object_begin(w);
	jw_kv_clean(w, "version", PACKAGE_VERSION);
	jw_kv_i64(w, "schema", IPCTOP_JSON_SCHEMA);
	jw_object_end(w);
	jw_kv_u64(w, "taken_at_ms", s->taken_ms);
	if (s->has_rates)
		jw_kv_u64(w, "interval_ms", s->rate_interval_ms);

	jw_key(w, "host");
	jw_object_begin(w);
	jw_kv_i64(w, "ncpu", s->sys.ncpu);
	jw_key(w, "load");
	jw_inline_array_begin(w);
	for (int i = 0; i < 3; i++)
		jw_double(w, s->sys.load[i], 2);
	jw_array_end(w);
	jw_kv_u64(w, "mem_total_kib", s->sys.mem_total_kib);
	jw_kv_u64(w, "mem_available_kib", s->sys.mem_avail_kib);
	jw_key(w, "uptime_s");
	jw_double(w, s->sys.uptime_s, 2);
	jw_kv_i64(w, "clock_ticks", s->sys.ticks_per_sec);
	jw_object_end(w);

	jw_key(w, "viewer");
	jw_object_begin(w);
	jw_kv_u64(w, "euid", s->viewer_uid);
	jw_kv_bool(w, "root", s->viewer_root);
	jw_kv_u64(w, "netns", s->own_netns);
	jw_object_end(w);
}

static bool is_socket_kind(enum chan_kind k)
{
	return k == CK_UNIX || k == CK_TCP || k == CK_UDP;
}

static void write_endpoint(struct json_writer *w, const struct snapshot *s, const struct endpoint *e)
{
	jw_object_begin(w);
	if (e->host)
		jw_kv_str(w, "host", e->host);
	jw_kv_i64_or_null(w, "pid", e->pid > 0, e->pid);
	jw_kv_str(w, "comm", proc_index_ok(s, e->proc) ? s->procs[e->proc].comm : NULL);
	jw_kv_i64_or_null(w, "fd", e->fd >= 0, e->fd);
	jw_kv_clean(w, "access", access_name(e->access));
	jw_kv_str(w, "role", e->role);
	if (e->remote)
		jw_kv_str(w, "remote", e->remote);
	if (e->size) {   /* anon_shm: where the process maps the region */
		jw_kv_u64(w, "addr", e->addr);
		jw_kv_u64(w, "size", e->size);
	}
	if (e->has_bytes) {
		jw_kv_u64(w, "tx_bytes", e->tx_bytes);
		jw_kv_u64(w, "rx_bytes", e->rx_bytes);
	}
	if (s->has_rates) {   /* null: no counters (not TCP), or the end is new */
		jw_key(w, "tx_bytes_per_s");
		jw_double(w, e->tx_per_s, 1);
		jw_key(w, "rx_bytes_per_s");
		jw_double(w, e->rx_per_s, 1);
		jw_key(w, "drops_per_s");   /* null: no drop counter (not UDP or UNIX), or new */
		jw_double(w, e->drops_per_s, 1);
	}
	if (e->sock >= 0 && (size_t)e->sock < s->n_socks) {
		jw_key(w, "socket");
		json_write_sock(w, s, &s->socks[e->sock]);
	}
	jw_object_end(w);
}

static void write_chan_sysv(struct json_writer *w, const struct snapshot *s, const struct channel *ch)
{
	if (ch->kind == CK_SYSV_SHM && ch->sysv >= 0 && (size_t)ch->sysv < s->n_shm) {
		jw_key(w, "sysv");
		json_write_shm_row(w, &s->shm[ch->sysv]);
	} else if (ch->kind == CK_SYSV_MSG && ch->sysv >= 0 && (size_t)ch->sysv < s->n_msg) {
		jw_key(w, "sysv");
		json_write_msg_row(w, &s->msg[ch->sysv]);
	}
}

/* The label by its rule (a UNIX socket's name as in its socket object), or null. */
static void write_label(struct json_writer *w, const struct snapshot *s, const struct channel *ch)
{
	struct strbuf sb = STRBUF_INIT;
	jw_key(w, "label");
	if (format_chan_label(&sb, s, ch))
		jw_clean_strn(w, sb_str(&sb), sb.len);
	else
		jw_null(w);
	sb_free(&sb);
}

/* Pipes and FIFOs: bytes queued and buffer size; POSIX queues: messages and their limit; null
 * where not measured (not root, or the holder went away). */
static void write_fill(struct json_writer *w, const struct channel *ch)
{
	bool pipe = ch->kind == CK_PIPE || ch->kind == CK_FIFO;
	if (!pipe && ch->kind != CK_POSIX_MQ)
		return;
	jw_kv_i64_or_null(w, pipe ? "queued_bytes" : "queued_messages",
	                  ch->queued_known && (int64_t)ch->queued >= 0, (int64_t)ch->queued);
	jw_kv_i64_or_null(w, pipe ? "capacity_bytes" : "capacity_messages",
	                  ch->queued_known && ch->capacity >= 0, ch->capacity);
}

/* What it reads is fed to export_json_chan_stamp too (the recorder skips a channel whose
 * stamp did not move): keep export_json_stamp.c in step. */
static void write_channel(struct json_writer *w, const struct snapshot *s, const struct channel *ch)
{
	jw_object_begin(w);
	jw_kv_clean(w, "kind", chan_kind_name(ch->kind));
	jw_kv_str(w, "id", ch->id);
	write_label(w, s, ch);
	if (is_socket_kind(ch->kind))
		jw_kv_u64(w, "netns", ch->netns);
	if (ch->queued_known && ch->queued)
		jw_kv_u64(w, "queued", ch->queued);
	write_fill(w, ch);
	if (ch->bytes)
		jw_kv_u64(w, "bytes", ch->bytes);
	if (ch->one_ended)
		jw_kv_bool(w, "one_ended", true);
	write_chan_sysv(w, s, ch);
	jw_key(w, "endpoints");
	jw_array_begin(w);
	for (size_t e = 0; e < ch->n_ep; e++)
		write_endpoint(w, s, &ch->ep[e]);
	jw_array_end(w);
	jw_object_end(w);
}

static void write_ipc(struct json_writer *w, const struct snapshot *s)
{
	jw_key(w, "ipc");
	jw_object_begin(w);
	jw_key(w, "sysv_shm");
	jw_array_begin(w);
	for (size_t i = 0; i < s->n_shm; i++)
		json_write_shm_row(w, &s->shm[i]);
	jw_array_end(w);
	jw_key(w, "sysv_msg");
	jw_array_begin(w);
	for (size_t i = 0; i < s->n_msg; i++)
		json_write_msg_row(w, &s->msg[i]);
	jw_array_end(w);
	jw_key(w, "sysv_sem");
	jw_array_begin(w);
	for (size_t i = 0; i < s->n_sem; i++)
		json_write_sem_row(w, &s->sem[i]);
	jw_array_end(w);
	jw_object_end(w);
}

static void write_body(struct json_writer *w, const struct snapshot *s,
                       const struct snap_selection *sel, struct export_json_marks *m)
{
	struct proc_traffic *tr = NULL;   /* IPC/s and BUSIEST of the list, with --interval */
	if (s->has_rates && s->n_procs) {
		tr = xcalloc(s->n_procs, sizeof(*tr));
		proc_traffic_compute(s, tr);
	}
	jw_key(w, "processes");
	jw_array_begin(w);
	m->procs[0] = jw_offset(w);
	for (size_t i = 0; i < s->n_procs; i++)
		if (sel->proc_listed[i])
			json_write_proc(w, s, &s->procs[i], tr ? &tr[i] : NULL,
			                sel->proc_chosen[i] && (s->procs[i].flags & PF_DETAIL));
	m->procs[1] = jw_offset(w);
	jw_array_end(w);
	free(tr);
	jw_key(w, "channels");
	jw_array_begin(w);
	m->chans[0] = jw_offset(w);
	for (size_t c = 0; c < s->n_chans; c++)
		if (sel->chan_kept[c])
			write_channel(w, s, &s->chans[c]);
	m->chans[1] = jw_offset(w);
	jw_array_end(w);
	write_ipc(w, s);
	json_write_wait_cycles(w, s);
	jw_key(w, "notes");
	jw_array_begin(w);
	for (size_t i = 0; i < s->n_notes; i++)
		jw_str(w, s->notes[i].text);
	jw_array_end(w);
}

int export_json(FILE *f, const struct snapshot *s, const struct snap_selection *sel, bool pretty)
{
	struct export_json_marks m;
	return export_json_marked(f, s, sel, pretty, &m);
}

int export_json_marked(FILE *f, const struct snapshot *s, const struct snap_selection *sel,
                       bool pretty, struct export_json_marks *m)
{
	struct json_writer w;
	jw_init(&w, f, pretty);
	jw_object_begin(&w);
	write_header(&w, s);
	write_body(&w, s, sel, m);
	jw_object_end(&w);
	return jw_finish(&w);
}
