/* test_demo_reap.c — the --demo processes end as a pair and leave nothing: demo_reap notes one
 * that was killed (demo-parent reaps it) and stops its partner (also a stopped partner), and
 * demo_stop ends them all, stopped ones too, then demo-parent, reaps it and the janitor, and
 * removes every object; when demo-parent is killed, the demo ends with it. What is checked comes from the kernel (/proc, waitpid, the objects'
 * names and ids), not from the demo's word. */
#include <sys/wait.h>

#include "demo_test_util.h"
#include "../tap.h"

/* Call demo_reap until pair (i, i^1) has ended or 10 s pass; the first message written while
 * i was reaped goes to first, the last one to last. Returns how many processes were reaped. */
static int reap_pair(struct demo *d, size_t i, char *first, char *last, size_t n)
{
	int total = 0;
	first[0] = last[0] = '\0';
	for (int t = 0; t < 1000 && !(d->reaped[i] && d->reaped[i ^ 1]); t++) {
		char msg[160] = "";
		int got = demo_reap(d, msg, sizeof(msg));
		total += got;
		if (got && !first[0])
			snprintf(first, n, "%s", msg);
		if (got)
			snprintf(last, n, "%s", msg);
		if (!(d->reaped[i] && d->reaped[i ^ 1]))
			nap_ms(10);
	}
	return total;
}

static void comm_of(pid_t pid, char *buf, size_t n)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f && fgets(buf, (int)n, f))
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

static void wait_stopped(pid_t pid)
{
	for (int t = 0; t < 1000 && !stopped(pid); t++)
		nap_ms(10);
}

/* Until every demo process has named itself after its role (the helper does so first thing). */
static bool wait_named(const struct demo *d)
{
	for (int t = 0; t < 1000; t++) {
		size_t named = 0;
		char comm[32];
		for (size_t i = 0; i < d->n_pids; i++) {
			comm_of(d->pids[i], comm, sizeof(comm));
			named += strcmp(comm, demo_role_name(i)) == 0;
		}
		if (named == d->n_pids)
			return true;
		nap_ms(10);
	}
	return false;
}

static bool all_children_of_parent(const struct demo *d)
{
	for (size_t i = 0; i < d->n_pids; i++)
		if (!child_of(d->pids[i], d->parent))
			return false;
	return our_child(d->parent) && d->janitor > 0 && our_child(d->janitor);
}

/* Both of the pair have ended and demo-parent has reaped them (no zombie left). */
static bool pair_gone(const struct demo *d, pid_t a, pid_t b)
{
	return left_parent(a, d->parent) && left_parent(b, d->parent);
}

/* A killed process is reaped and its partner, which does not notice, is told to stop. */
static void killed_one(struct demo *d, size_t i)
{
	pid_t a = d->pids[i], b = d->pids[i ^ 1];
	char ca[32], cb[32], want[160], first[160], last[160];
	comm_of(a, ca, sizeof(ca));
	comm_of(b, cb, sizeof(cb));
	kill(a, SIGKILL);
	is_int(reap_pair(d, i, first, last, sizeof(first)), 2, "%s killed: it and its partner have ended", ca);
	ok(pair_gone(d, a, b), "demo-parent has reaped both (no zombie)");
	snprintf(want, sizeof(want), "%s (PID %d) ended; its partner %s (PID %d) was told to stop",
		 ca, (int)a, cb, (int)b);
	is_str(first, want, "the status message says which ended and what became of the partner");
	snprintf(want, sizeof(want), "%s (PID %d) stopped after its partner", cb, (int)b);
	is_str(last, want, "and then that the partner stopped");
}

/* The partner is stopped (SIGSTOP): demo_reap must still end it. */
static void stopped_partner(struct demo *d, size_t i)
{
	pid_t a = d->pids[i], b = d->pids[i ^ 1];
	kill(b, SIGSTOP);
	wait_stopped(b);
	ok(stopped(b), "the partner (PID %d) is stopped", (int)b);
	kill(a, SIGKILL);
	char first[160], last[160];
	is_int(reap_pair(d, i, first, last, sizeof(first)), 2, "one killed, its stopped partner ended too");
	ok(pair_gone(d, a, b), "both reaped");
}

/* The pipe's reader ends: the writer ends too (by SIGPIPE or by being told), both reaped. */
static void pipe_pair(struct demo *d)
{
	pid_t w = d->pids[0], r = d->pids[1];
	kill(r, SIGTERM);
	char first[160], last[160];
	is_int(reap_pair(d, 1, first, last, sizeof(first)), 2, "pipe reader ended: both of the pair ended");
	ok(pair_gone(d, w, r), "and were reaped");
	ok(first[0] != '\0', "a message for the status line: %s", first);
}

static void stop_with_stopped(struct demo *d, const struct demo_record *rec)
{
	kill(d->pids[2], SIGSTOP);
	kill(d->pids[13], SIGSTOP);
	wait_stopped(d->pids[2]);
	wait_stopped(d->pids[13]);
	ok(stopped(d->pids[2]) && stopped(d->pids[13]), "two demo processes are stopped");
	demo_stop(d);   /* the guard's alarm fails the test if this hangs */
	bool all = true;
	char st;
	pid_t pp;
	for (size_t i = 0; i < rec->n_pids; i++)
		all = all && d->reaped[i] && (!proc_state(rec->pids[i], &st, &pp) || pp != rec->parent);
	ok(all, "demo_stop returned with every demo process ended");
	ok(!our_child(rec->parent) && d->parent == 0, "demo-parent ended and reaped");
	ok(!our_child(rec->janitor), "the janitor too");
	errno = 0;
	ok(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD, "no child of ours is left");
	ok(objects_gone(rec), "SysV shm and msg, the POSIX shm and mqueue, the socket dir are gone");
	demo_stop(d);
	errno = 0;
	ok(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD && objects_gone(rec),
	   "a second demo_stop returns and changes nothing");
	if (objects_gone(rec))
		guard_forget();
}

/* demo-parent killed from outside: its children end with it (their parent-death signal),
 * demo_reap says so and reaps what came back to us; demo_stop then leaves nothing. */
static void parent_killed(void)
{
	struct demo d;
	struct demo_record rec;
	if (!ok(demo_start(&d, test_helper()) == 0, "a second demo"))
		return;
	record_demo(&rec, &d);
	kill(d.parent, SIGKILL);
	char msg[160] = "", first[160] = "";
	bool all = false;
	for (int t = 0; t < 1000 && !all; t++) {
		msg[0] = '\0';
		if (demo_reap(&d, msg, sizeof(msg)) > 0 && msg[0] && !first[0])
			snprintf(first, sizeof(first), "%s", msg);
		all = d.parent == 0;
		for (size_t i = 0; i < d.n_pids; i++)
			all = all && d.reaped[i];
		if (!all)
			nap_ms(10);
	}
	ok(all, "demo-parent killed: demo_reap reaped it and saw every demo process end");
	char want[160];
	snprintf(want, sizeof(want), "demo-parent (PID %d) ended (signal 9): the demo processes end with it",
		 (int)rec.parent);
	is_str(first, want, "the status message says so");
	bool gone = true;
	for (size_t i = 0; i < rec.n_pids; i++)
		gone = gone && left_parent(rec.pids[i], rec.parent) && !our_child(rec.pids[i]);
	ok(gone, "no demo process is left, as a zombie of ours or of anyone's");
	demo_stop(&d);
	errno = 0;
	pid_t left = waitpid(-1, NULL, WNOHANG);
	ok(left < 0 && errno == ECHILD, "demo_stop: no child of ours is left (waitpid: %d, %s)",
	   (int)left, left < 0 ? strerror(errno) : "a child");
	ok(objects_gone(&rec), "demo_stop: no object is left");
	if (objects_gone(&rec))
		guard_forget();
}

int main(void)
{
	guard_start(120);
	struct demo d;
	struct demo_record rec;
	fflush(stdout);
	if (!ok(demo_start(&d, test_helper()) == 0, "demo_start (helper %s)", test_helper()))
		return tap_done();
	record_demo(&rec, &d);
	is_int(d.n_pids, 19, "8 pairs of processes and 3 alone");
	ok(all_children_of_parent(&d), "each is a child of demo-parent, which is ours, as is the janitor");
	ok(wait_named(&d), "each has named itself after its role");
	char msg[160] = "unchanged";
	is_int(demo_reap(&d, msg, sizeof(msg)), 0, "nothing to reap while all run");
	is_str(msg, "unchanged", "and no message");
	killed_one(&d, 6);
	stopped_partner(&d, 8);
	pipe_pair(&d);
	static const size_t others[] = { 2, 3, 4, 5, 10, 11, 12, 13 };
	bool rest = true;
	for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++)
		rest = rest && child_of(d.pids[others[k]], d.parent) && !d.reaped[others[k]];
	ok(rest, "the other pairs still run");
	stop_with_stopped(&d, &rec);
	parent_killed();
	return tap_done();
}
