/* demo_end.c — ending the --demo processes: demo_stop ends them all whatever their state
 * (a stopped process acts on nothing but SIGCONT and SIGKILL) within bounded waits, then
 * demo-parent, and demo_reap notes those that ended while ipctop runs (demo-parent reaps
 * them) and stops their partners. Also the removal of the demo's objects, which the janitor
 * shares. */
#include "demo/demo_priv.h"
#include "lesson/lesson.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

long long demo_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void demo_nap(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	nanosleep(&ts, NULL);   /* a signal may cut it short: callers poll against a deadline */
}

bool demo_try_reap(pid_t pid, int *status)
{
	int st = -1;
	pid_t r;
	while ((r = waitpid(pid, &st, WNOHANG)) < 0 && errno == EINTR)
		;
	if (status)
		*status = r == pid ? st : -1;
	/* ECHILD: reaped by someone else (or SIGCHLD ignored): gone all the same */
	return r == pid || (r < 0 && errno == ECHILD);
}

/* Demo process i is ours to signal: started and not known to have ended. */
static bool live(const struct demo *d, size_t i)
{
	return i < d->n_pids && !d->reaped[i] && d->pidfds[i] >= 0;
}

/* Demo process i has ended: remember it and stop watching it. */
static void mark_ended(struct demo *d, size_t i)
{
	d->reaped[i] = true;
	demo_watch_drop(d, i);
}

static void signal_live(struct demo *d, int sig)
{
	for (size_t i = 0; i < d->n_pids; i++) {
		if (!live(d, i))
			continue;
		/* a stopped process would act on nothing else */
		demo_pidfd_signal(d->pidfds[i], SIGCONT);
		demo_pidfd_signal(d->pidfds[i], sig);
	}
}

/* Note every demo process that ends within ms milliseconds; returns how many are left. */
static size_t ended_within(struct demo *d, long long ms)
{
	long long end = demo_now_ms() + ms;
	for (;;) {
		size_t left = 0;
		for (size_t i = 0; i < d->n_pids; i++) {
			if (live(d, i) && demo_pidfd_ended(d->pidfds[i]))
				mark_ended(d, i);
			left += live(d, i);
		}
		if (!left || demo_now_ms() >= end)
			return left;
		demo_nap();
	}
}

/* Reap the demo processes that came back to ipctop (its subreaper) when demo-parent ended
 * before it had reaped them; within ms milliseconds while any of the group is ours. A
 * forker's child dies in a chain (demo-parent, then the forker, then it, each by its parent's
 * death signal), which on a loaded machine takes more than a moment; with none of the group
 * ours (ECHILD) it returns at once. */
#define ORPHANS_MS 2000
static void reap_orphans(struct demo *d, long long ms)
{
	long long end = demo_now_ms() + ms;
	while (d->group > 0) {
		pid_t pid = waitpid(-d->group, NULL, WNOHANG);
		if (pid > 0)
			continue;
		if (pid < 0 || demo_now_ms() >= end)
			return;   /* ECHILD: none of the group is ours */
		demo_nap();
	}
}

/* End demo-parent last (it reaps the others meanwhile) and reap it: SIGTERM, SIGKILL if it
 * is still there about a second later; then what it left. */
static void end_parent(struct demo *d)
{
	if (d->parent <= 0) {   /* killed from outside: a forker's child may still be dying */
		reap_orphans(d, ORPHANS_MS);
		return;
	}
	for (int round = 0; round < 2 && d->parent > 0; round++) {
		kill(d->parent, SIGCONT);   /* ours and not reaped: the number is still its own */
		kill(d->parent, round ? SIGKILL : SIGTERM);
		long long end = demo_now_ms() + (round ? 2000 : 1000);
		while (d->parent > 0 && demo_now_ms() < end) {
			if (demo_try_reap(d->parent, NULL))
				d->parent = 0;
			else
				demo_nap();
		}
	}
	reap_orphans(d, ORPHANS_MS);
}

void demo_stop(struct demo *d)
{
	signal_live(d, SIGTERM);
	if (ended_within(d, 1000) > 0) {
		signal_live(d, SIGKILL);
		ended_within(d, 2000);   /* only a process stuck in the kernel outlasts this */
	}
	end_parent(d);
	demo_remove_objects(d);
	demo_janitor_end(d);
	demo_pidfds_close(d);
}

/* "ended (signal 9)", "ended (exit 1)", or "ended" when the status is unknown. */
static void how_ended(int status, char *buf, size_t n)
{
	if (status != -1 && WIFSIGNALED(status))
		snprintf(buf, n, "ended (signal %d)", WTERMSIG(status));
	else if (status != -1 && WIFEXITED(status))
		snprintf(buf, n, "ended (exit %d)", WEXITSTATUS(status));
	else
		snprintf(buf, n, "ended");
}

/* Demo process i has just ended (ended[] marks all that did in this round): stop its partner
 * if it still runs, and say what happened into msg unless an earlier process of the round
 * has (*said). */
static void after_end(struct demo *d, size_t i, const bool *ended, char *msg, size_t n, bool *said)
{
	size_t j = demo_partner(i);
	bool pair = j < d->n_pids;
	if (d->told[i] || (pair && j < i && ended[j] && !d->told[j]))
		return;   /* the partner's end told the story */
	bool say = msg && n && !*said;
	*said = *said || say;
	if (pair && live(d, j)) {
		demo_pidfd_signal(d->pidfds[j], SIGCONT);
		demo_pidfd_signal(d->pidfds[j], SIGTERM);
		d->told[j] = true;
		if (say)
			snprintf(msg, n, "%s (PID %d) ended; its partner %s (PID %d) was told to stop",
				 demo_role_name(i), (int)d->pids[i], demo_role_name(j), (int)d->pids[j]);
	} else if (pair && ended[j] && !d->told[j]) {
		if (say)
			snprintf(msg, n, "%s (PID %d) ended, and its partner %s (PID %d) too",
				 demo_role_name(i), (int)d->pids[i], demo_role_name(j), (int)d->pids[j]);
	} else if (say) {
		snprintf(msg, n, "%s (PID %d) ended", demo_role_name(i), (int)d->pids[i]);
	}
}

/* demo-parent ended (killed from outside): its children end with it (their parent-death
 * signal); reap it and say so. */
static int parent_ended(struct demo *d, char *msg, size_t n)
{
	int st;
	if (d->parent <= 0 || !demo_try_reap(d->parent, &st))
		return 0;
	char how[32];
	how_ended(st, how, sizeof(how));
	if (msg && n)
		snprintf(msg, n, "demo-parent (PID %d) %s: the demo processes end with it",
			 (int)d->parent, how);
	d->parent = 0;
	return 1;
}

int demo_reap(struct demo *d, char *msg, size_t n)
{
	bool ended[DEMO_MAX_PIDS] = { false };
	int count = 0;
	for (size_t i = 0; i < d->n_pids; i++) {
		if (live(d, i) && demo_pidfd_ended(d->pidfds[i])) {
			mark_ended(d, i);
			ended[i] = true;
			count++;
		}
	}
	demo_janitor_gone(d);   /* someone killed it: no zombie either */
	if (parent_ended(d, msg, n))
		count++;
	if (d->parent <= 0) {
		reap_orphans(d, 0);   /* demo-parent's children, ended with it, came back to us */
		return count;         /* its end was the story (parent_ended's message) */
	}
	bool said = false;
	for (size_t i = 0; i < d->n_pids; i++)
		if (ended[i])
			after_end(d, i, ended, msg, n, &said);
	for (size_t i = 0; !said && msg && n && i < d->n_pids; i++) {
		if (ended[i]) {   /* only partners that were told to stop ended */
			snprintf(msg, n, "%s (PID %d) stopped after its partner", demo_role_name(i),
				 (int)d->pids[i]);
			said = true;
		}
	}
	return count;
}

void demo_remove_objects(struct demo *d)
{
	if (d->shmid >= 0)
		shmctl(d->shmid, IPC_RMID, NULL);
	if (d->msqid >= 0)
		msgctl(d->msqid, IPC_RMID, NULL);
	d->shmid = d->msqid = -1;
	lesson_posix_remove(d->mq_name, d->shm_name);
	d->shm_name[0] = d->mq_name[0] = '\0';
	lesson_unix_remove(d->dir);
	d->dir[0] = '\0';
}
