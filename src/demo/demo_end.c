/* demo_end.c — ending the --demo processes: demo_stop ends them all whatever their state
 * (a stopped process acts on nothing but SIGCONT and SIGKILL) within bounded waits, and
 * demo_reap reaps those that ended while ipctop runs and stops their partners. Also the
 * removal of the demo's objects, which the janitor shares. */
#include "demo/demo_priv.h"
#include "lesson/lesson.h"

#include <errno.h>
#include <signal.h>
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

/* Demo process i is ours to signal: started and not yet reaped. */
static bool live(const struct demo *d, size_t i)
{
	return i < d->n_pids && !d->reaped[i] && d->pids[i] > 0;
}

static void signal_live(struct demo *d, int sig)
{
	for (size_t i = 0; i < d->n_pids; i++) {
		if (!live(d, i))
			continue;
		kill(d->pids[i], SIGCONT);   /* a stopped process would act on nothing else */
		kill(d->pids[i], sig);
	}
}

/* Reap every demo process that ends within ms milliseconds; returns how many are left. */
static size_t reap_within(struct demo *d, long long ms)
{
	long long end = demo_now_ms() + ms;
	for (;;) {
		size_t left = 0;
		for (size_t i = 0; i < d->n_pids; i++) {
			if (live(d, i) && demo_try_reap(d->pids[i], NULL))
				d->reaped[i] = true;
			left += live(d, i);
		}
		if (!left || demo_now_ms() >= end)
			return left;
		demo_nap();
	}
}

void demo_stop(struct demo *d)
{
	signal_live(d, SIGTERM);
	if (reap_within(d, 1000) > 0) {
		signal_live(d, SIGKILL);
		reap_within(d, 2000);   /* only a process stuck in the kernel outlasts this */
	}
	demo_remove_objects(d);
	demo_janitor_end(d);
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

/* Demo process i was just reaped (ended[] marks all reaped in this round, status[] their wait
 * statuses): stop its partner if it still runs, and say what happened into msg unless an
 * earlier process of the round has (*said). */
static void after_end(struct demo *d, size_t i, const bool *ended, const int *status,
		      char *msg, size_t n, bool *said)
{
	size_t j = i ^ 1;
	char how[32], how_j[32];
	how_ended(status[i], how, sizeof(how));
	if (d->told[i] || (j < i && ended[j] && !d->told[j]))
		return;   /* the partner's end told the story */
	bool say = msg && n && !*said;
	*said = *said || say;
	if (live(d, j)) {
		kill(d->pids[j], SIGCONT);
		kill(d->pids[j], SIGTERM);
		d->told[j] = true;
		if (say)
			snprintf(msg, n, "%s (PID %d) %s; its partner %s (PID %d) was told to stop",
				 demo_role_name(i), (int)d->pids[i], how, demo_role_name(j), (int)d->pids[j]);
	} else if (j < d->n_pids && ended[j] && !d->told[j]) {
		how_ended(status[j], how_j, sizeof(how_j));
		if (say)
			snprintf(msg, n, "%s (PID %d) %s, and its partner %s (PID %d) %s",
				 demo_role_name(i), (int)d->pids[i], how, demo_role_name(j), (int)d->pids[j], how_j);
	} else if (say) {
		snprintf(msg, n, "%s (PID %d) %s", demo_role_name(i), (int)d->pids[i], how);
	}
}

int demo_reap(struct demo *d, char *msg, size_t n)
{
	bool ended[DEMO_MAX_PIDS] = { false };
	int status[DEMO_MAX_PIDS];
	int count = 0;
	for (size_t i = 0; i < d->n_pids; i++) {
		if (live(d, i) && demo_try_reap(d->pids[i], &status[i])) {
			d->reaped[i] = ended[i] = true;
			count++;
		}
	}
	demo_janitor_gone(d);   /* someone killed it: no zombie either */
	bool said = false;
	for (size_t i = 0; i < d->n_pids; i++)
		if (ended[i])
			after_end(d, i, ended, status, msg, n, &said);
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
