/* fuzz_maps.c — libFuzzer target: parse_maps(), parse_maps_line(), maps_classify() and
 * map_is_ipc() on any bytes. Input: maps text, optionally "\0" and the executable's path. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_map(const struct map_info *m)
{
	if (m->start > m->end || m->path == NULL || (unsigned)m->seg >= SEG__COUNT)
		abort();
	if (strnlen(m->perms, sizeof(m->perms)) != 4)
		abort();
	if (map_is_ipc(m) && m->perms[3] != 's')
		abort();   /* a private mapping is never IPC */
}

/* Every line on its own, in an exactly sized heap copy (reads past len are caught). */
static void fuzz_lines(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = (size_t)((nl ? nl : end) - p);
		char *copy = malloc(ll ? ll : 1);
		memcpy(copy, p, ll);
		struct arena a;
		arena_init(&a);
		struct map_info m;
		if (parse_maps_line(copy, ll, &m, &a) == 0)
			check_map(&m);
		arena_free(&a);
		free(copy);
		p = nl ? nl + 1 : end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t len = nul ? (size_t)(nul - text) : size;
	char *exe = NULL;
	if (nul) {
		size_t elen = size - len - 1;
		exe = malloc(elen + 1);
		memcpy(exe, nul + 1, elen);
		exe[elen] = '\0';
	}
	struct arena a;
	arena_init(&a);
	struct map_info *maps = NULL;
	size_t n = 0;
	if (parse_maps(text, len, &maps, &n, &a) < 0)
		abort();
	maps_classify(maps, n, exe);
	for (size_t i = 0; i < n; i++)
		check_map(&maps[i]);
	free(maps);
	arena_free(&a);
	fuzz_lines(text, len);
	free(exe);
	return 0;
}
