/* u64map.h — open-addressing hash table from a 64-bit key to a 32-bit value.
 * Used to resolve objects by inode, (device, inode) or address tuple without quadratic scans.
 * Key 0 is allowed. Several values per key are kept by the caller as a chain (see
 * channel_resolve.c): the map holds the head. A table keyed by hashes of longer keys (several
 * may share a hash) walks the slots itself with u64map_home and u64map_next, as
 * channel_table.c does. */
#ifndef IPCTOP_U64MAP_H
#define IPCTOP_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct u64slot {
	uint64_t key;
	int32_t val_plus1;   /* the value plus one; 0 marks an empty slot */
};

struct u64map {
	struct u64slot *slots;
	size_t mask, len;    /* capacity - 1 (a power of two), slots in use */
};

void u64map_init(struct u64map *m, size_t expected);
void u64map_free(struct u64map *m);
/* Insert or replace; returns the previous value or -1 if the key was new. */
int32_t u64map_put(struct u64map *m, uint64_t key, int32_t val);
/* The value for key, or -1. */
int32_t u64map_get(const struct u64map *m, uint64_t key);
/* Find-or-insert in one walk: the slot holding key, or the empty slot where it would go (room
 * for one more is made first, so the pointer stays good until the next insertion). */
struct u64slot *u64map_slot(struct u64map *m, uint64_t key);
/* Fill the empty slot sl (from u64map_slot, or a walk after u64map_make_room). */
void u64map_fill(struct u64map *m, struct u64slot *sl, uint64_t key, int32_t val);
/* Keep room for one more entry (the table stays at most half full). */
void u64map_make_room(struct u64map *m);
/* Probe order for key: the first slot to look at, and the one after slot i. A walk ends at an
 * empty slot. */
size_t u64map_home(const struct u64map *m, uint64_t key);
static inline size_t u64map_next(const struct u64map *m, size_t i)
{
	return (i + 1) & m->mask;
}
/* Mix several words into one key (for tuples and (dev, ino) pairs). */
uint64_t u64_mix(uint64_t a, uint64_t b);
/* FNV-1a of a NUL-terminated text: a key for texts (check the text itself on a hit). */
uint64_t u64_text_hash(const char *t);

#endif
