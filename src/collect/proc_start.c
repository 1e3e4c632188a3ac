/* proc_start.c — when a process started, read anew from /proc/PID/stat: what an action checks
 * before it touches a process, so that a PID taken over by a new process is never acted on. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect.h"

int collect_start_time(pid_t pid, uint64_t *ticks)
{
	char path[48], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	int err = errno;
	close(fd);
	if (n <= 0)
		return n < 0 && err != ESRCH ? -err : -ESRCH;
	buf[n] = '\0';
	/* The name may hold ') ': the fields start after the last one. Field 22 is starttime. */
	char *p = strrchr(buf, ')');
	for (int field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (!p)
		return -EINVAL;
	char *end;
	unsigned long long v = strtoull(p + 1, &end, 10);
	if (end == p + 1)
		return -EINVAL;
	*ticks = v;
	return 0;
}
