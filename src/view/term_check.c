/* term_check.c — look TERM up in terminfo and insist on cursor addressing and clearing, which
 * every screen of ipctop needs (TERM=dumb, a printing terminal or an unknown type lack it). */
#include "view/term_check.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

static bool has_cap(const char *name)
{
	char *s = tigetstr(name);
	return s && s != (char *)-1;
}

int term_check(char *msg, size_t size)
{
	const char *term = getenv("TERM");
	int err = 0;
	if (!term || !*term) {
		snprintf(msg, size, "ipctop: TERM is not set; set it (e.g. TERM=xterm-256color), or use --json or --dot");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(msg, size, "ipctop: terminal type '%.64s' is not known to terminfo; use --json or --dot", term);
		return -1;
	}
	bool usable = has_cap("cup") && has_cap("clear") && !tigetflag("hc");
	del_curterm(cur_term);
	if (!usable) {
		snprintf(msg, size, "ipctop: terminal '%.64s' cannot move the cursor, which the screens need; "
			 "use a full-screen terminal, or --json or --dot", term);
		return -1;
	}
	return 0;
}
