/* test_demo_janitor.c — when the process that ran demo_start is killed (kill -9, with one demo
 * process stopped), nothing of the demo outlives it: demo-parent and the demo processes die
 * (parent-death signals, and the janitor's SIGCONT + SIGKILL through pidfds), the janitor
 * removes every object and ends. This test makes itself the subreaper, so the orphans come to
 * it (those demo-parent did not reap before it died), and it can wait for them by pid. */
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

/* Reap children for up to 10 s, until none is left; mark the janitor and demo-parent when
 * they are reaped (the demo processes may have been reaped by demo-parent before it died). */
static void collect(const struct demo_record *r, bool *parent_seen, bool *janitor_seen)
{
	for (int t = 0; t < 1000; t++) {
		pid_t p = waitpid(-1, NULL, WNOHANG);
		if (p < 0 && errno == ECHILD)
			return;
		*parent_seen = *parent_seen || (p > 0 && p == r->parent);
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
	if (!ok(got && rec.n_pids == 19 && rec.parent > 0 && rec.janitor > 0,
		"the owner started the demo, demo-parent and the janitor")) {
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

	bool parent_seen = false, janitor_seen = false;
	collect(&rec, &parent_seen, &janitor_seen);
	bool all = true;
	char state;
	pid_t pp;
	for (size_t i = 0; i < rec.n_pids; i++)
		all = all && !proc_state(rec.pids[i], &state, &pp);
	ok(all, "every demo process ended (the stopped one too) and was reaped");
	ok(parent_seen, "demo-parent ended and came to us to be reaped");
	ok(janitor_seen, "the janitor ended too");
	ok(objects_gone(&rec), "the janitor removed every object");
	if (all && janitor_seen && objects_gone(&rec))
		guard_forget();
	return tap_done();
}
