/* helper_main.c — ipctop-lesson-helper's entry: the role table, the record lines and the ties
 * to ipctop (parent-death signal), shared by every role. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
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

/* The roles by name: run with no argument (plain), or with one (with: its name in arg;
 * optional when it may be left out). */
struct role_entry {
	const char *name;
	int (*plain)(void);
	int (*with)(const char *arg);
	const char *arg;
	bool optional;
};

static const struct role_entry roles[] = {
	{ "pipe-writer", role_pipe_writer, NULL, NULL, false },
	{ "pipe-reader", role_pipe_reader, NULL, NULL, false },
	{ "program", role_program, NULL, NULL, false },
	{ "after-exec", role_after_exec, NULL, NULL, false },
	{ "fork-parent", role_fork_parent, NULL, NULL, false },
	{ "tcp-server", role_tcp_server, NULL, NULL, false },
	{ "tcp-client", NULL, role_tcp_client, "PORT", false },
	{ "unix-server", role_unix_server, NULL, NULL, false },
	{ "unix-client", NULL, role_unix_client, "PATH", false },
	{ "udp-sender", NULL, role_udp_sender, "PORT", false },
	{ "udp-client", NULL, role_udp_client, "PORT", false },
	{ "udp-receiver", role_udp_receiver, NULL, NULL, false },
	{ "msg-sender", NULL, role_msg_sender, "MSQID", false },
	{ "msg-receiver", NULL, role_msg_receiver, "MSQID", false },
	{ "shm-writer", NULL, role_shm_writer, "SHMID", false },
	{ "shm-reader", NULL, role_shm_reader, "SHMID", false },
	{ "grower", role_grower, NULL, NULL, false },
	{ "cpu-bound", role_cpu_bound, NULL, NULL, false },
	{ "io-bound", role_io_bound, NULL, NULL, false },
	{ "pmq-sender", NULL, role_pmq_sender, "NAME", false },
	{ "pmq-receiver", NULL, role_pmq_receiver, "NAME", false },
	{ "pshm-writer", NULL, role_pshm_writer, "NAME", false },
	{ "pshm-reader", NULL, role_pshm_reader, "NAME", false },
	{ "demo-parent", role_demo_parent, NULL, NULL, false },
	{ "forker", role_forker, NULL, NULL, false },
	{ "exec-loop", NULL, role_exec_loop, "N", true },
};
#define N_ROLES (sizeof(roles) / sizeof(roles[0]))

static int usage(void)
{
	fputs("usage: ipctop-lesson-helper ROLE [ARG]\n", stderr);
	int col = fprintf(stderr, "roles: iso-a SHMID, iso-b SHMID");
	for (size_t i = 0; i < N_ROLES; i++) {
		char one[48];
		int n = snprintf(one, sizeof(one), "%s%s%s%s%s", roles[i].name, roles[i].arg ? " " : "",
				 roles[i].optional ? "[" : "", roles[i].arg ? roles[i].arg : "",
				 roles[i].optional ? "]" : "");
		bool wrap = col + 2 + n > 78;
		fprintf(stderr, ",%s%s", wrap ? "\n       " : " ", one);
		col = (wrap ? 7 : col + 2) + n;
	}
	fputs("\nRun by ipctop --lesson and --demo; not meant to be started by hand.\n", stderr);
	return 2;
}

/* Run role with arg (NULL: none); returns only on error (its exit status). */
static int run_role(const char *role, const char *arg)
{
	if ((strcmp(role, "iso-a") == 0 || strcmp(role, "iso-b") == 0) && arg)
		return role_iso(role, arg);
	for (size_t i = 0; i < N_ROLES; i++) {
		if (strcmp(roles[i].name, role) != 0)
			continue;
		if (roles[i].plain)
			return roles[i].plain();
		if (arg || roles[i].optional)
			return roles[i].with(arg);
	}
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
	return run_role(role, arg);
}
