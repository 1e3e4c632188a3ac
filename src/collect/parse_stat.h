/* parse_stat.h — /proc/PID/stat parsed by hand: the fields the process list shows, from one
 * line, with no sscanf (libproc2's reading of this file, which ipctop used at first, spent
 * most of a refresh's user time in it). Pure: takes the text, never a path. */
#ifndef IPCTOP_PARSE_STAT_H
#define IPCTOP_PARSE_STAT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The fields of proc(5)'s /proc/PID/stat that ipctop keeps (numbered as proc(5) does). */
struct stat_fields {
	pid_t pid;                          /* 1 */
	const char *comm; size_t comm_len;  /* 2, raw, inside the text: between '(' and the last ')' */
	char state;                         /* 3 */
	pid_t ppid, pgrp, session;          /* 4, 5, 6 */
	int tty_nr;                         /* 7 */
	unsigned flags;                     /* 9: PF_* of the kernel (0x00200000: kernel thread) */
	uint64_t utime, stime;              /* 14, 15: clock ticks */
	int priority, nice;                 /* 18, 19 */
	int num_threads;                    /* 20 */
	uint64_t starttime;                 /* 22: clock ticks after boot */
	uint64_t vsize;                     /* 23: bytes */
	uint64_t rss;                       /* 24: pages */
	uint64_t startstack;                /* 28 */
	int processor;                      /* 39 */
	unsigned rt_priority, policy;       /* 40, 41 */
};

/* Parse one stat text of len bytes (no NUL needed). Returns 0, or -1 when it is not a whole
 * stat line: no "(comm)", a field missing or not a number, fewer than 41 fields. */
int parse_stat(const char *text, size_t len, struct stat_fields *out);

#endif
