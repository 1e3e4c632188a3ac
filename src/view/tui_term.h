/* tui_term.h — the terminal under the TUI: curses output, raw input bytes read by ipctop
 * itself (decoded by term_input.c, not by terminfo), bracketed paste and mouse reporting on,
 * and the signals that concern a full-screen program (quit, hang-up, suspend, resize, child)
 * turned into bytes on a pipe that the loop polls with its input. */
#ifndef IPCTOP_TUI_TERM_H
#define IPCTOP_TUI_TERM_H

#include <stdbool.h>

#include "view/term_input.h"
#include "view/ui_theme.h"

enum term_event {
	TE_NONE = 0,
	TE_QUIT = 1,        /* SIGINT, SIGTERM, SIGQUIT, SIGHUP (when not ignored) */
	TE_SUSPEND = 2,     /* SIGTSTP: Ctrl-Z */
	TE_RESIZE = 4,      /* SIGWINCH */
	TE_CONTINUE = 8,    /* SIGCONT: redraw everything */
	TE_CHILD = 16,      /* SIGCHLD */
};

struct term_opts { bool ascii, color; enum ui_theme theme; };

/* Take the terminal: curses, modes, signal handlers; 0 or -1 with a message on stderr. */
int term_start(const struct term_opts *o, struct term_input *ti);
/* Give it back as it was: modes off, curses ended, handlers restored. Safe to call twice. */
void term_stop(void);
int term_input_fd(void);
int term_signal_fd(void);
/* The signals that arrived since the last call, as TE_* bits. */
unsigned term_signals(void);
/* Read what the terminal has into ti: > 0 bytes, 0 nothing now, -1 the terminal is gone
 * (end of file, EIO after a hang-up). */
int term_read(struct term_input *ti);
/* Ctrl-Z: give the terminal back, stop, and take it again when continued. */
void term_suspend(void);
/* The terminal's size changed (or may have): tell curses. */
void term_resize(void);

#endif
