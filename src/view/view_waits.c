/* view_waits.c — the waits screen (w from the list): every blocked process of the list's scope,
 * those blocked longest first, each with the chain of what it waits on and on whom, the
 * process at the end of the chain (the one the others wait for) named and drawn bold, rings of
 * waits named "deadlock". Enter opens the detail of the chosen process of the selected chain
 * (the row's own by default); Tab moves along the chain: to the next process's own row when it
 * is blocked too, else onto it in this row. Rows in waits_rows.c, drawing in waits_draw.c. */
#include <stdlib.h>

#include "util/xalloc.h"
#include "view/prompt_edit.h"
#include "view/table_nav.h"
#include "view/waits_int.h"

#define HSCROLL_STEP 8

static void *waits_enter(struct view_ctx *v, const void *arg)
{
	(void)arg;
	struct waits_state *t = xcalloc(1, sizeof(*t));
	waits_rebuild(t, v);
	return t;
}

static void waits_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct waits_state *t = st;
	free(t->rows);
	free(t);
}

static void waits_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	(void)old;
	waits_rebuild(st, v);
}

static void waits_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	waits_draw_table(st, v, w);
}

static bool waits_bar(void *st, struct view_ctx *v, WINDOW *w)
{
	struct waits_state *t = st;
	if (!t->prompt)
		return false;
	waits_draw_prompt(t, v, w);
	return true;
}

/* Tab: the next process of the selected chain; its own row when it has one. */
static void hop_next(struct waits_state *t, struct view_ctx *v)
{
	const struct waits_row *r = waits_selected(t);
	if (!r)
		return;
	if (t->hop + 1 >= r->n_chain) {
		view_status(v, "the end of the chain");
		t->hop = 0;
		return;
	}
	size_t row = waits_row_of(t, r->chain[t->hop + 1], r->host);
	if (row < t->n_rows && row != t->sel)
		waits_select_row(t, row);
	else
		t->hop++;
}

static void hop_prev(struct waits_state *t, struct view_ctx *v)
{
	if (t->hop > 0)
		t->hop--;
	else
		view_status(v, "the start of the chain");
}

static void open_hop(struct waits_state *t, struct view_ctx *v)
{
	const struct waits_row *r = waits_selected(t);
	if (!r)
		return;
	pid_t pid = r->chain[t->hop < r->n_chain ? t->hop : 0];
	view_select(v, waits_proc(v->cur, r, pid));   /* --merge: on the row's host */
	if (v->sel_pid == pid)
		view_open(v, "detail", NULL);
	else
		view_status(v, "process %d is gone", (int)pid);
}

static void scroll_by(struct waits_state *t, int d)
{
	t->hscroll += d;
	if (t->hscroll < 0)
		t->hscroll = 0;
	if (t->hscroll > t->max_hscroll)
		t->hscroll = t->max_hscroll;
}

static struct table_nav nav_of(const struct waits_state *t)
{
	return (struct table_nav){ t->sel, t->n_rows, t->top, t->body_rows, t->table_y };
}

static bool move_key(struct waits_state *t, struct view_ctx *v, enum action a)
{
	struct table_nav n = nav_of(t);
	long row = table_nav_key(&n, a);
	if (row >= 0) {
		waits_select_row(t, (size_t)row);
		return true;
	}
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_HOME: case ACT_END:
		break;   /* no rows */
	case ACT_LEFT:      scroll_by(t, -HSCROLL_STEP); break;
	case ACT_RIGHT:     scroll_by(t, HSCROLL_STEP); break;
	case ACT_TAB_NEXT:  hop_next(t, v); break;
	case ACT_TAB_PREV:  hop_prev(t, v); break;
	default: return false;
	}
	return true;
}

static bool waits_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct waits_state *t = st;
	if (t->prompt) {
		if (prompt_filter_key(t->filter, sizeof t->filter, &t->prompt, ev))
			waits_rebuild(t, v);
		return true;
	}
	if (ev->type != KEV_KEY)
		return true;
	if (move_key(t, v, a))
		return true;
	switch (a) {
	case ACT_ENTER:  open_hop(t, v); break;
	case ACT_FILTER: t->prompt = true; break;
	case ACT_BACK:   view_close(v, t); break;
	default: return a == ACT_NONE;
	}
	return true;
}

static void waits_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)v;
	(void)x;
	struct waits_state *t = st;
	struct table_nav n = nav_of(t);
	long row = table_nav_mouse(&n, ev, y);
	if (row >= 0)
		waits_select_row(t, (size_t)row);
}

static bool waits_typing(void *st)
{
	return ((struct waits_state *)st)->prompt;
}

const struct screen_ops screen_waits = {
	.name = "waits", .enter = waits_enter, .leave = waits_leave, .snapshot = waits_snapshot,
	.draw = waits_draw, .key = waits_key, .mouse = waits_mouse, .bar = waits_bar,
	.typing = waits_typing,
};
