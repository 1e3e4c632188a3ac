/* channel_table.c — find-or-add channels by key and gather their endpoints without any
 * quadratic step: a hash per key, a hash per (channel, pid), a counting sort at the end. */
#include "channel/channel_table.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void chan_table_init(struct chan_table *t, struct snapshot *s)
{
	memset(t, 0, sizeof(*t));
	t->s = s;
	u64map_init(&t->by_key, 1024);
	u64map_init(&t->by_chan_pid, 1024);
}

static uint64_t key_hash(struct chan_key k)
{
	return u64_mix((uint64_t)k.kind, u64_mix(k.a, k.b));
}

static bool key_eq(struct chan_key x, struct chan_key y)
{
	return x.kind == y.kind && x.a == y.a && x.b == y.b;
}

/* The channel of key (>= 0), or -1 with *free_hash set to where it would go: a different
 * key with the same hash moves on to the next hash value. */
static int32_t lookup(const struct chan_table *t, struct chan_key key, uint64_t *free_hash)
{
	uint64_t h = key_hash(key);
	for (;; h++) {
		int32_t i = u64map_get(&t->by_key, h);
		if (i < 0)
			break;
		if (key_eq(t->keys[i], key))
			return i;
	}
	*free_hash = h;
	return -1;
}

int32_t chan_table_find(const struct chan_table *t, struct chan_key key)
{
	uint64_t h;
	return lookup(t, key, &h);
}

int32_t chan_table_get(struct chan_table *t, struct chan_key key, bool *created)
{
	struct snapshot *s = t->s;
	uint64_t h;
	int32_t found = lookup(t, key, &h);
	*created = found < 0;
	if (found >= 0)
		return found;
	XGROW(s->chans, s->cap_chans, s->n_chans + 1);
	XGROW(t->keys, t->cap_keys, s->n_chans + 1);
	int32_t i = (int32_t)s->n_chans++;
	memset(&s->chans[i], 0, sizeof(s->chans[i]));
	s->chans[i].kind = key.kind;
	s->chans[i].sysv = -1;
	t->keys[i] = key;
	u64map_put(&t->by_key, h, i);
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
	uint64_t k = u64_mix((uint64_t)chan, (uint64_t)(uint32_t)ep->pid);
	if (ep->pid > 0) {
		int32_t i = u64map_get(&t->by_chan_pid, k);
		if (i >= 0 && t->eps[i].chan == chan && t->eps[i].ep.pid == ep->pid) {
			merge_ep(&t->eps[i].ep, ep);
			return;
		}
	}
	XGROW(t->eps, t->cap_eps, t->n_eps + 1);
	t->eps[t->n_eps].chan = chan;
	t->eps[t->n_eps].ep = *ep;
	if (ep->pid > 0)
		u64map_put(&t->by_chan_pid, k, (int32_t)t->n_eps);
	t->n_eps++;
}

void chan_table_finish(struct chan_table *t)
{
	struct snapshot *s = t->s;
	size_t *start = xcalloc(s->n_chans + 1, sizeof(*start));
	for (size_t i = 0; i < t->n_eps; i++)
		start[t->eps[i].chan + 1]++;
	for (size_t c = 0; c < s->n_chans; c++) {
		start[c + 1] += start[c];
		s->chans[c].ep = arena_alloc(&s->arena, (start[c + 1] - start[c]) * sizeof(struct endpoint));
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
	u64map_free(&t->by_key);
	u64map_free(&t->by_chan_pid);
	memset(t, 0, sizeof(*t));
}
