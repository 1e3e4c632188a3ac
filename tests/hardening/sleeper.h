/* sleeper.h — a child process for the churn and scale fixtures that holds a few descriptors,
 * bears a given name, dies with its parent, and otherwise sleeps until it is killed. It is
 * started either by fork() or by clone() with a shared address space (like vfork and
 * posix_spawn): on this paravirtualised 2-core guest fork() costs about 10 ms once the machine
 * is busy (its page tables are copied and torn down through the hypervisor), the clone about
 * 0.1 ms, and ipctop sees the same thing either way: a process with its own pid, descriptor
 * table and name, appearing and vanishing. */
#ifndef SLEEPER_H
#define SLEEPER_H

#include <sys/types.h>

enum { SLEEPER_MAX_FDS = 32, SLEEPER_STACK = 16384 };

/* Lives as long as the child does: for clone(), its stack, and its arguments just above the
 * top of the stack (the child touches one or two pages of it). */
struct sleeper {
	_Alignas(16) char stack[SLEEPER_STACK];
	pid_t parent;
	const char *name;
	int n_fds;
	int fds[SLEEPER_MAX_FDS];   /* kept, as descriptors 3, 4, ...; all others are closed */
};

/* Start the child described by *s (parent is filled in); its pid, or -1 with errno set. */
pid_t sleeper_start(struct sleeper *s, int use_fork);

#endif
