/* fuzz_schedstat.c — libFuzzer target: parse_schedstat() on any NUL-terminated text; on
 * failure the outputs must stay untouched. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	const uint64_t mark = 0xdeadbeefcafef00dULL;
	uint64_t run = mark, wait = mark, slices = mark;
	int r = parse_schedstat(text, &run, &wait, &slices);
	if (r != 0 && r != -1)
		abort();
	if (r == -1 && (run != mark || wait != mark || slices != mark))
		abort();
	free(text);
	return 0;
}
