/* source_fixed.c — one snapshot made elsewhere (ipctop --merge: several hosts' --json joined),
 * shown as it is: it is the first snapshot, and no other follows (no fd to poll, wants
 * ignored: nothing here can be read again in more detail). */
#include "source/source.h"

#include <stdlib.h>

static int fixed_start(struct source *src, const struct source_wants *w, struct snapshot **first)
{
	(void)w;
	*first = src->priv;         /* the loop holds it from now on, and frees it */
	src->priv = NULL;
	return 0;
}

static int fixed_fd(struct source *src)
{
	(void)src;
	return -1;                  /* poll() skips it: never readable */
}

static struct snapshot *fixed_take(struct source *src)
{
	(void)src;
	return NULL;
}

static void fixed_release(struct source *src, struct snapshot *old)
{
	(void)src;
	if (old) {
		snapshot_free(old);
		free(old);
	}
}

static void fixed_want(struct source *src, const struct source_wants *w, bool now)
{
	(void)src, (void)w, (void)now;
}

static void fixed_stop(struct source *src)
{
	fixed_release(src, src->priv);   /* not started: the snapshot is still here */
	src->priv = NULL;
}

static const struct source_ops fixed_ops = {
	.name = "fixed", .start = fixed_start, .fd = fixed_fd, .take = fixed_take,
	.release = fixed_release, .want = fixed_want, .stop = fixed_stop,
};

void source_fixed_init(struct source *s, struct snapshot *snap)
{
	s->ops = &fixed_ops;
	s->priv = snap;
}
