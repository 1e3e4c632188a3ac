/* fuzz_sysv_sem.c — libFuzzer target: parse_sysv_sem() (/proc/sysvipc/sem) on any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sysv_sem *rows = NULL;
	size_t n = 0;
	int bad = parse_sysv_sem((const char *)data, size, &rows, &n);
	if (bad < 0 || (n > 0 && rows == NULL))
		abort();
	free(rows);
	return 0;
}
