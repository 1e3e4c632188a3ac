/* scaler.c — many small sleeping processes for scale_procs.py. Reads commands from stdin:
 * "grow PAIRS SOCKPAIRS" starts PAIRS more pairs of processes named NAME, the two of a pair
 * joined by SOCKPAIRS UNIX socketpairs (each holds one end of each and nothing else), then
 * prints "ready PROCS SOCKETS" (totals so far). A failed start (pid limit) ends the growth
 * early: the totals say how far it got. At EOF on stdin, or on SIGTERM, it kills and reaps
 * them all; each of them also dies with it. The processes are started by clone() with a
 * shared address space, or by fork() with MODE "fork" (see sleeper.h).
 * Usage: scaler NAME [MODE] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sleeper.h"

struct pair {
	struct sleeper a, b;
};

static long n_procs, n_sockets;
static pid_t *pids;   /* every process started */
static long pids_cap;
static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int remember(pid_t pid)
{
	if (n_procs == pids_cap) {
		long cap = pids_cap ? 2 * pids_cap : 4096;
		pid_t *bigger = realloc(pids, (size_t)cap * sizeof *bigger);
		if (!bigger)
			return -1;
		pids = bigger;
		pids_cap = cap;
	}
	pids[n_procs++] = pid;
	return 0;
}

static void close_all(const int *fds, int n)
{
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

/* Start one pair joined by k socketpairs in *p (which must outlive it); false on failure. */
static int start_pair(struct pair *p, const char *name, int k, int use_fork)
{
	int made = 0;
	for (; made < k; made++) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
			break;
		p->a.fds[made] = sv[0];
		p->b.fds[made] = sv[1];
	}
	p->a.name = p->b.name = name;
	p->a.n_fds = p->b.n_fds = k;
	pid_t a = -1, b = -1;
	if (made == k) {
		a = sleeper_start(&p->a, use_fork);
		if (a > 0 && remember(a) < 0) {
			kill(a, SIGKILL);
			a = -1;
		}
	}
	if (a > 0) {
		b = sleeper_start(&p->b, use_fork);
		if (b > 0 && remember(b) < 0) {
			kill(b, SIGKILL);
			b = -1;
		}
	}
	close_all(p->a.fds, made);
	close_all(p->b.fds, made);
	if (a <= 0 || b <= 0)
		return 0;
	n_sockets += 2L * k;
	return 1;
}

static void grow(const char *name, long pairs, int k, int use_fork)
{
	struct pair *batch = calloc((size_t)pairs, sizeof *batch);   /* never freed: in use */
	for (long i = 0; batch && i < pairs && !stop_requested; i++)
		if (!start_pair(&batch[i], name, k, use_fork))
			break;
	printf("ready %ld %ld\n", n_procs, n_sockets);
	fflush(stdout);
}

static void kill_all(void)
{
	for (long i = 0; i < n_procs; i++)
		kill(pids[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3 || strlen(argv[1]) > 15) {
		fprintf(stderr, "usage: scaler NAME(up to 15 bytes) [clone|fork]\n");
		return 2;
	}
	int use_fork = argc == 3 && strcmp(argv[2], "fork") == 0;
	struct sigaction sa = { .sa_handler = on_stop };   /* no SA_RESTART: fgets returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	char line[128];
	long pairs;
	int k;
	while (!stop_requested && fgets(line, sizeof line, stdin))
		if (sscanf(line, "grow %ld %d", &pairs, &k) == 2 && pairs >= 0 && k >= 1 &&
		    k <= SLEEPER_MAX_FDS)
			grow(argv[1], pairs, k, use_fork);
	kill_all();
	return 0;
}
