/* syscall_names.c — system call numbers to names, from this machine's <sys/syscall.h>
 * (syscall_names.inc is generated at build time: see src/model/local.mk). */
#include "model/kernel_names.h"

#include <stddef.h>

static const char *const names[] = {
#include "model/syscall_names.inc"
};

const char *syscall_name(int64_t nr)
{
	if (nr < 0 || (uint64_t)nr >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[nr];
}
