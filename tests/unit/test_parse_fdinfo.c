/* test_parse_fdinfo.c — parse_fdinfo on real fdinfo captures (pipe, eventfd, pty master,
 * inotify, epoll, a file with a lock) and on broken values. */
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	test_fixtures();
	test_bad_values();
	return tap_done();
}
