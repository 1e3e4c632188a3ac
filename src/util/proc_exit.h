/* proc_exit.h — how a forked child of ipctop ends. _exit skips the exit handlers, so in a
 * coverage build (configure --enable-coverage) the child's gcov counts would be lost: these
 * write them first. In other builds they are plain _exit and signal(SIG_DFL). */
#ifndef IPCTOP_PROC_EXIT_H
#define IPCTOP_PROC_EXIT_H

/* End the calling (forked) process with status, as _exit does. */
__attribute__((noreturn)) void proc_exit(int status);

/* Let sig end the process as its default action does (after writing gcov counts in a
 * coverage build). */
void proc_exit_on_signal(int sig);

#endif
