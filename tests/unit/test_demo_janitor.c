/* test_demo_janitor.c — when the process that ran demo_start is killed (kill -9, with one demo
 * process stopped), nothing of the demo outlives it: the demo processes die (parent-death
 * signal, and the janitor's SIGCONT + SIGKILL through pidfds), the janitor removes every
 * object and ends. This test makes itself the subreaper, so the orphans come to it, and it can
 * wait for each of them by pid. */
#include <sys/prctl.h>
#include <sys/wait.h>

#include "demo_test_util.h"
#include "../tap.h"

/* The owner: start the demo, send its record up the pipe, wait to be killed. */
static _Noreturn void owner(int wr)
{
	struct demo d;
	struct demo_record rec;
	if (demo_start(&d, test_helper()) < 0)
		_exit(1);
	record_demo(&rec, &d);
	if (write(wr, &rec, sizeof(rec)) != (ssize_t)sizeof(rec))
		_exit(1);
	for (;;)
		pause();
}

/* Reap children for up to 10 s, until none is left; mark which recorded ones were reaped. */
static void collect(const struct demo_record *r, bool *seen, bool *janitor_seen)
{
	for (int t = 0; t < 1000; t++) {
		pid_t p = waitpid(-1, NULL, WNOHANG);
		if (p < 0 && errno == ECHILD)
			return;
		for (size_t i = 0; p > 0 && i < r->n_pids; i++)
			seen[i] = seen[i] || r->pids[i] == p;
		*janitor_seen = *janitor_seen || (p > 0 && p == r->janitor);
		if (p <= 0)
			nap_ms(10);
	}
}

int main(void)
{
	guard_start(120);
	ok(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "this test adopts orphans");
	int p[2];
	if (pipe(p) < 0)
		return 1;
	fflush(stdout);
	pid_t own = fork();
	if (own == 0)
		owner(p[1]);
	close(p[1]);
	struct demo_record rec;
	memset(&rec, 0, sizeof(rec));
	bool got = read(p[0], &rec, sizeof(rec)) == (ssize_t)sizeof(rec);
	if (!ok(got && rec.n_pids == 16 && rec.janitor > 0, "the owner started the demo and its janitor")) {
		kill(own, SIGKILL);
		return tap_done();
	}
	guard_rec = rec;
	pid_t victim = rec.pids[6];
	kill(victim, SIGSTOP);
	for (int t = 0; t < 1000 && !stopped(victim); t++)
		nap_ms(10);
	ok(stopped(victim), "one demo process (PID %d) is stopped", (int)victim);
	kill(own, SIGKILL);
	int st = 0;
	ok(waitpid(own, &st, 0) == own && WIFSIGNALED(st), "the owner is killed (SIGKILL)");

	bool seen[DEMO_MAX_PIDS] = { false }, janitor_seen = false;
	collect(&rec, seen, &janitor_seen);
	bool all = true;
	for (size_t i = 0; i < rec.n_pids; i++)
		all = all && seen[i];
	ok(all, "every demo process ended (the stopped one too) and came to us to be reaped");
	ok(janitor_seen, "the janitor ended too");
	ok(objects_gone(&rec), "the janitor removed every object");
	if (all && janitor_seen && objects_gone(&rec))
		guard_forget();
	return tap_done();
}
