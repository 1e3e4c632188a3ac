/* source_replay.c — a recording replayed (ipctop --replay FILE without --json or --dot): each
 * sample rebuilt as a snapshot (history/history.h) when the user moves to it; no fd to poll,
 * nothing read again in more detail. It also keeps the sample before the one shown, for the
 * rates between them and for "what changed". */
#include "source/source.h"

#include <stdio.h>
#include <stdlib.h>

#include "history/history.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct replay {
	struct history_reader *r;
	struct history_sample *samples;
	double *times;
	bool *busy;
	size_t n, at;
	struct snapshot *ready;     /* made by seek, not taken yet */
	struct snapshot *before;    /* sample at - 1, or NULL */
	struct snapshot *mark;      /* the sample marked (what changed compares with), or NULL */
	size_t mark_at;
};

static void snap_drop(struct snapshot *s)
{
	if (s) {
		snapshot_free(s);
		free(s);
	}
}

static struct snapshot *rebuild(struct replay *rp, size_t i, struct strbuf *err)
{
	struct snapshot *s = xmalloc(sizeof(*s));
	snapshot_init(s);
	if (history_rebuild(rp->r, rp->samples[i].id, s, err) < 0) {
		snap_drop(s);
		return NULL;
	}
	return s;
}

/* Sample i (and the one before it) made ready: 0, or -1 with err, nothing changed. */
static int load(struct replay *rp, size_t i, struct strbuf *err)
{
	struct snapshot *s = rebuild(rp, i, err), *b = NULL;
	if (s && i > 0 && !(b = rebuild(rp, i - 1, err))) {
		snap_drop(s);
		s = NULL;
	}
	if (!s)
		return -1;
	snap_drop(rp->ready);
	snap_drop(rp->before);
	rp->ready = s;
	rp->before = b;
	rp->at = i;
	return 0;
}

static int replay_start(struct source *src, const struct source_wants *w, struct snapshot **first)
{
	(void)w;
	struct replay *rp = src->priv;
	*first = rp->ready;    /* made by source_replay_init */
	rp->ready = NULL;
	return 0;
}

static int replay_fd(struct source *src)
{
	(void)src;
	return -1;            /* the loop takes a snapshot right after a seek */
}

static struct snapshot *replay_take(struct source *src)
{
	struct replay *rp = src->priv;
	struct snapshot *s = rp->ready;
	rp->ready = NULL;
	return s;
}

static void replay_release(struct source *src, struct snapshot *old)
{
	(void)src;
	snap_drop(old);
}

static void replay_want(struct source *src, const struct source_wants *w, bool now)
{
	(void)src, (void)w, (void)now;
}

static void replay_stop(struct source *src)
{
	struct replay *rp = src->priv;
	if (!rp)
		return;
	snap_drop(rp->ready);
	snap_drop(rp->before);
	snap_drop(rp->mark);
	history_close_reader(rp->r);
	free(rp->samples);
	free(rp->times);
	free(rp->busy);
	free(rp);
	src->priv = NULL;
}

static void replay_timeline(struct source *src, struct source_timeline *tl)
{
	struct replay *rp = src->priv;
	*tl = (struct source_timeline){ rp->times, rp->n, rp->at, rp->busy };
}

static int replay_seek(struct source *src, size_t i, char *err, size_t n)
{
	struct replay *rp = src->priv;
	struct strbuf why = STRBUF_INIT;
	int r = i < rp->n ? load(rp, i, &why) : -1;
	if (r < 0)
		snprintf(err, n, "%s", i < rp->n ? sb_str(&why) : "no such sample");
	sb_free(&why);
	return r;
}

static const struct snapshot *replay_before(struct source *src)
{
	return ((struct replay *)src->priv)->before;
}

static int replay_mark(struct source *src, bool on, char *err, size_t n)
{
	struct replay *rp = src->priv;
	struct strbuf why = STRBUF_INIT;
	struct snapshot *m = on ? rebuild(rp, rp->at, &why) : NULL;
	if (on && !m) {
		snprintf(err, n, "%s", sb_str(&why));
		sb_free(&why);
		return -1;
	}
	sb_free(&why);
	snap_drop(rp->mark);
	rp->mark = m;
	rp->mark_at = rp->at;
	return 0;
}

static const struct snapshot *replay_marked(struct source *src, size_t *at)
{
	struct replay *rp = src->priv;
	*at = rp->mark_at;
	return rp->mark;
}

static const struct source_ops replay_ops = {
	.name = "replay", .start = replay_start, .fd = replay_fd, .take = replay_take,
	.release = replay_release, .want = replay_want, .stop = replay_stop,
	.timeline = replay_timeline, .seek = replay_seek, .before = replay_before,
	.mark = replay_mark, .marked = replay_marked,
};

/* The index of sample id, or 0. */
static size_t index_of(const struct replay *rp, int64_t id)
{
	for (size_t i = 0; i < rp->n; i++)
		if (rp->samples[i].id == id)
			return i;
	return 0;
}

/* The busy samples: those (after the first) where at least half as much changed as at the
 * sample where most did (history_changes), when anything did. NULL when the file cannot say. */
static bool *busy_samples(struct replay *rp)
{
	unsigned *ch = xcalloc(rp->n, sizeof(*ch)), most = 0;
	struct strbuf why = STRBUF_INIT;
	bool *busy = NULL;
	if (history_changes(rp->r, rp->samples, rp->n, ch, &why) == 0) {
		busy = xcalloc(rp->n, sizeof(*busy));
		for (size_t i = 0; i < rp->n; i++)
			most = ch[i] > most ? ch[i] : most;
		for (size_t i = 1; i < rp->n; i++)
			busy[i] = most > 0 && 2 * (uint64_t)ch[i] >= most;
	}
	sb_free(&why);
	free(ch);
	return busy;
}

int source_replay_init(struct source *s, const char *path, const char *at, struct strbuf *err)
{
	struct replay *rp = xcalloc(1, sizeof(*rp));
	int64_t id = 0;
	s->ops = &replay_ops;
	s->priv = rp;
	if (history_open(path, &rp->r, err) < 0 || history_samples(rp->r, &rp->samples, &rp->n, err) < 0 ||
	    (at && history_find(rp->r, at, &id, err) < 0)) {
		replay_stop(s);
		return -1;
	}
	rp->times = xcalloc(rp->n, sizeof(double));
	for (size_t i = 0; i < rp->n; i++)
		rp->times[i] = rp->samples[i].time;
	rp->busy = busy_samples(rp);
	if (load(rp, at ? index_of(rp, id) : 0, err) < 0) {
		replay_stop(s);
		return -1;
	}
	return 0;
}
