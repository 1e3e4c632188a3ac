/* pagemap.c — read one entry of /proc/PID/pagemap and decode it (see pagemap.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "collect/pagemap.h"

#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)

enum pagemap_res pagemap_decode(uint64_t entry, uint64_t *pfn)
{
	*pfn = entry & PM_PFN_MASK;
	if (!(entry & PM_PRESENT))
		return PM_NOT_PRESENT;
	return *pfn ? PM_FRAME : PM_HIDDEN;
}

enum pagemap_res pagemap_frame(pid_t pid, uint64_t vaddr, uint64_t *pfn)
{
	char path[64];
	uint64_t entry = 0;
	long page = sysconf(_SC_PAGESIZE);
	*pfn = 0;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return PM_UNREADABLE;
	off_t off = (off_t)(vaddr / (uint64_t)(page > 0 ? page : 4096)) * 8;
	ssize_t n = pread(fd, &entry, sizeof(entry), off);
	int err = errno;
	close(fd);
	if (n != (ssize_t)sizeof(entry)) {
		errno = n < 0 ? err : EIO;
		return PM_UNREADABLE;
	}
	return pagemap_decode(entry, pfn);
}
