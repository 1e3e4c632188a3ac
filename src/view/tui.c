/* tui.c — the interactive ipctop: terminal set-up, the refresh loop (one snapshot every delay),
 * the screen stack, window layout, and dispatch of keys and mouse clicks to the screens. */
#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "collect/collect.h"
#include "util/xalloc.h"
#include "view/term_check.h"
#include "view/proc_cpu.h"
#include "view/tui.h"
#include "view/tui_state.h"
#include "view/ui.h"
#if __has_include("view/view_graph.h")
#include "view/view_graph.h"
#define HAVE_GRAPH_VIEW 1
#endif

#define DEFAULT_DELAY_TENTHS 15

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void tui_status(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
}

void tui_push(struct tui *t, enum scr_id s)
{
	if (t->depth < (int)(sizeof t->stack / sizeof t->stack[0]))
		t->stack[t->depth++] = s;
}

void tui_pop(struct tui *t)
{
	if (t->depth > 1)
		t->depth--;
}

void tui_open_detail(struct tui *t, pid_t pid)
{
	struct detail_state *d = &t->detail;
	if (tui_screen(t) == SCR_DETAIL) {
		if (d->pid == pid)
			return;
		if (d->n_history == sizeof d->history / sizeof d->history[0]) {
			memmove(d->history, d->history + 1, (d->n_history - 1) * sizeof d->history[0]);
			d->n_history--;
		}
		d->history[d->n_history++] = d->pid;
	} else {
		d->n_history = 0;
		tui_push(t, SCR_DETAIL);
	}
	d->pid = pid;
	d->sel = d->top = 0;
	t->refresh_now = true;   /* read its maps, smaps and sched now */
}

static bool detail_shown(const struct tui *t)
{
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i] == SCR_DETAIL)
			return true;
	return false;
}

/* Keep what the switch rates need of the detail process before its snapshot goes. */
static void remember_detail(struct tui *t)
{
	const struct proc_info *p = t->cur ? snapshot_find_proc(t->cur, t->detail.pid) : NULL;
	memset(&t->before, 0, sizeof(t->before));
	if (p)
		t->before = (struct detail_before){ p->pid, p->start_time, p->vol_ctxt, p->nonvol_ctxt,
						    t->cur->taken_ms };
}

/* Take a new snapshot from the current one (idle processes are carried over from it, with a
 * full rescan every tenth refresh), then free the old one: between refreshes one snapshot is
 * held, and during one, two. */
static int take_snapshot(struct tui *t)
{
	struct snapshot *next = t->cur == &t->snaps[0] ? &t->snaps[1] : &t->snaps[0];
	struct collect_opts co = { .prev = t->cur, .refresh_loop = true,
				   .full_rescan = t->refreshes++ % 10 == 0 };
	pid_t detail_pid = t->detail.pid;
	if (detail_shown(t)) {
		co.detail_pids = &detail_pid;
		co.n_detail = 1;
	}
	snapshot_init(next);
	int rc = snapshot_take(next, &co);
	if (rc < 0) {
		snapshot_free(next);
		return rc;
	}
	remember_detail(t);
	struct snapshot *old = t->cur;
	t->cur = next;
	free(t->cpu);
	t->cpu = xcalloc(next->n_procs ? next->n_procs : 1, sizeof(double));
	cpu_compute(old, t->cur, t->cpu);
#ifdef HAVE_GRAPH_VIEW
	graph_view_update(t->graph, t->cur);
#endif
	list_rebuild(t);
	if (old) {
		snapshot_free(old);
		malloc_trim(0);   /* give the old snapshot's pages back: a monitor's RSS stays flat */
	}
	return 0;
}

/* Give *w the geometry (h, wd, y, x), creating it anew when it changed. */
static void place(WINDOW **w, int h, int wd, int y, int x)
{
	int cy = -1, cx = -1, ch = -1, cw = -1;
	if (*w) {
		getbegyx(*w, cy, cx);
		getmaxyx(*w, ch, cw);
	}
	if (*w && cy == y && cx == x && ch == h && cw == wd)
		return;
	if (*w)
		delwin(*w);
	*w = newwin(h, wd, y, x);
	if (*w) {
		keypad(*w, TRUE);
		leaveok(*w, TRUE);
	}
}

static void draw_too_small(struct tui *t)
{
	place(&t->bar, LINES > 0 ? LINES : 1, COLS > 0 ? COLS : 1, 0, 0);
	if (!t->bar)
		return;
	werase(t->bar);
	ui_printf(t->bar, 0, 0, COLS, ui_attr(UI_WARN), "terminal too small (%dx%d, need %dx%d)",
		  COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	wnoutrefresh(t->bar);
}

static void draw_body(struct tui *t)
{
	werase(t->body);
	switch (tui_screen(t)) {
	case SCR_LIST:   list_draw(t, t->body); break;
	case SCR_DETAIL: detail_draw(t, t->body); break;
	case SCR_HELP:   help_draw(t, t->body); break;
	case SCR_SETUP:  setup_draw(t, t->body); break;
	case SCR_GRAPH:
#ifdef HAVE_GRAPH_VIEW
		graph_view_draw(t->graph, t->body, t->cur);
#endif
		break;
	}
	wnoutrefresh(t->body);
}

static void draw_frame(struct tui *t)
{
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
		if (t->hdr) { delwin(t->hdr); t->hdr = NULL; }
		if (t->body) { delwin(t->body); t->body = NULL; }
		draw_too_small(t);
		doupdate();
		return;
	}
	int hh = tui_screen(t) == SCR_LIST ? header_height(t) : 0;
	if (hh > 0) {
		place(&t->hdr, hh, COLS, 0, 0);
		werase(t->hdr);
		header_draw(t, t->hdr);
		wnoutrefresh(t->hdr);
	}
	place(&t->body, LINES - hh - 1, COLS, hh, 0);
	place(&t->bar, 1, COLS, LINES - 1, 0);
	draw_body(t);
	werase(t->bar);
	if (tui_screen(t) == SCR_LIST && t->list.input != IN_NONE)
		list_input_draw(t, t->bar);
	else
		fkeys_draw(t, t->bar);
	wnoutrefresh(t->bar);
	popup_draw(t);
	doupdate();
}

static void on_mouse(struct tui *t)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return;
	if (ev.bstate & BUTTON1_RELEASED)
		return;
	if (t->popup.kind != POP_NONE)
		return;
	if (ev.y == LINES - 1) {
		int key = fkeys_hit(t, ev.x);
		if (key) {
			ungetch(key);
		}
		return;
	}
	int by = 0, bx = 0;
	if (t->body)
		getbegyx(t->body, by, bx);
	if (tui_screen(t) == SCR_LIST)
		list_click(t, ev.y - by, ev.x - bx);
	else if (tui_screen(t) == SCR_DETAIL)
		detail_click(t, ev.y - by, ev.x - bx);
#ifdef HAVE_GRAPH_VIEW
	else if (tui_screen(t) == SCR_GRAPH) {
		pid_t pid = 0;
		ungetmouse(&ev);   /* the graph reads the event itself */
		if (graph_view_key(t->graph, KEY_MOUSE, &pid) == GRAPH_OPEN_PID)
			tui_open_detail(t, pid);
	}
#endif
}

#ifdef HAVE_GRAPH_VIEW
static void graph_key(struct tui *t, int key)
{
	pid_t pid = 0;
	enum graph_action a = graph_view_key(t->graph, key, &pid);
	if (a == GRAPH_OPEN_PID)
		tui_open_detail(t, pid);
	else if (a == GRAPH_CLOSE || (a == GRAPH_NONE && key == 27))
		tui_pop(t);
}
#endif

static void dispatch(struct tui *t, int key)
{
	if (key == KEY_RESIZE)
		return;
	if (key == KEY_MOUSE) {
		on_mouse(t);
		return;
	}
	if (popup_key(t, key))
		return;
	bool typing = tui_screen(t) == SCR_LIST && t->list.input != IN_NONE;
	if (!typing && (key == KEY_F(10) || key == 'q')) {
		t->quit = true;
		return;
	}
	if (!typing && key == KEY_F(1) && tui_screen(t) != SCR_HELP) {
		t->help_top = 0;
		tui_push(t, SCR_HELP);
		return;
	}
	switch (tui_screen(t)) {
	case SCR_LIST:   list_key(t, key); break;
	case SCR_DETAIL: detail_key(t, key); break;
	case SCR_HELP:   help_key(t, key); break;
	case SCR_SETUP:  setup_key(t, key); break;
	case SCR_GRAPH:
#ifdef HAVE_GRAPH_VIEW
		graph_key(t, key);
#else
		tui_pop(t);
#endif
		break;
	}
}

static void apply_options(struct tui *t, const struct ipctop_opts *o)
{
	settings_default(&t->set);
	t->rc_path = settings_path();
	if (t->rc_path)
		settings_load(t->rc_path, geteuid(), &t->set, &t->warn);
	if (o->delay_tenths > 0 && o->delay_tenths != DEFAULT_DELAY_TENTHS)
		t->set.delay_tenths = o->delay_tenths;
	if (t->set.delay_tenths < SETTINGS_DELAY_MIN)
		t->set.delay_tenths = SETTINGS_DELAY_MIN;
	if (o->user)
		t->list.user = xstrdup(o->user);
	t->list.col_cursor = t->set.sort_col;
}

static void curses_start(const struct tui *t)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	struct ui_config uc = { t->opts->ascii, !t->opts->no_color && !getenv("NO_COLOR") };
	ui_init(&uc);
	wnoutrefresh(stdscr);   /* stdscr stays untouched from now on: we draw in windows */
}

static void run_loop(struct tui *t)
{
	uint64_t next = 0;
	while (!t->quit) {
		uint64_t now = now_ms();
		if (t->refresh_now || now >= next) {
			int rc = take_snapshot(t);
			if (rc < 0)
				tui_status(t, "snapshot failed: %s", strerror(-rc));
			t->refresh_now = false;
			now = now_ms();
			next = now + (uint64_t)t->set.delay_tenths * 100;
		}
		draw_frame(t);
		WINDOW *in = t->bar ? t->bar : stdscr;
		wtimeout(in, (int)(next > now ? next - now : 0));
		int key = wgetch(in);
		if (key != ERR)
			dispatch(t, key);
	}
}

static void tui_free(struct tui *t)
{
	if (t->hdr) delwin(t->hdr);
	if (t->body) delwin(t->body);
	if (t->bar) delwin(t->bar);
	if (t->cur) snapshot_free(t->cur);
	free(t->cpu);
	free(t->rc_path);
	free(t->list.user);
	list_free(&t->list);
	dlines_clear(&t->detail.lines);
	free(t->detail.lines.v);
	popup_clear(&t->popup);
	sb_free(&t->popup.text);
	sb_free(&t->warn);
#ifdef HAVE_GRAPH_VIEW
	graph_view_free(t->graph);
#endif
}

int tui_run(const struct ipctop_opts *o)
{
	struct tui t = { .opts = o };
	if (!isatty(STDOUT_FILENO)) {
		fputs("ipctop: stdout is not a terminal; use --json or --dot for a snapshot\n", stderr);
		return 1;
	}
	char why[256];
	if (term_check(why, sizeof(why)) < 0) {
		fprintf(stderr, "%s\n", why);
		return 1;
	}
	setlocale(LC_ALL, "");
	apply_options(&t, o);
	t.stack[t.depth++] = SCR_LIST;
#ifdef HAVE_GRAPH_VIEW
	t.graph = graph_view_new();
#endif
	int rc = take_snapshot(&t);
	if (rc < 0) {
		fprintf(stderr, "ipctop: cannot read /proc: %s\n", strerror(-rc));
		tui_free(&t);
		return 1;
	}
	if (t.warn.len)
		tui_status(&t, "%.*s", (int)strcspn(sb_str(&t.warn), "\n"), sb_str(&t.warn));
	curses_start(&t);
	run_loop(&t);
	endwin();
	if (t.rc_path && settings_save(t.rc_path, &t.set) < 0)
		fprintf(stderr, "ipctop: could not save settings to %s\n", t.rc_path);
	tui_free(&t);
	return 0;
}
