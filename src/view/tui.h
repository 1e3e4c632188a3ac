/* tui.h — the interactive ipctop: entry point called by main() in TUI mode. */
#ifndef IPCTOP_TUI_H
#define IPCTOP_TUI_H

#include "options.h"

/* Run the full-screen interface until the user quits; returns the exit status. */
int tui_run(const struct ipctop_opts *o);

#endif
