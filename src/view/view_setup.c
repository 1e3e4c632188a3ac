/* view_setup.c — the F2 setup screen: toggles for the visible columns and tree mode, and the
 * refresh delay. Changes are saved to the ipctoprc file when ipctop quits. */
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"
#include "view/ui.h"
#include "view/view.h"

/* Items: one per optional column, then tree mode, then the delay. */
enum { SETUP_TREE = COL__COUNT, SETUP_DELAY, SETUP_COUNT };

struct setup_state { int sel; int first_y; };

static bool optional_col(int c) { return c != COL_PID && c != COL_COMMAND; }
static bool item_exists(int i) { return i >= COL__COUNT || optional_col(i); }

static void *setup_enter(struct view_ctx *v, const void *arg)
{
	(void)v; (void)arg;
	struct setup_state *s = xcalloc(1, sizeof(*s));
	s->sel = COL_USER;
	return s;
}

static void setup_leave(void *st, struct view_ctx *v)
{
	(void)v;
	free(st);
}

static void setup_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct setup_state *s = st;
	int width = getmaxx(w), y = 2;
	ui_put_str(w, 0, 0, "Setup", width, ui_attr(UI_TITLE));
	ui_put_str(w, 1, 0, "Space/Enter: toggle   -/+: change delay   m: meters   Esc: back (saved on quit)", width, ui_attr(UI_DIM));
	s->first_y = y;
	for (int i = 0; i < SETUP_COUNT && y < getmaxy(w); i++) {
		char line[96];
		if (!item_exists(i))
			continue;
		if (i < COL__COUNT)
			snprintf(line, sizeof line, "[%c] show column %s", v->set.visible[i] ? 'x' : ' ', col_title((enum col_id)i));
		else if (i == SETUP_TREE)
			snprintf(line, sizeof line, "[%c] tree view", v->set.tree ? 'x' : ' ');
		else
			snprintf(line, sizeof line, "    refresh delay: %.1f s", v->set.delay_tenths / 10.0);
		int attr = i == s->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, y, 2, 40, attr);
		ui_put_str(w, y++, 3, line, 38, attr);
	}
}

static void step(struct setup_state *s, int dir)
{
	int i = s->sel;
	do
		i += dir;
	while (i >= 0 && i < SETUP_COUNT && !item_exists(i));
	if (i >= 0 && i < SETUP_COUNT)
		s->sel = i;
}

static void change_delay(struct view_ctx *v, int d)
{
	int t = v->set.delay_tenths + d;
	if (t >= SETTINGS_DELAY_MIN && t <= SETTINGS_DELAY_MAX)
		v->set.delay_tenths = t;
}

static void toggle(struct setup_state *s, struct view_ctx *v)
{
	if (s->sel < COL__COUNT)
		v->set.visible[s->sel] = !v->set.visible[s->sel];
	else if (s->sel == SETUP_TREE)
		v->set.tree = !v->set.tree;
	v->refresh_now = true;    /* the list is rebuilt with the new settings */
}

static bool setup_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct setup_state *s = st;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_UP:         step(s, -1); break;
	case ACT_DOWN:       step(s, 1); break;
	case ACT_HOME:       s->sel = COL_USER; break;
	case ACT_END:        s->sel = SETUP_DELAY; break;
	case ACT_TOGGLE:     toggle(s, v); break;
	case ACT_DELAY_LESS: if (s->sel == SETUP_DELAY) change_delay(v, -1); break;
	case ACT_DELAY_MORE: if (s->sel == SETUP_DELAY) change_delay(v, 1); break;
	case ACT_METERS:     view_open(v, "meters", NULL); break;
	case ACT_BACK:       view_close(v, s); break;
	default: return a != ACT_QUIT && a != ACT_HELP;
	}
	return true;
}

static void setup_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)x;
	struct setup_state *s = st;
	if (ev->mouse != MOUSE_PRESS)
		return;
	int row = s->first_y;
	for (int i = 0; i < SETUP_COUNT; i++) {
		if (!item_exists(i))
			continue;
		if (row++ == y) {
			if (s->sel == i)
				toggle(s, v);
			s->sel = i;
		}
	}
}

const struct screen_ops screen_setup = {
	.name = "setup", .enter = setup_enter, .leave = setup_leave, .draw = setup_draw,
	.key = setup_key, .mouse = setup_mouse,
};
