/* keymap_text.h — the key table as the lines of the help screen: sections by screen, each line
 * the keys of one action and what it does. */
#ifndef IPCTOP_KEYMAP_TEXT_H
#define IPCTOP_KEYMAP_TEXT_H

#include <stddef.h>

#include "view/keymap.h"

struct keymap_line {
	char keys[64];             /* "F9, k" */
	const char *help;
};

size_t keymap_section_count(void);
const char *keymap_section_scope(size_t i);
const char *keymap_section_title(size_t i);
/* The lines of section sec (at most max); returns how many. */
size_t keymap_section_lines(size_t sec, struct keymap_line *out, size_t max);

#endif
