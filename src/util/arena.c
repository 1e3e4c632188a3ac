/* arena.c — bump allocator: chunks of at least 64 KiB, freed together with the snapshot.
 * Memory is handed out cleared (arena_alloc) or, for copies, which write every byte, not.
 * Arrays are 16-byte aligned; strings are packed byte after byte (a snapshot holds tens of
 * thousands of short ones: descriptor targets, names, channel ids). A block too big to leave
 * much of a chunk behind gets a chunk of its own, behind the one being filled, which goes on
 * taking the small ones. In the sanitizer build the part of a chunk not handed out yet is
 * poisoned, and each block is followed by 16 poisoned bytes: a write or read past any block
 * is reported by AddressSanitizer, as it would be past a malloc'ed block. */
#include "util/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
enum { REDZONE = 16 };   /* poisoned bytes left after each block */
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
enum { REDZONE = 0 };
#endif

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024 };

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		UNPOISON(c->data, c->size);
		free(c);
		c = next;
	}
	arena_init(a);
}

void arena_adopt(struct arena *dst, struct arena *src)
{
	struct arena_chunk *tail = src->head;
	if (!tail)
		return;
	while (tail->next)
		tail = tail->next;
	tail->next = dst->head;
	dst->head = src->head;
	dst->used_total += src->used_total;
	arena_init(src);
}

/* size bytes at a multiple of align (a power of two, at most 16), not cleared: for copies,
 * which write every byte themselves. */
static void *arena_bump(struct arena *a, size_t size, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->size || c->size - at < size + REDZONE) {
		size_t cap = size + REDZONE > CHUNK_MIN ? size + REDZONE : CHUNK_MIN;
		struct arena_chunk *n = xmalloc(sizeof(*n) + cap);
		n->size = cap;
		n->used = 0;
		POISON(n->data, cap);
		if (c && size > CHUNK_MIN / 4) {   /* its own chunk; c keeps the small ones */
			n->next = c->next;
			c->next = n;
		} else {
			n->next = a->head;
			a->head = n;
		}
		c = n;
		at = 0;
	}
	c->used = at + size + REDZONE;
	a->used_total += size;
	UNPOISON(c->data + at, size);
	return c->data + at;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return memset(arena_bump(a, size, 16), 0, size);
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_bump(a, n ? n : 1, 16);
	if (n)
		memcpy(q, p, n);
	else
		*(char *)q = '\0';
	return q;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *q = arena_bump(a, n + 1, 1);
	memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	char *q = arena_bump(a, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(q, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return q;
}
