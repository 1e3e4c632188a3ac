/* dialog.c — menus and text boxes over the current screen (see dialog.h). */
#include "view/dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "view/help_text.h"
#include "view/ui.h"

void menu_init(struct menu *m, const char *title, unsigned batch)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->title, sizeof m->title, "%s", title);
	m->opened_batch = batch;
}

void menu_add(struct menu *m, const char *label, const char *value, int code)
{
	XGROW(m->items, m->cap_items, m->n_items + 1);
	m->items[m->n_items++] = (struct menu_item){ xstrdup(label), value ? xstrdup(value) : NULL, code };
}

void menu_free(struct menu *m)
{
	for (size_t i = 0; i < m->n_items; i++) {
		free(m->items[i].label);
		free(m->items[i].value);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}

/* Where the box is: the same for drawing and for clicks. */
static void menu_box(const struct menu *m, int *h, int *wd, int *y, int *x)
{
	*wd = COLS - 4 < 60 ? COLS - 4 : 60;
	for (size_t i = 0; i < m->n_items; i++)
		if (ui_str_width(m->items[i].label) + 6 > *wd)
			*wd = ui_str_width(m->items[i].label) + 6;
	if (ui_str_width(m->title) + 6 > *wd)
		*wd = ui_str_width(m->title) + 6;
	if (*wd > COLS - 2)
		*wd = COLS - 2;
	*h = (int)m->n_items + 2;
	if (*h > LINES - 2)
		*h = LINES - 2;
	*y = (LINES - *h) / 2;
	*x = (COLS - *wd) / 2;
}

void menu_draw(struct menu *m)
{
	int h, wd, y0, x0;
	menu_box(m, &h, &wd, &y0, &x0);
	int rows = h - 2;
	if (rows < 1)
		return;
	WINDOW *w = ui_window(newwin(h, wd, y0, x0));
	if (!w)
		return;
	werase(w);
	ui_frame(w, 0, 0, h, wd, m->title, ui_attr(UI_TITLE));
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + (size_t)rows)
		m->top = m->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && m->top + (size_t)r < m->n_items; r++) {
		size_t i = m->top + (size_t)r;
		int attr = i == m->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, 1 + r, 1, wd - 2, attr);
		ui_put_str(w, 1 + r, 2, m->items[i].label, wd - 4, attr);
	}
	wnoutrefresh(w);
	delwin(w);
}

bool menu_act(struct menu *m, const struct key_event *ev, enum action a)
{
	size_t last = m->n_items ? m->n_items - 1 : 0, page = 10;
	switch (a) {
	case ACT_UP:        if (m->sel > 0) m->sel--; break;
	case ACT_DOWN:      if (m->sel < last) m->sel++; break;
	case ACT_PAGE_UP:   m->sel = m->sel > page ? m->sel - page : 0; break;
	case ACT_PAGE_DOWN: m->sel = m->sel + page < last ? m->sel + page : last; break;
	case ACT_HOME:      m->sel = 0; break;
	case ACT_END:       m->sel = last; break;
	case ACT_ENTER:
		return m->n_items && ev->batch != m->opened_batch;
	default: break;
	}
	return false;
}

bool menu_click(struct menu *m, int y, int x, unsigned batch)
{
	int h, wd, y0, x0;
	menu_box(m, &h, &wd, &y0, &x0);
	if (x <= x0 || x >= x0 + wd - 1 || y <= y0 || y >= y0 + h - 1)
		return false;
	size_t i = m->top + (size_t)(y - y0 - 1);
	if (i >= m->n_items)
		return false;
	bool again = i == m->sel;
	m->sel = i;
	return again && batch != m->opened_batch;   /* a click selects; a second one chooses */
}

bool menu_mouse(struct menu *m, const struct key_event *ev, int y, int x)
{
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN) {
		menu_act(m, ev, ev->mouse == MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN);
		return false;
	}
	return menu_click(m, y, x, ev->batch);
}

/* ---- the "menu" screen ---- */

struct menu_screen { struct menu m; struct menu_spec spec; };

static void *menu_enter(struct view_ctx *v, const void *arg)
{
	(void)v;
	const struct menu_spec *spec = arg;
	struct menu_screen *s = xcalloc(1, sizeof(*s));
	s->m = *spec->menu;
	memset(spec->menu, 0, sizeof(*spec->menu));
	s->spec = *spec;
	return s;
}

static void menu_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct menu_screen *s = st;
	menu_free(&s->m);
	free(s);
}

static void menu_screen_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	(void)v; (void)w;
	menu_draw(&((struct menu_screen *)st)->m);
}

static void choose(struct menu_screen *s, struct view_ctx *v)
{
	s->spec.chosen(s->spec.ctx, v, &s->m.items[s->m.sel]);
	view_close(v, s);
}

static bool menu_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct menu_screen *s = st;
	if (ev->type != KEV_KEY)
		return true;
	if (a == ACT_HELP)
		return false;         /* the help opens over the menu; Esc comes back to it */
	if (a == ACT_BACK) {
		view_close(v, s);
		return true;
	}
	if (menu_act(&s->m, ev, a))
		choose(s, v);
	return true;        /* a menu takes every key: nothing reaches the screen below */
}

static void menu_screen_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	struct menu_screen *s = st;
	if (menu_mouse(&s->m, ev, y, x))
		choose(s, v);
}

const struct screen_ops screen_menu = {
	.name = "menu", .flags = SCREEN_OVERLAY, .enter = menu_enter, .leave = menu_leave,
	.draw = menu_screen_draw, .key = menu_key, .mouse = menu_screen_mouse,
};

/* ---- the "text" screen: an explanation; any key closes it ---- */

struct text_screen { const struct help_entry *e; };

static void *text_enter(struct view_ctx *v, const void *arg)
{
	(void)v;
	struct text_screen *s = xcalloc(1, sizeof(*s));
	s->e = arg;
	return s;
}

static void text_leave(void *st, struct view_ctx *v)
{
	(void)v;
	free(st);
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

static void text_draw(void *st, struct view_ctx *v, WINDOW *body)
{
	(void)v; (void)body;
	const struct help_entry *e = ((struct text_screen *)st)->e;
	int wd = COLS - 4 < 60 ? COLS - 4 : 60;
	int h = wrap_text(NULL, 0, 0, e->text, wd - 4) + 3;
	if (h > LINES - 2)
		h = LINES - 2;
	WINDOW *w = ui_window(newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2));
	if (!w)
		return;
	werase(w);
	ui_frame(w, 0, 0, h, wd, e->name, ui_attr(UI_TITLE));
	wrap_text(w, 1, 2, e->text, wd - 4);
	ui_put_str(w, h - 1, wd - 16, " any key: close ", 16, ui_attr(UI_DIM));
	wnoutrefresh(w);
	delwin(w);
}

static bool text_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	(void)ev; (void)a;
	view_close(v, st);
	return true;
}

static void text_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)ev; (void)y; (void)x;
	view_close(v, st);
}

const struct screen_ops screen_text = {
	.name = "text", .flags = SCREEN_OVERLAY, .enter = text_enter, .leave = text_leave,
	.draw = text_draw, .key = text_key, .mouse = text_mouse,
};
