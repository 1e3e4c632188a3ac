/* helper_roles.c — the lesson roles that need no network: a pipe's writer and reader, one
 * program run several times (and its exec in place), a parent that forks on a signal. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "lesson/helper.h"

/* Writes 4 KiB every 50 ms into the pipe on fd 3: a reader keeps it near empty; a paused
 * reader lets it fill to its capacity (recorded), and then the writer blocks in write(). */
int role_pipe_writer(void)
{
	static char chunk[4096];
	memset(chunk, 'w', sizeof(chunk));
	helper_record("pipe-writer", "capacity=%d", fcntl(HELPER_OBJ_FD, F_GETPIPE_SZ));
	helper_report_done();
	for (;;) {
		if (write(HELPER_OBJ_FD, chunk, sizeof(chunk)) < 0 && errno != EINTR)
			return 1;
		helper_nap(50);
	}
}

/* Reads whatever the pipe on fd 3 holds, as soon as it comes. */
int role_pipe_reader(void)
{
	static char buf[65536];
	helper_record("pipe-reader", "%s", "");
	helper_report_done();
	for (;;) {
		ssize_t n = read(HELPER_OBJ_FD, buf, sizeof(buf));
		if (n == 0 || (n < 0 && errno != EINTR))
			return n == 0 ? 0 : 1;
	}
}

/* Wait for SIGUSR1 (blocked, taken by sigwaitinfo). */
static void wait_usr1(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	while (sigwaitinfo(&set, NULL) != SIGUSR1)
		;
}

/* The forked child: asleep until a signal; SIGUSR1 makes it run on the CPU (and a second one
 * sleep again), SIGUSR2 makes it exit with status 3 (a zombie until its parent waits). */
static _Noreturn void fork_child(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	bool spin = false;
	static const struct timespec now = { 0, 0 };
	for (;;) {
		int sig = spin ? sigtimedwait(&set, NULL, &now) : sigwaitinfo(&set, NULL);
		if (sig == SIGUSR2)
			_exit(3);
		if (sig == SIGUSR1)
			spin = !spin;
		for (volatile unsigned long i = 0; spin && i < 1000000; i++)
			;   /* on the CPU: state R */
	}
}
/* One of several runs of this program; SIGUSR1 makes it exec a new command line in place. */
int role_program(void)
{
	helper_record("program", "%s", "");
	helper_report_done();
	wait_usr1();
	char *const argv[] = { "ipctop-lesson", "after-exec", NULL };
	execv("/proc/self/exe", argv);
	return 1;
}

/* The same process after the exec: same pid, a new command line. */
int role_after_exec(void)
{
	helper_record("after-exec", "%s", "");
	for (;;)
		pause();
}

/* SIGUSR1: fork a child, a copy of this process (same program, same command line), which
 * records itself (fork_child). Children are never waited for: one that exits stays a zombie,
 * with its exit status, until this process ends. */
int role_fork_parent(void)
{
	helper_record("fork-parent", "%s", "");
	for (;;) {
		wait_usr1();
		pid_t parent = getpid(), pid = fork();
		if (pid == 0) {
			helper_tie_to_parent(parent);
			helper_record("fork-child", "parent=%d", (int)parent);
			helper_report_done();
			fork_child();
		}
	}
}
