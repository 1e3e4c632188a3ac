/* loadgen.h — what the load generator's parent (loadgen.c) hands to each process pair
 * (loadgen_pair.c). */
#ifndef IPCTOP_BENCH_LOADGEN_H
#define IPCTOP_BENCH_LOADGEN_H

#include <signal.h>
#include <sys/types.h>

/* One pair's shared memory: a SysV segment id (-1: none) and a POSIX shm name ("" : none). */
struct pair_shm {
	int sysv_id;
	char posix_name[64];
};

struct pair_setup {
	pid_t loadgen_pid;      /* the parent: the leader dies when it goes */
	int ready_fd;           /* write end: one byte when the pair is up, then closed */
	int parent_fds[2];      /* the parent's own descriptors, inherited: closed at once */
	sigset_t child_mask;    /* the signal mask children run with */
	struct pair_shm shm;
};

/* In the child just forked by the parent: build one pair (this process and a partner it forks),
 * report ready, then wait until the partner or the parent goes. Never returns. */
void pair_run(const struct pair_setup *ps) __attribute__((noreturn));

/* Every this many pairs, one pair also shares a SysV segment and a POSIX shm object. */
#define LOADGEN_SHM_EVERY 4
#define LOADGEN_SHM_SIZE 4096

#endif
