/* test_zombie_exit.c — a zombie's exit status read from /proc/PID/stat (field 52, through
 * stat_text_field) against what the kernel hands its parent: children that exit with a code
 * or are killed by a signal, one with ") 9 " in its name (the fields start after the last ')');
 * waitid(WNOWAIT) waits for each to become a zombie without reaping it, and the test reaps it
 * at the end. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
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

int main(void)
{
	check_child("exits-3", 3, 0);
	check_child("exits-0", 0, 0);
	check_child("x) 9 (y", 7, 0);
	check_child("killed", 0, SIGKILL);
	unsigned long long v;
	ok(stat_text_field("12 no paren here", 3, &v) < 0, "a text without ')' is refused");
	ok(stat_text_field("12 (a) S", 5, &v) < 0, "a field past the end is refused");
	return tap_done();
}
