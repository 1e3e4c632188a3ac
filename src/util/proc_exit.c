/* proc_exit.c — _exit for forked children that, in a coverage build, first write the gcov
 * counts _exit would lose. */
#include "config.h"

#include "util/proc_exit.h"

#include <unistd.h>

#ifdef IPCTOP_COVERAGE
void __gcov_dump(void);   /* libgcov, linked by --coverage */
#endif

void proc_exit(int status)
{
#ifdef IPCTOP_COVERAGE
	__gcov_dump();
#endif
	_exit(status);
}

