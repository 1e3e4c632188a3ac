/* view_changes.c — "what changed" in a replay (D): between the sample shown and the one
 * before it (or the sample marked with X), the processes born and ended and the channels opened and closed (model/snap_diff.h),
 * a line each; Enter opens the detail of the line's process: in this sample, or for one that
 * ended (or held a channel that closed), in the sample compared with, stepped to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/snap_diff.h"
#include "view/ui.h"
#include "view/view.h"

#define WHEEL_ROWS 3

struct changes_state {
	struct snap_change *c;
	size_t n, sel, top;
	int rows;                  /* rows of the table at the last draw */
	size_t count[4];           /* per snap_change_kind */
	const struct snapshot *from, *to;   /* what c was made of */
};

/* What the sample shown is compared with: the marked sample, else the one before. */
static const struct snapshot *from_of(const struct view_ctx *v)
{
	return v->mark ? v->mark : v->before;
}

static void rebuild(struct changes_state *t, struct view_ctx *v)
{
	snap_diff_free(t->c, t->n);
	t->c = NULL;
	t->n = 0;
	t->from = from_of(v);
	t->to = v->cur;
	if (t->from)
		t->c = snap_diff(t->from, v->cur, &t->n);
	for (int k = 0; k < 4; k++)
		t->count[k] = 0;
	for (size_t i = 0; i < t->n; i++)
		t->count[t->c[i].kind]++;
	if (t->sel >= t->n)
		t->sel = t->n ? t->n - 1 : 0;
}

static void *changes_enter(struct view_ctx *v, const void *arg)
{
	(void)arg;
	struct changes_state *t = calloc(1, sizeof(*t));
	if (t)
		rebuild(t, v);
	return t;
}

static void changes_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct changes_state *t = st;
	snap_diff_free(t->c, t->n);
	free(t);
}

static void changes_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	(void)old;
	rebuild(st, v);
}

/* HH:MM:SS.t of a snapshot's time (local): samples can be less than a second apart. */
static void clock_of(uint64_t ms, char *buf, size_t n)
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	size_t len;
	if (!localtime_r(&s, &tm) || !(len = strftime(buf, n, "%H:%M:%S", &tm)))
		snprintf(buf, n, "?");
	else
		snprintf(buf + len, n - len, ".%d", (int)(ms % 1000 / 100));
}

static void draw_line(WINDOW *w, int y, int cols, const struct snap_change *c, bool sel)
{
	int attr = sel ? ui_attr(UI_SELECTED) : ui_attr(UI_NORMAL);
	ui_fill(w, y, 0, cols, attr);
	int x = ui_printf(w, y, 0, cols, attr, "%-7s ", snap_change_name(c->kind));
	if (c->pid)
		ui_printf(w, y, x, cols - x, attr, "%7d ", (int)c->pid);
	x += 8;
	if (c->comm && x < cols)
		ui_put_text(w, y, x, c->comm, strlen(c->comm), 16, attr);
	x += 17;
	if (!c->chan_id || x >= cols)
		return;
	x += ui_printf(w, y, x, cols - x, attr, "%-9s ", chan_kind_name(c->chan));
	if (x < cols)   /* ids are ipctop's own words around kernel numbers and addresses */
		x += ui_put_text(w, y, x, c->chan_id, strlen(c->chan_id), cols - x, attr);
	if (c->label && x + 1 < cols)   /* already escaped by format_chan_label */
		ui_put_str(w, y, x + 1, c->label, cols - x - 1, attr);
}

static void changes_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct changes_state *t = st;
	int cols = getmaxx(w), lines = getmaxy(w);
	char now[16], then[16];
	clock_of(v->cur->taken_ms, now, sizeof now);
	ui_fill(w, 0, 0, cols, ui_attr(UI_TITLE));
	if (t->from != from_of(v) || t->to != v->cur)
		rebuild(t, v);          /* marked or unmarked (X) since */
	if (!t->from) {
		ui_printf(w, 0, 0, cols, ui_attr(UI_TITLE), "What changed at %s: the first sample, "
		          "nothing before it", now);
		return;
	}
	clock_of(t->from->taken_ms, then, sizeof then);
	ui_printf(w, 0, 0, cols, ui_attr(UI_TITLE), "What changed from %s%s to %s: %zu born, %zu ended, "
	          "%zu opened, %zu closed", then, v->mark ? " (marked)" : "", now, t->count[SC_BORN], t->count[SC_ENDED],
	          t->count[SC_OPENED], t->count[SC_CLOSED]);
	ui_fill(w, 1, 0, cols, ui_attr(UI_HEADER));
	ui_printf(w, 1, 0, cols, ui_attr(UI_HEADER), "%-7s %7s %-16s %-9s %s", "CHANGE", "PID",
	          "NAME", "KIND", "CHANNEL");
	char pos[48];   /* where the selection is, at the right end */
	int pw = snprintf(pos, sizeof pos, " line %zu/%zu", t->n ? t->sel + 1 : 0, t->n);
	if (pw < cols)
		ui_put_str(w, 1, cols - pw, pos, pw, ui_attr(UI_HEADER));
	t->rows = lines - 2;
	if (t->n == 0) {
		ui_put_str(w, 2, 0, "nothing changed", cols, ui_attr(UI_DIM));
		return;
	}
	view_keep_shown(t->sel, &t->top, t->n, t->rows);
	for (int r = 0; r < t->rows && t->top + (size_t)r < t->n; r++)
		draw_line(w, 2 + r, cols, &t->c[t->top + (size_t)r], t->top + (size_t)r == t->sel);
}

static void open_sel(struct changes_state *t, struct view_ctx *v)
{
	if (t->n == 0)
		return;
	const struct snap_change *c = &t->c[t->sel];
	const struct proc_info *p = c->pid ? snapshot_find_proc_at(v->cur, c->pid, c->start, NULL) : NULL;
	if (p) {
		view_select(v, p);
		view_open(v, "detail", NULL);
	} else if (c->pid && (c->kind == SC_ENDED || c->kind == SC_CLOSED)) {
		v->sel_pid = c->pid;          /* it is in the sample before: there, in its detail */
		v->sel_start = c->start;
		v->sel_host = NULL;           /* a recording is of one host */
		v->replay_step = v->mark ? v->mark_step : -1;
		view_open(v, "detail", NULL);
	} else if (c->pid) {
		view_status(v, "process %d is not in this sample", (int)c->pid);
	} else {
		view_status(v, "no process holds this channel");
	}
}

static void sel_move(struct changes_state *t, long d)
{
	long s = (long)t->sel + d;
	if (s < 0 || t->n == 0)
		s = 0;
	else if ((size_t)s >= t->n)
		s = (long)t->n - 1;
	t->sel = (size_t)s;
}

static bool changes_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct changes_state *t = st;
	long page = t->rows > 1 ? t->rows - 1 : 1;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_UP:        sel_move(t, -1); break;
	case ACT_DOWN:      sel_move(t, 1); break;
	case ACT_PAGE_UP:   sel_move(t, -page); break;
	case ACT_PAGE_DOWN: sel_move(t, page); break;
	case ACT_HOME:      sel_move(t, -(long)t->n); break;
	case ACT_END:       sel_move(t, (long)t->n); break;
	case ACT_ENTER:     open_sel(t, v); break;
	case ACT_BACK:      view_close(v, t); break;
	default: return a == ACT_NONE;
	}
	return true;
}

static void changes_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)v, (void)x;
	struct changes_state *t = st;
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)
		sel_move(t, ev->mouse == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS);
	else if (y >= 2 && t->top + (size_t)(y - 2) < t->n)
		t->sel = t->top + (size_t)(y - 2);
}

const struct screen_ops screen_changes = {
	.name = "changes", .enter = changes_enter, .leave = changes_leave,
	.snapshot = changes_snapshot, .draw = changes_draw, .key = changes_key, .mouse = changes_mouse,
};
