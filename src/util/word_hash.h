/* word_hash.h — a 64-bit hash fed a word (8 bytes) at a time (word_hash.c): how the recorder
 * tells a state text from the last one it stored (history_text.h) and how the exporter stamps
 * what a JSON object is made of (export_json.h). In memory only: never written to a file. */
#ifndef IPCTOP_WORD_HASH_H
#define IPCTOP_WORD_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Where a hash starts: WH_SEED, or wh_start(n) when n bytes follow in one piece. */
#define WH_SEED 0x9e3779b97f4a7c15ull
static inline uint64_t wh_start(size_t n) { return WH_SEED ^ n; }
/* h fed the n bytes at p: each whole word, then the tail (zero-padded); two feeds of different
 * bytes give different hashes but for a collision. */
uint64_t wh_feed(uint64_t h, const void *p, size_t n);
/* h fed a text up to and with its NUL (NULL as a text of its own, apart from ""). */
uint64_t wh_feed_str(uint64_t h, const char *t);
/* h fed one number. */
uint64_t wh_feed_u64(uint64_t h, uint64_t v);

#endif
