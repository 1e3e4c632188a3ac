/* test_u64map.c — the hash table every resolution stands on: put, replace and get (key 0
 * included), growth far past the size it was made for, the one-walk find-or-insert, and a walk
 * over keys that share a hash, as channel_table.c does it. */
#include <stdlib.h>

#include "util/u64map.h"
#include "../tap.h"

static void test_put_get(void)
{
	struct u64map m;
	u64map_init(&m, 4);
	is_int(u64map_get(&m, 0), -1, "empty map: key 0 absent");
	is_int(u64map_put(&m, 0, 7), -1, "key 0 is new");
	is_int(u64map_put(&m, 0, 8), 7, "replacing gives the old value");
	is_int(u64map_get(&m, 0), 8, "and the new one is kept");
	bool all = true;
	for (uint64_t k = 1; k <= 20000; k++)
		u64map_put(&m, k * 0x10000, (int32_t)k);   /* grows many times over */
	for (uint64_t k = 1; k <= 20000 && all; k++)
		all = u64map_get(&m, k * 0x10000) == (int32_t)k;
	ok(all, "20000 keys all found after growing");
	is_int(m.len, 20001, "each key counted once");
	ok(2 * m.len <= m.mask + 1, "at most half full");
	is_int(u64map_get(&m, 12345), -1, "a key never put is absent");
	u64map_free(&m);
	is_int(u64map_get(&m, 1), -1, "a freed map finds nothing");
}

static void test_slot(void)
{
	struct u64map m;
	u64map_init(&m, 0);
	struct u64slot *sl = u64map_slot(&m, 42);
	ok(sl && sl->val_plus1 == 0, "find-or-insert: an empty slot for a new key");
	u64map_fill(&m, sl, 42, 3);
	sl = u64map_slot(&m, 42);
	ok(sl->val_plus1 == 4 && sl->key == 42, "the same walk finds it filled");
	is_int(u64map_get(&m, 42), 3, "and get agrees");
	for (int i = 0; i < 100; i++) {
		sl = u64map_slot(&m, 1000 + (uint64_t)i);
		if (!sl->val_plus1)
			u64map_fill(&m, sl, 1000 + (uint64_t)i, i);
	}
	is_int(u64map_get(&m, 1099), 99, "find-or-insert grows the table as needed");
	u64map_free(&m);
}

/* Several entries under one hash key, told apart by the caller: each is found by its walk. */
static void test_shared_hash(void)
{
	struct u64map m;
	u64map_init(&m, 8);
	for (int32_t v = 0; v < 5; v++) {
		u64map_make_room(&m);
		size_t i = u64map_home(&m, 99);
		while (m.slots[i].val_plus1)
			i = u64map_next(&m, i);
		u64map_fill(&m, &m.slots[i], 99, v);
	}
	unsigned seen = 0;
	for (size_t i = u64map_home(&m, 99); m.slots[i].val_plus1; i = u64map_next(&m, i))
		if (m.slots[i].key == 99)
			seen |= 1u << (m.slots[i].val_plus1 - 1);
	is_int(seen, 0x1f, "five entries of one hash, all on its walk");
	u64map_free(&m);
}

int main(void)
{
	test_put_get();
	test_slot();
	test_shared_hash();
	ok(u64_mix(1, 2) != u64_mix(2, 1), "u64_mix depends on the order of its words");
	return tap_done();
}
