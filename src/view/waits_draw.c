/* waits_draw.c — the waits screen: a title line (how many blocked, how many processes' other
 * threads were not examined, the filter), the column header, one row per blocked process (how
 * long, its pid, the process at the end of its chain or "deadlock", and the chain, whose end
 * is drawn bold and whose chosen process is underlined on the selected row), scrolled
 * sideways as a whole; the filter prompt in the bottom line. */
#include <stdio.h>
#include <string.h>

#include "view/ui.h"
#include "view/waits_int.h"

enum { W_AGE = 7, W_PID = 7, W_END = 8, X_CHAIN = W_AGE + 1 + W_PID + 1 + W_END + 1 };

static void draw_title(struct waits_state *t, struct view_ctx *v, WINDOW *w)
{
	(void)v;
	char buf[160];
	snprintf(buf, sizeof buf, "Waits: %zu blocked, %zu shown, longest blocked first", t->n_blocked,
		 t->n_rows);
	int x = ui_put_str(w, 0, 0, buf, getmaxx(w), ui_attr(UI_TITLE));
	if (t->n_unread) {   /* never silent: their threads may be blocked on someone */
		snprintf(buf, sizeof buf, "   other threads of %zu process%s over %d threads not examined",
			 t->n_unread, t->n_unread == 1 ? "" : "es", TASK_WAITS_MAX);
		x += ui_put_str(w, 0, x, buf, getmaxx(w) - x, ui_attr(UI_WARN));
	}
	if (t->filter[0] && x + 12 < getmaxx(w)) {
		x += ui_put_str(w, 0, x, "   filter: ", getmaxx(w) - x, ui_attr(UI_TITLE));
		ui_put_text(w, 0, x, t->filter, strlen(t->filter), getmaxx(w) - x, ui_attr(UI_TITLE));
	}
}

static void draw_header(WINDOW *pad, int width)
{
	int a = ui_attr(UI_HEADER);
	ui_fill(pad, 0, 0, width, a);
	ui_put_str(pad, 0, 0, "BLOCKED", W_AGE, a);
	ui_put_str(pad, 0, W_AGE + 1 + W_PID - 3, "PID", 3, a);
	ui_put_str(pad, 0, W_AGE + 1 + W_PID + 1 + W_END - 3, "END", 3, a);
	ui_put_str(pad, 0, X_CHAIN, "CHAIN (what each process waits on, and on whom)", width - X_CHAIN, a);
}

/* Bytes [from, to) of s (text of ours, escaped) at x, clipped to the pad; cells used. */
static int put_range(WINDOW *pad, int y, int x, const char *s, size_t from, size_t to, int attr)
{
	char buf[WAITS_MAX_HSCROLL * 2];
	size_t n = to > from ? to - from : 0;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s + from, n);
	buf[n] = '\0';
	int room = getmaxx(pad) - x;
	return n && room > 0 ? ui_put_str(pad, y, x, buf, room, attr) : 0;
}

/* The chain: each process's "PID (name)" in its own attribute (the end bold, the chosen one
 * underlined on the selected row), the words between them plain. */
static void draw_chain(struct waits_state *t, struct view_ctx *v, WINDOW *pad, int y,
		       const struct waits_row *r, bool selected, int attr)
{
	struct strbuf sb = STRBUF_INIT;
	struct waits_span span[WAITS_CHAIN];
	waits_chain_text(v, r, &sb, span);
	const char *s = sb_str(&sb);
	size_t end = r->ring ? r->n_chain : r->n_chain - 1;   /* no one end on a ring */
	int x = X_CHAIN + put_range(pad, y, X_CHAIN, s, 0, span[0].from, attr);
	for (size_t i = 0; i < r->n_chain; i++) {
		int a = attr;
		if (i == end)
			a |= A_BOLD;
		if (selected && i == t->hop && r->n_chain > 1)
			a |= A_UNDERLINE;
		x += put_range(pad, y, x, s, span[i].from, span[i].to, a);
		x += put_range(pad, y, x, s, span[i].to, i + 1 < r->n_chain ? span[i + 1].from : sb.len, attr);
	}
	if (x > t->max_hscroll)
		t->max_hscroll = x;
	sb_free(&sb);
}

static void draw_row(struct waits_state *t, struct view_ctx *v, WINDOW *pad, int y, size_t row)
{
	const struct waits_row *r = &t->rows[row];
	bool selected = row == t->sel;
	int attr = selected ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	if (selected)
		ui_fill(pad, y, 0, getmaxx(pad), attr);
	char buf[32];
	waits_age_text(v->cur->taken_ms, r->since_ms, buf, sizeof buf);
	ui_put_str(pad, y, W_AGE - (int)strlen(buf) > 0 ? W_AGE - (int)strlen(buf) : 0, buf, W_AGE, attr);
	snprintf(buf, sizeof buf, "%d", (int)r->pid);
	ui_put_str(pad, y, W_AGE + 1 + W_PID - (int)strlen(buf), buf, W_PID, attr);
	if (r->ring)
		snprintf(buf, sizeof buf, "deadlock");
	else
		snprintf(buf, sizeof buf, "%d", (int)r->chain[r->n_chain - 1]);
	int a = r->ring && !selected ? ui_attr(UI_WARN) : attr;
	ui_put_str(pad, y, W_AGE + 1 + W_PID + 1 + W_END - (int)strlen(buf), buf, W_END, a);
	draw_chain(t, v, pad, y, r, selected, attr);
}

void waits_draw_table(struct waits_state *t, struct view_ctx *v, WINDOW *w)
{
	int rows = getmaxy(w) - 2, cols = getmaxx(w);
	if (rows < 1)
		return;
	draw_title(t, v, w);
	t->table_y = 1;
	t->body_rows = rows;
	view_keep_shown(t->sel, &t->top, t->n_rows, rows);
	if (t->hscroll > WAITS_MAX_HSCROLL)
		t->hscroll = WAITS_MAX_HSCROLL;
	WINDOW *pad = ui_window(newpad(rows + 1, cols + WAITS_MAX_HSCROLL));
	if (!pad)
		return;
	draw_header(pad, cols + WAITS_MAX_HSCROLL);
	t->max_hscroll = 0;
	for (int y = 0; y < rows && t->top + (size_t)y < t->n_rows; y++)
		draw_row(t, v, pad, 1 + y, t->top + (size_t)y);
	t->max_hscroll = t->max_hscroll > cols ? t->max_hscroll - cols : 0;
	if (t->hscroll > t->max_hscroll)
		t->hscroll = t->max_hscroll;
	copywin(pad, w, 0, t->hscroll, 1, 0, rows, cols - 1, FALSE);
	delwin(pad);
	if (t->n_rows == 0)
		ui_put_str(w, 3, 1, t->n_blocked ? "no blocked process matches the filter"
						 : "no process is blocked", cols - 2, ui_attr(UI_DIM));
}

void waits_draw_prompt(struct waits_state *t, struct view_ctx *v, WINDOW *w)
{
	int x = ui_put_str(w, 0, 0, "Filter: ", 10, ui_attr(UI_FKEY_LABEL));
	x += ui_put_text(w, 0, x, t->filter, strlen(t->filter), getmaxx(w) - x - 1, A_BOLD);
	ui_put_str(w, 0, x, "_", 1, A_BLINK);
	ui_put_str(w, 0, x + 2, "(PID or name of any process in the chain; Enter done, Esc clear)",
		   getmaxx(w) - x - 2, ui_attr(UI_DIM));
	if (v->status[0])
		ui_put_text(w, 0, getmaxx(w) - 20, v->status, strlen(v->status), 20, ui_attr(UI_WARN));
}
