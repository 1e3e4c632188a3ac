/* list_draw.c — the process table: the column header (sort column and column cursor marked),
 * one row per process (tagged and selected rows marked, the command line escaped with the
 * program's name highlighted, tree branches in tree mode), scrolled sideways as far as the
 * cursor or the keys take it, and the search or filter prompt in the bottom line. */
#include <stdio.h>
#include <string.h>

#include "channel/wait_chain.h"
#include "model/cgroup_service.h"
#include "model/wait_short.h"
#include "util/text_escape.h"
#include "view/list_int.h"
#include "view/proc_names.h"
#include "view/ui.h"

bool list_col_shown(const struct view_ctx *v, int c)
{
	return c == COL_PID || c == COL_COMMAND || v->set.visible[c];
}

/* Where each shown column goes in the virtual line (before the horizontal scroll): col_x and
 * col_w, -1 when not shown. Command takes what is left of the screen after the scroll, at
 * least one cell. */
static void layout_cols(struct list_state *l, const struct view_ctx *v, int cols)
{
	int x = 0;
	for (int c = 0; c < COL__COUNT; c++)
		l->col_x[c] = l->col_w[c] = -1;
	for (int k = 0; k < COL__COUNT; k++) {
		int c = (int)v->set.order[k];
		if (!list_col_shown(v, c))
			continue;
		int cw = col_width((enum col_id)c);
		if (c == COL_COMMAND)
			cw = l->hscroll + cols - x > 1 ? l->hscroll + cols - x : 1;
		l->col_x[c] = x;
		l->col_w[c] = cw;
		x += cw + 1;
	}
}

/* Scroll so that the column under the cursor is on screen (Command: its start may be left of
 * the screen, that is what scrolling into a long command line does). */
static void scroll_to_cursor(struct list_state *l, int cols)
{
	int c = l->col_cursor;
	if (c < 0 || c >= COL__COUNT || l->col_x[c] < 0)
		return;
	if (l->col_x[c] < l->hscroll && c != COL_COMMAND)
		l->hscroll = l->col_x[c];
	else if (c != COL_COMMAND && l->col_x[c] + l->col_w[c] > l->hscroll + cols)
		l->hscroll = l->col_x[c] + l->col_w[c] - cols;
	if (c == COL_COMMAND && l->col_x[c] >= l->hscroll + cols)
		l->hscroll = l->col_x[c];
}

static void draw_col_header(struct list_state *l, struct view_ctx *v, WINDOW *w, int y)
{
	ui_fill(w, y, 0, getmaxx(w), ui_attr(UI_HEADER));
	for (int c = 0; c < COL__COUNT; c++) {
		int x = l->col_x[c], cw = l->col_w[c];
		if (x < 0)
			continue;
		int attr = ui_attr(UI_HEADER);
		if (c == (int)v->set.sort_col)
			attr = ui_attr(UI_SELECTED);
		if (c == l->col_cursor)
			attr |= A_UNDERLINE;
		const char *title = col_title((enum col_id)c);
		int tw = ui_str_width(title);
		int tx = col_right_aligned((enum col_id)c) && tw < cw ? x + cw - tw : x;
		ui_put_str(w, y, tx, title, cw, attr);
	}
}

static void tree_prefix(const struct tree_row *tr, struct strbuf *sb)
{
	for (int d = 1; d < tr->depth; d++) {
		bool open = d <= 64 && (tr->open_mask >> (d - 1)) & 1;
		sb_puts(sb, open ? ui_glyph(G_V) : " ");
		sb_putc(sb, ' ');
	}
	if (tr->depth > 0) {
		sb_puts(sb, tr->last ? ui_glyph(G_BL) : ui_glyph(G_TEE_L));
		sb_puts(sb, ui_glyph(G_H));
	}
}

/* True when comm is the start of the program's file name (argv[0] without its directory):
 * then the command line says it all. A renamed process (prctl, a forked worker) is not. */
static bool comm_matches_argv0(const struct proc_info *p)
{
	const char *a0 = p->cmdline, *end = strchr(a0, ' ');
	size_t len = end ? (size_t)(end - a0) : strlen(a0);
	for (size_t i = len; i > 0; i--)
		if (a0[i - 1] == '/') {
			a0 += i;
			len -= i;
			break;
		}
	size_t n = strlen(p->comm);
	return n <= len && strncmp(a0, p->comm, n) == 0;
}

/* The command cell's text; [*hl0, *hl1) of it is the program's name (argv[0] without its
 * directory), drawn highlighted. Without the program path (p), argv[0] is that name alone. */
static void command_text(const struct view_ctx *v, const struct proc_info *p, struct strbuf *sb,
			 size_t *hl0, size_t *hl1)
{
	*hl0 = *hl1 = sb->len;   /* nothing highlighted: after what sb holds (the tree's lines) */
	if (!(p->flags & PF_KTHREAD) && p->cmdline && *p->cmdline) {
		if (p->comm && *p->comm && !comm_matches_argv0(p)) {
			esc_append(sb, p->comm, strlen(p->comm));   /* as htop: the name, then argv */
			sb_puts(sb, ui_ascii() ? ": " : "\u2502");
		}
		const char *a0 = p->cmdline, *end = strchr(a0, ' '), *base = a0;
		if (!end)
			end = a0 + strlen(a0);
		for (const char *q = a0; q < end; q++)
			if (*q == '/' && q + 1 < end)
				base = q + 1;
		if (v->set.program_path)
			esc_append(sb, a0, (size_t)(base - a0));
		*hl0 = sb->len;
		esc_append(sb, base, (size_t)(end - base));
		*hl1 = sb->len;
		esc_append(sb, end, strlen(end));
	} else {
		sb_putc(sb, '[');
		if (p->comm)
			esc_append(sb, p->comm, strlen(p->comm));
		sb_putc(sb, ']');
	}
}

/* n bytes of s (escaped text of ours) at x, at most width cells; cells used. */
static int put_part(WINDOW *w, int y, int x, const char *s, size_t n, int width, int attr)
{
	char buf[LIST_MAX_HSCROLL * 2];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return width > 0 ? ui_put_str(w, y, x, buf, width, attr) : 0;
}

/* "[new] " or "[exec] " at x (words, so that --no-color shows them too); cells used. */
static int put_mark(WINDOW *w, int y, int x, const char *mark, int width, int attr)
{
	char word[16];
	snprintf(word, sizeof word, "[%s]", mark);
	int a = (attr & A_REVERSE) ? (int)(attr | A_BOLD) : ui_attr(UI_TITLE);   /* the cursor's row stays reversed */
	int used = width > 0 ? ui_put_str(w, y, x, word, width, a) : 0;
	return used + (width > used ? ui_put_str(w, y, x + used, " ", width - used, attr) : 0);
}

static void draw_command(struct list_state *l, struct view_ctx *v, WINDOW *w, int y, size_t row, int attr)
{
	const struct proc_info *p = &v->cur->procs[l->rows[row]];
	int x = l->col_x[COL_COMMAND], cw = l->col_w[COL_COMMAND];
	struct strbuf sb = STRBUF_INIT;
	size_t hl0, hl1;
	tree_prefix(&l->tree[row], &sb);     /* nothing at depth 0: the flat list */
	size_t pre = sb.len;
	const char *mark = NULL;
	if (l->thr[row] >= 0) {              /* a thread: its name, highlighted */
		const char *comm = p->threads[l->thr[row]].comm;
		hl0 = sb.len;
		esc_append(&sb, comm, strlen(comm));
		hl1 = sb.len;
	} else {
		command_text(v, p, &sb, &hl0, &hl1);
		mark = list_mark_word(list_mark_of(&l->marks, v->cur, p));
	}
	const char *s = sb_str(&sb);
	int whole = ui_str_width(s) + (mark ? (int)strlen(mark) + 3 : 0);
	if (x + whole - l->view_cols > l->max_hscroll)    /* as far as the longest line goes */
		l->max_hscroll = x + whole - l->view_cols;
	if (l->max_hscroll > LIST_MAX_HSCROLL)             /* the pad stays small */
		l->max_hscroll = LIST_MAX_HSCROLL;
	int used = put_part(w, y, x, s, pre, cw, attr);
	if (mark)
		used += put_mark(w, y, x + used, mark, cw - used, attr);
	used += put_part(w, y, x + used, s + pre, hl0 - pre, cw - used, attr);
	used += put_part(w, y, x + used, s + hl0, hl1 - hl0, cw - used, attr | A_BOLD);
	put_part(w, y, x + used, s + hl1, strlen(s + hl1), cw - used, attr);
	sb_free(&sb);
}

/* The wait of p's thread tid, when its threads' waits were read (tasks). */
static const struct task_wait *thread_wait(const struct proc_info *p, pid_t tid)
{
	for (size_t k = 0; k < p->n_tasks; k++)
		if (p->tasks[k].tid == tid)
			return &p->tasks[k];
	return NULL;
}

/* WAIT: what the process waits on and the next process of its chain; on a thread's row what
 * that thread waits on and its first peer (read while the list shows threads and WAIT). */
static void draw_wait(struct list_state *l, struct view_ctx *v, WINDOW *w, int y, size_t row, int attr)
{
	const struct proc_info *p = &v->cur->procs[l->rows[row]];
	struct strbuf sb = STRBUF_INIT;
	if (l->thr[row] >= 0) {
		wait_short_task(&sb, v->cur, thread_wait(p, p->threads[l->thr[row]].tid), ui_glyph(G_ARROW_R));
		ui_put_str(w, y, l->col_x[COL_WAIT], sb_str(&sb), l->col_w[COL_WAIT], attr);
		sb_free(&sb);
		return;
	}
	pid_t chain[2] = { 0, 0 };
	const struct task_wait *shown = wait_blocking(p);   /* the wait wait_short says */
	if (!shown)
		shown = p->wait;
	if (shown && wait_followed(p) == shown)   /* not another thread's peer */
		wait_chain(v->cur, p->pid, chain, 2);
	wait_short(&sb, v->cur, p, chain[1], ui_glyph(G_ARROW_R));
	ui_put_str(w, y, l->col_x[COL_WAIT], sb_str(&sb), l->col_w[COL_WAIT], attr);
	sb_free(&sb);
}

/* The state letter: D and Z in the warning colour; a blocked process's (model/wait_short.h)
 * underlined too, which --no-color shows as well. */
static int state_attr(const struct proc_info *p, char state, bool thread_row, int attr)
{
	bool blocked = !thread_row && wait_blocked(p);
	if ((state == 'D' || state == 'Z' || blocked) && !(attr & A_REVERSE))
		attr = ui_attr(UI_WARN);
	return blocked ? attr | (int)A_UNDERLINE : attr;
}

static void draw_cell(struct list_state *l, struct view_ctx *v, WINDOW *w, int y, size_t row, int c, int attr)
{
	size_t i = l->rows[row];
	const struct proc_info *p = &v->cur->procs[i];
	int x = l->col_x[c], cw = l->col_w[c];
	if (c == COL_USER || c == COL_EXE || c == COL_HOST || c == COL_SERVICE) {
		char buf[CGROUP_SERVICE_MAX];   /* SERVICE: nothing until the cgroup is read */
		const char *unit = c == COL_SERVICE ? cgroup_service_shown(p->cgroup, buf) : NULL;
		const char *t = c == COL_USER ? p->user : c == COL_HOST ? (p->host ? p->host : "-") :
				c == COL_SERVICE ? (unit ? unit : "") : p->exe ? p->exe : "-";
		ui_put_text(w, y, x, t, t ? strlen(t) : 0, cw, attr);
	} else if (c == COL_COMMAND) {
		draw_command(l, v, w, y, row, attr);
	} else if (c == COL_WAIT) {
		draw_wait(l, v, w, y, row, attr);
	} else {
		char buf[80];   /* BUSIEST may name an IPv6 peer */
		char state = p->state;
		if (l->thr[row] >= 0)
			state = list_thread_cell(v, p, (uint32_t)l->thr[row], c, buf, sizeof buf);
		if (l->thr[row] < 0 || !state)
			list_cell_text(v, i, c, buf, sizeof buf);
		if (!state)
			state = p->state;
		int tw = (int)strlen(buf);
		if (c == COL_STATE)
			attr = state_attr(p, state, l->thr[row] >= 0, attr);
		ui_put_str(w, y, col_right_aligned((enum col_id)c) && tw < cw ? x + cw - tw : x, buf, cw, attr);
	}
}

static void draw_row(struct list_state *l, struct view_ctx *v, WINDOW *w, int y, size_t row)
{
	const struct proc_info *p = &v->cur->procs[l->rows[row]];
	int attr = A_NORMAL;
	if (list_is_tagged(l, p))
		attr = ui_attr(UI_TITLE);
	if (row == l->sel) {
		attr = ui_attr(UI_SELECTED);
		ui_fill(w, y, 0, getmaxx(w), attr);
	}
	for (int c = 0; c < COL__COUNT; c++)
		if (l->col_x[c] >= 0)
			draw_cell(l, v, w, y, row, c, attr);
}

/* The header and the rows are drawn on a pad as wide as the virtual line, and the part of it
 * the horizontal scroll shows is copied to the window. */
void list_draw_table(struct list_state *l, struct view_ctx *v, WINDOW *w, int y0)
{
	int rows = getmaxy(w) - y0 - 1, cols = getmaxx(w);
	if (rows < 1)
		return;
	layout_cols(l, v, cols);
	scroll_to_cursor(l, cols);
	layout_cols(l, v, cols);
	int width = l->col_x[COL_COMMAND] + l->col_w[COL_COMMAND];
	WINDOW *pad = ui_window(newpad(rows + 1, width > cols ? width : cols));
	if (!pad)
		return;
	draw_col_header(l, v, pad, 0);
	l->table_y = y0;
	l->body_rows = rows;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	if (l->top + (size_t)rows > l->n_rows)
		l->top = l->n_rows > (size_t)rows ? l->n_rows - (size_t)rows : 0;
	l->view_cols = cols;
	l->max_hscroll = l->col_x[COL_COMMAND] + 1 - cols;   /* raised by the longest command shown */
	for (int y = 0; y < rows && l->top + (size_t)y < l->n_rows; y++)
		draw_row(l, v, pad, 1 + y, l->top + (size_t)y);
	copywin(pad, w, 0, l->hscroll, y0, 0, y0 + rows, cols - 1, FALSE);
	delwin(pad);
	if (l->n_rows == 0)
		ui_put_str(w, y0 + 2, 1, "no process matches", getmaxx(w) - 2, ui_attr(UI_DIM));
}

void list_draw_prompt(struct list_state *l, struct view_ctx *v, WINDOW *w)
{
	const char *what = l->input == IN_SEARCH ? "Search: " : "Filter: ";
	const char *text = l->input == IN_SEARCH ? l->search : l->filter;
	int x = ui_put_str(w, 0, 0, what, 10, ui_attr(UI_FKEY_LABEL));
	x += ui_put_text(w, 0, x, text, strlen(text), getmaxx(w) - x - 1, A_BOLD);
	ui_put_str(w, 0, x, "_", 1, A_BLINK);
	ui_put_str(w, 0, x + 2, l->input == IN_SEARCH ? "(Enter done, F3/n next, Esc cancel)"
						      : "(Enter done, Esc clear)",
		   getmaxx(w) - x - 2, ui_attr(UI_DIM));
	if (v->status[0])
		ui_put_text(w, 0, getmaxx(w) - 20, v->status, strlen(v->status), 20, ui_attr(UI_WARN));
}
