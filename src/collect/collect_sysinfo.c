/* collect_sysinfo.c — machine-wide figures for the header: load, memory, uptime, CPUs. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/proc_read.h"

static uint64_t meminfo_kib(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

void collect_sysinfo(struct snapshot *s, struct scan_ctx *c)
{
	struct sys_info *si = &s->sys;
	si->ticks_per_sec = sysconf(_SC_CLK_TCK);
	si->ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (read_whole_at(AT_FDCWD, "/proc/loadavg", &c->file) > 0 &&
	    sscanf(c->file.buf, "%lf %lf %lf", &si->load[0], &si->load[1], &si->load[2]) != 3)
		memset(si->load, 0, sizeof(si->load));
	if (read_whole_at(AT_FDCWD, "/proc/uptime", &c->file) > 0)
		si->uptime_s = strtod(c->file.buf, NULL);
	if (read_whole_at(AT_FDCWD, "/proc/meminfo", &c->file) > 0) {
		si->mem_total_kib = meminfo_kib(c->file.buf, "MemTotal:");
		si->mem_avail_kib = meminfo_kib(c->file.buf, "MemAvailable:");
	}
}
