/* test_parse_misc.c — parse_schedstat, classify_fd_link (on the real link texts of
 * fd_links.txt and on near misses) and signal_name (checked against the C library's names). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static void test_schedstat(void)
{
	char *text = fixture_line("schedstat.txt");
	uint64_t run = 1, wait = 1, slices = 1;
	is_int(parse_schedstat(text, &run, &wait, &slices), 0, "schedstat.txt parsed");
	ok(run == 3838040 && wait == 522905 && slices == 1, "schedstat.txt values");
	free(text);
	is_int(parse_schedstat("18446744073709551615 0 7\n", &run, &wait, &slices), 0, "largest value");
	ok(run == UINT64_MAX && wait == 0 && slices == 7, "...read");
	static const char *const bad[] = {
		"", "1 2", "1 2 3 4", "a b c", "1 2 3x", "1 2 -3", "18446744073709551616 0 0", "1 2 3\n4",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run = 42;
		ok(parse_schedstat(bad[i], &run, &wait, &slices) == -1 && run == 42,
		   "schedstat rejects \"%s\" and leaves the outputs", bad[i]);
	}
	ok(parse_schedstat(NULL, &run, &wait, &slices) == -1, "NULL text");
}

struct link_case { const char *target; enum fd_kind kind; uint64_t ino; };

static void check_links(const struct link_case *c, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t ino = 999;
		enum fd_kind k = classify_fd_link(c[i].target, &ino);
		ok(k == c[i].kind && ino == c[i].ino, "%s \"%s\": %s %llu", what, c[i].target,
		   fd_kind_name(c[i].kind), (unsigned long long)c[i].ino);
		if (k != c[i].kind || ino != c[i].ino)
			printf("#   got %s %llu\n", fd_kind_name(k), (unsigned long long)ino);
	}
}

static void test_fixture_links(void)
{
	static const struct link_case want[] = {
		{ "/memfd:ipctop fixture (deleted)", FDK_MEMFD, 0 },
		{ "/dev/shm/ipctop-fixture", FDK_POSIX_SHM, 0 },
		{ "/tmp/ipctop fixture dir/shared data", FDK_UNKNOWN, 0 },
		{ "/tmp/ipctop fixture dir/gone (deleted)", FDK_UNKNOWN, 0 },
		{ "pipe:[17453]", FDK_PIPE, 17453 },
		{ "pipe:[17453]", FDK_PIPE, 17453 },
		{ "anon_inode:[eventfd]", FDK_EVENTFD, 0 },
		{ "/dev/null", FDK_UNKNOWN, 0 },
		{ "/dev/ptmx", FDK_PTMX, 0 },
		{ "/dev/pts/0", FDK_PTS, 0 },
		{ "anon_inode:inotify", FDK_INOTIFY, 0 },
		{ "anon_inode:[eventpoll]", FDK_EVENTPOLL, 0 },
	};
	size_t len;
	char *text = fixture("fd_links.txt", &len);
	char *copy = malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	size_t i = 0;
	for (char *save, *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
		char *target = strchr(line, '\t');
		if (!target || i >= sizeof(want) / sizeof(want[0]))
			break;
		target++;
		is_str(target, want[i].target, "fd_links.txt line %zu", i + 1);
		check_links(&(struct link_case){ target, want[i].kind, want[i].ino }, 1, "real");
	}
	is_int(i, sizeof(want) / sizeof(want[0]), "all fd_links.txt lines seen");
	free(copy);
	free(text);
}

static void test_link_edges(void)
{
	static const struct link_case cases[] = {
		{ "socket:[42]", FDK_SOCKET, 42 },
		{ "pipe:[18446744073709551615]", FDK_PIPE, UINT64_MAX },
		{ "pipe:[18446744073709551616]", FDK_UNKNOWN, 0 },
		{ "pipe:[12a]", FDK_UNKNOWN, 0 },
		{ "pipe:[]", FDK_UNKNOWN, 0 },
		{ "pipe:[123", FDK_UNKNOWN, 0 },
		{ "pipe:[123]x", FDK_UNKNOWN, 0 },
		{ "pipe:[-1]", FDK_UNKNOWN, 0 },
		{ "pipe:123", FDK_UNKNOWN, 0 },
		{ "socket:[ 7]", FDK_UNKNOWN, 0 },
		{ "/tmp/pipe:[1]", FDK_UNKNOWN, 0 },
		{ "anon_inode:[signalfd]", FDK_SIGNALFD, 0 },
		{ "anon_inode:[timerfd]", FDK_TIMERFD, 0 },
		{ "anon_inode:[pidfd]", FDK_PIDFD, 0 },
		{ "pidfd:[1234]", FDK_PIDFD, 0 },
		{ "anon_inode:[io_uring]", FDK_ANON, 0 },
		{ "anon_inode:bpf-map", FDK_ANON, 0 },
		{ "anon_inode:[eventfd]x", FDK_ANON, 0 },
		{ "/dev/pts/12", FDK_PTS, 12 },
		{ "/dev/pts/ptmx", FDK_PTMX, 0 },
		{ "/dev/pts/", FDK_UNKNOWN, 0 },
		{ "/dev/pts/1a", FDK_UNKNOWN, 0 },
		{ "/dev/ptmx2", FDK_UNKNOWN, 0 },
		{ "/dev/shm/a b (deleted)", FDK_POSIX_SHM, 0 },
		{ "/dev/shmx", FDK_UNKNOWN, 0 },
		{ "/memfd:", FDK_MEMFD, 0 },
		{ "/memfdx", FDK_UNKNOWN, 0 },
		{ "/my-queue", FDK_UNKNOWN, 0 },
		{ "", FDK_UNKNOWN, 0 },
	};
	check_links(cases, sizeof(cases) / sizeof(cases[0]), "edge");
	ok(classify_fd_link("socket:[5]", NULL) == FDK_SOCKET, "ino may be NULL");
	uint64_t ino = 7;
	ok(classify_fd_link(NULL, &ino) == FDK_UNKNOWN && ino == 0, "NULL target");
}

static void test_signal_names(void)
{
	is_str(signal_name(1), "HUP", "1 HUP");
	is_str(signal_name(9), "KILL", "9 KILL");
	is_str(signal_name(16), "STKFLT", "16 STKFLT");
	is_str(signal_name(29), "IO", "29 IO");
	is_str(signal_name(31), "SYS", "31 SYS");
	is_str(signal_name(32), "RTMIN", "32 RTMIN (kernel numbering)");
	is_str(signal_name(33), "RTMIN+1", "33 RTMIN+1");
	is_str(signal_name(34), "RTMIN+2", "34 RTMIN+2 (glibc's SIGRTMIN)");
	is_str(signal_name(63), "RTMIN+31", "63 RTMIN+31");
	is_str(signal_name(64), "RTMAX", "64 RTMAX");
	ok(!signal_name(0) && !signal_name(65) && !signal_name(-1), "out of range: NULL");
	size_t differ = 0;
	for (int n = 1; n <= 31; n++) {
		const char *libc = sigabbrev_np(n);
		if (n == SIGIO && libc && strcmp(libc, "POLL") == 0)
			libc = "IO";   /* glibc names the alias; kill -l and the kernel say IO */
		if (!libc || strcmp(libc, signal_name(n)) != 0) {
			printf("# signal %d: ours %s, libc %s\n", n, signal_name(n), libc ? libc : "(null)");
			differ++;
		}
	}
	is_int(differ, 0, "1..31 agree with the C library's sigabbrev_np");
	ok(SIGRTMAX == 64, "this libc's SIGRTMAX is the kernel's 64");
}

int main(void)
{
	test_schedstat();
	test_fixture_links();
	test_link_edges();
	test_signal_names();
	return tap_done();
}
