/* fuzz_status.c — libFuzzer target: parse_status() on any bytes (/proc/PID/status is partly
 * user-controlled: the Name: line is the process's own comm). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct status_fields f;
	int lines = parse_status((const char *)data, size, &f);
	if (lines < 0)
		abort();
	/* The cut list must stay a NUL-terminated string inside its array. */
	if (strnlen(f.cpus_allowed_list, sizeof(f.cpus_allowed_list)) >= sizeof(f.cpus_allowed_list))
		abort();
	return 0;
}
