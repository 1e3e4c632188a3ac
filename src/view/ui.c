/* ui.c — glyphs, colours and the only path by which text reaches the terminal: trusted text
 * through ui_put_str(), untrusted bytes escaped by esc_append() through ui_put_text(). */
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util/strbuf.h"
#include "util/text_escape.h"
#include "view/ui.h"

static bool ascii_mode;      /* draw boxes and arrows with ASCII */
static bool utf8_output;     /* the terminal takes UTF-8 (locale codeset) */
static bool have_color;
static int role_attr[UI_ROLE_COUNT];
static int kind_attr[CK__COUNT];

static const char *const glyph_utf8[G_COUNT] = {
	[G_H] = "─", [G_V] = "│", [G_TL] = "┌", [G_TR] = "┐", [G_BL] = "└", [G_BR] = "┘",
	[G_TEE_L] = "├", [G_TEE_R] = "┤", [G_TEE_T] = "┬", [G_TEE_B] = "┴", [G_CROSS] = "┼",
	[G_ARROW_R] = "→", [G_ARROW_L] = "←", [G_ARROW_U] = "↑", [G_ARROW_D] = "↓",
	[G_DOT] = "•", [G_BLOCK] = "█", [G_SHADE] = "░", [G_ELLIPSIS] = "…",
};
static const char *const glyph_ascii[G_COUNT] = {
	[G_H] = "-", [G_V] = "|", [G_TL] = "+", [G_TR] = "+", [G_BL] = "+", [G_BR] = "+",
	[G_TEE_L] = "+", [G_TEE_R] = "+", [G_TEE_T] = "+", [G_TEE_B] = "+", [G_CROSS] = "+",
	[G_ARROW_R] = ">", [G_ARROW_L] = "<", [G_ARROW_U] = "^", [G_ARROW_D] = "v",
	[G_DOT] = "*", [G_BLOCK] = "#", [G_SHADE] = ".", [G_ELLIPSIS] = "~",
};

/* Each channel kind: foreground colour, whether it is bold, and a line of its own (not only a
 * colour, so that it reads without colour): horizontal and vertical, UTF-8 and ASCII. */
static const struct {
	short fg; bool bold;
	const char *line[2][2];    /* [ascii][vertical] */
} kind_style[CK__COUNT] = {
	[CK_PIPE]      = { COLOR_YELLOW,  false, { { "─", "│" }, { "-", "|" } } },
	[CK_FIFO]      = { COLOR_YELLOW,  true,  { { "╌", "╎" }, { "_", "!" } } },
	[CK_UNIX]      = { COLOR_MAGENTA, false, { { "━", "┃" }, { "=", "H" } } },
	[CK_TCP]       = { COLOR_CYAN,    false, { { "┄", "┆" }, { ".", ":" } } },
	[CK_UDP]       = { COLOR_BLUE,    true,  { { "┈", "┊" }, { ",", ";" } } },
	[CK_SYSV_SHM]  = { COLOR_GREEN,   false, { { "═", "║" }, { "#", "#" } } },
	[CK_SYSV_MSG]  = { COLOR_RED,     false, { { "┅", "┇" }, { "%", "%" } } },
	[CK_POSIX_SHM] = { COLOR_GREEN,   true,  { { "┉", "┋" }, { "*", "*" } } },
	[CK_POSIX_MQ]  = { COLOR_RED,     true,  { { "╍", "╏" }, { "&", "&" } } },
	[CK_MEMFD]     = { COLOR_GREEN,   false, { { "≈", "≀" }, { "~", "~" } } },
	[CK_PTY]       = { COLOR_WHITE,   true,  { { "·", "·" }, { "\"", "\"" } } },
	[CK_EVENTFD]   = { COLOR_BLUE,    false, { { "⋯", "⋮" }, { "'", "'" } } },
	[CK_ANON_SHM]  = { COLOR_GREEN,   false, { { "≡", "‖" }, { "@", "@" } } },
};

/* The heavy box lines of the high-contrast theme: thicker strokes read from the back of a room. */
static const char *const glyph_heavy[G_COUNT] = {
	[G_H] = "━", [G_V] = "┃", [G_TL] = "┏", [G_TR] = "┓", [G_BL] = "┗", [G_BR] = "┛",
	[G_TEE_L] = "┣", [G_TEE_R] = "┫", [G_TEE_T] = "┳", [G_TEE_B] = "┻", [G_CROSS] = "╋",
	[G_ARROW_R] = "→", [G_ARROW_L] = "←", [G_ARROW_U] = "↑", [G_ARROW_D] = "↓",
	[G_DOT] = "●", [G_BLOCK] = "█", [G_SHADE] = "▒", [G_ELLIPSIS] = "…",
};

enum { PAIR_HEADER = 1, PAIR_SELECTED, PAIR_TITLE, PAIR_WARN, PAIR_FKEY_NUM, PAIR_FKEY_LABEL,
	PAIR_TAB, PAIR_TAB_ACTIVE, PAIR_KIND0 };

/* A coloured role: its pair's colours (-1 the terminal's own, or the theme's background) and
 * the attributes added to it. */
struct role_paint { short pair, fg, bg; int attr; };

#define ROLES(hdr_bg, sel_bg, title, warn_fg, warn_bg, tab_fg, tab_bg, act_bg, extra) { \
	[UI_HEADER] = { PAIR_HEADER, COLOR_BLACK, hdr_bg, extra }, \
	[UI_SELECTED] = { PAIR_SELECTED, COLOR_BLACK, sel_bg, extra }, \
	[UI_TITLE] = { PAIR_TITLE, title, -1, A_BOLD }, \
	[UI_WARN] = { PAIR_WARN, warn_fg, warn_bg, A_BOLD }, \
	[UI_FKEY_NUM] = { PAIR_FKEY_NUM, -1, -1, extra }, \
	[UI_FKEY_LABEL] = { PAIR_FKEY_LABEL, COLOR_BLACK, sel_bg, extra }, \
	[UI_TAB] = { PAIR_TAB, tab_fg, tab_bg, extra }, \
	[UI_TAB_ACTIVE] = { PAIR_TAB_ACTIVE, COLOR_BLACK, act_bg, A_BOLD }, }

static const struct role_paint palettes[UI_THEME__COUNT][UI_ROLE_COUNT] = {
	[UI_THEME_DEFAULT] = ROLES(COLOR_GREEN, COLOR_CYAN, COLOR_CYAN, COLOR_RED, -1,
				   COLOR_WHITE, COLOR_BLUE, COLOR_CYAN, 0),
	[UI_THEME_CONTRAST] = ROLES(COLOR_WHITE, COLOR_YELLOW, COLOR_YELLOW, COLOR_WHITE, COLOR_RED,
				    COLOR_BLACK, COLOR_CYAN, COLOR_YELLOW, A_BOLD),
	[UI_THEME_COLORBLIND] = ROLES(COLOR_CYAN, COLOR_YELLOW, COLOR_CYAN, COLOR_YELLOW, -1,
				      COLOR_WHITE, COLOR_BLUE, COLOR_YELLOW, 0),
};
#undef ROLES

/* Each kind's colour where a theme changes it: on black, blue is too dark for a projector;
 * to a red-green colour-blind eye, the green shared memory and the red queues look alike. */
static short kind_fg(enum ui_theme th, int k)
{
	short fg = kind_style[k].fg;
	if (th == UI_THEME_CONTRAST && fg == COLOR_BLUE)
		return k == CK_UDP ? COLOR_CYAN : COLOR_WHITE;
	if (th == UI_THEME_COLORBLIND && fg == COLOR_GREEN)
		return COLOR_BLUE;
	if (th == UI_THEME_COLORBLIND && fg == COLOR_RED)
		return COLOR_WHITE;
	return fg;
}

static enum ui_theme theme;

static void set_mono_attrs(void)
{
	bool big = theme == UI_THEME_CONTRAST;   /* every text bold (ui_window): nothing dim */
	role_attr[UI_NORMAL] = A_NORMAL;
	role_attr[UI_HEADER] = A_REVERSE;
	role_attr[UI_SELECTED] = A_REVERSE | A_BOLD;
	role_attr[UI_TITLE] = big ? A_BOLD | A_UNDERLINE : A_BOLD;
	role_attr[UI_DIM] = big ? A_NORMAL : A_DIM;
	role_attr[UI_WARN] = big ? A_REVERSE | A_BOLD | A_UNDERLINE : A_BOLD | A_UNDERLINE;
	role_attr[UI_FKEY_NUM] = A_NORMAL;
	role_attr[UI_FKEY_LABEL] = A_REVERSE;
	role_attr[UI_TAB] = A_NORMAL;
	role_attr[UI_TAB_ACTIVE] = A_REVERSE | A_BOLD;
	for (int k = 0; k < CK__COUNT; k++)
		kind_attr[k] = kind_style[k].bold || big ? A_BOLD : (int)A_NORMAL;
}

/* A pair whose -1 is the terminal's own colour, or in the high-contrast theme white text on
 * black (as the text of no pair: assume_default_colors). */
void ui_init_pair(short n, short fg, short bg)
{
	if (theme == UI_THEME_CONTRAST) {
		fg = fg < 0 ? COLOR_WHITE : fg;
		bg = bg < 0 ? COLOR_BLACK : bg;
	}
	init_pair(n, fg, bg);
}

static void set_color_attrs(void)
{
	if (theme == UI_THEME_CONTRAST)
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	else
		use_default_colors();
	for (int r = 0; r < UI_ROLE_COUNT; r++) {
		const struct role_paint *p = &palettes[theme][r];
		if (!p->pair)
			continue;
		ui_init_pair(p->pair, p->fg, p->bg);
		role_attr[r] = (int)COLOR_PAIR(p->pair) | p->attr;
	}
	for (int k = 0; k < CK__COUNT; k++) {
		ui_init_pair((short)(PAIR_KIND0 + k), kind_fg(theme, k), -1);
		kind_attr[k] = (int)COLOR_PAIR(PAIR_KIND0 + k) | (kind_attr[k] & A_BOLD);
	}
}

void ui_init(const struct ui_config *c)
{
	const char *codeset = nl_langinfo(CODESET);
	utf8_output = codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
	ascii_mode = c->ascii || !utf8_output;
	theme = (unsigned)c->theme < UI_THEME__COUNT ? c->theme : UI_THEME_DEFAULT;
	set_mono_attrs();
	have_color = c->color && has_colors();
	if (have_color && start_color() == OK)
		set_color_attrs();
}

WINDOW *ui_window(WINDOW *w)
{
	if (w && theme == UI_THEME_CONTRAST)
		wbkgdset(w, A_BOLD);
	return w;
}

bool ui_ascii(void) { return ascii_mode; }
bool ui_color(void) { return have_color; }

int ui_attr(enum ui_role r)
{
	return (unsigned)r < UI_ROLE_COUNT ? role_attr[r] : (int)A_NORMAL;
}

int ui_kind_attr(enum chan_kind k)
{
	return (unsigned)k < CK__COUNT ? kind_attr[k] : (int)A_NORMAL;
}

const char *ui_kind_line_of(enum chan_kind k, bool ascii, bool vertical)
{
	if ((unsigned)k >= CK__COUNT)
		k = CK_PIPE;
	return kind_style[k].line[ascii][vertical];
}

const char *ui_kind_line(enum chan_kind k)
{
	return ui_kind_line_of(k, ascii_mode, false);
}

const char *ui_kind_vline(enum chan_kind k)
{
	return ui_kind_line_of(k, ascii_mode, true);
}

const char *ui_glyph(enum ui_glyph g)
{
	if ((unsigned)g >= G_COUNT)
		return "?";
	if (ascii_mode)
		return glyph_ascii[g];
	return theme == UI_THEME_CONTRAST ? glyph_heavy[g] : glyph_utf8[g];
}

/* Width of the character at s (n bytes long in *seq); '?' stands in for what cannot be shown. */
static int char_cells(const char *s, size_t n, size_t *seq)
{
	unsigned cp = 0;
	size_t len = utf8_seq_len((const unsigned char *)s, n, &cp);
	if (len == 0) {
		*seq = 1;
		return -1;
	}
	*seq = len;
	if (len > 1 && !utf8_output)
		return -1;
	int w = wcwidth((wchar_t)cp);
	return w;
}

int ui_str_width(const char *s)
{
	int cells = 0;
	size_t n = strlen(s), i = 0, seq;
	while (i < n) {
		int w = char_cells(s + i, n - i, &seq);
		cells += w < 0 ? 1 : w;
		i += seq;
	}
	return cells;
}

/* Draw up to width cells of s; returns cells drawn. Unprintable characters become '?'. */
static int put_clipped(WINDOW *w, int y, int x, const char *s, size_t n, int width, int attr)
{
	int cells = 0;
	size_t i = 0, seq;
	wattrset(w, attr);
	wmove(w, y, x);
	while (i < n) {
		int cw = char_cells(s + i, n - i, &seq);
		int shown = cw < 0 ? 1 : cw;
		if (cells + shown > width)
			break;
		if (cw < 0)
			waddch(w, '?');
		else
			waddnstr(w, s + i, (int)seq);
		cells += shown;
		i += seq;
	}
	wattrset(w, A_NORMAL);
	return cells;
}

int ui_put_str(WINDOW *w, int y, int x, const char *s, int width, int attr)
{
	int maxy, maxx;
	getmaxyx(w, maxy, maxx);
	if (!s || y < 0 || y >= maxy || x < 0 || x >= maxx || width <= 0)
		return 0;
	if (width > maxx - x)
		width = maxx - x;
	size_t n = strlen(s);
	int total = ui_str_width(s);
	if (total <= width)
		return put_clipped(w, y, x, s, n, width, attr);
	const char *ell = ui_glyph(G_ELLIPSIS);
	int used = put_clipped(w, y, x, s, n, width - 1, attr);
	used += put_clipped(w, y, x + used, ell, strlen(ell), 1, attr);
	return used;
}

int ui_put_text(WINDOW *w, int y, int x, const char *raw, size_t len, int width, int attr)
{
	static struct strbuf sb = STRBUF_INIT;
	sb_reset(&sb);
	if (raw)
		esc_append(&sb, raw, len);
	return ui_put_str(w, y, x, sb_str(&sb), width, attr);
}

int ui_printf(WINDOW *w, int y, int x, int width, int attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put_str(w, y, x, buf, width, attr);
}

void ui_fill(WINDOW *w, int y, int x, int width, int attr)
{
	int maxy, maxx;
	getmaxyx(w, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx)
		return;
	if (width > maxx - x)
		width = maxx - x;
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', width);
	wattrset(w, A_NORMAL);
}

void ui_frame(WINDOW *w, int y, int x, int h, int wd, const char *title, int attr)
{
	if (h < 2 || wd < 2)
		return;
	for (int i = 1; i < wd - 1; i++) {
		ui_put_str(w, y, x + i, ui_glyph(G_H), 1, attr);
		ui_put_str(w, y + h - 1, x + i, ui_glyph(G_H), 1, attr);
	}
	for (int j = 1; j < h - 1; j++) {
		ui_put_str(w, y + j, x, ui_glyph(G_V), 1, attr);
		ui_put_str(w, y + j, x + wd - 1, ui_glyph(G_V), 1, attr);
	}
	ui_put_str(w, y, x, ui_glyph(G_TL), 1, attr);
	ui_put_str(w, y, x + wd - 1, ui_glyph(G_TR), 1, attr);
	ui_put_str(w, y + h - 1, x, ui_glyph(G_BL), 1, attr);
	ui_put_str(w, y + h - 1, x + wd - 1, ui_glyph(G_BR), 1, attr);
	if (title && *title) {
		ui_put_str(w, y, x + 2, " ", 1, attr);
		int tw = ui_put_str(w, y, x + 3, title, wd - 6, attr | A_BOLD);
		ui_put_str(w, y, x + 3 + tw, " ", 1, attr);
	}
}
