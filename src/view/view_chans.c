/* view_chans.c — the channel table screen (like `ss -a` with its peers): every channel and
 * listener of the snapshot with kind, state, queues, bytes, rate and its ends; what its keys,
 * pastes and clicks do. Rows and filters are in chans_rows.c, cells in chans_cells.c, drawing
 * in chans_draw.c. Enter opens the detail of the chosen end's process (Tab and Shift-Tab
 * choose it; the first end with a process by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/chans_int.h"
#include "view/prompt_edit.h"
#include "view/table_nav.h"

/* arg: a struct chans_for to start filtered to that process (from the detail), or NULL. */
static void *chans_enter(struct view_ctx *v, const void *arg)
{
	struct chans_state *t = xcalloc(1, sizeof(*t));
	const struct chans_for *only = arg;
	t->base_mask = v->opts->kind_mask;
	t->kind = -1;
	t->sort_col = CC_KIND;
	if (only && only->pid > 0) {
		snprintf(t->filter, sizeof t->filter, "%d", (int)only->pid);
		t->pid_host = only->host;
	}
	chans_rebuild(t, v);
	return t;
}

static void chans_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct chans_state *t = st;
	free(t->rows);
	chans_lone_free(t);
	free(t->lone);
	free(t->sel_id);
	free(t);
}

static void chans_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	(void)old;
	chans_rebuild(st, v);
}

static void chans_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	chans_draw_table(st, v, w);
}

static bool chans_typing(void *st)
{
	return ((struct chans_state *)st)->prompt;
}

static bool chans_bar(void *st, struct view_ctx *v, WINDOW *w)
{
	struct chans_state *t = st;
	if (!t->prompt)
		return false;
	chans_draw_prompt(t, v, w);
	return true;
}

/* k: every kind of --kind, then each kind in turn (of those --kind allows), then all again. */
static void cycle_kind(struct chans_state *t, struct view_ctx *v)
{
	do
		t->kind = t->kind + 1 >= CK__COUNT ? -1 : t->kind + 1;
	while (t->kind >= 0 && t->base_mask && !(t->base_mask & (1u << t->kind)));
	chans_rebuild(t, v);
}

/* Tab, Shift-Tab: the next or previous end of the selected channel. */
static void cycle_end(struct chans_state *t, struct view_ctx *v, int dir)
{
	const struct channel *c = chans_selected(t, v);
	if (c && c->n_ep)
		t->end = (t->end + c->n_ep + (size_t)(long)dir) % c->n_ep;
}

static void open_end(struct chans_state *t, struct view_ctx *v)
{
	const struct channel *c = chans_selected(t, v);
	if (!c || t->end >= c->n_ep)
		return;
	pid_t pid = c->ep[t->end].pid;
	if (pid <= 0) {
		view_status(v, "no process holds that end here");
		return;
	}
	/* --merge: the end's own host's process of that pid, not the first host's */
	view_select(v, snapshot_find_proc_on(v->cur, pid, c->ep[t->end].host));
	if (v->sel_pid == pid)
		view_open(v, "detail", NULL);
}

static struct table_nav nav_of(const struct chans_state *t)
{
	return (struct table_nav){ t->sel, t->n_rows, t->top, t->body_rows, t->table_y };
}

static bool move_key(struct chans_state *t, struct view_ctx *v, enum action a)
{
	struct table_nav n = nav_of(t);
	long row = table_nav_key(&n, a);
	if (row >= 0) {
		chans_select_row(t, v, (size_t)row);
		return true;
	}
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_HOME: case ACT_END:
		break;   /* no rows */
	case ACT_LEFT:      t->col_cursor = t->col_cursor > 0 ? t->col_cursor - 1 : 0; break;
	case ACT_RIGHT:     if (t->col_cursor + 1 < CC__COUNT) t->col_cursor++; break;
	case ACT_TAB_NEXT:  cycle_end(t, v, 1); break;
	case ACT_TAB_PREV:  cycle_end(t, v, -1); break;
	default: return false;
	}
	return true;
}

static bool chans_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct chans_state *t = st;
	if (t->prompt) {
		if (prompt_filter_key(t->filter, sizeof t->filter, &t->prompt, ev)) {
			t->pid_host = NULL;   /* a filter of the user's own: a pid of any host */
			chans_rebuild(t, v);
		}
		return true;
	}
	if (ev->type != KEV_KEY)
		return true;
	if (move_key(t, v, a))
		return true;
	switch (a) {
	case ACT_ENTER:       open_end(t, v); break;
	case ACT_SORT_PREV:   chans_set_sort(t, v, (t->sort_col + CC__COUNT - 1) % CC__COUNT, false); break;
	case ACT_SORT_NEXT:   chans_set_sort(t, v, (t->sort_col + 1) % CC__COUNT, false); break;
	case ACT_SORT_INVERT: t->sort_desc = !t->sort_desc; chans_rebuild(t, v); break;
	case ACT_SORT_MENU:   chans_open_sort_menu(t, v); break;
	case ACT_KIND_CYCLE:  cycle_kind(t, v); break;
	case ACT_FILTER:      t->prompt = true; break;
	case ACT_EXPLAIN:     view_explain(v, chans_col_help(t->col_cursor)); break;
	case ACT_BACK:        view_close(v, t); break;
	default: return a == ACT_NONE;
	}
	return true;
}

static void chans_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	struct chans_state *t = st;
	bool wheel = ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN;
	if (!wheel && y == t->table_y) {
		for (int c = 0; c < CC__COUNT; c++)
			if (t->col_x[c] >= 0 && x >= t->col_x[c] && x <= t->col_x[c] + t->col_w[c])
				chans_set_sort(t, v, c, true);
		return;
	}
	struct table_nav n = nav_of(t);
	long row = table_nav_mouse(&n, ev, y);
	if (row >= 0)
		chans_select_row(t, v, (size_t)row);
}

const struct screen_ops screen_chans = {
	.name = "chans", .enter = chans_enter, .leave = chans_leave, .snapshot = chans_snapshot,
	.draw = chans_draw, .key = chans_key, .mouse = chans_mouse, .bar = chans_bar, .typing = chans_typing,
};
