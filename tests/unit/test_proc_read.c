/* test_proc_read.c — read_whole_at on a file the kernel produces in one piece but longer than
 * one read: the command line of a real sleep(1) given 40,000 bytes of arguments. A read that
 * fills the buffer is not the end; only a short one is. Expected: the bytes of the argv we gave. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/proc_read.h"
#include "util/strbuf.h"
#include "../tap.h"

enum { ZEROS = 20000 };   /* "0" 20,000 times: sleep(1) sums its operands, so still 1000 s */

static char *argv_[ZEROS + 3];

/* Start sleep with the long argv; returns its pid once it has exec'd (the pipe closes on exec). */
static pid_t start_sleep(size_t *cmdline_len)
{
	argv_[0] = "sleep";
	argv_[1] = "1000";
	for (int i = 0; i < ZEROS; i++)
		argv_[2 + i] = "0";
	*cmdline_len = 0;
	for (int i = 0; argv_[i]; i++)
		*cmdline_len += strlen(argv_[i]) + 1;
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {   /* dies with the test, holds none of its output open */
		close(pfd[0]);
		int null = open("/dev/null", O_RDWR);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(127);
		execvp("sleep", argv_);
		_exit(127);
	}
	close(pfd[1]);
	char c;
	while (read(pfd[0], &c, 1) > 0)
		;
	close(pfd[0]);
	return pid;
}

int main(void)
{
	size_t want;
	pid_t pid = start_sleep(&want);
	if (pid < 0) {
		printf("Bail out! cannot start sleep\n");
		return 1;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	struct strbuf sb = STRBUF_INIT;
	long n = read_whole_at(AT_FDCWD, path, &sb);
	is_int(n, (long)want, "a 40,000-byte cmdline is read whole, past the first full read");
	ok(n > 0 && sb.len == (size_t)n && memcmp(sb.buf, "sleep\0" "1000\0" "0\0", 9) == 0 &&
	   sb.buf[n - 2] == '0' && sb.buf[n - 1] == '\0', "its first and last arguments");
	is_int(read_file_at(AT_FDCWD, path, &sb), (long)want, "read_file_at reads the same length");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	sb_free(&sb);
	return tap_done();
}
