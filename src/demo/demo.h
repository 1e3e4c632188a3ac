/* demo.h — `ipctop --demo`: a small set of example processes, runs of ipctop-lesson-helper
 * (the lessons' program), all children of one of them, demo-parent: pairs that talk over a
 * pipe, a UNIX socket, TCP and UDP on the loopback, SysV and POSIX shared memory and message
 * queues, and processes that act by themselves (one on the CPU, one that forks and leaves a
 * zombie for a while, one that execs itself), started for the classroom and ended (with every
 * object they use removed) when ipctop quits, and also when ipctop is killed (their
 * parent-death signal and a janitor process see to that). */
#ifndef IPCTOP_DEMO_H
#define IPCTOP_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define DEMO_MAX_PIDS 24

struct demo {
	/* The demo processes, children of demo-parent (so not ours to wait for), first in pairs
	 * (0,1), (2,3), ..., then those without a partner: pids[i] runs role i (demo_role_name).
	 * They are signalled and watched through pidfds only (ipctop's own, opened while each
	 * was known to run), never by number. An entry stays after its process has ended,
	 * marked in reaped[]. */
	pid_t pids[DEMO_MAX_PIDS];
	int pidfds[DEMO_MAX_PIDS];
	bool reaped[DEMO_MAX_PIDS];
	bool told[DEMO_MAX_PIDS];   /* asked to stop by demo_reap because its partner ended */
	size_t n_pids;
	pid_t parent;          /* demo-parent: ipctop's child, the root of the demo's tree */
	pid_t group;           /* the demo's process group: demo-parent's pid, kept after it */
	int parent_pidfd;      /* for the janitor */
	int watch_fd;          /* an epoll set of the pidfds of the processes still running */
	int shmid, msqid;
	char dir[64];          /* private temp dir of the UNIX socket (LESSON_SOCK_FILE) */
	char shm_name[64];     /* POSIX shm object */
	char mq_name[64];      /* POSIX message queue */
	pid_t janitor;         /* cleans up if ipctop dies without demo_stop() */
	int janitor_fd;        /* write end of its pipe: EOF tells it ipctop is gone */
};

/* Start the processes, runs of the helper program at path helper; returns 0, or -1 with a
 * message on stderr (nothing left behind). */
int demo_start(struct demo *d, const char *helper);
/* End every demo process whatever its state (stopped ones too): SIGCONT and SIGTERM, SIGKILL
 * after about a second; reap them and the janitor, remove every object. Never blocks for
 * long. Safe to call twice. */
void demo_stop(struct demo *d);
/* Note demo processes that have ended (demo-parent reaps them), and reap demo-parent if it
 * has (and what it left); end the partner of each (SIGCONT, SIGTERM: the pair is one lesson).
 * Call it when d->watch_fd is readable or a child of ipctop changed state. Writes a one-line
 * message for the status line into msg (trusted text: role names and numbers only) when
 * something ended; leaves it as it was otherwise. Returns how many processes ended. Never
 * blocks. */
int demo_reap(struct demo *d, char *msg, size_t n);
/* The role (and process name) of d->pids[i] ("pipe-writer", ...), or "?" out of range. */
const char *demo_role_name(size_t i);
/* The index of the partner of d->pids[i], SIZE_MAX for a process without one. */
size_t demo_partner(size_t i);

#endif
