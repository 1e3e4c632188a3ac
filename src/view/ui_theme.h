/* ui_theme.h — the colour themes by name (--theme, the ipctoprc key "theme"); no curses here,
 * so that the settings file and the command line can name them. ui.c paints them. */
#ifndef IPCTOP_UI_THEME_H
#define IPCTOP_UI_THEME_H

#include <stddef.h>

enum ui_theme {
	UI_THEME_DEFAULT,      /* colours on the terminal's own background */
	UI_THEME_CONTRAST,     /* for a projector: white on black, every text bold, never dim,
	                        * heavy box lines; in --no-color bold and reverse only */
	UI_THEME_COLORBLIND,   /* no red against green: blue, yellow, magenta, cyan, white */
	UI_THEME__COUNT
};

/* "default", "contrast", "colorblind". */
const char *ui_theme_name(enum ui_theme t);
/* The theme of that name (the n bytes of s; "high-contrast" and "colourblind" too), or -1. */
int ui_theme_from_name(const char *s, size_t n);

#endif
