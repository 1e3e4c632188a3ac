/* tui.h — the interactive ipctop: entry point called by main() in TUI mode. */
#ifndef IPCTOP_TUI_H
#define IPCTOP_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "options.h"

struct snapshot;
struct source;

#define TUI_STEP_PIDS 16

/* A step of a lesson as the TUI shows it: a banner above the screen (trusted text), the
 * screen to open (and the detail's tab), the process to select, the list's tree and EXE
 * column, and the processes the screens are limited to. */
struct tui_step {
	char title[96];
	const char *banner;
	const char *screen, *tab;
	pid_t focus;
	bool tree, exe;
	const char *note;             /* for the status line: what went wrong, or NULL */
	pid_t pids[TUI_STEP_PIDS];
	size_t n_pids;
};

/* What the caller of the TUI does from inside its loop: reap children it started (--demo),
 * called when a child has changed state or reap_fd (when > 0) is readable; returns how many
 * ended, with a line for the status bar in msg (trusted text). scope: called with each new
 * snapshot before the screens see it; it may change the pids they are limited to (--demo:
 * demo-parent and its descendants in that snapshot). step (a lesson; NULL otherwise): move by dir (-1, 0: the first
 * step, +1) and describe the step now shown, false when there is none that way; the lesson
 * takes the keys n and p, and the settings are not saved. fixed: show this one snapshot
 * instead of the live machine (--merge; allocated, taken over by the TUI). src: a source made
 * by the caller (--replay's recording; taken over by the TUI, which stops it). */
struct tui_hooks {
	int (*reap)(void *arg, char *msg, size_t n);
	int reap_fd;
	void (*scope)(void *arg, const struct snapshot *s);
	void *arg;
	bool (*step)(void *arg, int dir, struct tui_step *out);
	struct snapshot *fixed;
	struct source *src;
};

/* Run the full-screen interface until the user quits (or the terminal goes); returns the
 * exit status. hooks may be NULL. */
int tui_run(const struct ipctop_opts *o, const struct tui_hooks *hooks);

#endif
