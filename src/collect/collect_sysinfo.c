/* collect_sysinfo.c — machine-wide figures for the header: load, memory and swap, uptime, and
 * the CPU time counters of /proc/stat. /proc/stat and /proc/meminfo stay open between
 * refreshes and are read again with pread() from offset 0 (one system call each). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_sysstat.h"
#include "collect/proc_read.h"

enum { KEEP_STAT, KEEP_MEMINFO, KEEP__COUNT };
static const char *const keep_path[KEEP__COUNT] = { "/proc/stat", "/proc/meminfo" };
static int keep_fd[KEEP__COUNT] = { -1, -1 };
static pthread_mutex_t keep_lock = PTHREAD_MUTEX_INITIALIZER;

/* The whole of a kept file into sb, growing the buffer until a read comes back short. */
static long pread_whole(int which, struct strbuf *sb)
{
	pthread_mutex_lock(&keep_lock);
	if (keep_fd[which] < 0)
		keep_fd[which] = open(keep_path[which], O_RDONLY | O_CLOEXEC);
	int fd = keep_fd[which];
	long n = -errno;
	size_t cap = sb->cap > 8192 ? sb->cap - 1 : 8192;
	sb_reset(sb);
	while (fd >= 0) {
		if (sb->cap < cap + 1)
			sb_grow(sb, cap);
		ssize_t r = pread(fd, sb->buf, cap, 0);
		if (r < 0) {
			n = -errno;
			break;
		}
		if ((size_t)r < cap || cap >= (1u << 24)) {
			n = (long)r;
			break;
		}
		cap *= 2;
	}
	pthread_mutex_unlock(&keep_lock);
	sb->len = n > 0 ? (size_t)n : 0;
	if (sb->buf)
		sb->buf[sb->len] = '\0';
	return n;
}

void collect_sysinfo_close(void)
{
	pthread_mutex_lock(&keep_lock);
	for (int i = 0; i < KEEP__COUNT; i++)
		if (keep_fd[i] >= 0) {
			close(keep_fd[i]);
			keep_fd[i] = -1;
		}
	pthread_mutex_unlock(&keep_lock);
}

void collect_sysinfo(struct snapshot *s, struct scan_ctx *c)
{
	struct sys_info *si = &s->sys;
	si->ticks_per_sec = sysconf(_SC_CLK_TCK);
	si->ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	int last = 0;
	if (read_whole_at(AT_FDCWD, "/proc/loadavg", &c->file) > 0 &&
	    sscanf(c->file.buf, "%lf %lf %lf %*d/%*d %d", &si->load[0], &si->load[1], &si->load[2],
	           &last) < 3)
		memset(si->load, 0, sizeof(si->load));
	si->last_pid = last > 0 ? last : 0;
	if (read_whole_at(AT_FDCWD, "/proc/uptime", &c->file) > 0)
		si->uptime_s = strtod(c->file.buf, NULL);
	if (pread_whole(KEEP_MEMINFO, &c->file) > 0)
		parse_meminfo(c->file.buf, c->file.len, si);
	if (!c->opts->no_cpu_stat && pread_whole(KEEP_STAT, &c->file) > 0 &&
	    parse_proc_stat(c->file.buf, c->file.len, &s->arena, si) < 0)
		si->n_cpu_slots = 0;
}
