/* snap_diff.c — processes born and ended, channels opened and closed between two snapshots. */
#include "model/snap_diff.h"

#include <stdlib.h>
#include <string.h>

#include "model/format_addr.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct changes { struct snap_change *v; size_t n, cap; };

static struct snap_change *add(struct changes *c, enum snap_change_kind k)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	struct snap_change *e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	return e;
}

static void set_proc(struct snap_change *e, const struct proc_info *p)
{
	e->pid = p->pid;
	e->start = p->start_time;
	e->comm = p->comm ? xstrdup(p->comm) : NULL;
}

/* Processes of a that b does not hold (by pid and start time). */
static void procs_gone(struct changes *c, const struct snapshot *a, const struct snapshot *b,
                       enum snap_change_kind k)
{
	for (size_t i = 0; i < a->n_procs; i++) {
		const struct proc_info *p = &a->procs[i];
		if (!snapshot_find_proc_at(b, p->pid, p->start_time, p->host))
			set_proc(add(c, k), p);
	}
}

static bool chan_in(const struct snapshot *s, const struct channel *ch)
{
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].kind == ch->kind && strcmp(s->chans[i].id, ch->id) == 0)
			return true;
	return false;
}

/* Channels of a that b does not hold (by kind and id), with a's first end's process. */
static void chans_gone(struct changes *c, const struct snapshot *a, const struct snapshot *b,
                       enum snap_change_kind k)
{
	for (size_t i = 0; i < a->n_chans; i++) {
		const struct channel *ch = &a->chans[i];
		if (chan_in(b, ch))
			continue;
		struct snap_change *e = add(c, k);
		for (size_t j = 0; j < ch->n_ep && !e->pid; j++)
			if (ch->ep[j].proc >= 0)
				set_proc(e, &a->procs[ch->ep[j].proc]);
		e->chan = ch->kind;
		e->chan_id = xstrdup(ch->id);
		struct strbuf sb = STRBUF_INIT;
		if (format_chan_label(&sb, a, ch))
			e->label = xstrdup(sb_str(&sb));
		sb_free(&sb);
	}
}

struct snap_change *snap_diff(const struct snapshot *before, const struct snapshot *after, size_t *n)
{
	struct changes c = { NULL, 0, 0 };
	procs_gone(&c, after, before, SC_BORN);
	chans_gone(&c, after, before, SC_OPENED);
	procs_gone(&c, before, after, SC_ENDED);
	chans_gone(&c, before, after, SC_CLOSED);
	*n = c.n;
	return c.v;
}

const char *snap_change_name(enum snap_change_kind k)
{
	static const char *const names[] = { "born", "ended", "opened", "closed" };
	return names[k];
}

void snap_diff_free(struct snap_change *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].comm);
		free(c[i].chan_id);
		free(c[i].label);
	}
	free(c);
}
