/* history_limits.c — --record-keep DURATION and --record-max-size SIZE: their values, and the
 * pruning that drops a recording's oldest samples beyond them after each append. A dropped
 * sample's changes are folded into the new first sample: each process, channel and endpoint
 * alive then starts there, with its last state and counters from before. */
#include "history/history_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE_MIN (64 * 1024)   /* less does not hold a sample of an idle machine */

/* digits, then one unit letter of units (each worth mult[i]) or none (worth mult_none) */
static bool parse_amount(const char *s, const char *units, const double *mult, double mult_none,
                         double *out)
{
	size_t digits = strspn(s, "0123456789");
	if (digits == 0 || digits > 12)
		return false;
	double v = strtod(s, NULL), m = mult_none;
	const char *u = s + digits;
	if (*u) {
		const char *at = strchr(units, *u);
		if (!at || u[1] != '\0')
			return false;
		m = mult[at - units];
	}
	*out = v * m;
	return true;
}

bool hist_parse_duration(const char *s, double *seconds)
{
	static const double mult[] = { 1, 60, 3600, 86400 };
	return parse_amount(s, "smhd", mult, 1, seconds) && *seconds > 0;
}

bool hist_parse_size(const char *s, int64_t *bytes)
{
	static const double mult[] = { 1024.0, 1024.0 * 1024, 1024.0 * 1024 * 1024 };
	double v;
	if (!parse_amount(s, "KMG", mult, 1, &v) || v < SIZE_MIN)
		return false;
	*bytes = (int64_t)v;
	return true;
}

/* One integer from sql with ?1 = a (and ?2 = b). -1 on error (err). */
static int64_t query_int(sqlite3 *db, const char *sql, double a, double b, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_double(st, 1, a);
	sqlite3_bind_double(st, 2, b);
	int r = hist_row(db, st, err);
	int64_t v = r == 1 ? sqlite3_column_int64(st, 0) : -1;
	if (r == 0)
		sb_puts(err, "pruning: a query found no row");
	sqlite3_finalize(st);
	return v;
}

/* Sample f becomes the first: in order, what ended before it goes, the last state of what
 * lives on is moved to f, and then the samples and the texts nobody uses any more. */
static const char *const drop_sql[] = {
	"DELETE FROM proc_state WHERE process IN (SELECT id FROM process WHERE last_sample < ?1)",
	"DELETE FROM proc_counter WHERE process IN (SELECT id FROM process WHERE last_sample < ?1)",
	"DELETE FROM process WHERE last_sample < ?1",
	"DELETE FROM chan_state WHERE channel IN (SELECT id FROM channel WHERE last_sample < ?1)",
	"DELETE FROM channel WHERE last_sample < ?1",
	"DELETE FROM endpoint WHERE last_sample < ?1",
	"UPDATE proc_state SET sample = ?1 WHERE sample < ?1 AND sample = (SELECT MAX(sample)"
	" FROM proc_state p WHERE p.process = proc_state.process AND p.sample <= ?1)",
	"DELETE FROM proc_state WHERE sample < ?1",
	"UPDATE proc_counter SET sample = ?1 WHERE sample < ?1 AND sample = (SELECT MAX(sample)"
	" FROM proc_counter p WHERE p.process = proc_counter.process AND p.sample <= ?1)",
	"DELETE FROM proc_counter WHERE sample < ?1",
	"UPDATE chan_state SET sample = ?1 WHERE sample < ?1 AND sample = (SELECT MAX(sample)"
	" FROM chan_state c WHERE c.channel = chan_state.channel AND c.sample <= ?1)",
	"DELETE FROM chan_state WHERE sample < ?1",
	"UPDATE process SET first_sample = ?1 WHERE first_sample < ?1",
	"UPDATE channel SET first_sample = ?1 WHERE first_sample < ?1",
	"UPDATE endpoint SET first_sample = ?1 WHERE first_sample < ?1",
	"DELETE FROM sample_mem WHERE sample < ?1",
	"DELETE FROM cpu_time WHERE sample < ?1",
	"DELETE FROM sample WHERE id < ?1",
	"DELETE FROM blob WHERE id NOT IN (SELECT blob FROM proc_state)"
	" AND id NOT IN (SELECT blob FROM chan_state) AND id NOT IN (SELECT header FROM sample)",
};

static int drop_before(sqlite3 *db, int64_t f, struct strbuf *err)
{
	if (hist_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	int r = 0;
	for (size_t i = 0; i < sizeof(drop_sql) / sizeof(drop_sql[0]) && r == 0; i++) {
		sqlite3_stmt *st = hist_prep(db, drop_sql[i], err);
		if (st)
			sqlite3_bind_int64(st, 1, f);
		r = st ? hist_run(db, st, err) : -1;
		sqlite3_finalize(st);
	}
	if (r == 0 && hist_exec(db, "COMMIT", err) == 0)
		return 0;
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Bytes of the database's pages in use (its free pages left out). */
static int64_t used_bytes(sqlite3 *db, struct strbuf *err)
{
	return query_int(db, "SELECT (p.page_count - f.freelist_count) * s.page_size FROM"
	                 " pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s",
	                 0, 0, err);
}

/* The first sample to keep by --record-keep (the oldest at most keep_s before the newest). */
static int64_t keep_from(struct history_writer *w, struct strbuf *err)
{
	return query_int(w->db, "SELECT MIN(id) FROM sample WHERE time >= (SELECT time FROM sample"
	                 " WHERE id = ?1) - ?2", (double)w->sample, w->keep_s, err);
}

/* The first sample to keep when the file is too big: an eighth of them dropped (at least
 * one; never the newest). */
static int64_t size_from(struct history_writer *w, struct strbuf *err)
{
	int64_t f = query_int(w->db, "SELECT COALESCE((SELECT id FROM sample ORDER BY id LIMIT 1"
	                      " OFFSET MAX(1, (SELECT COUNT(*) FROM sample) / 8)), ?1)",
	                      (double)w->sample, 0, err);
	return f > w->sample ? w->sample : f;
}

/* Drop the oldest samples while the pages in use pass three quarters of the cap (room for
 * the next sample), down to the newest alone. */
static int prune_size(struct history_writer *w, int64_t *first, bool *dropped, struct strbuf *err)
{
	while (*first < w->sample) {
		int64_t used = used_bytes(w->db, err), f;
		if (used < 0)
			return -1;
		if (used <= w->max_bytes / 4 * 3)
			return 0;
		if ((f = size_from(w, err)) < 0 || drop_before(w->db, f, err) < 0)
			return -1;
		*first = f;
		*dropped = true;
	}
	return 0;
}

int hist_prune(struct history_writer *w, struct strbuf *err)
{
	if (w->keep_s <= 0 && w->max_bytes <= 0)
		return 0;
	bool dropped = false;
	int64_t first = query_int(w->db, "SELECT MIN(id) FROM sample", 0, 0, err), f;
	if (first < 0)
		return -1;
	if (w->keep_s > 0) {
		if ((f = keep_from(w, err)) < 0 || (f > first && drop_before(w->db, f, err) < 0))
			return -1;
		dropped = f > first;
		first = f > first ? f : first;
	}
	if (w->max_bytes > 0 && prune_size(w, &first, &dropped, err) < 0)
		return -1;
	/* the freed pages go back (a file made with auto_vacuum), the WAL folded in and emptied */
	if (dropped && (hist_exec(w->db, "PRAGMA incremental_vacuum", err) < 0 ||
	                hist_exec(w->db, "PRAGMA wal_checkpoint(TRUNCATE)", err) < 0))
		return -1;
	return 0;
}

int history_limit(struct history_writer *w, double keep_s, int64_t max_bytes, struct strbuf *err)
{
	w->keep_s = keep_s;
	w->max_bytes = max_bytes;
	if (max_bytes <= 0)
		return 0;
	/* the WAL checkpointed (and cut back) at an eighth of the cap */
	char sql[128];
	int64_t page = query_int(w->db, "SELECT page_size FROM pragma_page_size()", 0, 0, err);
	if (page <= 0)
		return -1;
	snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint=%lld; PRAGMA journal_size_limit=%lld",
	         (long long)(max_bytes / 8 / page > 8 ? max_bytes / 8 / page : 8), (long long)(max_bytes / 8));
	return hist_exec(w->db, sql, err);
}
