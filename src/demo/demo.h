/* demo.h — `ipctop --demo`: a small set of example processes that talk over a pipe, a UNIX
 * socket, a TCP loopback connection, SysV and POSIX shared memory and message queues, started
 * for the classroom and ended (with every object they made removed) when ipctop quits. */
#ifndef IPCTOP_DEMO_H
#define IPCTOP_DEMO_H

#include <stddef.h>
#include <sys/types.h>

struct demo {
	pid_t pids[16];
	size_t n_pids;
	int shmid, msqid;
	char dir[64];          /* private temp dir for the UNIX socket path */
	char shm_name[64];     /* POSIX shm object */
	char mq_name[64];      /* POSIX message queue */
	pid_t janitor;         /* cleans up if ipctop dies without demo_stop() */
	int janitor_fd;        /* write end of its pipe: EOF tells it ipctop is gone */
};

/* Start the processes; returns 0, or -1 with a message on stderr (nothing left behind). */
int demo_start(struct demo *d);
/* End them, reap them, remove every object. Safe to call twice. */
void demo_stop(struct demo *d);

#endif
