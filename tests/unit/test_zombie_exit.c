/* test_zombie_exit.c — a zombie's exit status read from /proc/PID/stat (field 52, through
 * stat_text_field) against what the kernel hands its parent: children that exit with a code
 * or are killed by a signal, one with ") 9 " in its name (the fields start after the last ')');
 * waitid(WNOWAIT) waits for each to become a zombie without reaping it, and the test reaps it
 * at the end. Then collect_start_time: this process's start against its stat, a reaped child
 * gone, and on a fake /proc a stat that is a directory, an empty one and a missing one. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "collect/collect.h"

/* The stat text of pid into buf; false when unreadable. */
static bool read_stat(pid_t pid, char *buf, size_t n)
{
	char path[48];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t got = read(fd, buf, n - 1);
	close(fd);
	if (got <= 0)
		return false;
	buf[got] = '\0';
	return true;
}

/* A child named name that exits with code (sig 0) or is killed by sig. */
static void check_child(const char *name, int code, int sig)
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NAME, name, 0, 0, 0);
		if (sig)
			raise(sig);
		_exit(code);
	}
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	ok(pid > 0 && waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0, "%s: became a zombie", name);
	int want = si.si_code == CLD_EXITED ? si.si_status << 8 :
		   si.si_status | (si.si_code == CLD_DUMPED ? 0x80 : 0);
	char buf[1024];
	unsigned long long v = 12345;
	ok(read_stat(pid, buf, sizeof(buf)) && stat_text_field(buf, 52, &v) == 0, "%s: field 52 read", name);
	is_int(v, want, "%s: the exit status is the one the kernel gives its parent", name);
	unsigned long long ppid = 0;
	ok(stat_text_field(buf, 4, &ppid) == 0 && ppid == (unsigned long long)getpid(),
	   "%s: field 4 is its parent, past the name", name);
	waitpid(pid, NULL, 0);
}

/* dir/name holding text (a directory when text is NULL) */
static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!text) {
		mkdir(path, 0755);
		return;
	}
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void check_start_time(void)
{
	char buf[1024];
	unsigned long long want = 0;
	uint64_t t = 0;
	ok(read_stat(getpid(), buf, sizeof(buf)) && stat_text_field(buf, 22, &want) == 0 &&
	   collect_start_time(getpid(), &t) == 0 && t == want,
	   "this process's start time is its stat's field 22 (%llu, %llu)", (unsigned long long)t, want);
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	is_int(collect_start_time(child, &t), -ESRCH, "a reaped child: gone");
	char dir[] = "/tmp/ipctop-startXXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "a fake /proc made");
		return;
	}
	put(dir, "5", NULL);
	put(dir, "5/stat", NULL);   /* opens, then read fails */
	put(dir, "6", NULL);
	put(dir, "6/stat", "");     /* empty: gone */
	put(dir, "7", NULL);
	put(dir, "7/stat", "7 (a b) S 1 7 7 0 -1 4194304 1 0 0 0 0 0 0 0 20 0 1 0 4242 0 0\n");
	is_int(collect_start_time_in(dir, 5, &t), -EISDIR, "a stat that cannot be read: its error");
	is_int(collect_start_time_in(dir, 6, &t), -ESRCH, "an empty stat: gone");
	t = 0;
	ok(collect_start_time_in(dir, 7, &t) == 0 && t == 4242, "field 22 of a fake stat (%llu)",
	   (unsigned long long)t);
	is_int(collect_start_time_in(dir, 8, &t), -ESRCH, "no such directory: gone");
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "the fake /proc removed");
}

int main(void)
{
	check_child("exits-3", 3, 0);
	check_child("exits-0", 0, 0);
	check_child("x) 9 (y", 7, 0);
	check_child("killed", 0, SIGKILL);
	unsigned long long v;
	ok(stat_text_field("12 no paren here", 3, &v) < 0, "a text without ')' is refused");
	ok(stat_text_field("12 (a) S", 5, &v) < 0, "a field past the end is refused");
	check_start_time();
	return tap_done();
}
