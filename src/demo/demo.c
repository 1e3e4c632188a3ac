/* demo.c — start the --demo processes: the lessons' roles on channels, all at once, one pair
 * for each kind of channel, and three that act alone (cpu-bound, forker, exec-loop). Each is
 * an exec of ipctop-lesson-helper (a small program of its own, not a copy of ipctop), started
 * by the lesson runner's lesson_spawn through demo-parent (so they are its children) with
 * only its own end, named after its role, and tied to ipctop's life (demo_end.c ends them,
 * demo_janitor.c cleans up when ipctop is killed). */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "demo/demo_priv.h"
#include "lesson/lesson.h"

/* demo-parent first: the roles after it start as its children. */
static const struct lesson_spawn parent_role = { "demo-parent", OBJ_LAUNCHER, ARG_NONE };

/* In pairs (0,1), (2,3), ...: pids[i] runs roles[i]; the partner that makes or listens on
 * the channel comes first. The UDP client connect()s (the sockets lesson's sender does not):
 * its socket then names the receiver, so that the screens join the two. After the pairs, the
 * roles without a partner, which act by themselves. */
static const struct lesson_spawn roles[] = {
	{ "pipe-writer", OBJ_PIPE_W, ARG_NONE }, { "pipe-reader", OBJ_PIPE_R, ARG_NONE },
	{ "unix-server", OBJ_UNIX_LISTEN, ARG_NONE }, { "unix-client", OBJ_NONE, ARG_UNIX_PATH },
	{ "tcp-server", OBJ_TCP_LISTEN, ARG_NONE }, { "tcp-client", OBJ_NONE, ARG_TCP_PORT },
	{ "shm-writer", OBJ_NONE, ARG_SHMID }, { "shm-reader", OBJ_NONE, ARG_SHMID },
	{ "msg-sender", OBJ_NONE, ARG_MSQID }, { "msg-receiver", OBJ_NONE, ARG_MSQID },
	{ "pshm-writer", OBJ_NONE, ARG_SHM_NAME }, { "pshm-reader", OBJ_NONE, ARG_SHM_NAME },
	{ "pmq-sender", OBJ_NONE, ARG_MQ_NAME }, { "pmq-receiver", OBJ_NONE, ARG_MQ_NAME },
	{ "udp-receiver", OBJ_UDP_RX, ARG_NONE }, { "udp-client", OBJ_NONE, ARG_UDP_PORT },
	{ "cpu-bound", OBJ_NONE, ARG_NONE }, { "forker", OBJ_NONE, ARG_NONE },
	{ "exec-loop", OBJ_NONE, ARG_NONE },
};
#define N_ROLES (sizeof(roles) / sizeof(roles[0]))
#define N_PAIRED 16
_Static_assert(N_ROLES <= DEMO_MAX_PIDS && N_ROLES + 1 <= LESSON_MAX_PROCS, "room for every role");
/* cpu-bound runs at this nice value: it takes what the machine leaves, not a CPU from it */
#define DEMO_CPU_NICE 19

const char *demo_role_name(size_t i)
{
	return i < N_ROLES ? roles[i].role : "?";
}

size_t demo_partner(size_t i)
{
	return i < N_PAIRED ? i ^ 1 : SIZE_MAX;
}

static size_t role_index(const char *role)
{
	for (size_t i = 0; i < N_ROLES; i++)
		if (strcmp(roles[i].role, role) == 0)
			return i;
	return SIZE_MAX;
}

/* What the runner started and made becomes the demo's, to end and remove: demo-parent, and
 * each role's process at its index in roles[]; a pidfd for each, opened while it is known to
 * run (it has just recorded itself). */
static void take_over(struct demo *d, const struct lesson_run *r)
{
	if (r->n_procs > 0) {
		d->parent = d->group = r->procs[0].pid;
		d->parent_pidfd = demo_pidfd_open(d->parent);
	}
	for (size_t k = 1; k < r->n_procs; k++) {
		size_t i = role_index(r->procs[k].role);
		if (i >= N_ROLES)
			continue;
		d->pidfds[i] = demo_pidfd_open(r->procs[k].pid);
		d->pids[i] = r->procs[k].pid;
		d->n_pids = i + 1 > d->n_pids ? i + 1 : d->n_pids;
	}
	d->shmid = r->shmid;
	d->msqid = r->msqid;
	snprintf(d->shm_name, sizeof(d->shm_name), "%s", r->shm_name);
	snprintf(d->mq_name, sizeof(d->mq_name), "%s", r->mq_name);
	snprintf(d->dir, sizeof(d->dir), "%s", r->sock_dir);
}

/* Start demo-parent, then every role under it: first those that act alone, so that their
 * lower pids put them at the top of the tree (at 80x24 the pairs are partly below). 0, or -1
 * with a note in r. */
static int spawn_all(struct lesson_run *r)
{
	if (lesson_spawn(r, &parent_role) < 0)
		return -1;
	for (size_t k = 0; k < N_ROLES; k++) {
		size_t i = (k + N_PAIRED) % N_ROLES;
		if (lesson_spawn(r, &roles[i]) < 0)
			return -1;
		pid_t pid = r->procs[r->n_procs - 1].pid;
		if (strcmp(roles[i].role, "cpu-bound") == 0)
			setpriority(PRIO_PROCESS, (id_t)pid, DEMO_CPU_NICE);
	}
	return 0;
}

int demo_start(struct demo *d, const char *helper)
{
	memset(d, 0, sizeof(*d));
	d->shmid = d->msqid = d->janitor_fd = d->parent_pidfd = d->watch_fd = -1;
	for (size_t i = 0; i < DEMO_MAX_PIDS; i++)
		d->pidfds[i] = -1;
	/* demo-parent reaps the demo processes; those it leaves (when it ends first) come back to
	 * ipctop, which reaps them too */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	struct lesson_run *r = calloc(1, sizeof(*r));
	int status = r ? lesson_init(r, helper, "demo") : -1;
	if (r && status < 0)
		snprintf(r->note, sizeof(r->note), "no pipe for the helpers' records");
	if (status == 0)
		status = spawn_all(r);
	if (r) {
		take_over(d, r);
		lesson_close_fds(r);   /* ipctop itself holds no end: only the demo processes talk */
	}
	if (status == 0 && (status = demo_watch_start(d)) < 0)
		snprintf(r->note, sizeof(r->note), "no pidfds to watch them (Linux 5.3 or later)");
	if (status == 0)
		demo_janitor_start(d);
	else
		fprintf(stderr, "ipctop: --demo could not set up its processes: %s\n",
			r ? r->note : "out of memory");
	free(r);
	if (status < 0)
		demo_stop(d);
	return status;
}
