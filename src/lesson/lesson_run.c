/* lesson_run.c — one lesson from start to end: its processes started, its steps walked by
 * n and p (an action runs the first time its step is reached going forward), and the end:
 * every process of the lesson's group woken and killed, and reaped (ipctop is their
 * subreaper, so forked children come back to it too), then its System V queue and segment
 * and its POSIX objects removed. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "util/mono_clock.h"

#define END_WAIT_MS 3000

pid_t lesson_pid(const struct lesson_run *r, const char *role)
{
	char name[32];
	int nth = 1;
	snprintf(name, sizeof(name), "%s", role);
	char *hash = strchr(name, '#');
	if (hash) {
		nth = atoi(hash + 1);
		*hash = '\0';
	}
	for (size_t i = 0; i < r->n_procs; i++)
		if (strcmp(r->procs[i].role, name) == 0 && --nth == 0)
			return r->procs[i].reaped ? 0 : r->procs[i].pid;
	return 0;
}

/* Some process of the lesson's group is still ours to reap (so the group id is still
 * the lesson's, never reused by a stranger). */
static bool group_has_children(const struct lesson_run *r)
{
	siginfo_t si;
	if (r->pgid <= 0)
		return false;
	memset(&si, 0, sizeof(si));
	return waitid(P_PGID, (id_t)r->pgid, &si, WEXITED | WNOHANG | WNOWAIT) == 0;
}

static void mark_reaped(struct lesson_run *r, pid_t pid)
{
	for (size_t i = 0; i < r->n_procs; i++)
		if (r->procs[i].pid == pid)
			r->procs[i].reaped = true;
}

int lesson_reap(struct lesson_run *r, char *msg, size_t n)
{
	int count = 0, st;
	pid_t pid;
	while (r->pgid > 0 && (pid = waitpid(-r->pgid, &st, WNOHANG)) > 0) {
		mark_reaped(r, pid);
		if (msg && n && count++ == 0)
			snprintf(msg, n, "lesson process %d ended", (int)pid);
	}
	return count;
}

/* The POSIX objects the lesson's steps will use, made now: the janitor, started after the
 * first processes, must know them all. */
static int make_posix_objects(struct lesson_run *r)
{
	for (size_t i = 0; i < r->n_steps; i++)
		for (size_t j = 0; j < 2; j++)
			if (r->l->steps[i].act[j].act == LA_SPAWN &&
			    lesson_posix_make(r, r->l->steps[i].act[j].who.arg) < 0)
				return -1;
	return 0;
}

int lesson_start(struct lesson_run *r, const struct lesson *l, const char *helper)
{
	if (lesson_init(r, helper, "lesson") < 0) {
		fprintf(stderr, "ipctop: --lesson: %s\n", strerror(errno));
		return -1;
	}
	r->l = l;
	while (r->n_steps < LESSON_MAX_STEPS && l->steps[r->n_steps].banner)
		r->n_steps++;
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);   /* forked children come back to us */
	if (make_posix_objects(r) < 0) {
		fprintf(stderr, "ipctop: lesson %s: %s\n", l->name, r->note);
		lesson_stop(r);
		return -1;
	}
	for (size_t i = 0; i < 4 && l->start[i].role; i++) {
		if (lesson_spawn(r, &l->start[i]) < 0) {
			fprintf(stderr, "ipctop: lesson %s: %s\n", l->name, r->note);
			lesson_stop(r);
			return -1;
		}
	}
	lesson_janitor_start(r);
	return 0;
}

static long long now_ms(void)
{
	return (long long)(mono_ns() / 1000000u);
}

void lesson_stop(struct lesson_run *r)
{
	lesson_janitor_end(r);
	if (group_has_children(r)) {
		kill(-r->pgid, SIGCONT);   /* a stopped process acts on nothing but SIGCONT, SIGKILL */
		kill(-r->pgid, SIGKILL);
	}
	long long end = now_ms() + END_WAIT_MS;
	while (r->pgid > 0) {
		int st;
		pid_t pid = waitpid(-r->pgid, &st, WNOHANG);
		if (pid > 0) {
			mark_reaped(r, pid);
			continue;
		}
		if (pid < 0 || now_ms() >= end)
			break;   /* ECHILD: none left */
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	lesson_close_fds(r);
	r->pgid = 0;
	if (r->msqid >= 0)
		msgctl(r->msqid, IPC_RMID, NULL);   /* its users are gone: nothing else removes it */
	r->msqid = -1;
	if (r->shmid >= 0)
		shmctl(r->shmid, IPC_RMID, NULL);
	r->shmid = -1;
	lesson_posix_remove(r->mq_name, r->shm_name);
	lesson_unix_remove(r->sock_dir);
	r->mq_name[0] = r->shm_name[0] = r->sock_dir[0] = '\0';
}

void lesson_close_fds(struct lesson_run *r)
{
	int fds[] = { r->report_rd, r->report_wr, r->pipe_rd, r->launch_fd };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] > 0)
			close(fds[i]);
	r->report_rd = r->report_wr = r->pipe_rd = r->launch_fd = -1;
}

static void run_action(struct lesson_run *r, const struct lesson_action *a)
{
	switch (a->act) {
	case LA_SPAWN: lesson_spawn(r, &a->who); break;
	case LA_STOP: lesson_signal(r, a->who.role, SIGSTOP); break;
	case LA_CONT: lesson_signal(r, a->who.role, SIGCONT); break;
	case LA_USR1: lesson_signal(r, a->who.role, SIGUSR1); break;
	case LA_USR2: lesson_signal(r, a->who.role, SIGUSR2); break;
	case LA_FORK: lesson_fork(r, a->who.role, a->child); break;
	case LA_ASK2: lesson_ask(r, a->who.role, SIGUSR2); break;
	case LA_NICE: lesson_nice(r, a->who.role); break;
	case LA_RT: lesson_rt(r, a->who.role); break;
	case LA_NONE: break;
	}
}

/* The process of the step's focus: the role as recorded, or (after an exec) by pid. */
static pid_t focus_pid(struct lesson_run *r, const struct lesson_step *s)
{
	pid_t pid = s->focus ? lesson_pid(r, s->focus) : 0;
	if (!pid && s->focus && strcmp(s->focus, "after-exec") == 0)
		pid = lesson_pid(r, "program");   /* the exec kept the pid: same process */
	return pid;
}

bool lesson_step(struct lesson_run *r, int dir, struct tui_step *out)
{
	if ((dir < 0 && r->step == 0) || (dir > 0 && r->step + 1 >= r->n_steps))
		return false;
	r->step = (size_t)((long)r->step + dir);
	const struct lesson_step *s = &r->l->steps[r->step];
	r->note[0] = '\0';
	if (r->step >= r->reached) {
		for (size_t i = 0; i < 2; i++)
			run_action(r, &s->act[i]);
		r->reached = r->step + 1;
	} else if (dir < 0) {
		/* p shows a step again, it does not undo what the kernel did since: say so. */
		snprintf(r->note, sizeof(r->note), "back to step %zu: later forks, signals and exits "
			 "stay done", r->step + 1);
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->title, sizeof(out->title), "Lesson %s %zu/%zu (n next, p back, q quit)",
		 r->l->name, r->step + 1, r->n_steps);
	char fact[320];
	lesson_fact(r, s->fact, fact, sizeof(fact));
	snprintf(r->banner, sizeof(r->banner), "%s%s%s", s->banner, fact[0] ? " " : "", fact);
	out->banner = r->banner;
	out->screen = s->screen;
	out->tab = s->tab;
	out->focus = focus_pid(r, s);
	out->tree = s->tree;
	out->exe = s->exe;
	out->note = r->note[0] ? r->note : NULL;
	out->n_pids = 0;
	for (size_t i = 0; i < r->n_procs && out->n_pids < TUI_STEP_PIDS; i++)
		if (!r->procs[i].reaped)
			out->pids[out->n_pids++] = r->procs[i].pid;
	return true;
}
