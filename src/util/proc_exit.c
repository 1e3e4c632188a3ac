/* proc_exit.c — _exit and default signal ends for forked children that, in a coverage build,
 * first write the gcov counts _exit and a fatal signal would lose. */
#include "config.h"

#include "util/proc_exit.h"

#include <signal.h>
#include <unistd.h>

#ifdef IPCTOP_COVERAGE
void __gcov_dump(void);   /* libgcov, linked by --coverage */

static void dump_and_die(int sig)
{
	__gcov_dump();
	signal(sig, SIG_DFL);
	raise(sig);   /* blocked while this handler runs; delivered when it returns */
}
#endif

void proc_exit(int status)
{
#ifdef IPCTOP_COVERAGE
	__gcov_dump();
#endif
	_exit(status);
}

void proc_exit_on_signal(int sig)
{
#ifdef IPCTOP_COVERAGE
	signal(sig, dump_and_die);
#else
	signal(sig, SIG_DFL);
#endif
}
