/* history_write_ent.c — one sample's processes and channels into the recording: a row per
 * process life (pid and start time) and per channel, whose last_sample moves on while it lives;
 * a state or counter row only when it changed since the last one; an endpoint row per hold of a
 * channel (with its addresses in columns, for SQL). */
#include "history/history_int.h"
#include "history/history_doc.h"

#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"
#include "util/u64map.h"
#include "util/xalloc.h"

static const char *const counter_keys[PC__COUNT] = {
	"utime_ticks", "stime_ticks", "rss_kib", "vsize_bytes", "voluntary", "involuntary",
};

static void bind_jint(sqlite3_stmt *st, int i, json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(st, i, json_integer_value(v));
	else
		sqlite3_bind_null(st, i);
}

/* The row of an entity alive in the previous sample (find is bound but for its parameter
 * prev_at), moved on to this sample; 0 when none; -1 error. */
static int64_t carry(struct history_writer *w, sqlite3_stmt *find, int prev_at, sqlite3_stmt *seen,
                     struct strbuf *err)
{
	sqlite3_bind_int64(find, prev_at, w->prev);
	int r = hist_row(w->db, find, err);
	int64_t id = r == 1 ? sqlite3_column_int64(find, 0) : 0;
	sqlite3_reset(find);
	if (r <= 0)
		return r;
	sqlite3_bind_int64(seen, 1, id);
	sqlite3_bind_int64(seen, 2, w->sample);
	return hist_run(w->db, seen, err) < 0 ? -1 : id;
}

/* A state row (owner, sample, blob) when blob differs from the owner's last one. */
static int state_if_changed(struct history_writer *w, int last, int ins, int64_t owner, int64_t blob,
                            struct strbuf *err)
{
	sqlite3_stmt *q = w->st[last];
	sqlite3_bind_int64(q, 1, owner);
	int r = hist_row(w->db, q, err);
	bool same = r == 1 && sqlite3_column_int64(q, 0) == blob;
	sqlite3_reset(q);
	if (r < 0 || same)
		return r < 0 ? -1 : 0;
	sqlite3_stmt *st = w->st[ins];
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int64(st, 2, w->sample);
	sqlite3_bind_int64(st, 3, blob);
	return hist_run(w->db, st, err);
}

/* The counters, taken out of the process object; a row when one moved. */
static int write_counters(struct history_writer *w, int64_t id, json_t *p, struct strbuf *err)
{
	json_t *ctx = json_object_get(p, "ctxt_switches");
	json_t *v[PC__COUNT];
	for (int i = 0; i < PC__COUNT; i++)
		v[i] = json_incref(json_object_get(i >= PC_VCSW ? ctx : p, counter_keys[i]));
	for (int i = 0; i < PC_VCSW; i++)
		json_object_del(p, counter_keys[i]);
	json_object_del(p, "ctxt_switches");
	sqlite3_stmt *q = w->st[WS_PCOUNT_LAST];
	sqlite3_bind_int64(q, 1, id);
	int r = hist_row(w->db, q, err);
	bool same = r == 1;
	for (int i = 0; i < PC__COUNT && same; i++)
		same = json_is_integer(v[i]) ? sqlite3_column_type(q, i) == SQLITE_INTEGER &&
			sqlite3_column_int64(q, i) == json_integer_value(v[i]) :
			sqlite3_column_type(q, i) == SQLITE_NULL;
	sqlite3_reset(q);
	if (r >= 0 && !same) {
		sqlite3_stmt *st = w->st[WS_PCOUNT_INS];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, w->sample);
		for (int i = 0; i < PC__COUNT; i++)
			bind_jint(st, 3 + i, v[i]);
		r = hist_run(w->db, st, err);
	}
	for (int i = 0; i < PC__COUNT; i++)
		json_decref(v[i]);
	return r < 0 ? -1 : 0;
}

/* The program path of process pid in the snapshot (not in its JSON), escaped as names are;
 * NULL when it was not read (a kernel thread, another user's process). */
static void bind_exe(struct history_writer *w, sqlite3_stmt *st, int i, json_t *pid)
{
	const struct proc_info *p = json_is_integer(pid) ?
		snapshot_find_proc(w->snap, (pid_t)json_integer_value(pid)) : NULL;
	if (!p || !p->exe) {
		sqlite3_bind_null(st, i);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	esc_append(&sb, p->exe, strlen(p->exe));
	sqlite3_bind_text(st, i, sb_str(&sb), (int)sb.len, SQLITE_TRANSIENT);
	sb_free(&sb);
}

static int64_t process_row(struct history_writer *w, json_t *p, struct strbuf *err)
{
	sqlite3_stmt *find = w->st[WS_PROC_FIND];
	bind_jint(find, 1, json_object_get(p, "pid"));
	bind_jint(find, 2, json_object_get(p, "start_ticks"));
	int64_t id = carry(w, find, 3, w->st[WS_PROC_SEEN], err);
	if (id != 0)
		return id;
	sqlite3_stmt *st = w->st[WS_PROC_INS];
	bind_jint(st, 1, json_object_get(p, "pid"));
	bind_jint(st, 2, json_object_get(p, "start_ticks"));
	hist_bind_text(st, 3, hist_jstr(p, "comm"));
	bind_exe(w, st, 4, json_object_get(p, "pid"));
	hist_bind_text(st, 5, hist_jstr(p, "cmdline"));
	bind_jint(st, 6, json_object_get(p, "uid"));
	hist_bind_text(st, 7, hist_jstr(p, "user"));
	sqlite3_bind_int64(st, 8, w->sample);
	return hist_run(w->db, st, err) < 0 ? -1 : sqlite3_last_insert_rowid(w->db);
}

/* write(w, item) for each object of the document's range; 0, or -1 with err. */
static int each_item(struct history_writer *w, struct hist_doc *d, const size_t range[2],
                     int (*write)(struct history_writer *, json_t *, struct strbuf *),
                     struct strbuf *err)
{
	size_t at = range[0], had = err->len;
	json_t *o;
	int r = 0;
	while (r == 0 && (o = hist_doc_next(d, &at, range[1], err))) {
		r = write(w, o, err);
		json_decref(o);
	}
	return r < 0 || err->len > had ? -1 : 0;
}

/* One process: its row, counters and state; the pid map for the endpoints. */
static int write_proc(struct history_writer *w, json_t *p, struct strbuf *err)
{
	int64_t id = process_row(w, p, err);
	if (id < 0 || write_counters(w, id, p, err) < 0)
		return -1;
	/* the time taken less the uptime, moved by a millisecond or so from one sample to the
	 * next: kept, it would store every process's state again at every sample. The reader
	 * leaves it out too (the exporters compute it from start_ticks). */
	json_object_del(p, "started_at_ms");
	int64_t blob = hist_blob_json(w, p, err);
	if (blob < 0 || state_if_changed(w, WS_PSTATE_LAST, WS_PSTATE_INS, id, blob, err) < 0)
		return -1;
	if (w->n_proc_ids == w->cap_proc_ids) {
		w->cap_proc_ids = w->cap_proc_ids ? 2 * w->cap_proc_ids : 256;
		w->proc_ids = xrealloc(w->proc_ids, w->cap_proc_ids * sizeof(*w->proc_ids));
	}
	u64map_put(w->pid_map, (uint64_t)json_integer_value(json_object_get(p, "pid")),
	           (int32_t)w->n_proc_ids);
	w->proc_ids[w->n_proc_ids++] = id;
	return 0;
}

int hist_write_procs(struct history_writer *w, struct hist_doc *d, struct strbuf *err)
{
	u64map_free(w->pid_map);
	u64map_init(w->pid_map, w->n_proc_ids + 64);
	w->n_proc_ids = 0;
	return each_item(w, d, d->procs, write_proc, err);
}

/* "127.0.0.1:5432" -> 5432; NULL or no port -> bound NULL. */
static void bind_port(sqlite3_stmt *st, int i, const char *addr)
{
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;
	if (colon && colon[1] && *end == '\0' && port >= 0 && port <= 65535)
		sqlite3_bind_int64(st, i, port);
	else
		sqlite3_bind_null(st, i);
}

static int write_endpoint(struct history_writer *w, int64_t chan, json_t *e, struct strbuf *err)
{
	json_t *sock = json_object_get(e, "socket");
	const char *local = hist_jstr(sock, "local") ?: hist_jstr(sock, "name");
	const char *remote = hist_jstr(e, "remote") ?: hist_jstr(sock, "remote");
	sqlite3_stmt *st[2] = { w->st[WS_EP_FIND], w->st[WS_EP_INS] };
	for (int k = 0; k < 2; k++) {
		sqlite3_bind_int64(st[k], 1, chan);
		bind_jint(st[k], 2, json_object_get(e, "pid"));
		bind_jint(st[k], 3, json_object_get(e, "fd"));
		hist_bind_text(st[k], 4, hist_jstr(e, "access"));
		hist_bind_text(st[k], 5, hist_jstr(e, "role"));
		hist_bind_text(st[k], 6, local);
		hist_bind_text(st[k], 7, remote);
	}
	int64_t id = carry(w, st[0], 8, w->st[WS_EP_SEEN], err);
	if (id != 0)
		return id < 0 ? -1 : 0;
	json_t *pid = json_object_get(e, "pid");
	int32_t at = json_is_integer(pid) ? u64map_get(w->pid_map, (uint64_t)json_integer_value(pid)) : -1;
	if (at >= 0)
		sqlite3_bind_int64(st[1], 9, w->proc_ids[at]);
	else
		sqlite3_bind_null(st[1], 9);
	sqlite3_bind_int64(st[1], 8, w->sample);
	bind_port(st[1], 10, local);
	bind_port(st[1], 11, remote);
	return hist_run(w->db, st[1], err);
}

static int64_t channel_row(struct history_writer *w, json_t *c, struct strbuf *err)
{
	sqlite3_stmt *st[2] = { w->st[WS_CHAN_FIND], w->st[WS_CHAN_INS] };
	for (int k = 0; k < 2; k++) {
		hist_bind_text(st[k], 1 + k, hist_jstr(c, "id"));
		hist_bind_text(st[k], 2 - k, hist_jstr(c, "kind"));
	}
	int64_t id = carry(w, st[0], 3, w->st[WS_CHAN_SEEN], err);
	if (id != 0)
		return id;
	hist_bind_text(st[1], 3, hist_jstr(c, "label"));
	bind_jint(st[1], 4, json_object_get(c, "netns"));
	sqlite3_bind_int64(st[1], 5, w->sample);
	return hist_run(w->db, st[1], err) < 0 ? -1 : sqlite3_last_insert_rowid(w->db);
}

static int write_chan(struct history_writer *w, json_t *c, struct strbuf *err)
{
	int64_t id = channel_row(w, c, err);
	int64_t blob = id < 0 ? -1 : hist_blob_json(w, c, err);
	if (blob < 0 || state_if_changed(w, WS_CSTATE_LAST, WS_CSTATE_INS, id, blob, err) < 0)
		return -1;
	json_t *eps = json_object_get(c, "endpoints");
	for (size_t e = 0; e < json_array_size(eps); e++)
		if (write_endpoint(w, id, json_array_get(eps, e), err) < 0)
			return -1;
	return 0;
}

int hist_write_chans(struct history_writer *w, struct hist_doc *d, struct strbuf *err)
{
	return each_item(w, d, d->chans, write_chan, err);
}
