/* parse_sysstat.h — the machine-wide /proc files the header meters read: /proc/stat's cpu
 * lines and /proc/meminfo's memory and swap figures, parsed from text into a sys_info. */
#ifndef IPCTOP_PARSE_SYSSTAT_H
#define IPCTOP_PARSE_SYSSTAT_H

#include <stddef.h>

#include "model/snapshot.h"
#include "util/arena.h"

/* Highest CPU number taken from /proc/stat (a line past it is ignored). */
enum { SYSSTAT_MAX_CPUS = 8192 };

/* The "cpu" and "cpuN" lines of /proc/stat text: si->cpu_all, and si->cpus (in a, one slot
 * per number up to the highest listed; a number not listed is offline). Fields a kernel does
 * not print are 0. Returns the number of cpuN lines, or -1 when there is no "cpu" line. */
int parse_proc_stat(const char *text, size_t len, struct arena *a, struct sys_info *si);
/* The memory and swap figures of /proc/meminfo text (absent keys are 0). */
void parse_meminfo(const char *text, size_t len, struct sys_info *si);

#endif
