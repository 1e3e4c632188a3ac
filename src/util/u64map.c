/* u64map.c — linear-probing hash table, load kept under 1/2. */
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

static void alloc_table(struct u64map *m, size_t cap)
{
	m->keys = xcalloc(cap, sizeof(*m->keys));
	m->vals = xcalloc(cap, sizeof(*m->vals));
	m->used = xcalloc(cap, 1);
	m->cap = cap;
	m->len = 0;
}

void u64map_init(struct u64map *m, size_t expected)
{
	size_t cap = 16;
	while (cap < expected * 2 + 2)
		cap *= 2;
	alloc_table(m, cap);
}

void u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	m->keys = NULL;
	m->vals = NULL;
	m->used = NULL;
	m->cap = m->len = 0;
}

static void rehash(struct u64map *m)
{
	struct u64map old = *m;
	alloc_table(m, old.cap * 2);
	for (size_t i = 0; i < old.cap; i++)
		if (old.used[i])
			u64map_put(m, old.keys[i], old.vals[i]);
	u64map_free(&old);
}

int32_t u64map_put(struct u64map *m, uint64_t key, int32_t val)
{
	if ((m->len + 1) * 2 > m->cap)
		rehash(m);
	size_t mask = m->cap - 1;
	for (size_t i = hash64(key) & mask;; i = (i + 1) & mask) {
		if (!m->used[i]) {
			m->used[i] = 1;
			m->keys[i] = key;
			m->vals[i] = val;
			m->len++;
			return -1;
		}
		if (m->keys[i] == key) {
			int32_t prev = m->vals[i];
			m->vals[i] = val;
			return prev;
		}
	}
}

int32_t u64map_get(const struct u64map *m, uint64_t key)
{
	if (!m->cap)
		return -1;
	size_t mask = m->cap - 1;
	for (size_t i = hash64(key) & mask; m->used[i]; i = (i + 1) & mask)
		if (m->keys[i] == key)
			return m->vals[i];
	return -1;
}
