/* fuzz_smaps.c — libFuzzer target: parse_smaps() against the mappings parse_maps() read.
 * Input: maps text, "\0", smaps text (without a NUL, the same text serves as both). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t maps_len = nul ? (size_t)(nul - text) : size;
	const char *smaps = nul ? nul + 1 : text;
	size_t smaps_len = nul ? size - maps_len - 1 : size;

	struct arena a;
	arena_init(&a);
	struct map_info *maps = NULL;
	size_t n = 0;
	parse_maps(text, maps_len, &maps, &n, &a);
	int matched = parse_smaps(smaps, smaps_len, maps, n);
	if (matched < 0)
		abort();
	for (size_t i = 0; i < n; i++)
		if (!maps[i].has_smaps && maps[i].rss_kib != 0)
			abort();   /* figures without their Rss line are not to be shown as read */
	free(maps);
	arena_free(&a);
	return 0;
}
