/* tui_draw.c — one frame: the screen on top (over the one below it when it is a dialog), and
 * the bottom line: the key bar of that screen from the key table (with its hint and the status
 * line), or the screen's own prompt. */
#include <string.h>

#include "view/tui_int.h"
#include "view/ui.h"

/* Give *w the geometry (h, wd, y, x), creating it anew when it changed. The screen's windows
 * are subwindows of stdscr, which is never drawn in itself: they share its cells instead of
 * holding a copy of the screen each (270 KiB for the body at 200x50; issue 17). */
static void place(WINDOW **w, int h, int wd, int y, int x)
{
	int cy = -1, cx = -1, ch = -1, cw = -1;
	if (*w) {
		getbegyx(*w, cy, cx);
		getmaxyx(*w, ch, cw);
	}
	if (*w && cy == y && cx == x && ch == h && cw == wd)
		return;
	if (*w)
		delwin(*w);
	*w = ui_window(derwin(stdscr, h, wd, y, x));
	if (*w)
		leaveok(*w, TRUE);
}

void tui_windows_free(struct tui *t)
{
	if (t->body)
		delwin(t->body);
	if (t->bar)
		delwin(t->bar);
	if (t->banner)
		delwin(t->banner);
	if (t->timebar)
		delwin(t->timebar);
	t->body = t->bar = t->banner = t->timebar = NULL;
}

static void draw_too_small(struct tui *t)
{
	if (t->body) {
		delwin(t->body);
		t->body = NULL;
	}
	place(&t->bar, LINES > 0 ? LINES : 1, COLS > 0 ? COLS : 1, 0, 0);
	if (!t->bar)
		return;
	werase(t->bar);
	ui_printf(t->bar, 0, 0, COLS, ui_attr(UI_WARN), "terminal too small (%dx%d, need %dx%d)",
		  COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	wnoutrefresh(t->bar);
	t->n_hits = 0;
}

static void add_key(struct tui *t, WINDOW *w, int *x, const struct key_binding *k)
{
	int cols = getmaxx(w);
	int nw = ui_str_width(k->name), lw = ui_str_width(k->bar) + 1;
	if (lw < 6)
		lw = 6;
	if (*x + nw + 2 > cols || t->n_hits >= TUI_BAR_KEYS)
		return;
	int x0 = *x;
	*x += ui_put_str(w, 0, *x, k->name, nw, ui_attr(UI_FKEY_NUM));
	ui_fill(w, 0, *x, lw, ui_attr(UI_FKEY_LABEL));
	ui_put_str(w, 0, *x, k->bar, lw, ui_attr(UI_FKEY_LABEL));
	*x += lw;
	t->hits[t->n_hits++] = (struct bar_hit){ x0, *x, k->key };
}

static bool bar_key_shown(const struct tui *t, const char *scope, size_t i)
{
	const struct key_binding *k = &keymap[i];
	if (!k->bar || (strcmp(k->scope, scope) != 0 && strcmp(k->scope, "*") != 0))
		return false;
	if (action_is_destructive(k->action) && t->v.opts->readonly)
		return false;
	/* a global key the screen binds to something else is not the global one here */
	return strcmp(k->scope, "*") != 0 || keymap_action(scope, k->key, 0) == k->action;
}

static void draw_status(struct tui *t, WINDOW *w, int x);

/* Where a key stands in the bar: the function keys in their order (as htop draws them),
 * then the others in the table's order. */
static size_t bar_rank(size_t i)
{
	int k = keymap[i].key;
	return k >= KEY_F(1) && k <= KEY_F(12) ? (size_t)(k - KEY_F(0)) : 100 + i;
}

static void draw_key_bar(struct tui *t, struct screen_slot *s, WINDOW *w)
{
	size_t shown[TUI_BAR_KEYS], n = 0;
	for (size_t i = 0; i < keymap_count && n < TUI_BAR_KEYS; i++)
		if (bar_key_shown(t, screen_keys(s->ops), i)) {
			size_t at = n++;
			while (at > 0 && bar_rank(shown[at - 1]) > bar_rank(i)) {
				shown[at] = shown[at - 1];
				at--;
			}
			shown[at] = i;
		}
	int x = 0;
	t->n_hits = 0;
	for (size_t k = 0; k < n; k++)
		add_key(t, w, &x, &keymap[shown[k]]);
	const char *hint = s->ops->hint ? s->ops->hint(s->st) : NULL;
	if (hint && x + 1 < getmaxx(w))
		x += 1 + ui_put_str(w, 0, x + 1, hint, getmaxx(w) - x - 1, ui_attr(UI_DIM));
	draw_status(t, w, x);
}

/* The news of the status line at the right end of the bar, over the keys if it must: it is
 * shown whole until the next key. Keys it covers take no clicks. */
static void draw_status(struct tui *t, WINDOW *w, int x)
{
	const char *st = t->v.status;
	int cols = getmaxx(w), sw = ui_str_width(st);
	if (!st[0])
		return;
	int x0 = x + 1 + sw <= cols ? x + 1 : cols - sw - 1;
	if (x0 < 0)
		x0 = 0;
	ui_fill(w, 0, x0, cols - x0, A_NORMAL);
	ui_put_text(w, 0, x0 + 1, st, strlen(st), cols - x0 - 1, ui_attr(UI_WARN));
	size_t kept = 0;
	for (size_t i = 0; i < t->n_hits; i++)
		if (t->hits[i].x1 <= x0)
			t->hits[kept++] = t->hits[i];
	t->n_hits = kept;
}

/* The lowest screen that is drawn: the top one, or below it while the top ones are dialogs. */
static int base_screen(const struct tui *t)
{
	int i = t->stack.n - 1;
	while (i > 0 && (t->stack.s[i].ops->flags & SCREEN_OVERLAY))
		i--;
	return i;
}

void tui_draw(struct tui *t)
{
	if (t->stack.n == 0)
		return;
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
		draw_too_small(t);
		doupdate();
		return;
	}
	int bh = tui_banner_height(t, COLS);
	if (bh > (LINES - 1) / 2)
		bh = (LINES - 1) / 2;   /* the screen keeps half the rows at least */
	int tb = tui_timebar_height(t);
	t->body_y = bh + tb;
	place(&t->body, LINES - 1 - bh - tb, COLS, bh + tb, 0);
	place(&t->bar, 1, COLS, LINES - 1, 0);
	if (!t->body || !t->bar)
		return;
	if (bh > 0) {
		place(&t->banner, bh, COLS, 0, 0);
		if (t->banner) {
			werase(t->banner);
			tui_banner_draw(t, t->banner);
			wnoutrefresh(t->banner);
		}
	}
	if (tb > 0) {
		place(&t->timebar, tb, COLS, bh, 0);
		if (t->timebar) {
			werase(t->timebar);
			tui_timebar_draw(t, t->timebar);
			wnoutrefresh(t->timebar);
		}
	}
	struct screen_slot *top = &t->stack.s[t->stack.n - 1];
	werase(t->body);
	int base = base_screen(t);
	t->stack.s[base].ops->draw(t->stack.s[base].st, &t->v, t->body);
	wnoutrefresh(t->body);
	werase(t->bar);
	struct screen_slot *barsrc = &t->stack.s[base];
	if (!(barsrc->ops->bar && barsrc->ops->bar(barsrc->st, &t->v, t->bar)))
		draw_key_bar(t, top, t->bar);
	wnoutrefresh(t->bar);
	for (int i = base + 1; i < t->stack.n; i++)     /* dialogs draw their own windows */
		t->stack.s[i].ops->draw(t->stack.s[i].st, &t->v, t->body);
	doupdate();
}
