/* view_help.c — the F1 screen: the keys, then every column and PCB / scheduling / memory /
 * IPC field explained in one sentence (from help_text.c), word-wrapped and scrollable. */
#include <stdio.h>
#include <string.h>

#include "view/help_text.h"
#include "view/tui_state.h"
#include "view/ui.h"

#define NAME_CELLS 22

static const char *const key_lines[] = {
	"Arrows, PgUp/PgDn, Home/End: move.  Enter: process detail.  g: graph of the selected process.",
	"F3 or /: search (F3 or n: next match).  F4 or \\: filter.  u: only one user's processes.",
	"F5 or t: tree view.  F6: choose sort column;  < >: previous/next sort column;  I: invert order.",
	"Left/Right: move the column cursor;  ?: explain the column or field under the cursor.",
	"Space: tag a process;  U: untag all;  F: follow the selected process;  F9 or k: send a signal.",
	"F7 or ]: lower the nice value (more CPU; needs root);  F8 or [: raise it (less CPU). A menu confirms.",
	"Detail: Tab/Shift-Tab or 1-4: tabs;  Enter or Right on a peer: open it;  Backspace: previous process.",
	"Esc: back one screen;  F2: setup (columns, delay);  F10 or q: quit.  Mouse: click headers, keys, rows.",
};

/* Draw (when draw is true) the whole help text from virtual row `from`; returns total rows. */
static int render(WINDOW *w, int from, bool draw)
{
	int width = getmaxx(w), height = getmaxy(w), row = 0;
#define LINE_AT(r) (draw && (r) >= from && (r) - from < height)
	if (LINE_AT(row))
		ui_put_str(w, row - from, 0, "Keys", width, ui_attr(UI_TITLE));
	row++;
	for (size_t i = 0; i < sizeof key_lines / sizeof key_lines[0]; i++, row++)
		if (LINE_AT(row))
			ui_put_str(w, row - from, 2, key_lines[i], width - 2, A_NORMAL);
	for (size_t i = 0; i < help_count; i++) {
		const struct help_entry *e = &help_entries[i];
		if (!e->key[0]) {
			row++;
			if (LINE_AT(row))
				ui_put_str(w, row - from, 0, e->name, width, ui_attr(UI_TITLE));
			row++;
			continue;
		}
		if (LINE_AT(row))
			ui_put_str(w, row - from, 2, e->name, NAME_CELLS - 3, A_BOLD);
		/* word-wrap the sentence into the space right of the name */
		const char *s = e->text;
		int avail = width - NAME_CELLS, col = 0;
		if (avail < 10)
			avail = 10;
		while (*s) {
			size_t n = strcspn(s, " ");
			char word[128];
			snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), s);
			int ww = ui_str_width(word);
			if (col && col + 1 + ww > avail) {
				row++;
				col = 0;
			}
			if (LINE_AT(row))
				ui_put_str(w, row - from, NAME_CELLS + col + (col ? 1 : 0), word, avail - col, A_NORMAL);
			col += ww + (col ? 1 : 0);
			s += n;
			while (*s == ' ')
				s++;
		}
		row++;
	}
#undef LINE_AT
	return row;
}

void help_draw(struct tui *t, WINDOW *w)
{
	int total = render(w, 0, false), height = getmaxy(w);
	if ((int)t->help_top > total - height)
		t->help_top = total > height ? (size_t)(total - height) : 0;
	render(w, (int)t->help_top, true);
}

void help_key(struct tui *t, int key)
{
	switch (key) {
	case KEY_UP:    if (t->help_top > 0) t->help_top--; break;
	case KEY_DOWN:  t->help_top++; break;
	case KEY_PPAGE: t->help_top = t->help_top > 10 ? t->help_top - 10 : 0; break;
	case KEY_NPAGE: case ' ': t->help_top += 10; break;
	case KEY_HOME:  t->help_top = 0; break;
	case KEY_END:   t->help_top = 100000; break;
	case 27: case KEY_F(1): case '\n': case '\r': tui_pop(t); break;
	default: break;
	}
}
