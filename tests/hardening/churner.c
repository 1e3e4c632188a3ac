/* churner.c — process churn for tests/hardening/churn.sh: for SECONDS, keep forking pairs of
 * processes (named NAME, default "hchurn") that hold a pipe, a UNIX socketpair and a TCP loopback
 * connection between them, and killing the oldest pair, so that processes and their channels
 * come and go under ipctop hundreds of times a second. Prints "ready" once LIVE pairs exist
 * and "forked N" at the end; kills and reaps everything it started before it exits (it is a
 * child subreaper, and every child dies with its parent).
 * Usage: churner SECONDS [LIVE [NAME]] */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_LIVE = 256 };

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Abortive close on exit: a killed pair leaves no TIME-WAIT socket holding a loopback port. */
static void linger_zero(int fd)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

/* A connected TCP pair over 127.0.0.1 (*a accepted, *b connecting); false on any failure. */
static int tcp_pair(int *a, int *b)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int lst = socket(AF_INET, SOCK_STREAM, 0);
	if (lst < 0)
		return -1;
	if (bind(lst, (struct sockaddr *)&sin, sizeof(sin)) < 0 || listen(lst, 1) < 0 ||
	    getsockname(lst, (struct sockaddr *)&sin, &len) < 0)
		goto fail;
	*b = socket(AF_INET, SOCK_STREAM, 0);
	if (*b < 0 || connect(*b, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		goto fail;
	*a = accept(lst, NULL, NULL);
	if (*a < 0)
		goto fail;
	close(lst);
	linger_zero(*a);
	linger_zero(*b);
	return 0;
fail:
	close(lst);
	return -1;
}

static void wait_forever(void)
{
	for (;;)
		pause();
}

/* Body of one churned pair: the child forks its partner, and they split every channel. */
static void run_pair(pid_t churner, const char *name)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != churner)
		_exit(0);
	setpgid(0, 0);
	prctl(PR_SET_NAME, name);
	int p[2], sv[2], ta = -1, tb = -1;
	if (pipe(p) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || tcp_pair(&ta, &tb) < 0)
		_exit(1);
	pid_t self = getpid();
	pid_t partner = fork();
	if (partner == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != self)
			_exit(0);
		close(p[0]);
		close(sv[0]);
		close(ta);
		wait_forever();
	}
	close(p[1]);
	close(sv[1]);
	close(tb);
	wait_forever();
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void reap_some(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 10;
	int live_max = argc > 2 ? atoi(argv[2]) : 32;
	const char *name = argc > 3 ? argv[3] : "hchurn";
	if (seconds <= 0 || seconds > 120 || live_max < 1 || live_max > MAX_LIVE) {
		fprintf(stderr, "usage: churner SECONDS(0-120] [LIVE 1-%d [NAME]]\n", MAX_LIVE);
		return 2;
	}
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGHUP, on_stop);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	setvbuf(stdout, NULL, _IOLBF, 0);

	pid_t live[MAX_LIVE] = { 0 };
	pid_t me = getpid();
	long forked = 0;
	int next = 0;
	int ready = 0;
	double end = now_s() + seconds;
	while (!stop_requested && now_s() < end) {
		if (live[next] > 0)
			kill(-live[next], SIGKILL);
		pid_t pid = fork();
		if (pid == 0)
			run_pair(me, name);
		if (pid > 0) {
			setpgid(pid, pid);   /* also set by the child: whichever runs first */
			live[next] = pid;
			forked++;
		}
		next = (next + 1) % live_max;
		if (!ready && forked >= live_max) {
			printf("ready\n");
			ready = 1;
		}
		reap_some();
		usleep(1000);
	}
	for (int i = 0; i < live_max; i++)
		if (live[i] > 0)
			kill(-live[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	printf("forked %ld\n", forked);
	return 0;
}
