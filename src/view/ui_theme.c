/* ui_theme.c — the themes' names, as --theme and the ipctoprc file spell them. */
#include <string.h>

#include "view/ui_theme.h"

static const struct { const char *name; enum ui_theme t; } names[] = {
	{ "default", UI_THEME_DEFAULT },
	{ "contrast", UI_THEME_CONTRAST },
	{ "colorblind", UI_THEME_COLORBLIND },
	{ "high-contrast", UI_THEME_CONTRAST },
	{ "colourblind", UI_THEME_COLORBLIND },
};

const char *ui_theme_name(enum ui_theme t)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].t == t)
			return names[i].name;
	return "default";
}

int ui_theme_from_name(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0)
			return (int)names[i].t;
	return -1;
}
