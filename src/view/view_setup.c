/* view_setup.c — the F2 setup screen: the columns of the process list in their order (shown or
 * not, moved earlier or later), tree mode, kernel threads and the refresh delay. Changes are
 * saved to the ipctoprc file when ipctop quits. */
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"
#include "view/ui.h"
#include "view/view.h"

/* Items: one per column position but the last (Command, always last and shown), then tree
 * mode, kernel threads, the delay. */
enum { N_COL_ITEMS = COL__COUNT - 1, SETUP_TREE = N_COL_ITEMS, SETUP_KTHREADS, SETUP_DELAY,
       SETUP_COUNT };
#define SETUP_FIRST_Y 2

struct setup_state { int sel, top; };

static void *setup_enter(struct view_ctx *v, const void *arg)
{
	(void)v; (void)arg;
	return xcalloc(1, sizeof(struct setup_state));
}

static void setup_leave(void *st, struct view_ctx *v)
{
	(void)v;
	free(st);
}

static void item_text(const struct view_ctx *v, int i, char *line, size_t n)
{
	if (i < N_COL_ITEMS) {
		enum col_id c = v->set.order[i];
		snprintf(line, n, "[%c] show column %s%s", v->set.visible[c] || c == COL_PID ? 'x' : ' ',
			 col_title(c), c == COL_PID ? " (always)" : "");
	} else if (i == SETUP_TREE) {
		snprintf(line, n, "[%c] tree view", v->set.tree ? 'x' : ' ');
	} else if (i == SETUP_KTHREADS) {
		snprintf(line, n, "[%c] kernel threads", v->set.kthreads ? 'x' : ' ');
	} else {
		snprintf(line, n, "    refresh delay: %.1f s", v->set.delay_tenths / 10.0);
	}
}

static void setup_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct setup_state *s = st;
	int width = getmaxx(w), rows = getmaxy(w) - SETUP_FIRST_Y;
	ui_put_str(w, 0, 0, "Setup", width, ui_attr(UI_TITLE));
	ui_put_str(w, 1, 0, "Space: toggle  F7/[ F8/]: move column  -/+: delay  m: meters  Esc: back (saved on quit)",
		   width, ui_attr(UI_DIM));
	if (rows < 1)
		return;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (int i = s->top, y = SETUP_FIRST_Y; i < SETUP_COUNT && y < getmaxy(w); i++, y++) {
		char line[96];
		item_text(v, i, line, sizeof line);
		int attr = i == s->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, y, 2, 40, attr);
		ui_put_str(w, y, 3, line, 38, attr);
	}
}

static void change_delay(struct view_ctx *v, int d)
{
	int t = v->set.delay_tenths + d;
	if (t >= SETTINGS_DELAY_MIN && t <= SETTINGS_DELAY_MAX)
		v->set.delay_tenths = t;
}

static void toggle(struct setup_state *s, struct view_ctx *v)
{
	if (s->sel < N_COL_ITEMS) {
		enum col_id c = v->set.order[s->sel];
		if (c != COL_PID)
			v->set.visible[c] = !v->set.visible[c];
	} else if (s->sel == SETUP_TREE) {
		v->set.tree = !v->set.tree;
	} else if (s->sel == SETUP_KTHREADS) {
		v->set.kthreads = !v->set.kthreads;
	}
	v->refresh_now = true;    /* the list is rebuilt with the new settings */
}

/* Move the selected column one place earlier or later; the selection moves with it. */
static void move_col(struct setup_state *s, struct view_ctx *v, int dir)
{
	if (s->sel < N_COL_ITEMS && settings_move_col(&v->set, s->sel, dir)) {
		s->sel += dir;
		v->refresh_now = true;
	}
}

static void select_item(struct setup_state *s, int i)
{
	s->sel = i < 0 ? 0 : i >= SETUP_COUNT ? SETUP_COUNT - 1 : i;
}

static bool setup_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct setup_state *s = st;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_UP:         select_item(s, s->sel - 1); break;
	case ACT_DOWN:       select_item(s, s->sel + 1); break;
	case ACT_HOME:       s->sel = 0; break;
	case ACT_END:        s->sel = SETUP_DELAY; break;
	case ACT_TOGGLE:     toggle(s, v); break;
	case ACT_MOVE_UP:    move_col(s, v, -1); break;
	case ACT_MOVE_DOWN:  move_col(s, v, 1); break;
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
	int i = s->top + y - SETUP_FIRST_Y;
	if (ev->mouse != MOUSE_PRESS || y < SETUP_FIRST_Y || i >= SETUP_COUNT)
		return;
	if (s->sel == i)
		toggle(s, v);
	s->sel = i;
}

const struct screen_ops screen_setup = {
	.name = "setup", .enter = setup_enter, .leave = setup_leave, .draw = setup_draw,
	.key = setup_key, .mouse = setup_mouse,
};
