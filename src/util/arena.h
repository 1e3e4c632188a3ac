/* arena.h — bump allocator for one snapshot: many small strings and arrays, freed at once. */
#ifndef IPCTOP_ARENA_H
#define IPCTOP_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used_total;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* Move everything src holds into dst (pointers into it stay valid); src is left empty. */
void arena_adopt(struct arena *dst, struct arena *src);
/* Zeroed, 16-byte aligned memory; aborts on out-of-memory. arena_memdup's copy is aligned
 * too; the strings below are not (byte-aligned, packed). used_total counts the bytes asked. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_memdup(struct arena *a, const void *p, size_t n);
/* Copies n bytes and adds a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
