/* channel_table.c — find-or-add channels by key and gather their endpoints without any
 * quadratic step: a hash per key, a hash per (channel, pid), a counting sort at the end. Both
 * hash tables are sized from the snapshot before resolution starts, so they never rehash, and
 * each lookup probes once (find and insert are one walk). */
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

static void tag_table_init(struct tag_table *tt, size_t expected)
{
	size_t cap = 64;
	while (cap < 2 * expected)
		cap *= 2;
	tt->slots = xcalloc(cap, sizeof(*tt->slots));
	tt->mask = cap - 1;
	tt->len = 0;
}

/* A cheap full-avalanche mix of one word (the finaliser of splitmix64). */
static inline uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Where the probe for tag starts: the same rule for lookups and for doubling. */
static size_t home_slot(const struct tag_table *tt, uint64_t tag)
{
	return (size_t)mix64(tag) & tt->mask;
}

/* Double the table (never needed when it was sized from endpoint_bound()). */
static void tag_table_double(struct tag_table *tt)
{
	struct tag_table old = *tt;
	tag_table_init(tt, old.mask + 1);
	for (size_t i = 0; i <= old.mask; i++) {
		if (!old.slots[i].val_plus1)
			continue;
		size_t j = home_slot(tt, old.slots[i].tag);
		while (tt->slots[j].val_plus1)
			j = (j + 1) & tt->mask;
		tt->slots[j] = old.slots[i];
	}
	tt->len = old.len;
	free(old.slots);
}

/* Keep the table at most half full. */
static inline void tag_table_make_room(struct tag_table *tt)
{
	if (2 * (tt->len + 1) > tt->mask + 1)
		tag_table_double(tt);
}

void chan_table_init(struct chan_table *t, struct snapshot *s)
{
	memset(t, 0, sizeof(*t));
	t->s = s;
	size_t bound = endpoint_bound(s);
	tag_table_init(&t->by_key, bound);
	tag_table_init(&t->by_chan_pid, bound);
	XGROW(t->eps, t->cap_eps, bound + 1);
	XGROW(t->keys, t->cap_keys, bound + 1);
	XGROW(s->chans, s->cap_chans, bound + 1);
}

static uint64_t key_hash(struct chan_key k)
{
	return mix64(k.a ^ (uint64_t)k.kind << 56) + k.b;   /* home_slot() mixes it again */
}

static bool key_eq(struct chan_key x, struct chan_key y)
{
	return x.kind == y.kind && x.a == y.a && x.b == y.b;
}

/* The slot of key's channel, or the empty slot where it would go. */
static struct tag_slot *key_slot(const struct chan_table *t, struct chan_key key, uint64_t h)
{
	const struct tag_table *tt = &t->by_key;
	for (size_t i = home_slot(tt, h);; i = (i + 1) & tt->mask) {
		struct tag_slot *sl = &tt->slots[i];
		if (!sl->val_plus1 || (sl->tag == h && key_eq(t->keys[sl->val_plus1 - 1], key)))
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
	tag_table_make_room(&t->by_key);
	uint64_t h = key_hash(key);
	struct tag_slot *sl = key_slot(t, key, h);
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
	t->keys[i] = key;
	*sl = (struct tag_slot){ h, i + 1 };
	t->by_key.len++;
	return i;
}

/* The slot of the pending endpoint whose tag is (channel << 32 | pid), or the empty slot where
 * it would go. */
static struct tag_slot *ep_slot(const struct tag_table *tt, uint64_t tag)
{
	size_t i = home_slot(tt, tag);
	while (tt->slots[i].val_plus1 && tt->slots[i].tag != tag)
		i = (i + 1) & tt->mask;
	return &tt->slots[i];
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
		tag_table_make_room(&t->by_chan_pid);
		uint64_t tag = (uint64_t)(uint32_t)chan << 32 | (uint32_t)ep->pid;
		struct tag_slot *sl = ep_slot(&t->by_chan_pid, tag);
		if (sl->val_plus1) {
			merge_ep(&t->eps[sl->val_plus1 - 1].ep, ep);
			return;
		}
		*sl = (struct tag_slot){ tag, (int32_t)t->n_eps + 1 };
		t->by_chan_pid.len++;
	}
	if (t->n_eps >= t->cap_eps)
		XGROW(t->eps, t->cap_eps, t->n_eps + 1);
	t->eps[t->n_eps].chan = chan;
	t->eps[t->n_eps].ep = *ep;
	t->n_eps++;
}

/* All endpoints go into one arena block, each channel's in the order they were added. */
void chan_table_finish(struct chan_table *t)
{
	struct snapshot *s = t->s;
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
	free(t->keys);
	free(t->by_key.slots);
	free(t->by_chan_pid.slots);
	memset(t, 0, sizeof(*t));
}
