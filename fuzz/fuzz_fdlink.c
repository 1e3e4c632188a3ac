/* fuzz_fdlink.c — libFuzzer target: classify_fd_link() on any NUL-terminated link text. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A numbered kind must carry the number its text shows (leading zeros aside). */
static void check_number(const char *text, enum fd_kind k, uint64_t ino)
{
	const char *fmt = k == FDK_PIPE ? "pipe:[%" PRIu64 "]"
	                : k == FDK_SOCKET ? "socket:[%" PRIu64 "]"
	                : k == FDK_PTS ? "/dev/pts/%" PRIu64 : NULL;
	if (!fmt) {
		if (ino != 0)
			abort();
		return;
	}
	uint64_t back;
	if (sscanf(text, fmt, &back) != 1 || back != ino)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	uint64_t ino = 12345;
	enum fd_kind k = classify_fd_link(text, &ino);
	if ((unsigned)k >= FDK__COUNT)
		abort();
	check_number(text, k, ino);
	if (classify_fd_link(text, NULL) != k)
		abort();
	free(text);
	return 0;
}
