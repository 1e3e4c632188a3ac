/* test_parse_stat.c — parse_stat, the refresh path's reader of /proc/PID/stat: hand-written
 * lines (a name holding ") (" and spaces, negative and 64-bit values, a cut or damaged line) and
 * the kernel's own line for this process, set against a plain sscanf of the same text. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "collect/parse_stat.h"
#include "collect/proc_read.h"
#include "../tap.h"

/* A stat line with 52 fields, as 6.x writes it, comm and a few fields chosen by the caller. */
static int make_line(char *out, size_t cap, const char *comm, const char *nice, const char *rsslim)
{
	return snprintf(out, cap,
		"4321 (%s) S 1200 4321 1100 34816 4321 4194560 120 0 3 0 "
		"15 7 0 0 39 %s 1 0 987654 12345678 300 %s 94000 95000 "
		"140731000000000 0 0 0 0 0 0 0 0 0 17 1 5 3 0 0 0 "
		"97000 98000 99000 140731000001000 140731000002000 140731000002000 140731000003000 0\n",
		comm, nice, rsslim);
}

static void check_fields(void)
{
	char line[1024];
	struct stat_fields f;
	int n = make_line(line, sizeof(line), "we ird) (na me", "19", "18446744073709551615");
	ok(parse_stat(line, (size_t)n, &f) == 0, "a line whose name holds \") (\" and spaces");
	is_int(f.pid, 4321, "pid");
	ok(f.comm_len == strlen("we ird) (na me") && !memcmp(f.comm, "we ird) (na me", f.comm_len),
	   "the name, up to the last ')'");
	is_int(f.state, 'S', "state");
	is_int(f.ppid, 1200, "ppid (field 4)");
	is_int(f.pgrp, 4321, "process group (5)");
	is_int(f.session, 1100, "session (6)");
	is_int(f.tty_nr, 34816, "tty (7)");
	is_int(f.flags, 4194560, "flags (9)");
	ok(f.utime == 15 && f.stime == 7, "user and system ticks (14, 15)");
	is_int(f.priority, 39, "priority (18)");
	is_int(f.nice, 19, "nice (19)");
	is_int(f.num_threads, 1, "threads (20)");
	ok(f.starttime == 987654, "start time (22)");
	ok(f.vsize == 12345678, "virtual size (23)");
	ok(f.rss == 300, "resident pages (24)");
	ok(f.startstack == 140731000000000ull, "start of the stack (28)");
	is_int(f.processor, 1, "last CPU (39)");
	is_int((int)f.rt_priority, 5, "real-time priority (40)");
	is_int((int)f.policy, 3, "policy (41)");

	n = make_line(line, sizeof(line), "x", "-20", "0");
	ok(parse_stat(line, (size_t)n, &f) == 0 && f.nice == -20, "a negative nice");
}

static void check_refused(void)
{
	char line[1024];
	struct stat_fields f;
	int n = make_line(line, sizeof(line), "x", "0", "0");
	ok(parse_stat(line, 60, &f) < 0, "a line cut before field 41 is refused");
	ok(parse_stat(line, (size_t)n, &f) == 0, "(the whole one is read)");
	n = make_line(line, sizeof(line), "x", "0", "184467440737095516160");
	ok(parse_stat(line, (size_t)n, &f) < 0, "a number wider than 64 bits is refused");
	n = make_line(line, sizeof(line), "x", "1O", "0");
	ok(parse_stat(line, (size_t)n, &f) < 0, "a field that is not a number is refused");
	ok(parse_stat("4321 x S 1", 10, &f) < 0, "no parenthesised name: refused");
	ok(parse_stat("(x) S 1 2 3", 11, &f) < 0, "no pid: refused");
	ok(parse_stat("", 0, &f) < 0, "nothing: refused");
}

/* The kernel's line for this process, against sscanf's reading of the same text. */
static void check_own(void)
{
	struct strbuf sb = STRBUF_INIT;
	long len = read_whole_at(AT_FDCWD, "/proc/self/stat", &sb);
	size_t n = len > 0 ? (size_t)len : 0;
	const char *buf = sb_str(&sb);
	struct stat_fields f;
	ok(parse_stat(buf, n, &f) == 0, "this process's own stat line is read");
	const char *rest = strrchr(buf, ')');
	char state;
	int ppid, pgrp, sid, tty, prio, nice, threads, cpu;
	unsigned long long start, vsize, rss;
	unsigned rtprio, policy;
	int got = rest ? sscanf(rest + 2,
		"%c %d %d %d %d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %d %d %d %*d %llu %llu %llu "
		"%*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*d %d %u %u",
		&state, &ppid, &pgrp, &sid, &tty, &prio, &nice, &threads, &start, &vsize, &rss,
		&cpu, &rtprio, &policy) : 0;
	ok(got == 14, "sscanf reads the same line (%d fields)", got);
	ok(f.pid == getpid() && f.ppid == ppid && f.pgrp == pgrp && f.session == sid &&
	   f.tty_nr == tty, "ids and tty as sscanf reads them");
	ok(f.state == state && f.priority == prio && f.nice == nice && f.num_threads == threads &&
	   f.processor == cpu && f.rt_priority == rtprio && f.policy == policy,
	   "state and scheduling as sscanf reads them");
	ok(f.starttime == start && f.vsize == vsize && f.rss == rss, "start time and sizes too");
	sb_free(&sb);
}

int main(void)
{
	check_fields();
	check_refused();
	check_own();
	return tap_done();
}
