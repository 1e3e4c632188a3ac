/* ui.h — what every screen shares: glyphs (UTF-8 or ASCII), colours by role and by channel
 * kind, safe text output. Untrusted bytes reach the terminal only through ui_put_text(). */
#ifndef IPCTOP_UI_H
#define IPCTOP_UI_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "model/snapshot.h"
#include "view/ui_theme.h"

enum ui_role {
	UI_NORMAL, UI_HEADER, UI_SELECTED, UI_TITLE, UI_DIM, UI_WARN,
	UI_FKEY_NUM, UI_FKEY_LABEL, UI_TAB, UI_TAB_ACTIVE, UI_ROLE_COUNT
};

enum ui_glyph {
	G_H, G_V, G_TL, G_TR, G_BL, G_BR, G_TEE_L, G_TEE_R, G_TEE_T, G_TEE_B, G_CROSS,
	G_ARROW_R, G_ARROW_L, G_ARROW_U, G_ARROW_D, G_DOT, G_BLOCK, G_SHADE, G_ELLIPSIS, G_COUNT
};

struct ui_config { bool ascii; bool color; enum ui_theme theme; };

void ui_init(const struct ui_config *c);          /* after initscr(): colour pairs */
/* Every window and pad a screen draws in goes through this once when made: the theme's
 * background (the high-contrast theme makes all its text bold). Returns w. */
WINDOW *ui_window(WINDOW *w);
/* init_pair where -1 is the terminal's own colour, or the theme's (high contrast: white on
 * black). */
void ui_init_pair(short n, short fg, short bg);
bool ui_ascii(void);
bool ui_color(void);                              /* colours in use (not --no-color, terminal has them) */
int ui_attr(enum ui_role r);                      /* attributes incl. colour pair; sensible without colour */
int ui_kind_attr(enum chan_kind k);               /* colour for a channel kind */
const char *ui_kind_line(enum chan_kind k);       /* a kind's own line glyph ("─", "━", "┄", ...; ASCII "-", "=", ".", ...) */
const char *ui_kind_vline(enum chan_kind k);      /* its vertical glyph ("│", "┃", "┆", ...) */
/* Either of them in either glyph set, whatever the terminal (for tests). */
const char *ui_kind_line_of(enum chan_kind k, bool ascii, bool vertical);
const char *ui_glyph(enum ui_glyph g);            /* UTF-8 or ASCII per ui_ascii() */

/* Draw untrusted bytes escaped by esc_append(), clipped to width cells (wide chars counted
 * with wcwidth); returns cells used. */
int ui_put_text(WINDOW *w, int y, int x, const char *raw, size_t len, int width, int attr);
/* Draw trusted UTF-8/ASCII text of ours, clipped to width cells; returns cells used. */
int ui_put_str(WINDOW *w, int y, int x, const char *s, int width, int attr);
/* printf into ui_put_str (trusted text only: never pass untrusted bytes as arguments). */
int ui_printf(WINDOW *w, int y, int x, int width, int attr, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Fill width cells at (y, x) with spaces in attr. */
void ui_fill(WINDOW *w, int y, int x, int width, int attr);
/* Display width in cells of trusted UTF-8 text. */
int ui_str_width(const char *s);
/* Draw a box frame with an optional title (trusted) on w's border rows/cols. */
void ui_frame(WINDOW *w, int y, int x, int h, int wd, const char *title, int attr);

#endif
