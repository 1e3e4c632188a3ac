/* history_write_proc.c — one sample's processes into the recording. Each process object's
 * text is split into its counters and its state (the rest) without parsing it into a tree, and
 * compared with what the live set (history_live.h) holds of the last sample: a row in table
 * process when it begins, a state row when the state's hash changed, a counter row when a
 * counter moved; a process not seen again gets its last_sample. */
#include "history/history_int.h"
#include "history/history_doc.h"
#include "history/history_text.h"

#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"

/* The process object's counters (left out of its state), as history_read.c puts them back. */
static const char *const counter_keys[PC__COUNT] = {
	"utime_ticks", "stime_ticks", "rss_kib", "vsize_bytes", "voluntary", "involuntary",
};

/* When m is counter i for some i in [from, to): its value into c (null: left unset), true. */
static bool take_counter(const struct htext_member *m, int from, int to, struct hist_counters *c)
{
	for (int i = from; i < to; i++)
		if (hist_text_is(m, counter_keys[i])) {
			if (hist_text_int(m, &c->v[i]))
				c->have |= 1u << i;
			return true;
		}
	return false;
}

/* ctxt_switches: {"voluntary":N,"involuntary":N}. */
static bool take_switches(const struct htext_member *m, struct hist_counters *c)
{
	size_t at = 1;
	bool bad = false;
	struct htext_member in;
	if (m->val[0] != '{')
		return m->val_len == 4 && memcmp(m->val, "null", 4) == 0;
	while (hist_text_member(m->val, m->val_len, &at, &in, &bad))
		take_counter(&in, PC_VCSW, PC__COUNT, c);
	return !bad;
}

/* The process object at o (at most len bytes; its own length into *obj_len) split: its state
 * (every member but the counters and started_at_ms, which moves by a millisecond or so from
 * one sample to the next and which a replay computes from start_ticks) into state, its
 * counters into c, its pid and start. */
static bool split_proc(const char *o, size_t len, size_t *obj_len, struct strbuf *state,
                       struct hist_counters *c, int64_t *pid, int64_t *start)
{
	size_t at = 1;
	bool bad = false, has_pid = false;
	struct htext_member m;
	memset(c, 0, sizeof(*c));
	*start = 0;
	sb_reset(state);
	sb_putc(state, '{');
	while (!bad && hist_text_member(o, len, &at, &m, &bad)) {
		if (hist_text_is(&m, "ctxt_switches"))
			bad = !take_switches(&m, c);
		if (hist_text_is(&m, "ctxt_switches") || hist_text_is(&m, "started_at_ms") ||
		    take_counter(&m, PC_UTIME, PC_VCSW, c))
			continue;
		if (hist_text_is(&m, "pid"))
			has_pid = hist_text_int(&m, pid);
		else if (hist_text_is(&m, "start_ticks"))
			hist_text_int(&m, start);
		hist_text_put(state, 1, &m);
	}
	sb_putc(state, '}');
	*obj_len = at + 1;
	return !bad && has_pid && len > 0 && o[0] == '{' && at < len;
}

/* The program path of process pid in the snapshot (not in its JSON), escaped as names are;
 * NULL when it was not read (a kernel thread, another user's process). */
static void bind_exe(struct history_writer *w, sqlite3_stmt *st, int i, int64_t pid)
{
	const struct proc_info *p = snapshot_find_proc(w->snap, (pid_t)pid);
	if (!p || !p->exe) {
		sqlite3_bind_null(st, i);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	esc_append(&sb, p->exe, strlen(p->exe));
	sqlite3_bind_text(st, i, sb_str(&sb), (int)sb.len, SQLITE_TRANSIENT);
	sb_free(&sb);
}

static void bind_jint(sqlite3_stmt *st, int i, json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(st, i, json_integer_value(v));
	else
		sqlite3_bind_null(st, i);
}

/* A new process's row, from its state (parsed: a process is new once). */
static int64_t process_row(struct history_writer *w, const char *state, struct strbuf *err)
{
	json_error_t je;
	json_t *p = json_loads(state, 0, &je);
	if (!json_is_object(p)) {
		json_decref(p);
		sb_puts(err, "a process's JSON could not be read back");
		return -1;
	}
	sqlite3_stmt *st = w->st[WS_PROC_INS];
	bind_jint(st, 1, json_object_get(p, "pid"));
	bind_jint(st, 2, json_object_get(p, "start_ticks"));
	hist_bind_text(st, 3, hist_jstr(p, "comm"));
	bind_exe(w, st, 4, json_integer_value(json_object_get(p, "pid")));
	hist_bind_text(st, 5, hist_jstr(p, "cmdline"));
	bind_jint(st, 6, json_object_get(p, "uid"));
	hist_bind_text(st, 7, hist_jstr(p, "user"));
	sqlite3_bind_int64(st, 8, w->sample);
	json_decref(p);
	return hist_run(w->db, st, err) < 0 ? -1 : sqlite3_last_insert_rowid(w->db);
}

static bool same_counters(const struct hist_counters *a, const struct hist_counters *b)
{
	if (a->have != b->have)
		return false;
	for (int i = 0; i < PC__COUNT; i++)
		if ((a->have & (1u << i)) && a->v[i] != b->v[i])
			return false;
	return true;
}

static int write_counters(struct history_writer *w, struct hist_live_row *r,
                          const struct hist_counters *c, struct strbuf *err)
{
	if (r->ctr_stored && same_counters(&r->ctr, c))
		return 0;
	sqlite3_stmt *st = w->st[WS_PCOUNT_INS];
	sqlite3_bind_int64(st, 1, r->row);
	sqlite3_bind_int64(st, 2, w->sample);
	for (int i = 0; i < PC__COUNT; i++)
		if (c->have & (1u << i))
			sqlite3_bind_int64(st, 3 + i, c->v[i]);
		else
			sqlite3_bind_null(st, 3 + i);
	r->ctr = *c;
	r->ctr_stored = true;
	return hist_run(w->db, st, err);
}

/* A state row (owner, sample, blob of text) when text's hash differs from the owner's last. */
int hist_write_state(struct history_writer *w, int ins, struct hist_live_row *r, const char *text,
                     size_t len, uint64_t hash, struct strbuf *err)
{
	if (hash == r->state)
		return 0;
	int64_t blob = hist_blob_text(w, text, err);
	if (blob < 0)
		return -1;
	sqlite3_stmt *st = w->st[ins];
	sqlite3_bind_int64(st, 1, r->row);
	sqlite3_bind_int64(st, 2, w->sample);
	sqlite3_bind_int64(st, 3, blob);
	r->state = hash;
	return hist_run(w->db, st, err);
}

static int write_proc(struct history_writer *w, const char *o, size_t avail, size_t *len,
                      struct strbuf *err)
{
	struct hist_counters c;
	int64_t pid, start;
	if (!split_proc(o, avail, len, &w->text, &c, &pid, &start)) {
		sb_puts(err, "a process's JSON is not as expected");
		return -1;
	}
	struct hist_live_row *r = hist_live_get(&w->procs, hist_live_proc_key(pid, start));
	if (r->seen == w->sample)
		return 0;   /* twice in one snapshot (never): kept once */
	if (r->row == 0 && (r->row = process_row(w, sb_str(&w->text), err)) < 0)
		return -1;
	r->seen = w->sample;
	if (write_counters(w, r, &c, err) < 0)
		return -1;
	return hist_write_state(w, WS_PSTATE_INS, r, sb_str(&w->text), w->text.len,
	                        hist_state_hash(sb_str(&w->text), w->text.len), err);
}

/* A row the sample did not see: it ended at the one before. */
int hist_end_row(struct history_writer *w, int end, int64_t row, struct strbuf *err)
{
	sqlite3_stmt *st = w->st[end];
	sqlite3_bind_int64(st, 1, row);
	sqlite3_bind_int64(st, 2, w->prev);
	return hist_run(w->db, st, err);
}

static int end_proc(void *ctx, struct hist_live_row *r)
{
	struct hist_end_ctx *e = ctx;
	return hist_end_row(e->w, WS_PROC_END, r->row, e->err);
}

int hist_write_procs(struct history_writer *w, struct hist_doc *d, struct strbuf *err)
{
	return hist_write_each(w, d, d->procs, write_proc, &w->procs, end_proc, err);
}

int64_t hist_proc_row_of(struct history_writer *w, int64_t pid)
{
	const struct proc_info *p = snapshot_find_proc(w->snap, (pid_t)pid);
	struct hist_live_row *r = p ? hist_live_find(&w->procs, hist_live_proc_key(pid, (int64_t)p->start_time)) : NULL;
	return r && r->seen == w->sample ? r->row : 0;
}
