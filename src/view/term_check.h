/* term_check.h — can this terminal run a full-screen program? Asked before curses starts, so a
 * dumb or unknown terminal gets a clear message instead of a garbled screen. */
#ifndef IPCTOP_TERM_CHECK_H
#define IPCTOP_TERM_CHECK_H

#include <stddef.h>

/* 0 when stdout's terminal can address the cursor; else -1 with a message in msg. */
int term_check(char *msg, size_t size);

#endif
