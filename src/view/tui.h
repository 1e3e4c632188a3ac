/* tui.h — the interactive ipctop: entry point called by main() in TUI mode. */
#ifndef IPCTOP_TUI_H
#define IPCTOP_TUI_H

#include <stddef.h>

#include "options.h"

struct snapshot;

/* What the caller of the TUI does from inside its loop: reap children it started (--demo),
 * called when a child has changed state; returns how many ended, with a line for the status
 * bar in msg (trusted text). fixed: show this one snapshot instead of the live machine
 * (--merge; allocated, taken over by the TUI). */
struct tui_hooks {
	int (*reap)(void *arg, char *msg, size_t n);
	void *arg;
	struct snapshot *fixed;
};

/* Run the full-screen interface until the user quits (or the terminal goes); returns the
 * exit status. hooks may be NULL. */
int tui_run(const struct ipctop_opts *o, const struct tui_hooks *hooks);

#endif
