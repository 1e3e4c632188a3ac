/* test_parse_misc.c — parse_schedstat, classify_fd_link (on the real link texts of
 * fd_links.txt and on near misses), signal_name (checked against the C library's names) and
 * parse_mountinfo_proc (the hidepid of a proc mount). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "model/kernel_names.h"
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

/* Lines as this kernel writes them (Linux 6.x words; before 5.8 numbers) and near misses. */
static void test_mountinfo(void)
{
	static const char text[] =
		"21 26 0:20 / /proc rw,relatime - proc proc rw\n"
		"30 21 0:39 / /proc rw,relatime - proc proc rw,hidepid=invisible\n"
		"31 30 0:40 / /proc rw,relatime - proc proc rw,hidepid=ptraceable,subset=pid\n"
		"32 26 0:41 / /mnt/p rw,nosuid shared:12 master:3 - proc none rw,hidepid=2,gid=1001\n"
		"33 26 0:42 / /tmp rw - tmpfs hidepid=2 rw,hidepid=2\n"
		"34 26 0:43 / /q rw - proc proc rw,hidepid=sometimes,gid=x\n"
		"35 26 0:44 / /r rw - proc proc rw,hidepid=1\n"
		"36 26 0:45 / /s rw - proc proc rw,gid=12x,hidepid=2\n"
		"37 26 0:46 / /t rw - proc proc rw,gid=4294967296\n"
		"bad line\n";
	size_t len = strlen(text);
	char *buf = exact_copy(text, len);
	struct proc_mount m;
	ok(parse_mountinfo_proc(buf, len, 0, 20, &m) && m.hidepid == 0 && m.gid == -1, "plain proc: no hidepid");
	ok(parse_mountinfo_proc(buf, len, 0, 39, &m) && m.hidepid == 2, "hidepid=invisible is 2");
	ok(parse_mountinfo_proc(buf, len, 0, 40, &m) && m.hidepid == 4, "hidepid=ptraceable is 4");
	ok(parse_mountinfo_proc(buf, len, 0, 41, &m) && m.hidepid == 2 && m.gid == 1001,
	   "optional fields skipped; numeric hidepid=2 and gid=1001");
	ok(!parse_mountinfo_proc(buf, len, 0, 42, &m), "a tmpfs is no proc mount");
	ok(parse_mountinfo_proc(buf, len, 0, 43, &m) && m.hidepid == 0 && m.gid == -1,
	   "unknown hidepid word and bad gid ignored");
	ok(parse_mountinfo_proc(buf, len, 0, 44, &m) && m.hidepid == 1, "hidepid=1");
	ok(parse_mountinfo_proc(buf, len, 0, 45, &m) && m.hidepid == 2 && m.gid == -1,
	   "gid=12x: a number followed by junk is no gid");
	ok(parse_mountinfo_proc(buf, len, 0, 46, &m) && m.gid == -1, "gid over 32 bits is no gid");
	ok(!parse_mountinfo_proc(buf, len, 0, 99, &m), "no mount of that device");
	ok(!parse_mountinfo_proc(NULL, 0, 0, 20, &m), "NULL text");
	bool cut_ok = true;
	for (size_t k = 0; k < len; k++) {   /* every prefix: never past k, never a wrong answer */
		char *b = guard_copy(text, k);   /* a read past k faults: "21" alone ends a field */
		if (parse_mountinfo_proc(b, k, 0, 39, &m) && m.hidepid != 2 && m.hidepid != 0)
			cut_ok = false;
		guard_free(b, k);
	}
	ok(cut_ok, "mountinfo cut at every length");
	free(buf);
}

static void test_task_stat(void)
{
	struct arena a;
	struct thread_info t;
	arena_init(&a);
	const char *line = "4242 (evil) R (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n";
	is_int(parse_task_stat(line, strlen(line), &a, &t), 0, "task stat with ') ' in its name");
	ok(strcmp(t.comm, "evil) R (x") == 0 && t.state == 'S', "name to the last ')', then the state");
	ok(t.utime == 11 && t.stime == 12, "utime and stime are fields 14 and 15");
	t.comm = (char *)"kept";
	ok(parse_task_stat(line, strlen(line), NULL, &t) == 0 && t.state == 'S' && t.comm == NULL,
	   "without an arena: the state, no name");
	is_int(parse_task_stat("42 (x) S 1 2", 12, &a, &t), -1, "a short line is malformed");
	is_int(parse_task_stat("42 x S 1 2 3", 12, &a, &t), -1, "no parentheses: malformed");
	arena_free(&a);
}

/* /proc/PID/io as this kernel writes it (read_bytes and the rest ignored). */
static void test_proc_io(void)
{
	static const char text[] = "rchar: 323934931\nwchar: 323929600\nsyscr: 632687\nsyscw: 632675\n"
		"read_bytes: 0\nwrite_bytes: 323932160\ncancelled_write_bytes: 0\n";
	struct proc_io io = { 1, 1, 1, 1, 0 };
	is_int(parse_proc_io(text, sizeof(text) - 1, &io), 0, "io parsed");
	ok(io.rchar == 323934931 && io.wchar == 323929600 && io.syscr == 632687 && io.syscw == 632675,
	   "io: rchar, wchar, syscr, syscw");
	static const char *const bad[] = { "rchar: 1\nwchar: 2\nsyscr: 3\n", "rchar: 1\nwchar: x\nsyscr: 3\nsyscw: 4\n",
		"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4 5\n", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(parse_proc_io(bad[i], strlen(bad[i]), &io) == -1 && io.rchar == 323934931,
		   "io case %zu refused, output untouched", i);
}

int main(void)
{
	test_task_stat();
	test_schedstat();
	test_proc_io();
	test_fixture_links();
	test_link_edges();
	test_signal_names();
	test_mountinfo();
	return tap_done();
}
