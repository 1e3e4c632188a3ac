/* view_setup_meters.c — the meters page of the setup (m in F2): which header meters are
 * shown, in which column and order, as a bar or as text. Changes show at once in the header
 * and are saved with the other settings when ipctop quits. */
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"
#include "view/meter_setup.h"
#include "view/ui.h"
#include "view/view.h"

struct meters_state { enum meter_id sel; int first_y; };

/* The meters as listed: the left column's in order, the right column's, then those hidden. */
static int listed(const struct meter_setup *m, enum meter_id *order)
{
	int n = 0;
	for (int col = METER_LEFT; col <= METER_RIGHT; col++)
		for (int i = 0; i < m->n; i++)
			if ((int)m->slot[i].column == col)
				order[n++] = m->slot[i].id;
	for (int id = 0; id < METER__COUNT; id++)
		if (meter_setup_find(m, (enum meter_id)id) < 0)
			order[n++] = (enum meter_id)id;
	return n;
}

static void *meters_enter(struct view_ctx *v, const void *arg)
{
	(void)arg;
	struct meters_state *s = xcalloc(1, sizeof(*s));
	enum meter_id order[METER__COUNT];
	listed(&v->set.meters, order);
	s->sel = order[0];
	return s;
}

static void meters_leave(void *st, struct view_ctx *v)
{
	(void)v;
	free(st);
}

static void meters_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct meters_state *s = st;
	const struct meter_setup *m = &v->set.meters;
	int width = getmaxx(w), top = 0;
	if (getmaxy(w) > header_height(v) + METER__COUNT + 4) {    /* the header as it is now */
		header_draw(v, w, false);
		top = header_height(v) + 1;
	}
	int y = top + 3;
	ui_put_str(w, top, 0, "Setup: meters", width, ui_attr(UI_TITLE));
	ui_put_str(w, top + 1, 0, "Space: show/hide   Enter: bar/text   Left/Right: column   [ ]: move up/down   Esc: back",
		   width, ui_attr(UI_DIM));
	enum meter_id order[METER__COUNT];
	int n = listed(m, order);
	s->first_y = y;
	for (int k = 0; k < n && y < getmaxy(w); k++) {
		int i = meter_setup_find(m, order[k]);
		char line[96];
		if (i < 0)
			snprintf(line, sizeof line, "[ ] %-20s", meter_title(order[k]));
		else
			snprintf(line, sizeof line, "[x] %-20s %-5s  %s", meter_title(order[k]),
				 m->slot[i].column == METER_LEFT ? "left" : "right",
				 m->slot[i].mode == METER_BAR ? "bar" : "text");
		int attr = order[k] == s->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_fill(w, y, 2, 44, attr);
		ui_put_str(w, y++, 3, line, 42, attr);
	}
}

static void step(struct meters_state *s, const struct meter_setup *m, int dir)
{
	enum meter_id order[METER__COUNT];
	int n = listed(m, order);
	for (int k = 0; k < n; k++)
		if (order[k] == s->sel && k + dir >= 0 && k + dir < n) {
			s->sel = order[k + dir];
			return;
		}
}

static void change(struct meters_state *s, struct view_ctx *v, enum action a)
{
	struct meter_setup *m = &v->set.meters;
	int i = meter_setup_find(m, s->sel);
	if (a == ACT_TOGGLE)
		meter_setup_toggle(m, s->sel);
	else if (i < 0)
		return;
	else if (a == ACT_METER_MODE && meter_has_bar(s->sel))
		m->slot[i].mode = m->slot[i].mode == METER_BAR ? METER_TEXT : METER_BAR;
	else if (a == ACT_LEFT || a == ACT_RIGHT)
		m->slot[i].column = a == ACT_LEFT ? METER_LEFT : METER_RIGHT;
	else if (a == ACT_METER_RAISE || a == ACT_METER_LOWER)
		meter_setup_move(m, i, a == ACT_METER_RAISE ? -1 : 1);
}

static bool meters_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct meters_state *s = st;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_UP:   step(s, &v->set.meters, -1); break;
	case ACT_DOWN: step(s, &v->set.meters, 1); break;
	case ACT_TOGGLE: case ACT_METER_MODE: case ACT_LEFT: case ACT_RIGHT:
	case ACT_METER_RAISE: case ACT_METER_LOWER:
		change(s, v, a);
		break;
	case ACT_BACK: view_close(v, s); break;
	default: return a != ACT_QUIT && a != ACT_HELP;
	}
	return true;
}

static void meters_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)x;
	struct meters_state *s = st;
	enum meter_id order[METER__COUNT];
	int n = listed(&v->set.meters, order);
	if (ev->mouse != MOUSE_PRESS || y < s->first_y || y >= s->first_y + n)
		return;
	if (s->sel == order[y - s->first_y])
		meter_setup_toggle(&v->set.meters, s->sel);
	s->sel = order[y - s->first_y];
}

const struct screen_ops screen_meters = {
	.name = "meters", .enter = meters_enter, .leave = meters_leave,
	.draw = meters_draw, .key = meters_key, .mouse = meters_mouse,
};
