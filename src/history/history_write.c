/* history_write.c — --record's file: created 0600 (or an existing recording reopened), and one
 * sample appended per snapshot in one transaction (WAL, synchronous=NORMAL: a kill -9 loses
 * at most the sample being written). The snapshot is the --json document of the exporter
 * (history_doc.c) less the processes and channels whose export stamp did not move
 * (history_write_skip.c), its objects compared with the rows alive at the last sample
 * (history_live.h) and only what changed written into the tables of history_schema.c. */
#include "history/history_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history/history_doc.h"
#include "util/u64map.h"
#include "util/xalloc.h"

/* Rows of processes, channels and endpoints are written when they begin, and their
 * last_sample when they end (NULL while they live): a sample touches only what changed. */
static const char *const ws_sql[WS__COUNT] = {
	[WS_BLOB_FIND] = "SELECT id FROM blob WHERE hash = ?1 AND json = ?2",
	[WS_BLOB_INS] = "INSERT INTO blob(hash, json) VALUES(?1, ?2)",
	[WS_SAMPLE_INS] = "INSERT INTO sample(time, load1, load5, load15, mem_available_kib,"
		" uptime_s, header) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[WS_PROC_INS] = "INSERT INTO process(pid, start_time, comm, exe, cmdline, uid, user,"
		" first_sample) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[WS_PROC_END] = "UPDATE process SET last_sample = ?2 WHERE id = ?1",
	[WS_PSTATE_INS] = "INSERT INTO proc_state(process, sample, blob) VALUES(?1, ?2, ?3)",
	[WS_PCOUNT_INS] = "INSERT INTO proc_counter(process, sample, utime, stime, rss_kib, vsize,"
		" vcsw, icsw) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[WS_CHAN_INS] = "INSERT INTO channel(kind, chan_id, label, netns, first_sample)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
	[WS_CHAN_END] = "UPDATE channel SET last_sample = ?2 WHERE id = ?1",
	[WS_CSTATE_INS] = "INSERT INTO chan_state(channel, sample, blob) VALUES(?1, ?2, ?3)",
	[WS_EP_INS] = "INSERT INTO endpoint(channel, process, pid, fd, access, role, local,"
		" local_port, remote, remote_port, first_sample)"
		" VALUES(?1, ?9, ?2, ?3, ?4, ?5, ?6, ?10, ?7, ?11, ?8)",
	[WS_EP_END] = "UPDATE endpoint SET last_sample = ?2 WHERE id = ?1",
	[WS_MEM_INS] = "INSERT INTO sample_mem(sample, mem_free_kib, buffers_kib, cached_kib,"
		" sreclaimable_kib, shmem_kib, swap_total_kib, swap_free_kib, swap_cached_kib)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[WS_CPU_INS] = "INSERT INTO cpu_time(sample, cpu, user, nice, system, idle, iowait, irq,"
		" softirq, steal, guest, guest_nice) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
};

/* The file: made here with O_EXCL and mode 0600 before SQLite writes a byte; an existing one
 * is opened as it is (and checked to be a recording). 1 created, 0 existed, -1 error. */
static int make_file(const char *path, struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0;
	if (fd < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) < 0) {   /* whatever the umask did */
		sb_printf(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 1;
}

/* An existing file that is not an SQLite database: SQLite would refuse it only at the first
 * query, and an empty one it would take as a new database. */
static int check_existing(const char *path, struct strbuf *err)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size == 0) {
		sb_printf(err, "%s: exists and is not an ipctop recording (refused: it is not overwritten)",
		          path);
		return -1;
	}
	return 0;
}

static int prepare_all(struct history_writer *w, struct strbuf *err)
{
	for (int i = 0; i < WS__COUNT; i++)
		if (!(w->st[i] = hist_prep(w->db, ws_sql[i], err)))
			return -1;
	return 0;
}

/* An existing recording goes on from its last sample: a process or channel alive then and
 * now (same pid and start time, same id) keeps its row (hist_reopen). */
static int last_sample(struct history_writer *w, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(w->db, "SELECT COALESCE(MAX(id), 0) FROM sample", err);
	int r = st ? hist_row(w->db, st, err) : -1;
	if (r == 1)
		w->prev = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r == 1 ? hist_reopen(w, err) : -1;
}

int history_create(const char *path, struct history_writer **out, struct strbuf *err)
{
	int made = make_file(path, err);
	if (made < 0 || (made == 0 && check_existing(path, err) < 0))
		return -1;
	struct history_writer *w = xcalloc(1, sizeof(*w));
	hist_live_init(&w->procs);
	hist_live_init(&w->chans);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	struct strbuf why = STRBUF_INIT;
	/* the busy timeout before the schema: a reader of the new file (sqlite3, a test polling
	 * it) may hold its lock while the tables are made and WAL is switched on */
	if (sqlite3_open_v2(path, &w->db, flags, NULL) != SQLITE_OK)
		hist_fail(w->db, "opening", &why);
	else if ((sqlite3_busy_timeout(w->db, 2000) != SQLITE_OK ||
	          hist_schema_setup(w->db, made == 1, &why) < 0) && why.len == 0)
		sb_puts(&why, "the recording's tables could not be set up");
	if (why.len == 0 && prepare_all(w, &why) == 0 && last_sample(w, &why) == 0) {
		*out = w;
		return 0;
	}
	sb_printf(err, "%s: %s%s", path, sb_str(&why),
	          made == 0 ? " (an existing file is appended to only if it is an ipctop recording)" : "");
	sb_free(&why);
	history_close(w);
	if (made == 1)
		unlink(path);
	return -1;
}

void history_close(struct history_writer *w)
{
	if (!w)
		return;
	for (int i = 0; i < WS__COUNT; i++)
		sqlite3_finalize(w->st[i]);
	sqlite3_close(w->db);
	hist_live_free(&w->procs);
	hist_live_free(&w->chans);
	free(w->skip_procs.at);
	free(w->skip_chans.at);
	sb_free(&w->text);
	free(w);
}

int64_t hist_blob_text(struct history_writer *w, const char *text, struct strbuf *err)
{
	return hist_blob_put(w->db, w->st[WS_BLOB_FIND], w->st[WS_BLOB_INS], text, err);
}

/* The sample row: its time and changing figures in columns, the rest of the header (host,
 * viewer, SysV rows, wait cycles, notes) as a blob of the exporter's text. */
static int write_sample(struct history_writer *w, struct hist_doc *d, uint64_t taken_ms,
                        struct strbuf *err)
{
	sqlite3_stmt *st = w->st[WS_SAMPLE_INS];
	sqlite3_bind_double(st, 1, (double)taken_ms / 1000.0);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_double(st, 2 + i, d->load[i]);
	sqlite3_bind_int64(st, 5, d->mem_available_kib);
	sqlite3_bind_double(st, 6, d->uptime_s);
	int64_t hdr = hist_blob_text(w, sb_str(&d->head), err);
	if (hdr < 0)
		return -1;
	sqlite3_bind_int64(st, 7, hdr);
	if (hist_run(w->db, st, err) < 0)
		return -1;
	w->sample = sqlite3_last_insert_rowid(w->db);
	return 0;
}

int hist_write_each(struct history_writer *w, struct hist_doc *d, const size_t range[2],
                    hist_write_fn *write,
                    struct hist_live_set *set, int (*end)(void *, struct hist_live_row *),
                    struct strbuf *err)
{
	size_t at = range[0], len;
	int r = 0;
	while (r == 0 && at < range[1]) {
		r = write(w, d->buf + at, range[1] - at, &len, err);
		at += len;
		if (at < range[1] && d->buf[at] == ',')
			at++;
	}
	if (r < 0)
		return -1;
	struct hist_end_ctx e = { w, err };
	return hist_live_sweep(set, w->sample, end, &e);
}

int history_append(struct history_writer *w, const struct snapshot *s, struct strbuf *err)
{
	struct hist_doc doc;
	struct snap_selection sel;
	hist_skip_select(w, s, &sel);   /* what did not change left out */
	int r = hist_doc_make(&doc, s, &sel, err);
	snap_selection_free(&sel);
	if (r < 0)
		return -1;
	r = hist_exec(w->db, "BEGIN IMMEDIATE", err);
	w->snap = s;
	if (r == 0)
		r = write_sample(w, &doc, s->taken_ms, err);
	if (r == 0) {
		hist_skip_seen(w);
		r = hist_write_figures(w, s, err);
	}
	if (r == 0)
		r = hist_write_procs(w, &doc, err);
	if (r == 0)
		r = hist_write_chans(w, &doc, err);
	hist_doc_free(&doc);
	if (r == 0 && hist_exec(w->db, "COMMIT", err) == 0) {
		w->prev = w->sample;
		return hist_prune(w, err);
	}
	sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
