/* history_live.c — the recorder's memory of the rows alive at its last sample: a set of rows
 * by key, found or added as a sample is written, and swept of those the sample did not see. */
#include "history/history_live.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void hist_live_init(struct hist_live_set *set)
{
	memset(set, 0, sizeof(*set));
	u64map_init(&set->map, 256);
}

void hist_live_free(struct hist_live_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].eps);
	free(set->v);
	u64map_free(&set->map);
	memset(set, 0, sizeof(*set));
}

struct hist_live_row *hist_live_find(struct hist_live_set *set, uint64_t key)
{
	int32_t at = u64map_get(&set->map, key);
	return at < 0 ? NULL : &set->v[at];
}

struct hist_live_row *hist_live_get(struct hist_live_set *set, uint64_t key)
{
	struct hist_live_row *r = hist_live_find(set, key);
	if (r)
		return r;
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 256;
		set->v = xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	u64map_put(&set->map, key, (int32_t)set->n);
	r = &set->v[set->n++];
	memset(r, 0, sizeof(*r));
	r->key = key;
	return r;
}

int hist_live_sweep(struct hist_live_set *set, int64_t sample,
                    int (*end)(void *ctx, struct hist_live_row *row), void *ctx)
{
	size_t kept = 0;
	int rc = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct hist_live_row *r = &set->v[i];
		if (r->seen == sample) {
			set->v[kept++] = *r;
			continue;
		}
		if (rc == 0)
			rc = end(ctx, r);
		free(r->eps);
	}
	if (kept == set->n)
		return rc;
	set->n = kept;
	u64map_free(&set->map);
	u64map_init(&set->map, kept + 256);
	for (size_t i = 0; i < kept; i++)
		u64map_put(&set->map, set->v[i].key, (int32_t)i);
	return rc;
}

uint64_t hist_live_proc_key(int64_t pid, int64_t start_ticks)
{
	/* exact: a pid is below 2^22 (PID_MAX_LIMIT), a start below 2^42 ticks (a thousand years) */
	return (uint64_t)pid << 42 ^ ((uint64_t)start_ticks & ((1ull << 42) - 1));
}

static uint64_t mix_text(uint64_t h, const char *t)
{
	return u64_mix(h, t ? u64_text_hash(t) : 0x9e3779b97f4a7c15ull);
}

uint64_t hist_live_ep_key(const struct hist_ep_cols *c)
{
	uint64_t h = u64_mix(c->has_pid ? (uint64_t)c->pid : ~0ull, c->has_fd ? (uint64_t)c->fd : ~1ull);
	h = mix_text(h, c->access);
	h = mix_text(h, c->role);
	h = mix_text(h, c->local);
	return mix_text(h, c->remote);
}
