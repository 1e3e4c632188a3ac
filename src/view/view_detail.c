/* view_detail.c — the detail screen of one process: its title, the tab bar (PCB, Scheduling,
 * Memory, IPC), the scrolling field lines shared by the text tabs, jumping to a peer and back. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/detail_int.h"
#include "view/ui.h"

#define LABEL_CELLS 22
#define DETAIL_HSCROLL 8        /* cells a Left or Right scrolls the lines */
#define DETAIL_MAX_WIDE 1024    /* the widest the lines are laid out (cells) */

static const char *const tab_names[TAB__COUNT] = { "PCB", "Scheduling", "Memory", "IPC" };

void dlines_clear(struct dlines *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].value);
	d->n = 0;
}

void dline_add_sb(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
		  struct strbuf *value)
{
	XGROW(d->v, d->cap, d->n + 1);
	struct dline *l = &d->v[d->n++];
	l->help = help;
	snprintf(l->label, sizeof l->label, "%s", label ? label : "");
	l->value = xstrdup(sb_str(value));
	l->attr = attr;
	l->jump = jump;
	l->jump_start = 0;
	l->jump_host = NULL;
}

void dline_add(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
	       const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	dline_add_sb(d, help, label, attr, jump, &sb);
	sb_free(&sb);
}

/* The process shown, or NULL once it has ended (even if a new process has its PID). */
static const struct proc_info *shown(const struct detail_state *d, const struct view_ctx *v)
{
	return snapshot_find_proc_at(v->cur, d->pid, d->start, d->host);   /* a merge: of its own host */
}

/* ---- the screen ---- */

/* arg: NULL, or the name of the tab to open on ("IPC"; the PCB tab otherwise). */
static void *detail_enter(struct view_ctx *v, const void *arg)
{
	if (v->sel_pid <= 0)
		return NULL;
	struct detail_state *d = xcalloc(1, sizeof(*d));
	d->pid = v->sel_pid;
	d->start = v->sel_start;
	d->host = v->sel_host;
	for (int i = 0; arg && i < TAB__COUNT; i++)
		if (strcasecmp(tab_names[i], arg) == 0)
			d->tab = (enum detail_tab)i;
	return d;
}

static void detail_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct detail_state *d = st;
	dlines_clear(&d->lines);
	free(d->lines.v);
	free(d);
}

/* Keep what the switch rates need of the process before its snapshot goes. */
static void detail_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	(void)v;
	struct detail_state *d = st;
	const struct proc_info *p = old ? snapshot_find_proc_at(old, d->pid, d->start, d->host) : NULL;
	memset(&d->before, 0, sizeof(d->before));
	if (p)
		d->before = (struct detail_before){ p->pid, p->start_time, p->vol_ctxt, p->nonvol_ctxt,
						    old->taken_ms };
}

static pid_t detail_pid(void *st)
{
	return ((struct detail_state *)st)->pid;
}

static pid_t compare_pid(void *st)
{
	const struct detail_state *d = st;
	return d->tab == TAB_MEMORY ? d->cmp_pid : 0;
}

/* ---- drawing ---- */

/* The command line from cell x of the title to its end, scrolled sideways with the lines
 * (> and <) as far as needed to show its end: laid out whole on a pad, the part scrolled to
 * copied. Sets d->title_left, how far it can scroll. */
static void draw_cmdline(struct detail_state *d, WINDOW *w, int x, const char *cmdline)
{
	int cols = getmaxx(w);
	WINDOW *pad = ui_window(newpad(1, DETAIL_MAX_WIDE));
	if (!pad)
		return;
	int wide = ui_put_text(pad, 0, 0, cmdline, strlen(cmdline), DETAIL_MAX_WIDE, ui_attr(UI_DIM));
	d->title_left = wide > cols - x ? wide - (cols - x) : 0;
	int from = d->left < d->title_left ? d->left : d->title_left;
	copywin(pad, w, 0, from, 0, x, 0, cols - 1, FALSE);
	delwin(pad);
}

static void draw_title(struct detail_state *d, WINDOW *w, const struct proc_info *p)
{
	int cols = getmaxx(w);
	int x = ui_printf(w, 0, 0, cols, ui_attr(UI_TITLE), "PID %d ", (int)d->pid);
	if (!p) {
		ui_put_str(w, 0, x, "(process has exited)", cols - x, ui_attr(UI_WARN));
		return;
	}
	x += ui_put_text(w, 0, x, p->comm, p->comm ? strlen(p->comm) : 0, 20, A_BOLD) + 1;
	if (p->host) {                 /* --merge: pids repeat across hosts */
		x += ui_put_str(w, 0, x, "on ", cols - x, ui_attr(UI_DIM));
		x += ui_put_text(w, 0, x, p->host, strlen(p->host), 24, A_BOLD) + 1;
	}
	x++;
	d->title_left = 0;
	if (p->cmdline && x < cols)
		draw_cmdline(d, w, x, p->cmdline);
}

static void draw_tabs(struct detail_state *d, WINDOW *w)
{
	int x = 0, cols = getmaxx(w);
	for (int i = 0; i < TAB__COUNT; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, " %d %s ", i + 1, tab_names[i]);
		d->tab_x[i] = x;
		x += ui_put_str(w, 1, x, buf, cols - x, ui_attr(i == (int)d->tab ? UI_TAB_ACTIVE : UI_TAB));
		x += ui_put_str(w, 1, x, " ", 1, A_NORMAL);
	}
	d->tab_x[TAB__COUNT] = x;
	if (d->n_history)
		ui_printf(w, 1, x + 1, cols - x - 1, ui_attr(UI_DIM), "(Backspace: back to PID %d)",
			  (int)d->history[d->n_history - 1]);
}

/* The lines on a pad as wide as the widest; the part scrolled to (left) is copied to w, so
 * that a line cut at 80 columns can be read to its end. */
static void draw_lines(struct detail_state *d, WINDOW *w, int y0)
{
	int rows = getmaxy(w) - y0, cols = getmaxx(w);
	d->body_y = y0;
	d->body_rows = rows;
	if (rows < 1)
		return;
	if (d->sel >= d->lines.n)
		d->sel = d->lines.n ? d->lines.n - 1 : 0;
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + (size_t)rows)
		d->top = d->sel - (size_t)rows + 1;
	int wide = cols;
	for (int r = 0; r < rows && d->top + (size_t)r < d->lines.n; r++) {
		int lw = LABEL_CELLS + ui_str_width(d->lines.v[d->top + (size_t)r].value) + 1;
		if (lw > wide)
			wide = lw < DETAIL_MAX_WIDE ? lw : DETAIL_MAX_WIDE;
	}
	d->max_left = wide - cols > d->title_left ? wide - cols : d->title_left;
	if (d->left > d->max_left)
		d->left = d->max_left;
	WINDOW *pad = ui_window(newpad(rows, wide));
	if (!pad)
		return;
	for (int r = 0; r < rows && d->top + (size_t)r < d->lines.n; r++) {
		const struct dline *l = &d->lines.v[d->top + (size_t)r];
		bool sel = d->top + (size_t)r == d->sel;
		if (sel)
			ui_fill(pad, r, 0, wide, ui_attr(UI_SELECTED));
		ui_put_str(pad, r, 1, l->label, LABEL_CELLS - 1, sel ? ui_attr(UI_SELECTED) : ui_attr(UI_TITLE));
		ui_put_str(pad, r, LABEL_CELLS, l->value, wide - LABEL_CELLS, sel ? ui_attr(UI_SELECTED) : l->attr);
	}
	copywin(pad, w, 0, d->left, y0, 0, y0 + rows - 1, cols - 1, FALSE);
	delwin(pad);
}

/* What identifies the selected line across refreshes, where lines come and go above it (a
 * descriptor opened, fdinfo read once the detail is open): its help key, label, jump and the
 * start of its text (a rate further on may change). */
struct line_key { const char *help; char label[32]; pid_t jump; char head[48]; bool set; };

static struct line_key key_of(const struct detail_state *d)
{
	struct line_key k = { 0 };
	if (d->sel >= d->lines.n)
		return k;
	const struct dline *l = &d->lines.v[d->sel];
	k.help = l->help;
	k.jump = l->jump;
	k.set = true;
	snprintf(k.label, sizeof k.label, "%s", l->label);
	snprintf(k.head, sizeof k.head, "%s", l->value ? l->value : "");
	return k;
}

static bool key_is(const struct line_key *k, const struct dline *l)
{
	return l->help == k->help && l->jump == k->jump && !strcmp(l->label, k->label) &&
	       !strncmp(l->value ? l->value : "", k->head, strlen(k->head));
}

/* Select again the line k named, the one nearest the old place when several match. */
static void keep_line(struct detail_state *d, const struct line_key *k)
{
	if (!k->set || (d->sel < d->lines.n && key_is(k, &d->lines.v[d->sel])))
		return;
	size_t best = d->sel, dist = SIZE_MAX;
	for (size_t i = 0; i < d->lines.n; i++) {
		size_t di = i > d->sel ? i - d->sel : d->sel - i;
		if (key_is(k, &d->lines.v[i]) && di < dist) {
			best = i;
			dist = di;
		}
	}
	d->sel = best;
}

static void detail_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct detail_state *d = st;
	const struct proc_info *p = shown(d, v);
	draw_title(d, w, p);
	draw_tabs(d, w);
	struct line_key k = key_of(d);
	dlines_clear(&d->lines);
	if (!p)
		return;
	switch (d->tab) {
	case TAB_PCB:    pcb_lines(v, p, &d->lines); break;
	case TAB_SCHED:  sched_lines(v, &d->before, p, &d->lines); break;
	case TAB_IPC:    ipc_lines(v, p, &d->lines); break;
	case TAB_MEMORY:   /* its figure and table fit the width: only the title scrolls */
		d->max_left = d->title_left;
		memory_draw(d, w, v->cur, p, 3);
		return;
	default: break;
	}
	keep_line(d, &k);
	draw_lines(d, w, 3);
}

/* ---- keys ---- */

static void set_tab(struct detail_state *d, int tab)
{
	d->tab = (enum detail_tab)((tab + TAB__COUNT) % TAB__COUNT);
	d->sel = d->top = 0;
}

/* The process a line jumps to: pid that started at start on host, or (start 0) pid on the
 * host of the process shown (--merge: pids repeat across hosts; one host's snapshot: pid). */
static const struct proc_info *jump_target(const struct detail_state *d, const struct view_ctx *v,
					   pid_t pid, uint64_t start, const char *host)
{
	if (start)
		return snapshot_find_proc_at(v->cur, pid, start, host);
	const struct proc_info *cur = shown(d, v);
	return snapshot_find_proc_on(v->cur, pid, cur ? cur->host : NULL);
}

/* Show pid (started at start, or 0: see jump_target) instead, remembering the one shown for
 * Backspace. */
static void open_peer(struct detail_state *d, struct view_ctx *v, pid_t pid, uint64_t start, const char *host)
{
	const struct proc_info *p = jump_target(d, v, pid, start, host);
	if (!p || p == shown(d, v))
		return;
	if (d->n_history == DETAIL_HISTORY) {
		memmove(d->history, d->history + 1, (DETAIL_HISTORY - 1) * sizeof d->history[0]);
		memmove(d->history_start, d->history_start + 1, (DETAIL_HISTORY - 1) * sizeof d->history_start[0]);
		memmove(d->history_host, d->history_host + 1, (DETAIL_HISTORY - 1) * sizeof d->history_host[0]);
		d->n_history--;
	}
	d->history_start[d->n_history] = d->start;
	d->history_host[d->n_history] = d->host;
	d->history[d->n_history++] = d->pid;
	d->pid = pid;
	d->start = p->start_time;
	d->host = p->host;
	d->sel = d->top = 0;
	d->cmp_pid = 0;
	view_select(v, p);
}

static void go_back(struct detail_state *d, struct view_ctx *v)
{
	if (d->n_history == 0) {
		view_close(v, d);
		return;
	}
	d->n_history--;
	d->pid = d->history[d->n_history];
	d->start = d->history_start[d->n_history];
	d->host = d->history_host[d->n_history];
	d->sel = d->top = 0;
	view_select(v, shown(d, v));
}

static void lines_key(struct detail_state *d, struct view_ctx *v, enum action a)
{
	size_t page = d->body_rows > 1 ? (size_t)d->body_rows - 1 : 1;
	switch (a) {
	case ACT_UP:        if (d->sel > 0) d->sel--; break;
	case ACT_DOWN:      if (d->sel + 1 < d->lines.n) d->sel++; break;
	case ACT_PAGE_UP:   d->sel = d->sel > page ? d->sel - page : 0; break;
	case ACT_PAGE_DOWN: /* kept on a line: keys of one batch come before the next draw */
		d->sel = d->sel + page < d->lines.n ? d->sel + page : (d->lines.n ? d->lines.n - 1 : 0);
		break;
	case ACT_HOME:      d->sel = 0; d->left = 0; break;
	case ACT_END:       d->sel = d->lines.n ? d->lines.n - 1 : 0; break;
	case ACT_LEFT:      d->left = d->left > DETAIL_HSCROLL ? d->left - DETAIL_HSCROLL : 0; break;
	case ACT_RIGHT:     /* drawing keeps it within max_left */
		d->left = d->left + DETAIL_HSCROLL < d->max_left ? d->left + DETAIL_HSCROLL : d->max_left;
		break;
	case ACT_EXPLAIN:
		if (d->sel < d->lines.n)
			view_explain(v, d->lines.v[d->sel].help);
		break;
	case ACT_ENTER:
		if (d->sel < d->lines.n && d->lines.v[d->sel].jump > 0)
			open_peer(d, v, d->lines.v[d->sel].jump, d->lines.v[d->sel].jump_start,
			          d->lines.v[d->sel].jump_host);
		break;
	default: break;
	}
}

static bool detail_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct detail_state *d = st;
	if (ev->type != KEV_KEY)
		return true;
	switch (a) {
	case ACT_TAB_NEXT:  set_tab(d, (int)d->tab + 1); break;
	case ACT_TAB_PREV:  set_tab(d, (int)d->tab - 1); break;
	case ACT_TAB_1: case ACT_TAB_2: case ACT_TAB_3: case ACT_TAB_4:
		set_tab(d, (int)(a - ACT_TAB_1));
		break;
	case ACT_BACK:      view_close(v, d); return true;
	case ACT_PREV_PROC: go_back(d, v); return true;
	case ACT_GRAPH:
		view_select(v, shown(d, v));
		if (v->sel_pid == d->pid)
			view_open(v, "graph", NULL);
		return true;
	case ACT_CHANS: {
		struct chans_for only = { d->pid, d->host };   /* --merge: this host's ends only */
		view_open(v, "chans", &only);
		return true;
	}
	case ACT_QUIT: case ACT_HELP: case ACT_SERVICE_NAMES: return false;
	default: break;
	}
	const struct proc_info *p = shown(d, v);
	if (a == ACT_TAB_NEXT || a == ACT_TAB_PREV || (a >= ACT_TAB_1 && a <= ACT_TAB_4)) {
		if (p && d->tab == TAB_MEMORY)
			memcmp_auto(d, v, p);
		return true;
	}
	if (d->tab == TAB_MEMORY) {
		if (p)
			memory_key(d, v, p, a);
	} else {
		/* Right opens the peer of a line that has one; elsewhere it scrolls, as '>' does */
		if (a == ACT_ENTER && ev->key == KEY_RIGHT && (d->sel >= d->lines.n || d->lines.v[d->sel].jump <= 0))
			a = ACT_RIGHT;
		lines_key(d, v, a);
	}
	return true;
}

static void detail_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	(void)v;
	struct detail_state *d = st;
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN) {
		detail_key(st, v, &(struct key_event){ .type = KEV_KEY, .batch = ev->batch },
			   ev->mouse == MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN);
		return;
	}
	if (y == 1) {
		for (int i = 0; i < TAB__COUNT; i++)
			if (x >= d->tab_x[i] && x < d->tab_x[i + 1])
				set_tab(d, i);
		return;
	}
	if (y >= d->body_y && d->tab != TAB_MEMORY) {
		size_t row = d->top + (size_t)(y - d->body_y);
		if (row < d->lines.n)
			d->sel = row;
	}
}

const struct screen_ops screen_detail = {
	.name = "detail", .enter = detail_enter, .leave = detail_leave, .snapshot = detail_snapshot,
	.draw = detail_draw, .key = detail_key, .mouse = detail_mouse, .detail_pid = detail_pid,
	.compare_pid = compare_pid,
};
