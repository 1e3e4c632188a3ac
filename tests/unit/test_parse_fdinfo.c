/* test_parse_fdinfo.c — parse_fdinfo on real fdinfo captures (pipe, eventfd, pty master,
 * inotify, epoll, a file with a lock) and on broken values; parse_fdinfo_anon on the same and
 * on timerfd, signalfd and pidfd text as this kernel (6.18) writes it, and on malformed lines. */
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static int parse_file(const char *name, struct fdinfo_fields *o)
{
	size_t n;
	char *buf = fixture(name, &n);
	int found = parse_fdinfo(buf, n, o);
	free(buf);
	return found;
}

static int parse_text(const char *s, struct fdinfo_fields *o)
{
	size_t n = strlen(s);
	char *buf = exact_copy(s, n);
	int found = parse_fdinfo(buf, n, o);
	free(buf);
	return found;
}

static void test_fixtures(void)
{
	struct fdinfo_fields o;
	is_int(parse_file("fdinfo_eventfd.txt", &o), 6, "eventfd: 6 fields");
	ok(o.has_pos && o.pos == 0, "eventfd: pos 0");
	ok(o.has_flags && o.flags == 02000002, "eventfd: flags octal 02000002 (O_CLOEXEC|O_RDWR)");
	ok(o.has_mnt_id && o.mnt_id == 17, "eventfd: mnt_id 17");
	ok(o.has_ino && o.ino == 1038, "eventfd: ino 1038");
	ok(o.has_eventfd_count && o.eventfd_count == 7, "eventfd: count 7 (hex, space padded)");
	ok(o.has_eventfd_id && o.eventfd_id == 1, "eventfd: id 1");
	ok(!o.has_tty_index, "eventfd: no tty-index");

	parse_file("fdinfo_ptmx.txt", &o);
	ok(o.has_tty_index && o.tty_index == 0, "ptmx: tty-index 0");
	ok(o.flags == 0100002 && o.mnt_id == 23 && o.ino == 90, "ptmx: flags, mnt_id, ino");
	ok(!o.has_eventfd_id, "ptmx: no eventfd-id");

	parse_file("fdinfo_pipe_w.txt", &o);
	ok(o.flags == 01 && o.ino == 17453 && o.mnt_id == 16, "pipe write end: O_WRONLY, inode 17453");

	is_int(parse_file("fdinfo_inotify.txt", &o), 4, "inotify: the wd line is not a field");
	is_int(o.ino, 1038, "inotify: ino: inside the wd line is ignored");

	parse_file("fdinfo_epoll.txt", &o);
	ok(o.ino == 1038 && o.flags == 02, "epoll: tfd line ignored");

	parse_file("fdinfo_lock.txt", &o);
	ok(o.ino == 10953219 && o.mnt_id == 26 && o.flags == 0100002, "locked file: lock line ignored");
}

static void test_bad_values(void)
{
	struct fdinfo_fields o;
	parse_text("flags:\t09\n", &o);
	ok(!o.has_flags && o.flags == 0, "flags with a non-octal digit skipped");
	parse_text("flags:\t077777777777\n", &o);
	ok(!o.has_flags, "flags beyond 32 bits skipped");
	parse_text("pos:\t-1\nino:\t\nmnt_id:\t99999999999\n", &o);
	ok(!o.has_pos && !o.has_ino && !o.has_mnt_id, "negative pos, empty ino, oversized mnt_id");
	parse_text("ino:\t123abc\n", &o);
	ok(!o.has_ino && o.ino == 0, "trailing junk: not stored");
	parse_text("eventfd-id: 12abc\ntty-index:\t-5\n", &o);
	ok(!o.has_eventfd_id, "eventfd-id with junk skipped");
	ok(o.has_tty_index && o.tty_index == -5, "tty-index is signed");
	parse_text("eventfd-count: fffffffffffffffff\n", &o);
	ok(!o.has_eventfd_count, "eventfd-count overflow skipped");
	parse_text("pos \t5\nPOS:\t5\nposition:\t5\n", &o);
	ok(!o.has_pos, "keys must match exactly");
	parse_text("pos:\t18446744073709551615", &o);
	ok(o.has_pos && o.pos == UINT64_MAX, "largest pos, no final newline");
	const char *s = "ino:\t12345";
	char *buf = exact_copy(s, 7);
	parse_fdinfo(buf, 7, &o);
	free(buf);
	is_int(o.ino, 12, "len bounds the text (\"ino:\\t12\" of \"ino:\\t12345\")");
	is_int(parse_fdinfo(NULL, 0, &o), 0, "NULL text");
	o.has_pos = true;
	is_int(parse_text("", &o), 0, "empty text");
	ok(!o.has_pos, "struct zeroed first");
}

static struct fdinfo_lists lists;

static int anon_text(const char *s, struct fd_anon *a)
{
	size_t n = strlen(s);
	char *buf = exact_copy(s, n);
	int found = parse_fdinfo_anon(buf, n, a, &lists, NULL);
	free(buf);
	return found;
}

static int anon_file(const char *name, struct fd_anon *a)
{
	size_t n;
	char *buf = fixture(name, &n);
	int found = parse_fdinfo_anon(buf, n, a, &lists, NULL);
	free(buf);
	return found;
}

/* Captures of this kernel's text (the spacing is the kernel's own). */
static const char timerfd_text[] =
	"pos:\t0\nflags:\t02\nmnt_id:\t17\nino:\t26\nclockid: 1\nticks: 3\n"
	"settime flags: 00\nit_value: (4, 992401667)\nit_interval: (5, 0)\n";
static const char signalfd_text[] = "pos:\t0\nflags:\t02\nmnt_id:\t17\nino:\t26\n"
	"sigmask:\t0000000000004200\n";
static const char pidfd_text[] = "pos:\t0\nflags:\t02000002\nmnt_id:\t4\nino:\t2016928\n"
	"Pid:\t9546\nNSpid:\t9546\n";

static void test_anon_kinds(void)
{
	struct fd_anon a;
	is_int(anon_file("fdinfo_eventfd.txt", &a), 1, "eventfd: one anon line");
	ok(a.have == FA_COUNT && a.count == 7, "eventfd: count 7");
	size_t n;
	char *buf = fixture("fdinfo_eventfd.txt", &n);
	struct fdinfo_fields f;
	parse_fdinfo_anon(buf, n, &a, &lists, &f);
	free(buf);
	ok(f.has_eventfd_id && f.eventfd_id == 1 && f.has_ino && f.ino == 1038 && a.count == 7,
	   "eventfd: id 1 and ino 1038 from the same pass as the anon values");

	is_int(anon_text(timerfd_text, &a), 4, "timerfd: clockid, ticks, it_value, it_interval");
	ok(a.clockid == 1 && a.ticks == 3, "timerfd: CLOCK_MONOTONIC, 3 ticks");
	ok(a.value_ns == 4992401667ull, "timerfd: it_value in ns");
	ok(a.interval_ns == 5000000000ull, "timerfd: it_interval 5 s");
	ok(a.have == (FA_CLOCKID | FA_TICKS | FA_VALUE | FA_INTERVAL), "timerfd: have bits");

	is_int(anon_text(signalfd_text, &a), 1, "signalfd: sigmask");
	ok(a.have == FA_SIGMASK && a.sigmask == ((1ull << 9) | (1ull << 14)),
	   "signalfd: SIGUSR1 (10) and SIGTERM (15)");

	anon_text(pidfd_text, &a);
	ok(a.have == FA_PID && a.pid == 9546, "pidfd: Pid 9546 (NSpid ignored)");
	anon_text("Pid:\t-1\nNSpid:\t-1\n", &a);
	ok(a.have == FA_PID && a.pid == -1, "pidfd of an ended process: -1");

	is_int(anon_file("fdinfo_inotify.txt", &a), 1, "inotify: one watch line");
	is_int((long)lists.n_watches, 1, "inotify: one watch");
	ok(lists.watches[0].wd == 1 && lists.watches[0].ino == 0x3c51a && lists.watches[0].mask == 0x100,
	   "inotify: wd 1, inode 0x3c51a, mask IN_CREATE");
	ok(lists.watches[0].dev == makedev(254, 0), "inotify: sdev fe00000 is 254:0");

	is_int(anon_file("fdinfo_epoll.txt", &a), 1, "epoll: one tfd line");
	is_int((long)lists.n_targets, 1, "epoll: one target");
	ok(lists.targets[0].fd == 7 && lists.targets[0].events == 0x19 && lists.targets[0].ino == 0x442d,
	   "epoll: fd 7, events 0x19, inode 0x442d");
	anon_text("tfd:        3 events:       19 data:              4d2  pos:0 ino:1a sdev:10\n"
		  "tfd:        4 events: 8000001c data:              4d2  pos:0 ino:1a sdev:10\n", &a);
	ok(lists.n_targets == 2 && lists.targets[1].fd == 4 && lists.targets[1].events == 0x8000001c,
	   "epoll: second target, EPOLLET kept");
}

static void test_anon_malformed(void)
{
	struct fd_anon a;
	anon_text("it_value: (4, 1000000000)\nit_interval: (5 0)\nticks: -1\nclockid: 99999999999\n", &a);
	ok(a.have == 0, "nsec out of range, no comma, negative ticks, oversized clockid: none kept");
	anon_text("it_value: (18446744073, 709551616)\n", &a);
	ok(a.have == 0, "it_value beyond 64-bit ns skipped");
	anon_text("sigmask:\t00000000000042zz\nPid:\t-2\neventfd-count: \n", &a);
	ok(a.have == 0, "junk sigmask, pid -2, empty count skipped");
	anon_text("tfd:        x events:       19 data: 1  pos:0 ino:1a sdev:10\n"
		  "tfd:        3 events:       19 data: 1  pos:0 ino:1a\n"
		  "tfd:        3 events:       19 data: 1  pos:0 ino:1a sdev:10 extra\n"
		  "tfd:        5 events:       19 data: 1  pos:0 ino:1a sdev:10\n", &a);
	ok(lists.n_targets == 1 && lists.targets[0].fd == 5, "epoll: three broken tfd lines skipped, one kept");
	anon_text("inotify wd:zz ino:1 sdev:0 mask:1\ninotify wd:2 ino:1 sdev:0\n"
		  "inotify wd:3 ino:1 sdev:0 mask:1x ignored_mask:0\ninotify wd:4 ino:1 sdev:0 mask:2\n", &a);
	ok(lists.n_watches == 1 && lists.watches[0].wd == 4, "inotify: three broken watch lines skipped");
	anon_text("Pid:\t12\n", &a);
	ok(lists.n_targets == 0 && lists.n_watches == 0, "lists reset on each call");
	char cut[] = "sigmask:\t0000000000004200";
	parse_fdinfo_anon(cut, 12, &a, &lists, NULL);
	ok(a.have == FA_SIGMASK && a.sigmask == 0, "len bounds the text");
	is_int(parse_fdinfo_anon(NULL, 0, &a, &lists, NULL), 0, "NULL text");
}

int main(void)
{
	test_fixtures();
	test_bad_values();
	test_anon_kinds();
	test_anon_malformed();
	free(lists.targets);
	free(lists.watches);
	return tap_done();
}
