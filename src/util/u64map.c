/* u64map.c — linear-probing hash table, load kept under 1/2; one array of (key, value) slots,
 * so a probe touches one cache line. */
#include "util/u64map.h"

#include <stdlib.h>

#include "util/xalloc.h"

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

uint64_t u64_mix(uint64_t a, uint64_t b)
{
	return hash64(a ^ hash64(b + 0x9e3779b97f4a7c15ULL));
}

void u64map_init(struct u64map *m, size_t expected)
{
	size_t cap = 16;
	while (cap < expected * 2 + 2)
		cap *= 2;
	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->mask = cap - 1;
	m->len = 0;
}

void u64map_free(struct u64map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->mask = m->len = 0;
}

size_t u64map_home(const struct u64map *m, uint64_t key)
{
	return (size_t)hash64(key) & m->mask;
}

/* Double the capacity; every entry goes to its place in the new probe order. */
static void grow(struct u64map *m)
{
	struct u64map old = *m;
	u64map_init(m, old.mask + 1);
	for (size_t i = 0; i <= old.mask; i++) {
		if (!old.slots[i].val_plus1)
			continue;
		size_t j = u64map_home(m, old.slots[i].key);
		while (m->slots[j].val_plus1)
			j = u64map_next(m, j);
		m->slots[j] = old.slots[i];
	}
	m->len = old.len;
	free(old.slots);
}

void u64map_make_room(struct u64map *m)
{
	if ((m->len + 1) * 2 > m->mask + 1)
		grow(m);
}

/* The slot of key, or the empty one that ends its walk. */
static struct u64slot *find(const struct u64map *m, uint64_t key)
{
	size_t i = u64map_home(m, key);
	while (m->slots[i].val_plus1 && m->slots[i].key != key)
		i = u64map_next(m, i);
	return &m->slots[i];
}

struct u64slot *u64map_slot(struct u64map *m, uint64_t key)
{
	u64map_make_room(m);
	return find(m, key);
}

void u64map_fill(struct u64map *m, struct u64slot *sl, uint64_t key, int32_t val)
{
	sl->key = key;
	sl->val_plus1 = val + 1;
	m->len++;
}

int32_t u64map_put(struct u64map *m, uint64_t key, int32_t val)
{
	struct u64slot *sl = u64map_slot(m, key);
	if (!sl->val_plus1) {
		u64map_fill(m, sl, key, val);
		return -1;
	}
	int32_t prev = sl->val_plus1 - 1;
	sl->val_plus1 = val + 1;
	return prev;
}

int32_t u64map_get(const struct u64map *m, uint64_t key)
{
	if (!m->slots)
		return -1;
	return find(m, key)->val_plus1 - 1;
}

uint64_t u64_text_hash(const char *t)
{
	uint64_t h = 14695981039346656037ull;
	for (; *t; t++)
		h = (h ^ (unsigned char)*t) * 1099511628211ull;
	return h;
}
