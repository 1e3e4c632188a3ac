/* history_int.h — what the recording's writer and reader share: the open database, its
 * checks, small statement helpers and the blob store. */
#ifndef IPCTOP_HISTORY_INT_H
#define IPCTOP_HISTORY_INT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "history/history.h"
#include "history/history_live.h"
#include "model/snap_filter.h"

/* Create the tables (a new file) or check that an existing file is a recording (one of an
 * older schema moved on to this one). 0, or -1 with err. */
int hist_schema_setup(sqlite3 *db, bool create, struct strbuf *err);
/* Check only (the reader): 0 with the file's schema version in *version, or -1 with err. */
int hist_schema_check(sqlite3 *db, int *version, struct strbuf *err);

/* An open recording to read (history_read.c, history_busy.c), of schema version `schema`. */
struct history_reader { sqlite3 *db; int schema; };

/* err = "WHAT: sqlite's message"; returns -1. */
int hist_fail(sqlite3 *db, const char *what, struct strbuf *err);
int hist_exec(sqlite3 *db, const char *sql, struct strbuf *err);
sqlite3_stmt *hist_prep(sqlite3 *db, const char *sql, struct strbuf *err);
/* Run a statement that returns no row (reset afterwards). 0, or -1 with err. */
int hist_run(sqlite3 *db, sqlite3_stmt *st, struct strbuf *err);
/* Step a query for one row: 1 a row, 0 none, -1 error (err). The caller resets. */
int hist_row(sqlite3 *db, sqlite3_stmt *st, struct strbuf *err);
/* Bind text or NULL. */
void hist_bind_text(sqlite3_stmt *st, int i, const char *t);
/* The member key of o as text, or NULL when absent or not a string. */
const char *hist_jstr(json_t *o, const char *key);

/* Find or add a JSON text in table blob (deduplicated by hash and text): its id, or -1. */
int64_t hist_blob_put(sqlite3 *db, sqlite3_stmt *find, sqlite3_stmt *ins, const char *json,
                      struct strbuf *err);

/* The writer's statements (history_write.c lists their SQL). */
enum {
	WS_BLOB_FIND, WS_BLOB_INS, WS_SAMPLE_INS,
	WS_PROC_INS, WS_PROC_END, WS_PSTATE_INS, WS_PCOUNT_INS,
	WS_CHAN_INS, WS_CHAN_END, WS_CSTATE_INS,
	WS_EP_INS, WS_EP_END, WS_MEM_INS, WS_CPU_INS,
	WS__COUNT
};

/* Rows of a live set (their indices) a sample leaves out (history_write_skip.c). */
struct hist_skip { size_t *at; size_t n, cap; };

struct history_writer {
	sqlite3 *db;
	sqlite3_stmt *st[WS__COUNT];
	int64_t sample, prev;      /* the sample being written, and the one before (0: none) */
	struct hist_live_set procs, chans;   /* the rows alive at prev (history_live.h) */
	struct hist_skip skip_procs, skip_chans;   /* of the sample being written */
	struct strbuf text;        /* scratch: the state text of a process or channel */
	const struct snapshot *snap;   /* the snapshot being appended (what JSON leaves out) */
	double keep_s;             /* --record-keep, or 0 */
	int64_t max_bytes;         /* --record-max-size, or 0 */
};

/* history_reopen.c: the rows left open in an existing recording (alive at its last sample, or
 * at the sample a killed recorder last wrote), into w's live sets. 0, or -1 with err. */
int hist_reopen(struct history_writer *w, struct strbuf *err);
/* The hash of a channel object's identity (its kind and id texts) from its text (at most len
 * bytes), and the object's length: false when they are not there. */
bool hist_chan_key(const char *obj, size_t len, uint64_t *key, size_t *obj_len);
/* The same key from the channel itself (scratch: a buffer to use). */
uint64_t hist_chan_struct_key(struct strbuf *scratch, const struct channel *ch);

/* history_write_skip.c: sel made for every process and channel of s but those whose export
 * stamp is their row's of the last sample (the same object: nothing of theirs to write),
 * left out of it and remembered; then, once the sample has its id, those rows marked seen. */
void hist_skip_select(struct history_writer *w, const struct snapshot *s,
                      struct snap_selection *sel);
void hist_skip_seen(struct history_writer *w);

/* history_limits.c: drop the oldest samples beyond keep_s and max_bytes (after a commit). */
int hist_prune(struct history_writer *w, struct strbuf *err);

/* history_figures.c: the header's meter figures (meminfo and /proc/stat times) of the
 * sample being written, and read back into s (when the sample has them: then no longer
 * figures_partial). 0, or -1 with err. */
int hist_write_figures(struct history_writer *w, const struct snapshot *s, struct strbuf *err);
int hist_read_figures(sqlite3 *db, int64_t sample, struct snapshot *s, struct strbuf *err);

/* history_write_proc.c and history_write_chan.c: the processes and the channels (with
 * endpoints) of one document, and the end of those it no longer holds. */
struct hist_doc;
int hist_write_procs(struct history_writer *w, struct hist_doc *d, struct strbuf *err);
int hist_write_chans(struct history_writer *w, struct hist_doc *d, struct strbuf *err);
/* A state row (r's row, this sample, the blob of text; statement ins) when hash, the caller's
 * hist_state_hash of text's len bytes, is not r's last one. 0, or -1 with err. */
int hist_write_state(struct history_writer *w, int ins, struct hist_live_row *r, const char *text,
                     size_t len, uint64_t hash, struct strbuf *err);
/* last_sample = the sample before this one for row (statement end). 0, or -1 with err. */
int hist_end_row(struct history_writer *w, int end, int64_t row, struct strbuf *err);
/* What hist_live_sweep's end gets from the writers. */
struct hist_end_ctx { struct history_writer *w; struct strbuf *err; };
/* write(w, text, avail, &len, err) for each object of the document's range (text: where it
 * starts, avail: the bytes left in the range; write sets len to the object's), then end(ctx,
 * row) for each row of set the sample did not see (hist_live_sweep). 0, or -1 with err. */
typedef int hist_write_fn(struct history_writer *w, const char *text, size_t avail, size_t *len,
                          struct strbuf *err);
int hist_write_each(struct history_writer *w, struct hist_doc *d, const size_t range[2],
                    hist_write_fn *write,
                    struct hist_live_set *set, int (*end)(void *, struct hist_live_row *),
                    struct strbuf *err);
/* The process row of pid in this sample (its processes are written first), or 0. */
int64_t hist_proc_row_of(struct history_writer *w, int64_t pid);
/* A found-or-new blob for a JSON text. */
int64_t hist_blob_text(struct history_writer *w, const char *text, struct strbuf *err);

#endif
