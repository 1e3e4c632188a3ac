/* view_setup.c — the F2 setup screen: toggles for the visible columns and tree mode, and the
 * refresh delay. Changes are saved to the ipctoprc file when ipctop quits. */
#include <stdio.h>

#include "view/tui_state.h"
#include "view/ui.h"

/* Items: one per optional column, then tree mode, then the delay. */
enum { SETUP_TREE = COL__COUNT, SETUP_DELAY, SETUP_COUNT };

static bool optional_col(int c) { return c != COL_PID && c != COL_COMMAND; }

void setup_draw(struct tui *t, WINDOW *w)
{
	int width = getmaxx(w), y = 2;
	ui_put_str(w, 0, 0, "Setup", width, ui_attr(UI_TITLE));
	ui_put_str(w, 1, 0, "Space/Enter: toggle   -/+: change delay   Esc: back (saved on quit)", width, ui_attr(UI_DIM));
	for (int i = 0; i < SETUP_COUNT && y < getmaxy(w); i++) {
		char line[96];
		if (i < COL__COUNT && !optional_col(i))
			continue;
		if (i < COL__COUNT)
			snprintf(line, sizeof line, "[%c] show column %s", t->set.visible[i] ? 'x' : ' ', col_title((enum col_id)i));
		else if (i == SETUP_TREE)
			snprintf(line, sizeof line, "[%c] tree view", t->set.tree ? 'x' : ' ');
		else
			snprintf(line, sizeof line, "    refresh delay: %.1f s", t->set.delay_tenths / 10.0);
		int attr = (size_t)i == t->setup_sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, y, 2, 40, attr);
		ui_put_str(w, y++, 3, line, 38, attr);
	}
}

static void step(struct tui *t, int dir)
{
	int i = (int)t->setup_sel;
	do
		i += dir;
	while (i >= 0 && i < SETUP_COUNT && i < COL__COUNT && !optional_col(i));
	if (i >= 0 && i < SETUP_COUNT)
		t->setup_sel = (size_t)i;
}

static void change_delay(struct tui *t, int d)
{
	int v = t->set.delay_tenths + d;
	if (v >= SETTINGS_DELAY_MIN && v <= SETTINGS_DELAY_MAX)
		t->set.delay_tenths = v;
}

void setup_key(struct tui *t, int key)
{
	if (t->setup_sel < COL__COUNT && !optional_col((int)t->setup_sel))
		step(t, 1);
	int i = (int)t->setup_sel;
	switch (key) {
	case KEY_UP:   step(t, -1); break;
	case KEY_DOWN: step(t, 1); break;
	case ' ': case '\n': case '\r':
		if (i < COL__COUNT)
			t->set.visible[i] = !t->set.visible[i];
		else if (i == SETUP_TREE)
			t->set.tree = !t->set.tree;
		list_rebuild(t);
		break;
	case '-': if (i == SETUP_DELAY) change_delay(t, -1); break;
	case '+': case '=': if (i == SETUP_DELAY) change_delay(t, 1); break;
	case 27: case KEY_F(2): tui_pop(t); break;
	default: break;
	}
}
