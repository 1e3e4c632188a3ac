/* u64map.h — open-addressing hash table from a 64-bit key to a 32-bit value.
 * Used to resolve objects by inode, (device, inode) or address tuple without quadratic scans.
 * Key 0 is allowed. Several values per key are kept by the caller as a chain (see
 * channel_resolve.c): the map holds the head. */
#ifndef IPCTOP_U64MAP_H
#define IPCTOP_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct u64map {
	uint64_t *keys;
	int32_t *vals;
	uint8_t *used;
	size_t cap, len;
};

void u64map_init(struct u64map *m, size_t expected);
void u64map_free(struct u64map *m);
/* Insert or replace; returns the previous value or -1 if the key was new. */
int32_t u64map_put(struct u64map *m, uint64_t key, int32_t val);
/* The value for key, or -1. */
int32_t u64map_get(const struct u64map *m, uint64_t key);
/* Mix several words into one key (for tuples and (dev, ino) pairs). */
uint64_t u64_mix(uint64_t a, uint64_t b);

#endif
