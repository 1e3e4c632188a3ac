/* parse_stat.c — /proc/PID/stat split at spaces after the command name (which may itself hold
 * spaces and ')': the fields start after the last ')'), each wanted field read as a decimal. */
#include <stdbool.h>
#include <string.h>

#include "collect/parse_stat.h"

/* A decimal at [*p, end), optionally negative, ending at a space, newline or end: 0, or -1. */
static int take_num(const char **p, const char *end, long long *out)
{
	const char *q = *p;
	bool neg = q < end && *q == '-';
	q += neg;
	if (q >= end || *q < '0' || *q > '9')
		return -1;
	unsigned long long v = 0;
	for (; q < end && *q >= '0' && *q <= '9'; q++) {
		unsigned d = (unsigned)(*q - '0');
		if (v > (~0ull - d) / 10)
			return -1;   /* wider than 64 bits (rsslim is often 2^64 - 1): not a field */
		v = v * 10 + d;
	}
	if (q < end && *q != ' ' && *q != '\n')
		return -1;
	*out = neg ? -(long long)v : (long long)v;
	*p = q < end ? q + 1 : q;
	return 0;
}

/* Store field number f (3 is the state, read apart) where it belongs. */
static void put(struct stat_fields *o, int f, long long v)
{
	switch (f) {
	case 4: o->ppid = (pid_t)v; break;
	case 5: o->pgrp = (pid_t)v; break;
	case 6: o->session = (pid_t)v; break;
	case 7: o->tty_nr = (int)v; break;
	case 9: o->flags = (unsigned)v; break;
	case 14: o->utime = (uint64_t)v; break;
	case 15: o->stime = (uint64_t)v; break;
	case 18: o->priority = (int)v; break;
	case 19: o->nice = (int)v; break;
	case 20: o->num_threads = (int)v; break;
	case 22: o->starttime = (uint64_t)v; break;
	case 23: o->vsize = (uint64_t)v; break;
	case 24: o->rss = (uint64_t)v; break;
	case 28: o->startstack = (uint64_t)v; break;
	case 39: o->processor = (int)v; break;
	case 40: o->rt_priority = (unsigned)v; break;
	case 41: o->policy = (unsigned)v; break;
	default: break;
	}
}

static const char *last_paren(const char *text, size_t len)
{
	for (size_t i = len; i > 0; i--)
		if (text[i - 1] == ')')
			return text + i - 1;
	return NULL;
}

int parse_stat(const char *text, size_t len, struct stat_fields *out)
{
	memset(out, 0, sizeof(*out));
	const char *end = text + len, *p = text, *open = memchr(text, '(', len);
	const char *close = last_paren(text, len);
	long long v;
	if (!open || !close || close < open || take_num(&p, open, &v) < 0 || v <= 0 ||
	    p != open)
		return -1;
	out->pid = (pid_t)v;
	out->comm = open + 1;
	out->comm_len = (size_t)(close - open - 1);
	p = close + 1;
	if (end - p < 4 || p[0] != ' ' || p[2] != ' ')
		return -1;
	out->state = p[1];
	p += 3;
	for (int f = 4; f <= 41; f++) {
		if (take_num(&p, end, &v) < 0)
			return -1;
		put(out, f, v);
	}
	return 0;
}
