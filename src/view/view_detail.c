/* view_detail.c — the detail screen of one process: its title, the tab bar (PCB, Scheduling,
 * Memory, IPC), the scrolling field lines shared by the text tabs, jumping to a peer and back. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/tui_state.h"
#include "view/ui.h"
#if __has_include("view/view_graph.h")
#include "view/view_graph.h"
#define HAVE_GRAPH_VIEW 1
#endif

#define LABEL_CELLS 22

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

static void draw_title(struct tui *t, WINDOW *w, const struct proc_info *p)
{
	int x = ui_printf(w, 0, 0, COLS, ui_attr(UI_TITLE), "PID %d ", (int)t->detail.pid);
	if (!p) {
		ui_put_str(w, 0, x, "(process has exited)", COLS - x, ui_attr(UI_WARN));
		return;
	}
	x += ui_put_text(w, 0, x, p->comm, p->comm ? strlen(p->comm) : 0, 20, A_BOLD) + 2;
	if (p->cmdline)
		ui_put_text(w, 0, x, p->cmdline, strlen(p->cmdline), COLS - x, ui_attr(UI_DIM));
}

static void draw_tabs(struct tui *t, WINDOW *w)
{
	int x = 0;
	for (int i = 0; i < TAB__COUNT; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, " %d %s ", i + 1, tab_names[i]);
		t->detail.tab_x[i] = x;
		x += ui_put_str(w, 1, x, buf, COLS - x, ui_attr(i == (int)t->detail.tab ? UI_TAB_ACTIVE : UI_TAB));
		x += ui_put_str(w, 1, x, " ", 1, A_NORMAL);
	}
	t->detail.tab_x[TAB__COUNT] = x;
	if (t->detail.n_history)
		ui_printf(w, 1, x + 1, COLS - x - 1, ui_attr(UI_DIM), "(Backspace: back to PID %d)",
			  (int)t->detail.history[t->detail.n_history - 1]);
}

static void draw_lines(struct tui *t, WINDOW *w, int y0)
{
	struct detail_state *d = &t->detail;
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
	for (int r = 0; r < rows && d->top + (size_t)r < d->lines.n; r++) {
		const struct dline *l = &d->lines.v[d->top + (size_t)r];
		bool sel = d->top + (size_t)r == d->sel;
		int y = y0 + r;
		if (sel)
			ui_fill(w, y, 0, cols, ui_attr(UI_SELECTED));
		ui_put_str(w, y, 1, l->label, LABEL_CELLS - 1, sel ? ui_attr(UI_SELECTED) : ui_attr(UI_TITLE));
		ui_put_str(w, y, LABEL_CELLS, l->value, cols - LABEL_CELLS, sel ? ui_attr(UI_SELECTED) : l->attr);
	}
}

void detail_draw(struct tui *t, WINDOW *w)
{
	struct detail_state *d = &t->detail;
	const struct proc_info *p = t->cur ? snapshot_find_proc(t->cur, d->pid) : NULL;
	draw_title(t, w, p);
	draw_tabs(t, w);
	dlines_clear(&d->lines);
	if (!p)
		return;
	switch (d->tab) {
	case TAB_PCB:    pcb_lines(t, p, &d->lines); break;
	case TAB_SCHED:  sched_lines(t, p, &d->lines); break;
	case TAB_IPC:    ipc_lines(t, p, &d->lines); break;
	case TAB_MEMORY: memory_draw(t, w, p, 3); return;
	default: break;
	}
	draw_lines(t, w, 3);
}

static void set_tab(struct tui *t, int tab)
{
	t->detail.tab = (enum detail_tab)((tab + TAB__COUNT) % TAB__COUNT);
	t->detail.sel = t->detail.top = 0;
}

static void go_back_process(struct tui *t)
{
	struct detail_state *d = &t->detail;
	if (d->n_history == 0) {
		tui_pop(t);
		return;
	}
	d->pid = d->history[--d->n_history];
	d->sel = d->top = 0;
	t->refresh_now = true;
}

static void lines_key(struct tui *t, int key)
{
	struct detail_state *d = &t->detail;
	size_t page = d->body_rows > 1 ? (size_t)d->body_rows - 1 : 1;
	switch (key) {
	case KEY_UP:    if (d->sel > 0) d->sel--; break;
	case KEY_DOWN:  if (d->sel + 1 < d->lines.n) d->sel++; break;
	case KEY_PPAGE: d->sel = d->sel > page ? d->sel - page : 0; break;
	case KEY_NPAGE: d->sel += page; break;
	case KEY_HOME:  d->sel = 0; break;
	case KEY_END:   d->sel = d->lines.n ? d->lines.n - 1 : 0; break;
	case '?':
		if (d->sel < d->lines.n)
			popup_explain(t, d->lines.v[d->sel].help);
		break;
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT:
		if (d->sel < d->lines.n && d->lines.v[d->sel].jump > 0)
			tui_open_detail(t, d->lines.v[d->sel].jump);
		break;
	default: break;
	}
}

void detail_key(struct tui *t, int key)
{
	struct detail_state *d = &t->detail;
	switch (key) {
	case '\t':          set_tab(t, (int)d->tab + 1); return;
	case KEY_BTAB:      set_tab(t, (int)d->tab - 1); return;
	case '1': case '2': case '3': case '4': set_tab(t, key - '1'); return;
	case 27:            tui_pop(t); return;
	case KEY_BACKSPACE: case 127: case 8: go_back_process(t); return;
	case 'g':
#ifdef HAVE_GRAPH_VIEW
		graph_view_focus(t->graph, d->pid);
		tui_push(t, SCR_GRAPH);
#endif
		return;
	default: break;
	}
	if (d->tab == TAB_MEMORY) {
		const struct proc_info *p = t->cur ? snapshot_find_proc(t->cur, d->pid) : NULL;
		if (p)
			memory_key(t, p, key);
		return;
	}
	lines_key(t, key);
}

void detail_click(struct tui *t, int y, int x)
{
	struct detail_state *d = &t->detail;
	if (y == 1) {
		for (int i = 0; i < TAB__COUNT; i++)
			if (x >= d->tab_x[i] && x < d->tab_x[i + 1])
				set_tab(t, i);
		return;
	}
	if (y >= d->body_y && d->tab != TAB_MEMORY) {
		size_t row = d->top + (size_t)(y - d->body_y);
		if (row < d->lines.n)
			d->sel = row;
	}
}
