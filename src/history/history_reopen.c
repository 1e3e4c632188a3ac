/* history_reopen.c — an existing recording appended to: the rows it left open (last_sample
 * NULL: alive at its last sample, whether the recorder stopped or was killed) are taken into
 * the writer's live sets with the hash of their last state (hist_state_hash of its text) and a
 * process's last counters, so that a process or channel alive then and now goes on in its row. */
#include "history/history_int.h"
#include "history/history_text.h"

#include "util/u64map.h"
#include "util/xalloc.h"

static const char sql_procs[] =
	"SELECT p.id, p.pid, p.start_time,"
	" (SELECT b.json FROM proc_state s JOIN blob b ON b.id = s.blob WHERE s.process = p.id"
	"  ORDER BY s.sample DESC LIMIT 1),"
	" c.process IS NOT NULL, c.utime, c.stime, c.rss_kib, c.vsize, c.vcsw, c.icsw"
	" FROM process p LEFT JOIN proc_counter c ON c.process = p.id AND c.sample ="
	"   (SELECT MAX(sample) FROM proc_counter WHERE process = p.id)"
	" WHERE p.last_sample IS NULL";

static const char sql_chans[] =
	"SELECT c.id, b.json FROM channel c"
	" LEFT JOIN blob b ON b.id = (SELECT s.blob FROM chan_state s WHERE s.channel = c.id"
	"  ORDER BY s.sample DESC LIMIT 1)"
	" WHERE c.last_sample IS NULL";

static const char sql_eps[] =
	"SELECT id, channel, pid, fd, access, role, local, remote FROM endpoint"
	" WHERE last_sample IS NULL";

/* Each row of sql given to take(w, st); 0, or -1 with err. */
static int each_row(struct history_writer *w, const char *sql, void *ctx,
                    void (*take)(struct history_writer *, sqlite3_stmt *, void *),
                    struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(w->db, sql, err);
	int r = st ? 1 : -1;
	while (st && (r = hist_row(w->db, st, err)) == 1)
		take(w, st, ctx);
	sqlite3_finalize(st);
	return r;
}

/* The hash of the state text in column i (0: none). */
static uint64_t state_hash(sqlite3_stmt *st, int i)
{
	const char *text = (const char *)sqlite3_column_text(st, i);
	return text ? hist_state_hash(text, (size_t)sqlite3_column_bytes(st, i)) : 0;
}

static void take_proc(struct history_writer *w, sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	struct hist_live_row *r = hist_live_get(&w->procs,
		hist_live_proc_key(sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)));
	r->row = sqlite3_column_int64(st, 0);
	r->state = state_hash(st, 3);
	r->seen = w->prev;
	r->ctr_stored = sqlite3_column_int(st, 4) != 0;
	for (int i = 0; i < PC__COUNT; i++)
		if (sqlite3_column_type(st, 5 + i) == SQLITE_INTEGER) {
			r->ctr.v[i] = sqlite3_column_int64(st, 5 + i);
			r->ctr.have |= 1u << i;
		}
}

/* A channel is known by its kind and id as its last state's text has them. */
static void take_chan(struct history_writer *w, sqlite3_stmt *st, void *ctx)
{
	const char *json = (const char *)sqlite3_column_text(st, 1);
	uint64_t key;
	size_t len;
	if (!json || !hist_chan_key(json, (size_t)sqlite3_column_bytes(st, 1), &key, &len))
		key = (uint64_t)sqlite3_column_int64(st, 0) | 1ull << 63;   /* damaged: a key no channel
		                                                              * has, to be ended */
	struct hist_live_row *r = hist_live_get(&w->chans, key);
	r->row = sqlite3_column_int64(st, 0);
	r->state = state_hash(st, 1);
	r->seen = w->prev;
	u64map_put(ctx, (uint64_t)r->row, (int32_t)(r - w->chans.v));
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void take_ep(struct history_writer *w, sqlite3_stmt *st, void *ctx)
{
	int32_t at = u64map_get(ctx, (uint64_t)sqlite3_column_int64(st, 1));
	if (at < 0)
		return;
	struct hist_live_row *r = &w->chans.v[at];
	struct hist_ep_cols c = {
		.has_pid = sqlite3_column_type(st, 2) == SQLITE_INTEGER, .pid = sqlite3_column_int64(st, 2),
		.has_fd = sqlite3_column_type(st, 3) == SQLITE_INTEGER, .fd = sqlite3_column_int64(st, 3),
		.access = col_text(st, 4), .role = col_text(st, 5),
		.local = col_text(st, 6), .remote = col_text(st, 7),
	};
	r->eps = xrealloc(r->eps, (r->n_eps + 1) * sizeof(*r->eps));
	r->eps[r->n_eps++] = (struct hist_live_ep){ sqlite3_column_int64(st, 0), hist_live_ep_key(&c) };
}

int hist_reopen(struct history_writer *w, struct strbuf *err)
{
	struct u64map chan_at;   /* channel row -> index in w->chans */
	u64map_init(&chan_at, 256);
	int r = each_row(w, sql_procs, NULL, take_proc, err);
	if (r == 0)
		r = each_row(w, sql_chans, &chan_at, take_chan, err);
	if (r == 0)
		r = each_row(w, sql_eps, &chan_at, take_ep, err);
	u64map_free(&chan_at);
	return r;
}
