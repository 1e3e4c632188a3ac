/* source.h — where the interactive loop takes its snapshots from, through one interface: the
 * live machine (collectors on a thread of their own, so that input never waits for /proc),
 * one snapshot made elsewhere (a merge of several hosts), or a recording replayed (a snapshot
 * per sample, moved through by the user). Every screen works on any of them.
 *
 * The loop holds one snapshot (the current one) between refreshes. When the source's fd is
 * readable, source_take() hands over the next; the loop passes the one it held back with
 * source_release() once its screens have seen both. */
#ifndef IPCTOP_SOURCE_H
#define IPCTOP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct source_wants {
	pid_t detail_pid;       /* a process to read in full detail (maps, smaps, sched), or 0 */
	pid_t compare_pid;      /* a second one (the Memory tab's compare mode), or 0 */
	int delay_tenths;       /* time between snapshots */
	bool no_cpu_stat;       /* no CPU meter is shown: skip /proc/stat */
	bool exe;               /* the list shows EXE: read the exe link */
	bool service;           /* the list shows SERVICE: read every /proc/PID/cgroup */
	bool threads;           /* the list shows threads: read every task's stat */
	bool thread_waits;      /* ... and their WAIT: every task's wait of those processes */
	bool io;                /* the list shows I/O rates: read every /proc/PID/io */
};

/* A recording's samples (their times, epoch seconds, oldest first) and the one shown; busy
 * (NULL: not known) marks the samples where most changed (source_replay.c says how). */
struct source_timeline { const double *times; size_t n, at; const bool *busy; };

struct source;
struct source_ops {
	const char *name;
	/* The first snapshot, taken before start returns (so that a source that cannot be read
	 * fails before the terminal is taken over): 0 or -errno. */
	int (*start)(struct source *src, const struct source_wants *w, struct snapshot **first);
	int (*fd)(struct source *src);                       /* readable: a snapshot is ready */
	struct snapshot *(*take)(struct source *src);        /* the ready snapshot, or NULL */
	void (*release)(struct source *src, struct snapshot *old);
	void (*want)(struct source *src, const struct source_wants *w, bool now);
	void (*stop)(struct source *src);                    /* ends it and frees what it holds */
	/* A recording only (NULL in the others): its timeline; seek: make sample i the next
	 * snapshot to take, at once (0, or -1 with the reason in err); before: the snapshot of
	 * the sample before the one taken last (NULL at the first), held by the source. */
	void (*timeline)(struct source *src, struct source_timeline *tl);
	int (*seek)(struct source *src, size_t i, char *err, size_t n);
	const struct snapshot *(*before)(struct source *src);
	/* mark: hold the sample shown as the marked one (on), or drop it (0, or -1 with err);
	 * marked: that snapshot and its index, or NULL. */
	int (*mark)(struct source *src, bool on, char *err, size_t n);
	const struct snapshot *(*marked)(struct source *src, size_t *at);
};

struct source {
	const struct source_ops *ops;
	void *priv;
};

static inline int source_start(struct source *s, const struct source_wants *w, struct snapshot **first)
{ return s->ops->start(s, w, first); }
static inline int source_fd(struct source *s) { return s->ops->fd(s); }
static inline struct snapshot *source_take(struct source *s) { return s->ops->take(s); }
static inline void source_release(struct source *s, struct snapshot *old) { s->ops->release(s, old); }
/* What the screens want now; now: take a snapshot at once (after an action, a new detail). */
static inline void source_want(struct source *s, const struct source_wants *w, bool now)
{ s->ops->want(s, w, now); }
static inline void source_stop(struct source *s) { s->ops->stop(s); }
/* false when the source is no recording (tl untouched) */
static inline bool source_timeline(struct source *s, struct source_timeline *tl)
{
	if (!s->ops->timeline)
		return false;
	s->ops->timeline(s, tl);
	return true;
}
static inline int source_seek(struct source *s, size_t i, char *err, size_t n)
{ return s->ops->seek ? s->ops->seek(s, i, err, n) : -1; }
static inline const struct snapshot *source_before(struct source *s)
{ return s->ops->before ? s->ops->before(s) : NULL; }
static inline const struct snapshot *source_marked(struct source *s, size_t *at)
{ return s->ops->marked ? s->ops->marked(s, at) : NULL; }

/* The live machine. */
void source_live_init(struct source *s);
/* snap (allocated, taken over) and nothing after it: --merge's joined hosts. */
void source_fixed_init(struct source *s, struct snapshot *snap);
/* The recording path (--replay), from the sample at TIME (history_find's forms; NULL: the
 * first sample). 0, or -1 with the reason in err (nothing held then). */
struct strbuf;
int source_replay_init(struct source *s, const char *path, const char *at, struct strbuf *err);

#endif
