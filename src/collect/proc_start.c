/* proc_start.c — single fields read anew from /proc/PID/stat: when a process started (what an
 * action checks before it touches a process, so that a PID taken over by a new process is never
 * acted on) and a zombie's exit status (field 52, which parse_stat does not keep). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect.h"

int stat_text_field(const char *buf, int field, unsigned long long *out)
{
	/* The name may hold ') ': the fields start after the last one. */
	const char *p = strrchr(buf, ')');
	for (int f = 2; p && f < field; f++)
		p = strchr(p + 1, ' ');
	if (!p)
		return -EINVAL;
	char *end;
	unsigned long long v = strtoull(p + 1, &end, 10);
	if (end == p + 1)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Field `field` (2 or more) of ROOT/PID/stat, a number; -errno (-ESRCH: gone). */
static int stat_field(const char *root, pid_t pid, int field, unsigned long long *out)
{
	char path[4096], buf[1024];
	snprintf(path, sizeof(path), "%s/%d/stat", root, (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	int err = errno;
	close(fd);
	if (n <= 0)
		return n < 0 && err != ESRCH ? -err : -ESRCH;
	buf[n] = '\0';
	return stat_text_field(buf, field, out);
}

int collect_start_time_in(const char *proc_root, pid_t pid, uint64_t *ticks)
{
	unsigned long long v;
	int r = stat_field(proc_root, pid, 22, &v);   /* starttime */
	if (r == 0)
		*ticks = v;
	return r;
}

int collect_start_time(pid_t pid, uint64_t *ticks)
{
	return collect_start_time_in("/proc", pid, ticks);
}
