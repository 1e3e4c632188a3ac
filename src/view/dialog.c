/* dialog.c — popups over the current screen: a menu (sort column, user filter, the kill
 * confirmation with its signal choice) and a text box (the '?' explanation of a field). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/help_text.h"
#include "view/tui_state.h"
#include "view/ui.h"

void popup_clear(struct popup *p)
{
	for (size_t i = 0; i < p->n_items; i++) {
		free(p->items[i].label);
		free(p->items[i].value);
	}
	free(p->items);
	p->items = NULL;
	p->n_items = p->cap_items = p->sel = p->top = 0;
	sb_reset(&p->text);
	p->kind = POP_NONE;
}

void popup_menu(struct popup *p, enum popup_purpose why, const char *title)
{
	popup_clear(p);
	p->kind = POP_MENU;
	p->purpose = why;
	snprintf(p->title, sizeof p->title, "%s", title);
}

void popup_add(struct popup *p, const char *label, const char *value, int code)
{
	XGROW(p->items, p->cap_items, p->n_items + 1);
	p->items[p->n_items++] = (struct menu_item){ xstrdup(label), value ? xstrdup(value) : NULL, code };
}

void popup_text(struct popup *p, enum popup_purpose why, const char *title, const char *text)
{
	popup_clear(p);
	p->kind = POP_TEXT;
	p->purpose = why;
	snprintf(p->title, sizeof p->title, "%s", title);
	sb_puts(&p->text, text);
}

void popup_explain(struct tui *t, const char *help_key)
{
	const struct help_entry *e = help_lookup(help_key);
	if (e)
		popup_text(&t->popup, PP_EXPLAIN, e->name, e->text);
	else
		popup_text(&t->popup, PP_EXPLAIN, "?", "No explanation for this field.");
}

/* Word-wrap trusted text into width cells; draws from row y when w is set; returns rows. */
static int wrap_text(WINDOW *w, int y, int x, const char *s, int width)
{
	int rows = 0, col = 0;
	while (*s) {
		size_t n = strcspn(s, " \n");
		char word[256];
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), s);
		int ww = ui_str_width(word);
		if (col > 0 && col + 1 + ww > width) {
			rows++;
			col = 0;
		}
		if (w)
			ui_put_str(w, y + rows, x + col + (col ? 1 : 0), word, width - col, A_NORMAL);
		col += ww + (col ? 1 : 0);
		s += n;
		if (*s == '\n') {
			rows++;
			col = 0;
		}
		if (*s)
			s++;
	}
	return rows + 1;
}

static void draw_menu(struct popup *p, WINDOW *w, int h, int wd)
{
	int rows = h - 2;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && p->top + (size_t)r < p->n_items; r++) {
		size_t i = p->top + (size_t)r;
		int attr = i == p->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, 1 + r, 1, wd - 2, attr);
		ui_put_str(w, 1 + r, 2, p->items[i].label, wd - 4, attr);
	}
}

void popup_draw(struct tui *t)
{
	struct popup *p = &t->popup;
	if (p->kind == POP_NONE || COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES)
		return;
	int wd = COLS - 4 < 60 ? COLS - 4 : 60, h;
	if (p->kind == POP_MENU) {
		h = (int)p->n_items + 2;
		for (size_t i = 0; i < p->n_items; i++)
			if (ui_str_width(p->items[i].label) + 6 > wd)
				wd = ui_str_width(p->items[i].label) + 6;
		if (wd > COLS - 2)
			wd = COLS - 2;
	} else {
		h = wrap_text(NULL, 0, 0, sb_str(&p->text), wd - 4) + 3;
	}
	if (h > LINES - 2)
		h = LINES - 2;
	WINDOW *w = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
	if (!w)
		return;
	werase(w);
	ui_frame(w, 0, 0, h, wd, p->title, ui_attr(UI_TITLE));
	if (p->kind == POP_MENU)
		draw_menu(p, w, h, wd);
	else {
		wrap_text(w, 1, 2, sb_str(&p->text), wd - 4);
		ui_put_str(w, h - 1, wd - 16, " any key: close ", 16, ui_attr(UI_DIM));
	}
	wnoutrefresh(w);
	delwin(w);
}

static void choose(struct tui *t)
{
	struct popup *p = &t->popup;
	if (p->sel >= p->n_items)
		return;
	struct menu_item it = p->items[p->sel];
	enum popup_purpose why = p->purpose;
	p->items[p->sel] = (struct menu_item){ NULL, NULL, 0 };
	popup_clear(p);
	list_choice(t, why, &it);
	free(it.label);
	free(it.value);
}

bool popup_key(struct tui *t, int key)
{
	struct popup *p = &t->popup;
	if (p->kind == POP_NONE || key == KEY_RESIZE)
		return false;
	if (p->kind == POP_TEXT || key == 27 || key == 'q' || key == KEY_F(10)) {
		popup_clear(p);
		return true;
	}
	switch (key) {
	case KEY_UP:    if (p->sel > 0) p->sel--; break;
	case KEY_DOWN:  if (p->sel + 1 < p->n_items) p->sel++; break;
	case KEY_HOME:  p->sel = 0; break;
	case KEY_END:   p->sel = p->n_items ? p->n_items - 1 : 0; break;
	case '\n': case '\r': case KEY_ENTER: choose(t); break;
	default: break;
	}
	return true;
}
