/* chans_draw.c — the channel table: a title line (how many shown, the kind and text filters),
 * the column header (sort column and column cursor marked), one row per channel with each end
 * and the object it is on (the chosen end of the selected row underlined), and the filter
 * prompt in the bottom line. */
#include <stdio.h>
#include <string.h>

#include "model/sock_describe.h"
#include "view/chans_int.h"
#include "view/ui.h"

static const int chan_col_w[CC__COUNT] = {
	[CC_KIND] = 9, [CC_STATE] = 12, [CC_RECVQ] = 11, [CC_SENDQ] = 11, [CC_BYTES] = 10, [CC_RATE] = 9,
	[CC_DROPS] = 7, [CC_ENDS] = 0,
};

static bool right_aligned(int c)
{
	return c == CC_RECVQ || c == CC_SENDQ || c == CC_BYTES || c == CC_RATE || c == CC_DROPS;
}

static void draw_title(struct chans_state *t, struct view_ctx *v, WINDOW *w)
{
	char buf[160];
	snprintf(buf, sizeof buf, "Channels: %zu shown of %zu   kind: %s", t->n_rows, v->cur->n_chans + t->n_lone,
		 t->kind >= 0 ? chan_kind_name((enum chan_kind)t->kind) : t->base_mask ? "--kind" : "all");
	int x = ui_put_str(w, 0, 0, buf, getmaxx(w), ui_attr(UI_TITLE));
	if (t->filter[0] && x + 12 < getmaxx(w)) {
		x += ui_put_str(w, 0, x, "   filter: ", getmaxx(w) - x, ui_attr(UI_TITLE));
		x += ui_put_text(w, 0, x, t->filter, strlen(t->filter), getmaxx(w) - x, ui_attr(UI_TITLE));
		if (t->pid_host && x + 4 < getmaxx(w)) {
			x += ui_put_str(w, 0, x, " on ", getmaxx(w) - x, ui_attr(UI_TITLE));
			ui_put_text(w, 0, x, t->pid_host, strlen(t->pid_host), getmaxx(w) - x, ui_attr(UI_TITLE));
		}
	}
}

/* Which columns give way, in this order, while ENDS would get fewer than ENDS_MIN cells (80
 * columns keep KIND, STATE, the queues and the ends); the sorted column stays. */
enum { ENDS_MIN = 30 };
static const int give_way[] = { CC_DROPS, CC_RATE, CC_BYTES };

static void choose_cols(const struct chans_state *t, int cols, bool shown[CC__COUNT])
{
	int fixed = 0;
	for (int c = 0; c < CC_ENDS; c++) {
		shown[c] = true;
		fixed += chan_col_w[c] + 1;
	}
	shown[CC_ENDS] = true;
	for (size_t i = 0; i < sizeof give_way / sizeof give_way[0] && cols - fixed < ENDS_MIN; i++) {
		if (give_way[i] == t->sort_col)
			continue;
		shown[give_way[i]] = false;
		fixed -= chan_col_w[give_way[i]] + 1;
	}
}

static void draw_col_header(struct chans_state *t, WINDOW *w, int y)
{
	int cols = getmaxx(w), x = 0;
	bool shown[CC__COUNT];
	choose_cols(t, cols, shown);
	ui_fill(w, y, 0, cols, ui_attr(UI_HEADER));
	for (int c = 0; c < CC__COUNT; c++) {
		t->col_x[c] = t->col_w[c] = -1;
		if (x >= cols || !shown[c])
			continue;
		int cw = chan_col_w[c] ? chan_col_w[c] : cols - x;
		int attr = c == t->sort_col ? ui_attr(UI_SELECTED) : ui_attr(UI_HEADER);
		if (c == t->col_cursor)
			attr |= A_UNDERLINE;
		const char *title = chans_col_title(c);
		int tw = ui_str_width(title);
		ui_put_str(w, y, right_aligned(c) && tw < cw ? x + cw - tw : x, title, cw, attr);
		t->col_x[c] = x;
		t->col_w[c] = cw;
		x += cw + 1;
	}
}

/* The width of all of c's ends written one after the other, sepw cells between two. */
static int ends_width(const struct snapshot *s, const struct channel *c, int sepw, struct strbuf *sb)
{
	int total = 0;
	for (size_t i = 0; i < c->n_ep; i++) {
		sb_reset(sb);
		chans_end_text(s, c, i, sb);
		total += ui_str_width(sb_str(sb)) + (i ? sepw : 0);
	}
	return total;
}

/* The ends, then the object: chosen end underlined on the selected row. When the ends do not
 * fit, the object keeps its room (up to half the column) and the ends that did not fit are
 * counted ("… +3"), so that a region many processes map is still named; the first end always
 * shows, cut if it must be. */
static void draw_ends(struct chans_state *t, struct view_ctx *v, WINDOW *w, int y, const struct channel *c,
		      bool selected, int attr)
{
	enum { MORE_W = 8 };   /* " … +NNN" */
	int x = t->col_x[CC_ENDS], right = x + t->col_w[CC_ENDS];
	const char *sep = ui_ascii() ? " <-> " : " \u2194 ";
	int sepw = ui_str_width(sep);
	struct strbuf sb = STRBUF_INIT, obj = STRBUF_INIT;
	int ow = chans_object_text(v->cur, c, &obj) ? ui_str_width(sb_str(&obj)) + 2 : 0;
	int limit = right;
	if (ow && ow <= (right - x) / 2 && x + ends_width(v->cur, c, sepw, &sb) + ow > right)
		limit = right - ow - MORE_W;
	size_t i = 0;
	for (; i < c->n_ep && x < right; i++) {
		sb_reset(&sb);
		chans_end_text(v->cur, c, i, &sb);
		int room = right - x;
		if (limit < right && x + (i ? sepw : 0) + ui_str_width(sb_str(&sb)) > limit) {
			if (i)
				break;
			room = limit - x;   /* the first end always shows, cut at the limit */
		}
		if (i)
			x += ui_put_str(w, y, x, sep, right - x, attr);
		int a = selected && i == t->end && c->n_ep > 1 ? attr | (int)A_UNDERLINE : attr;
		x += ui_put_str(w, y, x, sb_str(&sb), room, a);
	}
	if (i < c->n_ep && limit < right)
		x += ui_printf(w, y, x, right - x, attr, ui_ascii() ? " ... +%zu" : " \u2026 +%zu", c->n_ep - i);
	if (ow && x + 3 < right) {
		x += ui_put_str(w, y, x, "  ", right - x, attr);
		ui_put_str(w, y, x, sb_str(&obj), right - x, selected ? attr : ui_attr(UI_DIM));
	}
	sb_free(&sb);
	sb_free(&obj);
}

static void draw_row(struct chans_state *t, struct view_ctx *v, WINDOW *w, int y, size_t row)
{
	const struct snapshot *s = v->cur;
	const struct channel *c = chans_row_chan(t, s, t->rows[row]);
	bool selected = row == t->sel;
	int attr = selected ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	if (selected)
		ui_fill(w, y, 0, getmaxx(w), attr);
	char buf[48];
	for (int col = 0; col < CC_ENDS; col++) {
		if (t->col_x[col] < 0)
			continue;
		int a = col == CC_KIND && !selected ? ui_kind_attr(c->kind) : attr;
		chans_cell_text(s, c, col, buf, sizeof buf);
		int tw = ui_str_width(buf), cw = t->col_w[col];
		ui_put_str(w, y, right_aligned(col) && tw < cw ? t->col_x[col] + cw - tw : t->col_x[col], buf, cw, a);
	}
	if (t->col_x[CC_ENDS] >= 0)
		draw_ends(t, v, w, y, c, selected, attr);
}

void chans_draw_table(struct chans_state *t, struct view_ctx *v, WINDOW *w)
{
	int rows = getmaxy(w) - 2;
	if (rows < 1)
		return;
	draw_title(t, v, w);
	draw_col_header(t, w, 1);
	t->table_y = 1;
	t->body_rows = rows;
	view_keep_shown(t->sel, &t->top, t->n_rows, rows);
	for (int y = 0; y < rows && t->top + (size_t)y < t->n_rows; y++)
		draw_row(t, v, w, 2 + y, t->top + (size_t)y);
	if (t->n_rows == 0)
		ui_put_str(w, 3, 1, "no channel matches", getmaxx(w) - 2, ui_attr(UI_DIM));
}

void chans_draw_prompt(struct chans_state *t, struct view_ctx *v, WINDOW *w)
{
	int x = ui_put_str(w, 0, 0, "Filter: ", 10, ui_attr(UI_FKEY_LABEL));
	x += ui_put_text(w, 0, x, t->filter, strlen(t->filter), getmaxx(w) - x - 1, A_BOLD);
	ui_put_str(w, 0, x, "_", 1, A_BLINK);
	ui_put_str(w, 0, x + 2, "(PID, :PORT or name; Enter done, Esc clear)", getmaxx(w) - x - 2,
		   ui_attr(UI_DIM));
	if (v->status[0])
		ui_put_text(w, 0, getmaxx(w) - 20, v->status, strlen(v->status), 20, ui_attr(UI_WARN));
}
