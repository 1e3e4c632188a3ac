/* proc_exit.h — how a forked child of ipctop ends. _exit skips the exit handlers, so in a
 * coverage build (configure --enable-coverage) the child's gcov counts would be lost: it
 * writes them first. In other builds it is plain _exit. */
#ifndef IPCTOP_PROC_EXIT_H
#define IPCTOP_PROC_EXIT_H

/* End the calling (forked) process with status, as _exit does. */
__attribute__((noreturn)) void proc_exit(int status);

#endif
