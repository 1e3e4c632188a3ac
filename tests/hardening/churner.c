/* churner.c — process churn for the hardening tests (churn.sh, churn_tui.sh, tui_memory.sh):
 * for SECONDS, keep starting pairs of processes (named NAME, default "hchurn") joined by a
 * pipe, a UNIX socketpair and a TCP loopback connection (where lo is up), and killing the
 * oldest pair, at up to RATE processes a second, so that processes and their channels come and
 * go under ipctop hundreds of times a second. WORKERS processes share the work (LIVE pairs in all), so the churn goes on
 * while ipctop keeps a CPU busy. With MODE "mixed" (the default) every other worker starts its
 * pairs by fork() and the others by clone() with a shared address space, which stays cheap
 * when the machine is busy (see sleeper.h); "fork" or "clone" choose one for all. Prints
 * "ready" once LIVE pairs exist and, at the end, "started N processes in S s (R/s: F by fork,
 * C by clone)". Kills and reaps everything it started before it exits; every process it
 * starts dies with its parent.
 * Usage: churner SECONDS [LIVE [NAME [RATE [WORKERS [MODE]]]]] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "churn_pair.h"

enum { MAX_WORKERS = 16, MAX_LIVE_PER_WORKER = 256 };

enum mode { MODE_MIXED, MODE_FORK, MODE_CLONE };

struct churn_args {
	double seconds, end, rate;
	int live, workers;
	enum mode mode;
	const char *name;
};

/* What a worker reports when it stops. */
struct worker_report {
	long started;
	int by_fork;
};

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_until(double when)
{
	struct timespec ts = { .tv_sec = (time_t)when };
	ts.tv_nsec = (long)((when - (double)ts.tv_sec) * 1e9);
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

/* One worker: a ring of `live` pairs, the oldest replaced every 2/rate seconds (or as fast as
 * it can when that is slower). Writes how many processes it started to `report`; once its
 * ring is full it writes 'r' to `ready_fd`. */
static void run_worker(const struct churn_args *a, int by_fork, int live, double rate, int report,
		       int ready_fd)
{
	struct churn_pair *ring = calloc((size_t)live, sizeof *ring);
	long started = 0;
	int next = 0, filled = 0;
	double due = now_s();
	while (ring && !stop_requested && now_s() < a->end) {
		churn_pair_stop(&ring[next]);
		started += churn_pair_start(&ring[next], a->name, by_fork);
		next = (next + 1) % live;
		if (!filled && next == 0) {
			filled = 1;
			if (write(ready_fd, "r", 1) < 0)
				break;
		}
		due += 2.0 / rate;
		double now = now_s();
		if (due < now - 0.1)
			due = now;   /* fell behind: no burst to catch up */
		if (due > now)
			sleep_until(due);
	}
	for (int i = 0; ring && i < live; i++)
		churn_pair_stop(&ring[i]);
	struct worker_report r = { started, by_fork };
	if (write(report, &r, sizeof r) < 0)
		_exit(1);
	_exit(0);
}

static pid_t start_worker(const struct churn_args *a, int index, int report, int ready_fd)
{
	int by_fork = a->mode == MODE_FORK || (a->mode == MODE_MIXED && index % 2 == 1);
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != me)
			_exit(0);
		int live = (a->live + a->workers - 1) / a->workers;
		run_worker(a, by_fork, live, a->rate / a->workers, report, ready_fd);
	}
	return pid;
}

static int parse_args(int argc, char **argv, struct churn_args *a)
{
	a->seconds = argc > 1 ? atof(argv[1]) : 10;
	a->live = argc > 2 ? atoi(argv[2]) : 32;
	a->name = argc > 3 ? argv[3] : "hchurn";
	a->rate = argc > 4 ? atof(argv[4]) : 800;
	a->workers = argc > 5 ? atoi(argv[5]) : 2;
	const char *mode = argc > 6 ? argv[6] : "mixed";
	a->mode = strcmp(mode, "fork") == 0 ? MODE_FORK
		: strcmp(mode, "clone") == 0 ? MODE_CLONE : MODE_MIXED;
	if (a->seconds <= 0 || a->seconds > 600 || a->rate < 1 || a->workers < 1 ||
	    a->workers > MAX_WORKERS || a->live < a->workers ||
	    a->live > MAX_LIVE_PER_WORKER * a->workers ||
	    (a->mode == MODE_MIXED && strcmp(mode, "mixed") != 0)) {
		fprintf(stderr, "usage: churner SECONDS(0-600] [LIVE [NAME [RATE [WORKERS 1-%d "
			"[mixed|fork|clone]]]]]\n", MAX_WORKERS);
		return -1;
	}
	return 0;
}

/* Wait for every worker's "ready", then say so; false if one never became ready. */
static int wait_ready(int ready_fd, int workers)
{
	char c;
	int n_ready = 0;
	while (n_ready < workers && !stop_requested && read(ready_fd, &c, 1) == 1)
		n_ready++;
	if (n_ready < workers)
		return 0;
	printf("ready\n");
	return 1;
}

/* Sum the workers' reports into by_mode[by_fork] (they stop by themselves at the end, or when
 * told to). */
static void collect_reports(int report_fd, const pid_t *worker, int workers, long by_mode[2])
{
	struct worker_report r;
	int told = 0;
	for (;;) {
		if (stop_requested && !told) {
			for (int i = 0; i < workers; i++)
				if (worker[i] > 0)
					kill(worker[i], SIGTERM);
			told = 1;
		}
		ssize_t got = read(report_fd, &r, sizeof r);
		if (got == (ssize_t)sizeof r)
			by_mode[r.by_fork != 0] += r.started;
		else if (got == 0 || errno != EINTR)
			return;
	}
}

int main(int argc, char **argv)
{
	struct churn_args a;
	if (parse_args(argc, argv, &a) < 0)
		return 2;
	struct sigaction sa = { .sa_handler = on_stop };   /* no SA_RESTART: reads return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	int report[2], ready[2];
	if (pipe(report) < 0 || pipe(ready) < 0)
		return 1;
	double start = now_s();
	a.end = start + a.seconds;
	pid_t worker[MAX_WORKERS];
	for (int i = 0; i < a.workers; i++)
		worker[i] = start_worker(&a, i, report[1], ready[1]);
	close(report[1]);
	close(ready[1]);
	wait_ready(ready[0], a.workers);
	long by_mode[2] = { 0, 0 };
	collect_reports(report[0], worker, a.workers, by_mode);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	double took = now_s() - start;
	long total = by_mode[0] + by_mode[1];
	printf("started %ld processes in %.1f s (%.0f/s: %ld by fork, %ld by clone)\n", total, took,
	       (double)total / took, by_mode[1], by_mode[0]);
	return 0;
}
