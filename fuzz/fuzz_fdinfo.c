/* fuzz_fdinfo.c — libFuzzer target: parse_fdinfo() on any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdinfo_fields f;
	if (parse_fdinfo((const char *)data, size, &f) < 0)
		abort();
	return 0;
}
