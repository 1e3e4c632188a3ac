/* history.h — the recording of --record and --replay: an SQLite database that stores changes,
 * not copies (a row per process life and per channel, written when it begins and ended when it
 * ends; a process's or channel's state only when it changed, counters only when they moved),
 * one transaction per sample, and a sample that changed nothing touches no row of them. The
 * schema is in history_schema.c and documented in ipctop(1), RECORDING. */
#ifndef IPCTOP_HISTORY_H
#define IPCTOP_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

#define HISTORY_FORMAT   "ipctop-history"   /* meta 'format': marks an ipctop recording */
#define HISTORY_SCHEMA   3                  /* meta 'schema_version' this build writes */
#define HISTORY_SCHEMA_OLDEST 1             /* ... and the oldest it reads (1: no CPU times,
                                             * memory breakdown or swap) */

struct history_writer;

/* Create FILE (mode 0600, refused if it exists and is not an ipctop recording; an ipctop
 * recording is appended to, one of an older schema after it is moved on to this one's).
 * 0, or -1 with the reason in err. */
int history_create(const char *path, struct history_writer **out, struct strbuf *err);
/* Append one snapshot as one sample, in one transaction. 0, or -1 with the reason in err
 * (then the writer is only to be closed: what it keeps of the last sample is no longer true). */
int history_append(struct history_writer *w, const struct snapshot *s, struct strbuf *err);
void history_close(struct history_writer *w);
/* --record-keep and --record-max-size: after each append, drop the oldest samples taken more
 * than keep_s seconds before the newest, and the oldest while the database's pages in use pass
 * three quarters of max_bytes (the newest is always kept); 0: no such limit. The WAL is
 * checkpointed at an eighth of max_bytes. 0, or -1 with err. */
int history_limit(struct history_writer *w, double keep_s, int64_t max_bytes, struct strbuf *err);
/* DURATION: N seconds, Ns, Nm, Nh or Nd (N > 0). SIZE: N bytes, NK, NM or NG (binary units),
 * at least 64K. false when invalid. */
bool hist_parse_duration(const char *s, double *seconds);
bool hist_parse_size(const char *s, int64_t *bytes);

struct history_reader;

/* Open a recording to read: -1 with the reason in err when it is missing, not SQLite, damaged,
 * not an ipctop recording, or of a schema this build does not read. */
int history_open(const char *path, struct history_reader **out, struct strbuf *err);
/* The last sample taken at or before TIME: "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS" (local time;
 * the second form on the day of the first sample), or epoch seconds. 0, or -1 with err. */
int history_find(struct history_reader *r, const char *when, int64_t *sample, struct strbuf *err);
/* The snapshot as it was at sample, into s (freshly initialised). 0, or -1 with err. */
int history_rebuild(struct history_reader *r, int64_t sample, struct snapshot *s, struct strbuf *err);
/* Every sample of the recording, oldest first (allocated, into *out): 0, or -1 with err (none
 * is an error). */
struct history_sample { int64_t id; double time; };
int history_samples(struct history_reader *r, struct history_sample **out, size_t *n,
                    struct strbuf *err);
/* For each of the n samples v (as history_samples gave them), out[i]: how much changed at it:
 * processes born and channels opened at sample i, processes and channels last seen at sample
 * i - 1 (out[0] is 0: everything is new at the first). 0, or -1 with err. */
int history_changes(struct history_reader *r, const struct history_sample *v, size_t n,
                    unsigned *out, struct strbuf *err);
void history_close_reader(struct history_reader *r);

#endif
