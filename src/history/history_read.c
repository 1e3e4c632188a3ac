/* history_read.c — --replay: a recording opened and checked, the sample at a time found, and
 * the snapshot of that sample rebuilt: the header, each live process's last state and counters
 * and each live channel's last state, joined into an ipctop --json document that the snapshot
 * reader (source/snap_json.h) turns back into a snapshot. A row lives from its first_sample to
 * its last_sample, or, when that is NULL (schema 3), to the recording's last sample: a row
 * left open by a recorder that stopped, or was killed, was alive at the last sample written. */
#include "history/history_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "history/history_time.h"
#include "source/snap_json.h"
#include "util/xalloc.h"

int history_open(const char *path, struct history_reader **out, struct strbuf *err)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size == 0) {
		sb_printf(err, "%s: not an ipctop recording (%s)", path,
		          S_ISREG(sb.st_mode) ? "empty file" : "not a regular file");
		return -1;
	}
	struct history_reader *r = xcalloc(1, sizeof(*r));
	struct strbuf why = STRBUF_INIT;
	/* read-write when allowed: a recording left by a killed recorder gets its WAL recovered */
	if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(r->db);
		r->db = NULL;
		if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			hist_fail(r->db, "opening", &why);
	}
	if (why.len == 0) {
		sqlite3_busy_timeout(r->db, 5000);
		hist_schema_check(r->db, &r->schema, &why);
	}
	if (why.len == 0) {
		*out = r;
		return 0;
	}
	sb_printf(err, "%s: %s", path, sb_str(&why));
	sb_free(&why);
	history_close_reader(r);
	return -1;
}

void history_close_reader(struct history_reader *r)
{
	if (!r)
		return;
	sqlite3_close(r->db);
	free(r);
}

/* One number from a query with one parameter (or none: p < 0). 1 a row, 0 none, -1 error. */
static int query_double(sqlite3 *db, const char *sql, double p, double *out, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, sql, err);
	if (!st)
		return -1;
	if (p >= 0)
		sqlite3_bind_double(st, 1, p);
	int r = hist_row(db, st, err);
	if (r == 1 && sqlite3_column_type(st, 0) == SQLITE_NULL)
		r = 0;
	if (r == 1)
		*out = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return r;
}

int history_find(struct history_reader *r, const char *when, int64_t *sample, struct strbuf *err)
{
	double first, t, id;
	int q = query_double(r->db, "SELECT MIN(time) FROM sample", -1, &first, err);
	if (q <= 0) {
		if (q == 0)
			sb_puts(err, "the recording holds no sample");
		return -1;
	}
	if (!hist_parse_time(when, first, &t)) {
		sb_printf(err, "invalid time '%s' (YYYY-MM-DD HH:MM:SS, HH:MM:SS or epoch seconds)", when);
		return -1;
	}
	if (!strchr(when, '.'))   /* a whole second: any sample taken within it */
		t += 0.999;
	q = query_double(r->db, "SELECT id FROM sample WHERE time <= ?1 ORDER BY time DESC, id DESC"
	                 " LIMIT 1", t, &id, err);
	if (q == 0) {
		char text[64];
		hist_format_time(first, text, sizeof(text));
		sb_printf(err, "'%s' is before the recording's first sample (%s)", when, text);
	}
	if (q <= 0)
		return -1;
	*sample = (int64_t)id;
	return 0;
}

static json_t *load_blob(sqlite3_stmt *st, int col, struct strbuf *err)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	json_error_t je;
	json_t *o = text ? json_loads(text, JSON_REJECT_DUPLICATES, &je) : NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		sb_puts(err, "damaged recording: a stored state is missing or not a JSON object");
		return NULL;
	}
	return o;
}

static void set_int_col(json_t *o, const char *key, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
		json_object_set_new(o, key, json_integer(sqlite3_column_int64(st, col)));
}

static const char sql_header[] =
	"SELECT s.time, s.load1, s.load5, s.load15, s.mem_available_kib, s.uptime_s, b.json"
	" FROM sample s LEFT JOIN blob b ON b.id = s.header WHERE s.id = ?1";

static json_t *read_header(sqlite3 *db, int64_t sample, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, sql_header, err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, sample);
	json_t *doc = NULL;
	int r = hist_row(db, st, err);
	if (r == 0)
		sb_printf(err, "no sample %lld", (long long)sample);
	if (r == 1 && (doc = load_blob(st, 6, err))) {
		json_object_set_new(doc, "taken_at_ms", json_integer(llround(sqlite3_column_double(st, 0) * 1000)));
		json_t *host = json_object_get(doc, "host");
		json_object_set_new(host, "load", json_pack("[fff]", sqlite3_column_double(st, 1),
		                    sqlite3_column_double(st, 2), sqlite3_column_double(st, 3)));
		set_int_col(host, "mem_available_kib", st, 4);
		json_object_set_new(host, "uptime_s", json_real(sqlite3_column_double(st, 5)));
	}
	sqlite3_finalize(st);
	return doc;
}

static const char sql_procs[] =
	"SELECT (SELECT b.json FROM proc_state ps JOIN blob b ON b.id = ps.blob"
	"        WHERE ps.process = p.id AND ps.sample <= ?1 ORDER BY ps.sample DESC LIMIT 1),"
	" c.utime, c.stime, c.rss_kib, c.vsize, c.vcsw, c.icsw"
	" FROM process p LEFT JOIN proc_counter c ON c.process = p.id AND c.sample ="
	"   (SELECT MAX(sample) FROM proc_counter WHERE process = p.id AND sample <= ?1)"
	" WHERE p.first_sample <= ?1 AND (p.last_sample IS NULL OR p.last_sample >= ?1)"
	" ORDER BY p.pid";

static const char sql_chans[] =
	"SELECT (SELECT b.json FROM chan_state cs JOIN blob b ON b.id = cs.blob"
	"        WHERE cs.channel = c.id AND cs.sample <= ?1 ORDER BY cs.sample DESC LIMIT 1)"
	" FROM channel c WHERE c.first_sample <= ?1 AND (c.last_sample IS NULL OR c.last_sample >= ?1)"
	" ORDER BY c.id";

static void add_counters(json_t *p, sqlite3_stmt *st)
{
	static const char *const keys[] = { "utime_ticks", "stime_ticks", "rss_kib", "vsize_bytes" };
	for (int i = 0; i < 4; i++)
		set_int_col(p, keys[i], st, 1 + i);
	json_t *ctx = json_object();
	set_int_col(ctx, "voluntary", st, 5);
	set_int_col(ctx, "involuntary", st, 6);
	json_object_set_new(p, "ctxt_switches", ctx);
}

/* Every row of sql at sample as a JSON object (with counters for processes), into an array. */
static json_t *read_rows(sqlite3 *db, const char *sql, int64_t sample, bool counters,
                         struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, sql, err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, sample);
	json_t *arr = json_array();
	int r;
	while ((r = hist_row(db, st, err)) == 1) {
		json_t *o = load_blob(st, 0, err);
		if (!o)
			break;
		if (counters)
			add_counters(o, st);
		json_array_append_new(arr, o);
	}
	sqlite3_finalize(st);
	if (r != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int history_rebuild(struct history_reader *r, int64_t sample, struct snapshot *s, struct strbuf *err)
{
	json_t *doc = read_header(r->db, sample, err);
	json_t *procs = doc ? read_rows(r->db, sql_procs, sample, true, err) : NULL;
	json_t *chans = procs ? read_rows(r->db, sql_chans, sample, false, err) : NULL;
	int ret = -1;
	if (chans) {
		json_object_set(doc, "processes", procs);
		json_object_set(doc, "channels", chans);
		char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
		char name[64];
		snprintf(name, sizeof(name), "sample %lld", (long long)sample);
		ret = text ? snap_json_read(s, text, strlen(text), name, err) : -1;
		free(text);
		if (ret == 0 && r->schema >= 2)
			ret = hist_read_figures(r->db, sample, s, err);
	}
	json_decref(procs);
	json_decref(chans);
	json_decref(doc);
	return ret;
}

int history_samples(struct history_reader *r, struct history_sample **out, size_t *n,
                    struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(r->db, "SELECT id, time FROM sample ORDER BY time, id", err);
	if (!st)
		return -1;
	struct history_sample *v = NULL;
	size_t len = 0, cap = 0;
	int q;
	while ((q = hist_row(r->db, st, err)) == 1) {
		if (len == cap) {
			cap = cap ? 2 * cap : 64;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len++] = (struct history_sample){ sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1) };
	}
	sqlite3_finalize(st);
	if (q < 0 || len == 0) {
		if (q == 0)
			sb_puts(err, "the recording holds no sample");
		free(v);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}
