/* view_list.c — the process list, the start screen: the header, the table, and what its keys,
 * pastes and clicks do. Its rows and tags are in list_rows.c, drawing in list_draw.c, the
 * menus and dialogs it opens in list_menus.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/list_int.h"
#include "view/prompt_edit.h"
#include "view/ui.h"

#define WHEEL_ROWS 3
#define HSCROLL_STEP 8     /* cells per Left or Right at the end of the columns */

static void *list_enter(struct view_ctx *v, const void *arg)
{
	(void)arg;
	struct list_state *l = xcalloc(1, sizeof(*l));
	if (v->opts->user)
		l->user = xstrdup(v->opts->user);
	l->col_cursor = v->set.sort_col;
	list_rebuild(l, v);
	return l;
}

static void list_leave(void *st, struct view_ctx *v)
{
	(void)v;
	list_free(st);
	free(st);
}

static void list_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	struct list_state *l = st;
	list_marks_update(&l->marks, old, v->cur);
	list_drop_ended_tags(l);
	list_rebuild(l, v);
}

static void list_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct list_state *l = st;
	int hh = header_height(v);
	if (getmaxy(w) > hh + 2)
		header_draw(v, w, l->follow);
	else
		hh = 0;
	list_draw_table(l, v, w, hh);
}

static bool list_typing(void *st)
{
	return ((struct list_state *)st)->input != IN_NONE;
}

static bool list_bar(void *st, struct view_ctx *v, WINDOW *w)
{
	struct list_state *l = st;
	if (l->input == IN_NONE)
		return false;
	list_draw_prompt(l, v, w);
	return true;
}

/* ---- search and filter ---- */

/* Select the next row from start (wrapping) whose name, command line or a decoded socket
 * contains the search. */
static void search_from(struct list_state *l, struct view_ctx *v, size_t start)
{
	if (!l->search[0] || l->n_rows == 0)
		return;
	for (size_t k = 0; k < l->n_rows; k++) {
		size_t r = (start + k) % l->n_rows;
		if (list_text_matches(v->cur, &v->cur->procs[l->rows[r]], l->search)) {
			list_select_row(l, v, r);
			l->pinned = true;   /* a refresh that re-sorts must not move what was found */
			return;
		}
	}
	view_status(v, "not found");
}

static void prompt_key(struct list_state *l, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	char *buf = l->input == IN_SEARCH ? l->search : l->filter;
	(void)a;
	if (ev->type == KEV_KEY && ev->key == 27) {
		if (l->input == IN_FILTER)
			buf[0] = '\0';
		l->input = IN_NONE;
	} else if (ev->type == KEV_KEY && ev->key == '\n') {
		l->input = IN_NONE;
	} else if (ev->type == KEV_KEY && ev->key == KEY_F(3) && l->input == IN_SEARCH) {
		search_from(l, v, l->sel + 1);
		return;
	} else if (!prompt_edit(buf, LIST_TEXT, ev)) {
		return;
	}
	if (l->input == IN_SEARCH)
		search_from(l, v, l->sel);
	else
		list_rebuild(l, v);
}

/* ---- keys ---- */

static int order_pos(const struct view_ctx *v, int c)
{
	for (int k = 0; k < COL__COUNT; k++)
		if ((int)v->set.order[k] == c)
			return k;
	return 0;
}

/* The shown column dir places from c in the drawn order; wrap: round the ends, else c stays
 * at an end. */
static int step_shown(const struct view_ctx *v, int c, int dir, bool wrap)
{
	int k = order_pos(v, c);
	for (int n = 0; n < COL__COUNT; n++) {
		k += dir;
		if (k < 0 || k >= COL__COUNT) {
			if (!wrap)
				return c;
			k = (k + COL__COUNT) % COL__COUNT;
		}
		if (list_col_shown(v, (int)v->set.order[k]))
			return (int)v->set.order[k];
	}
	return c;
}

/* Left, Right: the column cursor to the next shown column; at the first or last one, scroll
 * the list sideways instead. */
static void move_cursor(struct list_state *l, struct view_ctx *v, int dir)
{
	int c = step_shown(v, l->col_cursor, dir, false);
	if (c != l->col_cursor) {
		l->col_cursor = c;
		return;
	}
	int h = l->hscroll + dir * HSCROLL_STEP;
	if (h > l->max_hscroll)
		h = l->max_hscroll;
	l->hscroll = h > 0 ? h : 0;
}

static bool move_key(struct list_state *l, struct view_ctx *v, enum action a)
{
	long page = l->body_rows > 1 ? l->body_rows - 1 : 1;
	switch (a) {
	case ACT_UP:        list_move(l, v, -1); break;
	case ACT_DOWN:      list_move(l, v, 1); break;
	case ACT_PAGE_UP:   list_move(l, v, -page); break;
	case ACT_PAGE_DOWN: list_move(l, v, page); break;
	case ACT_HOME:      list_select_row(l, v, 0); break;
	case ACT_END:       list_select_row(l, v, l->n_rows ? l->n_rows - 1 : 0); break;
	case ACT_LEFT:      move_cursor(l, v, -1); break;
	case ACT_RIGHT:     move_cursor(l, v, 1); break;
	default: return false;
	}
	return true;
}

static void cycle_sort(struct list_state *l, struct view_ctx *v, int dir)
{
	list_set_sort(l, v, step_shown(v, (int)v->set.sort_col, dir, true), false);
}

/* B: the chattiest processes first, with the columns that say how much and over what. */
static void sort_by_traffic(struct list_state *l, struct view_ctx *v)
{
	v->set.visible[COL_IPC] = v->set.visible[COL_BUSIEST] = true;
	list_set_sort(l, v, COL_IPC, false);
}

static bool view_key(struct list_state *l, struct view_ctx *v, enum action a)
{
	switch (a) {
	case ACT_SEARCH:      l->input = IN_SEARCH; l->search[0] = '\0'; break;
	case ACT_SEARCH_NEXT: search_from(l, v, l->sel + 1); break;
	case ACT_FILTER:      l->input = IN_FILTER; break;
	case ACT_TREE:        v->set.tree = !v->set.tree; list_rebuild(l, v); break;
	case ACT_SORT_MENU:   list_open_sort_menu(l, v); break;
	case ACT_SORT_PREV:   cycle_sort(l, v, -1); break;
	case ACT_SORT_NEXT:   cycle_sort(l, v, 1); break;
	case ACT_SORT_INVERT: v->set.sort_desc = !v->set.sort_desc; list_rebuild(l, v); break;
	case ACT_SORT_MEM:    list_set_sort(l, v, COL_MEM, false); break;
	case ACT_SORT_CPU:    list_set_sort(l, v, COL_CPU, false); break;
	case ACT_SORT_TIME:   list_set_sort(l, v, COL_TIME, false); break;
	case ACT_SORT_TRAFFIC: sort_by_traffic(l, v); break;
	case ACT_USER:        list_open_user_menu(l, v); break;
	case ACT_FOLLOW:      l->follow = !l->follow; break;
	case ACT_PROGRAM_PATH: v->set.program_path = !v->set.program_path; break;
	case ACT_THREADS:     v->set.threads = !v->set.threads; list_rebuild(l, v); break;
	case ACT_KTHREADS:    v->set.kthreads = !v->set.kthreads; list_rebuild(l, v); break;
	case ACT_SETUP:       view_open(v, "setup", NULL); break;
	case ACT_BACK:
		if (l->filter[0]) {
			l->filter[0] = '\0';
			list_rebuild(l, v);
		}
		break;
	default: return false;
	}
	return true;
}

/* Tag, signal and nice act on this machine's processes as they are: not on --merge's, which
 * are other hosts' as they were, nor on a --replay's, which were (a pid here names another
 * process now, or none). */
static bool refused_on_merge(struct view_ctx *v, enum action a)
{
	if ((!v->opts->merge && !v->opts->replay_file) ||
	    (a != ACT_TAG && a != ACT_KILL && a != ACT_NICE_LOWER && a != ACT_NICE_RAISE))
		return false;
	view_status(v, "%s", v->opts->merge ? "merged snapshot of several hosts: no tag, signal or nice (not live processes)"
	                                    : "replay of a recording: no tag, signal or nice (not live processes)");
	return true;
}

static bool process_key(struct list_state *l, struct view_ctx *v, enum action a)
{
	if (refused_on_merge(v, a))
		return true;
	const struct proc_info *p = list_selected(l, v);
	char key[32];
	switch (a) {
	case ACT_ENTER:       if (p) view_open(v, "detail", NULL); break;
	case ACT_GRAPH:       if (p) view_open(v, "graph", NULL); break;
	case ACT_CHANS:       view_open(v, "chans", NULL); break;
	case ACT_WAITS:       view_open(v, "waits", NULL); break;
	case ACT_TAG:
		if (p) {
			list_toggle_tag(l, v, p);
			list_move(l, v, 1);
		}
		break;
	case ACT_UNTAG_ALL:   list_untag_all(l); break;
	case ACT_EXPLAIN:
		snprintf(key, sizeof key, "col.%s", col_name((enum col_id)l->col_cursor));
		view_explain(v, key);
		break;
	case ACT_KILL:        if (!v->opts->readonly) list_open_signal(l, v); break;
	case ACT_NICE_LOWER:  if (!v->opts->readonly) list_open_nice(l, v, -1); break;
	case ACT_NICE_RAISE:  if (!v->opts->readonly) list_open_nice(l, v, 1); break;
	default: return false;
	}
	return true;
}

static bool list_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct list_state *l = st;
	if (l->input != IN_NONE) {
		prompt_key(l, v, ev, a);
		return true;
	}
	if (ev->type != KEV_KEY)
		return true;          /* a paste with no prompt open is dropped */
	return move_key(l, v, a) || view_key(l, v, a) || process_key(l, v, a);
}

static void list_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	struct list_state *l = st;
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN) {
		list_move(l, v, ev->mouse == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS);
		return;
	}
	if (y == l->table_y) {
		x += l->hscroll;       /* col_x is in the line before scrolling */
		for (int c = 0; c < COL__COUNT; c++)
			if (l->col_x[c] >= 0 && x >= l->col_x[c] && x <= l->col_x[c] + l->col_w[c])
				list_set_sort(l, v, c, true);
		return;
	}
	size_t row = l->top + (size_t)(y - l->table_y - 1);
	if (y > l->table_y && row < l->n_rows)
		list_select_row(l, v, row);
}

const struct screen_ops screen_list = {
	.name = "list", .enter = list_enter, .leave = list_leave, .snapshot = list_snapshot,
	.draw = list_draw, .key = list_key, .mouse = list_mouse, .bar = list_bar, .typing = list_typing,
};
