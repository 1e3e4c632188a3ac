/* demo_run.h — ipctop --demo: start the example processes, show only them in the screens, end
 * them when the screens close. */
#ifndef IPCTOP_DEMO_RUN_H
#define IPCTOP_DEMO_RUN_H

#include "options.h"

/* Exit status: the screens', or 1 after a message when the demo could not start (no terminal,
 * no helper program, a process or object that could not be made). o's pids become the demo's. */
int demo_run(struct ipctop_opts *o);

#endif
