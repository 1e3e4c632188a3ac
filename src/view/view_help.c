/* view_help.c — the F1 screen: the keys of every screen, drawn from the key table, then every
 * column and PCB / scheduling / memory / IPC field, each IPC kind (with its line in the graph)
 * explained in one sentence (help_text.c), word-wrapped, scrollable down and, when the window
 * is narrower than the text is laid out for, sideways. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"
#include "util/xalloc.h"
#include "view/help_text.h"
#include "view/keymap_text.h"
#include "view/ui.h"
#include "view/view.h"

#define NAME_CELLS 22
#define MAX_KEY_LINES 64
#define HELP_MIN_WIDTH 72   /* narrower windows show it laid out this wide, scrolled sideways */
#define HSCROLL_STEP 8

struct help_state { size_t top; int height, left, max_left; };

struct render { WINDOW *w; int from, row, width, height; bool draw; };

static bool line_at(const struct render *r)
{
	return r->draw && r->row >= r->from && r->row - r->from < r->height;
}

static void heading(struct render *r, const char *text)
{
	r->row++;
	if (line_at(r))
		ui_put_str(r->w, r->row - r->from, 0, text, r->width, ui_attr(UI_TITLE));
	r->row++;
}

/* The channel kind an entry "kind.NAME" explains, or -1. */
static int entry_kind(const char *key)
{
	if (strncmp(key, "kind.", 5) != 0)
		return -1;
	for (int k = 0; k < CK__COUNT; k++)
		if (strcmp(key + 5, chan_kind_name((enum chan_kind)k)) == 0)
			return k;
	return -1;
}

/* The name, whole: a channel kind's after its line as the graph draws it, in its colour. */
static void entry_name(struct render *r, const char *key, const char *name)
{
	int k = entry_kind(key), x = 2, y = r->row - r->from, attr = A_BOLD;
	if (k >= 0) {
		const char *line = ui_kind_line((enum chan_kind)k);
		attr |= ui_kind_attr((enum chan_kind)k);
		for (int i = 0; i < 3; i++)
			x += ui_put_str(r->w, y, x, line, 1, attr);
		x++;
	}
	ui_put_str(r->w, y, x, name, r->width - x, attr);
}

/* A name and a sentence word-wrapped right of it; a name too long for its column is never
 * cut: the sentence starts on the next line. */
static void entry(struct render *r, const char *key, const char *name, const char *text)
{
	int kind_cells = entry_kind(key) >= 0 ? 4 : 0;
	if (line_at(r))
		entry_name(r, key, name);
	if (2 + kind_cells + ui_str_width(name) > NAME_CELLS - 1)
		r->row++;
	int avail = r->width - NAME_CELLS, col = 0;
	if (avail < 10)
		avail = 10;
	while (*text) {
		size_t n = strcspn(text, " ");
		char word[128];
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), text);
		int ww = ui_str_width(word);
		if (col && col + 1 + ww > avail) {
			r->row++;
			col = 0;
		}
		if (line_at(r))
			ui_put_str(r->w, r->row - r->from, NAME_CELLS + col + (col ? 1 : 0), word, avail - col, A_NORMAL);
		col += ww + (col ? 1 : 0);
		text += n;
		while (*text == ' ')
			text++;
	}
	r->row++;
}

/* Draw (when draw is true) the whole help text from virtual row `from`; returns total rows. */
static int render(WINDOW *w, int from, bool draw)
{
	struct render r = { w, from, -1, getmaxx(w), getmaxy(w), draw };
	struct keymap_line lines[MAX_KEY_LINES];
	for (size_t s = 0; s < keymap_section_count(); s++) {
		char title[64];
		snprintf(title, sizeof title, "Keys: %s", keymap_section_title(s));
		heading(&r, title);
		size_t n = keymap_section_lines(s, lines, MAX_KEY_LINES);
		for (size_t i = 0; i < n; i++)
			entry(&r, "", lines[i].keys, lines[i].help);
	}
	for (size_t i = 0; i < help_count; i++) {
		const struct help_entry *e = &help_entries[i];
		if (!e->key[0])
			heading(&r, e->name);
		else
			entry(&r, e->key, e->name, e->text);
	}
	return r.row;
}

static void *help_enter(struct view_ctx *v, const void *arg)
{
	(void)v; (void)arg;
	return xcalloc(1, sizeof(struct help_state));
}

static void help_leave(void *st, struct view_ctx *v)
{
	(void)v;
	free(st);
}

/* Laid out on a pad at least HELP_MIN_WIDTH wide; the part the sideways scroll shows is
 * copied to the window. */
static void help_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	(void)v;
	struct help_state *h = st;
	int height = getmaxy(w), cols = getmaxx(w);
	int wide = cols > HELP_MIN_WIDTH ? cols : HELP_MIN_WIDTH;
	WINDOW *pad = ui_window(newpad(height, wide));
	if (!pad)
		return;
	int total = render(pad, 0, false);
	h->height = height;
	h->max_left = wide - cols;
	if (h->left > h->max_left)
		h->left = h->max_left;
	if ((int)h->top > total - height)
		h->top = total > height ? (size_t)(total - height) : 0;
	render(pad, (int)h->top, true);
	copywin(pad, w, 0, h->left, 0, 0, height - 1, cols - 1, FALSE);
	delwin(pad);
}

static void help_hscroll(struct help_state *h, int dir)
{
	int left = h->left + dir * HSCROLL_STEP;
	h->left = left < 0 ? 0 : left > h->max_left ? h->max_left : left;
}

static bool help_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct help_state *h = st;
	size_t page = h->height > 2 ? (size_t)h->height - 1 : 10;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_UP:        if (h->top > 0) h->top--; break;
	case ACT_DOWN:      h->top++; break;
	case ACT_PAGE_UP:   h->top = h->top > page ? h->top - page : 0; break;
	case ACT_PAGE_DOWN: h->top += page; break;
	case ACT_LEFT:      help_hscroll(h, -1); break;
	case ACT_RIGHT:     help_hscroll(h, 1); break;
	case ACT_HOME:      h->top = 0; h->left = 0; break;
	case ACT_END:       h->top = 1000000; break;
	case ACT_BACK:      view_close(v, h); break;
	default: return a != ACT_QUIT;
	}
	return true;
}

static void help_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)y; (void)x;
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)
		help_key(st, v, &(struct key_event){ .type = KEV_KEY },
			 ev->mouse == MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN);
}

const struct screen_ops screen_help = {
	.name = "help", .enter = help_enter, .leave = help_leave, .draw = help_draw,
	.key = help_key, .mouse = help_mouse,
};
