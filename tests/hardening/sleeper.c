/* sleeper.c — start a sleeping child for the churn and scale fixtures (see sleeper.h). */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "sleeper.h"

/* The child: with a shared address space it touches nothing but *s and its own stack, and
 * calls nothing that can fail and set errno (which it would share with its parent). The kept
 * descriptors go out of the way (256 and up) first, so that moving them down clobbers none. */
static int sleeper_main(void *arg)
{
	const struct sleeper *s = arg;
	int high[SLEEPER_MAX_FDS];
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != s->parent)
		_exit(0);
	prctl(PR_SET_NAME, s->name);
	for (int i = 0; i < s->n_fds; i++)
		high[i] = fcntl(s->fds[i], F_DUPFD, 256);
	close_range(0, 255, 0);
	for (int i = 0; i < s->n_fds; i++)
		if (high[i] < 0 || dup2(high[i], 3 + i) != 3 + i)
			_exit(1);
	close_range(3 + (unsigned)s->n_fds, ~0U, 0);
	for (;;)
		pause();
	return 0;
}

pid_t sleeper_start(struct sleeper *s, int use_fork)
{
	s->parent = getpid();
	if (!use_fork)
		return clone(sleeper_main, s->stack + sizeof s->stack, CLONE_VM | SIGCHLD, s);
	pid_t pid = fork();
	if (pid == 0)
		sleeper_main(s);
	return pid;
}
