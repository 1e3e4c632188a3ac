/* channel_table.c — find-or-add channels by key and gather their endpoints without any
 * quadratic step: a hash per key, a hash per (channel, pid), a counting sort at the end. Both
 * hash tables (util/u64map) are sized from the snapshot before resolution starts, so they never
 * grow, and each lookup probes once (find and insert are one walk). */
#include "channel/channel_table.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Descriptor kinds that can hold a channel. */
static const uint32_t CHANNEL_FD_KINDS =
	1u << FDK_PIPE | 1u << FDK_FIFO | 1u << FDK_SOCKET | 1u << FDK_EVENTFD | 1u << FDK_MQUEUE |
	1u << FDK_MEMFD | 1u << FDK_POSIX_SHM | 1u << FDK_PTMX | 1u << FDK_PTS;

/* At most this many endpoints of processes can be added: one per descriptor of a channel
 * kind, per mapping, and two per SysV message queue. */
static size_t endpoint_bound(const struct snapshot *s)
{
	size_t n = 2 * s->n_msg;
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		const struct proc_info *p = &s->procs[pi];
		n += p->n_maps;
		for (size_t j = 0; j < p->n_fds; j++)
			n += p->fds[j].kind < 32 && (CHANNEL_FD_KINDS >> p->fds[j].kind & 1);
	}
	return n;
}

void chan_table_init(struct chan_table *t, struct snapshot *s)
{
	memset(t, 0, sizeof(*t));
	t->s = s;
	size_t bound = endpoint_bound(s);
	u64map_init(&t->by_key, bound);
	u64map_init(&t->by_chan_pid, bound);
	XGROW(t->eps, t->cap_eps, bound + 1);
	XGROW(t->keys, t->cap_keys, bound + 1);
	XGROW(s->chans, s->cap_chans, bound + 1);
}

static uint64_t key_hash(struct chan_key k)
{
	return u64_mix(k.a ^ (uint64_t)k.kind << 56, k.b);
}

static bool key_eq(struct chan_key x, struct chan_key y)
{
	return x.kind == y.kind && x.a == y.a && x.b == y.b;
}

/* The slot of key's channel, or the empty slot where it would go: the map is keyed by the
 * hash h, and keys sharing a hash are told apart by the key itself. */
static struct u64slot *key_slot(const struct chan_table *t, struct chan_key key, uint64_t h)
{
	const struct u64map *m = &t->by_key;
	for (size_t i = u64map_home(m, h);; i = u64map_next(m, i)) {
		struct u64slot *sl = &m->slots[i];
		if (!sl->val_plus1 || (sl->key == h && key_eq(t->keys[sl->val_plus1 - 1], key)))
			return sl;
	}
}

int32_t chan_table_find(const struct chan_table *t, struct chan_key key)
{
	return key_slot(t, key, key_hash(key))->val_plus1 - 1;
}

int32_t chan_table_get(struct chan_table *t, struct chan_key key, bool *created)
{
	struct snapshot *s = t->s;
	u64map_make_room(&t->by_key);
	uint64_t h = key_hash(key);
	struct u64slot *sl = key_slot(t, key, h);
	*created = !sl->val_plus1;
	if (sl->val_plus1)
		return sl->val_plus1 - 1;
	if (s->n_chans >= s->cap_chans || s->n_chans >= t->cap_keys) {
		XGROW(s->chans, s->cap_chans, s->n_chans + 1);
		XGROW(t->keys, t->cap_keys, s->n_chans + 1);
	}
	int32_t i = (int32_t)s->n_chans++;
	memset(&s->chans[i], 0, sizeof(s->chans[i]));
	s->chans[i].kind = key.kind;
	s->chans[i].sysv = -1;
	s->chans[i].capacity = -1;
	t->keys[i] = key;
	u64map_fill(&t->by_key, sl, h, i);
	return i;
}

static void merge_ep(struct endpoint *old, const struct endpoint *ep)
{
	bool prefer_new = (old->fd < 0 && ep->fd >= 0) ||
			  (old->fd >= 0 && ep->fd >= 0 && ep->fd < old->fd);
	uint8_t acc = old->access | ep->access;
	if (prefer_new) {
		const char *role = old->role;
		*old = *ep;
		if (role && ep->role && strcmp(role, ep->role) != 0)
			old->role = NULL;   /* e.g. both ends of one pipe: neither "read" nor "write" */
	} else if (old->role && ep->role && strcmp(old->role, ep->role) != 0) {
		old->role = NULL;
	}
	old->access = acc;
}

void chan_table_add_ep(struct chan_table *t, int32_t chan, const struct endpoint *ep)
{
	if (ep->pid > 0) {
		uint64_t key = (uint64_t)(uint32_t)chan << 32 | (uint32_t)ep->pid;
		struct u64slot *sl = u64map_slot(&t->by_chan_pid, key);
		if (sl->val_plus1) {
			merge_ep(&t->eps[sl->val_plus1 - 1].ep, ep);
			return;
		}
		u64map_fill(&t->by_chan_pid, sl, key, (int32_t)t->n_eps);
	}
	if (t->n_eps >= t->cap_eps)
		XGROW(t->eps, t->cap_eps, t->n_eps + 1);
	t->eps[t->n_eps].chan = chan;
	t->eps[t->n_eps].ep = *ep;
	t->n_eps++;
}

/* All endpoints go into one arena block, each channel's in the order they were added. The
 * lookup tables go first: this is the top of a refresh's memory (the previous snapshot and
 * this one both whole), and they are 1 MiB at 2000 processes. */
void chan_table_finish(struct chan_table *t)
{
	struct snapshot *s = t->s;
	free(t->keys);
	u64map_free(&t->by_key);
	u64map_free(&t->by_chan_pid);
	size_t *start = xcalloc(s->n_chans + 1, sizeof(*start));
	for (size_t i = 0; i < t->n_eps; i++)
		start[t->eps[i].chan + 1]++;
	struct endpoint *all = t->n_eps ? arena_alloc(&s->arena, t->n_eps * sizeof(*all)) : NULL;
	for (size_t c = 0; c < s->n_chans; c++) {
		start[c + 1] += start[c];
		s->chans[c].ep = all ? all + start[c] : NULL;
		s->chans[c].n_ep = 0;
	}
	for (size_t i = 0; i < t->n_eps; i++) {
		struct channel *ch = &s->chans[t->eps[i].chan];
		ch->ep[ch->n_ep++] = t->eps[i].ep;
		if (t->eps[i].ep.proc >= 0)
			s->procs[t->eps[i].ep.proc].n_channels++;
	}
	free(start);
	free(t->eps);
	memset(t, 0, sizeof(*t));
}
