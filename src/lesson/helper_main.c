/* helper_main.c — ipctop-lesson-helper's entry: the role table, the record lines and the ties
 * to ipctop (parent-death signal), shared by every role. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "lesson/helper.h"

#ifdef IPCTOP_COVERAGE
void __gcov_dump(void);    /* libgcov, linked by --coverage */
void __gcov_reset(void);
#endif

/* In a coverage build, write the gcov counts so far (after each record, at most every 200 ms
 * from the naps of a loop): ipctop ends the helpers with SIGKILL, which no exit handler
 * outlives. Reset after each write, so the next one adds only what ran since. Nothing in
 * other builds. */
static void flush_coverage(bool always)
{
#ifdef IPCTOP_COVERAGE
	static struct timespec last;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!always && (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000 < 200)
		return;
	last = now;
	__gcov_dump();
	__gcov_reset();
#else
	(void)always;
#endif
}

void helper_record(const char *role, const char *fmt, ...)
{
	char facts[160], line[256];
	va_list ap;
	va_start(ap, fmt);
	if (vsnprintf(facts, sizeof(facts), fmt, ap) < 0)
		facts[0] = '\0';
	va_end(ap);
	int n = snprintf(line, sizeof(line), "%d %s%s%s\n", (int)getpid(), role,
			 facts[0] ? " " : "", facts);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	/* the file first: ipctop starts the next process once the pipe has the line, and the
	 * file must then list them in their order */
	const char *path = getenv("IPCTOP_LESSON_RECORD");
	int fd = path && path[0] ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (fd >= 0) {
		if (write(fd, line, (size_t)n) < 0)
			errno = 0;
		close(fd);
	}
	if (write(HELPER_REPORT_FD, line, (size_t)n) < 0 && errno != EBADF)
		errno = 0;   /* ipctop may have stopped listening: the record file still counts */
	flush_coverage(true);
}

void helper_report_done(void)
{
	/* else ipctop and this process would show as talking; /dev/null keeps fd 4 taken, so
	 * that later records never land in a socket that got its number */
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd >= 0 && fd != HELPER_REPORT_FD) {
		dup2(fd, HELPER_REPORT_FD);
		close(fd);
	}
}

void helper_name(const char *role)
{
	prctl(PR_SET_NAME, role, 0, 0, 0);
}

void helper_tie_to_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);   /* the parent died before the prctl: nobody would end this process */
}

void helper_nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	flush_coverage(false);
	nanosleep(&ts, NULL);
}

static int usage(void)
{
	fputs("usage: ipctop-lesson-helper ROLE [ARG]\n"
	      "roles: pipe-writer pipe-reader program after-exec fork-parent tcp-server\n"
	      "       tcp-client PORT unix-server unix-client PATH udp-sender PORT\n"
	      "       udp-receiver msg-sender MSQID\n"
	      "       msg-receiver MSQID shm-writer SHMID shm-reader SHMID\n"
	      "       iso-a SHMID iso-b SHMID grower cpu-bound io-bound\n"
	      "       pmq-sender NAME pmq-receiver NAME pshm-writer NAME pshm-reader NAME\n"
	      "Run by ipctop --lesson; not meant to be started by hand.\n", stderr);
	return 2;
}

static int run_posix_role(const char *role, const char *arg)
{
	if (!arg)
		return usage();
	if (strcmp(role, "pmq-sender") == 0)
		return role_pmq_sender(arg);
	if (strcmp(role, "pmq-receiver") == 0)
		return role_pmq_receiver(arg);
	if (strcmp(role, "pshm-writer") == 0)
		return role_pshm_writer(arg);
	if (strcmp(role, "pshm-reader") == 0)
		return role_pshm_reader(arg);
	return usage();
}

int main(int argc, char **argv)
{
	const char *role = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : NULL;
	signal(SIGPIPE, SIG_IGN);   /* a peer that ends is an error to see, not a silent death */
	/* the roles' commands, taken by sigwaitinfo: blocked before the record line that tells
	 * ipctop it may send them (else their default action would end the process) */
	sigset_t cmds;
	sigemptyset(&cmds);
	sigaddset(&cmds, SIGUSR1);
	sigaddset(&cmds, SIGUSR2);
	sigprocmask(SIG_BLOCK, &cmds, NULL);
	helper_name(role);
	if (strcmp(role, "pipe-writer") == 0)
		return role_pipe_writer();
	if (strcmp(role, "pipe-reader") == 0)
		return role_pipe_reader();
	if (strcmp(role, "program") == 0)
		return role_program();
	if (strcmp(role, "after-exec") == 0)
		return role_after_exec();
	if (strcmp(role, "fork-parent") == 0)
		return role_fork_parent();
	if (strcmp(role, "tcp-server") == 0)
		return role_tcp_server();
	if (strcmp(role, "tcp-client") == 0 && arg)
		return role_tcp_client(arg);
	if (strcmp(role, "unix-server") == 0)
		return role_unix_server();
	if (strcmp(role, "unix-client") == 0 && arg)
		return role_unix_client(arg);
	if (strcmp(role, "udp-sender") == 0 && arg)
		return role_udp_sender(arg);
	if (strcmp(role, "udp-client") == 0 && arg)
		return role_udp_client(arg);
	if (strcmp(role, "udp-receiver") == 0)
		return role_udp_receiver();
	if (strcmp(role, "msg-sender") == 0 && arg)
		return role_msg_sender(arg);
	if (strcmp(role, "msg-receiver") == 0 && arg)
		return role_msg_receiver(arg);
	if (strcmp(role, "shm-writer") == 0 && arg)
		return role_shm_writer(arg);
	if (strcmp(role, "shm-reader") == 0 && arg)
		return role_shm_reader(arg);
	if ((strcmp(role, "iso-a") == 0 || strcmp(role, "iso-b") == 0) && arg)
		return role_iso(role, arg);
	if (strcmp(role, "grower") == 0)
		return role_grower();
	if (strcmp(role, "cpu-bound") == 0)
		return role_cpu_bound();
	if (strcmp(role, "io-bound") == 0)
		return role_io_bound();
	return run_posix_role(role, arg);
}
