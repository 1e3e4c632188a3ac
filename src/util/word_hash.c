/* word_hash.c — the word-at-a-time hash of word_hash.h: each step a bijection of h ^ word, so
 * that one word changed changes h. */
#include "util/word_hash.h"

#include <string.h>

uint64_t wh_feed(uint64_t h, const void *p, size_t n)
{
	const char *t = p;
	uint64_t word, tail = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&word, t + i, 8);
		h = (h ^ word) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	memcpy(&tail, t + i, n - i);
	h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
	return h ^ h >> 29;
}

uint64_t wh_feed_str(uint64_t h, const char *t)
{
	return t ? wh_feed(h, t, strlen(t) + 1) : wh_feed_u64(h, ~0ull);   /* its NUL: its end */
}

uint64_t wh_feed_u64(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0xff51afd7ed558ccdull;
	return h ^ h >> 32;
}
