/* tui.c — the interactive ipctop: the loop (input, signals and snapshots polled together, so
 * that a key never waits for /proc), the stack of screens, and dispatch of keys, pastes and
 * mouse reports to the screen on top. It knows no screen's insides (see view.h). */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "model/meter_calc.h"
#include "model/services.h"
#include "source/source.h"
#include "util/xalloc.h"
#include "view/proc_cpu.h"
#include "view/term_check.h"
#include "view/tui.h"
#include "view/tui_int.h"
#include "view/tui_term.h"
#include "view/ui.h"

#define DEFAULT_DELAY_TENTHS 15
#define ESC_DELAY_MS 25          /* a lone ESC is the Esc key after this long without bytes */
#define PASTE_IDLE_MS 1000       /* a paste whose end never comes is ended after this long */

void view_status(struct view_ctx *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->status, sizeof v->status, fmt, ap);
	va_end(ap);
}

void view_select(struct view_ctx *v, const struct proc_info *p)
{
	v->sel_pid = p ? p->pid : 0;
	v->sel_start = p ? p->start_time : 0;
	v->sel_host = p ? p->host : NULL;
}

/* ---- snapshots ---- */

/* /proc/PID/io is read only while a column shows its rates or the list is sorted by one. */
static bool wants_io(const struct settings *set)
{
	return set->visible[COL_IO_R] || set->visible[COL_IO_W] || set->sort_col == COL_IO_R ||
	       set->sort_col == COL_IO_W;
}

static struct source_wants wants_now(const struct tui *t)
{
	struct source_wants w = { .delay_tenths = t->v.set.delay_tenths,
				  .no_cpu_stat = !meters_need_cpu_stat(&t->v.set.meters),
				  .exe = t->v.set.visible[COL_EXE],
				  .threads = t->v.set.threads, .io = wants_io(&t->v.set),
				  .thread_waits = t->v.set.threads && t->v.set.visible[COL_WAIT],
				  .service = t->v.set.visible[COL_SERVICE] || t->v.set.sort_col == COL_SERVICE };
	for (int i = t->stack.n - 1; i >= 0 && !w.detail_pid; i--)
		if (t->stack.s[i].ops->detail_pid) {
			w.detail_pid = t->stack.s[i].ops->detail_pid(t->stack.s[i].st);
			if (t->stack.s[i].ops->compare_pid)
				w.compare_pid = t->stack.s[i].ops->compare_pid(t->stack.s[i].st);
		}
	for (int i = 0; i < t->stack.n && !w.service; i++)   /* the graph grouped by service */
		w.service = t->stack.s[i].ops->wants_cgroup && t->stack.s[i].ops->wants_cgroup(t->stack.s[i].st);
	return w;
}

/* Tell the source what the screens want; at once when a new process needs its detail. */
static void update_wants(struct tui *t)
{
	struct source_wants w = wants_now(t);
	bool now = t->v.refresh_now || (w.detail_pid && w.detail_pid != t->wants.detail_pid);
	now = now || w.exe != t->wants.exe ||   /* shown: fill it */
	      w.threads != t->wants.threads || w.io != t->wants.io || w.thread_waits != t->wants.thread_waits ||
	      w.service != t->wants.service;
	now = now || (w.compare_pid && w.compare_pid != t->wants.compare_pid);
	if (now || w.detail_pid != t->wants.detail_pid || w.compare_pid != t->wants.compare_pid ||
	    w.delay_tenths != t->wants.delay_tenths ||
	    w.no_cpu_stat != t->wants.no_cpu_stat)
		source_want(&t->src, &w, now);
	t->wants = w;
	t->v.refresh_now = false;
}

/* The figures between old (NULL: none yet) and s that screens read through t->v: CPU% and
 * context switches per process, CPU use per CPU, CPU% per thread, traffic per process. */
static void compute_rates(struct tui *t, const struct snapshot *old, const struct snapshot *s)
{
	size_t n = s->n_procs ? s->n_procs : 1;
	free(t->cpu);
	t->cpu = xcalloc(3 * n, sizeof(double));   /* CPU%, then voluntary and involuntary switches/s */
	cpu_compute(old, s, t->cpu);
	csw_compute(old, s, t->cpu + n, t->cpu + 2 * n);
	t->v.cpu = t->cpu;
	t->v.vcsw = t->cpu + n;
	t->v.icsw = t->cpu + 2 * n;
	free(t->cpu_use);
	t->cpu_use = cpu_usage_between(old ? &old->sys : NULL, &s->sys, &t->v.n_cpu_use);
	t->v.cpu_use = t->cpu_use;
	free(t->tcpu);
	t->tcpu = xcalloc(s->n_threads ? s->n_threads : 1, sizeof(double));
	thread_cpu_compute(old, s, t->tcpu);
	t->v.tcpu = t->tcpu;
	free(t->traffic);
	t->traffic = xcalloc(n, sizeof(*t->traffic));
	proc_traffic_compute(s, t->traffic);
	t->v.traffic = t->traffic;
}

/* The snapshot rates are computed against: a replay's sample before (whichever was shown
 * before it), else the one shown before. */
static const struct snapshot *rate_base(struct tui *t, const struct snapshot *old)
{
	struct source_timeline tl;
	size_t m = 0;
	t->v.before = source_before(&t->src);
	t->v.mark = source_marked(&t->src, &m);
	if (source_timeline(&t->src, &tl))
		t->v.mark_step = (int)((long)m - (long)tl.at);
	return source_timeline(&t->src, &tl) ? t->v.before : old;
}

void tui_new_snapshot(struct tui *t, struct snapshot *s)
{
	struct snapshot *old = t->cur;
	if (t->hooks && t->hooks->scope)
		t->hooks->scope(t->hooks->arg, s);
	t->cur = s;
	t->v.cur = s;
	compute_rates(t, rate_base(t, old), s);
	tui_record_snapshot(t, s);
	for (int i = 0; i < t->stack.n; i++)
		if (t->stack.s[i].ops->snapshot)
			t->stack.s[i].ops->snapshot(t->stack.s[i].st, &t->v, old);
	source_release(&t->src, old);
	tui_lesson_snapshot(t);
	t->dirty = true;
}

/* ---- events ---- */

static void call_reap(struct tui *t)
{
	char msg[256] = "";
	if (t->hooks && t->hooks->reap && t->hooks->reap(t->hooks->arg, msg, sizeof msg) > 0 && msg[0]) {
		view_status(&t->v, "%s", msg);
		t->v.refresh_now = true;
	}
}

static void on_signals(struct tui *t, unsigned ev)
{
	if (ev & TE_QUIT)
		t->v.quit = true;
	if (ev & TE_SUSPEND)
		term_suspend();
	if (ev & (TE_RESIZE | TE_CONTINUE | TE_SUSPEND))
		term_resize();
	if (ev & TE_CHILD)
		call_reap(t);
	t->dirty = true;
}

/* Input, signals and the source, whichever comes first; false when the terminal is gone. */
static bool wait_events(struct tui *t)
{
	struct pollfd p[4] = {
		{ .fd = term_input_fd(), .events = POLLIN },
		{ .fd = term_signal_fd(), .events = POLLIN },
		{ .fd = source_fd(&t->src), .events = POLLIN },
		{ .fd = t->hooks && t->hooks->reap_fd > 0 ? t->hooks->reap_fd : -1, .events = POLLIN },
	};
	enum ti_pending pend = ti_pending(&t->in);
	bool cont = pend == TI_IDLE && ti_cont_open(&t->in);   /* a flushed ESC's rest may come */
	int timeout = pend == TI_ESCAPE || cont ? ESC_DELAY_MS : pend == TI_PASTE ? PASTE_IDLE_MS : -1;
	int play = tui_play_timeout(t);      /* a replay playing: its next step */
	bool keys_wait = timeout >= 0;
	if (play >= 0 && (timeout < 0 || play < timeout))
		timeout = play;
	int r = poll(p, 4, timeout);
	if (r < 0)
		return errno == EINTR;
	tui_play_tick(t);
	if (r == 0) {
		if (!keys_wait || (play >= 0 && play < (pend == TI_PASTE ? PASTE_IDLE_MS : ESC_DELAY_MS)))
			return true;             /* the play step's time, not the keys' */
		if (cont)
			ti_cont_end(&t->in);     /* none came: the next bytes are keys of their own */
		else
			ti_flush(&t->in);
		return true;
	}
	if (p[1].revents & POLLIN)
		on_signals(t, term_signals());
	if (p[3].revents & POLLIN)
		call_reap(t);
	if (p[2].revents & POLLIN) {
		struct snapshot *s = source_take(&t->src);
		if (s)
			tui_new_snapshot(t, s);
	}
	if (p[0].revents & POLLIN)
		return term_read(&t->in) >= 0;
	return !(p[0].revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void handle_input(struct tui *t)
{
	struct key_event ev;
	while (!t->v.quit && ti_next(&t->in, &ev)) {
		tui_dispatch(t, &ev);
		tui_replay_step(t);
		tui_close_marked(t);
		t->dirty = true;
	}
}

static void run_loop(struct tui *t)
{
	while (!t->v.quit) {
		update_wants(t);
		if (t->dirty) {
			tui_draw(t);
			t->dirty = false;
		}
		if (!wait_events(t)) {
			t->v.quit = true;        /* the terminal has gone: nobody to show anything to */
			break;
		}
		handle_input(t);
	}
}

/* ---- set-up ---- */

static void apply_options(struct tui *t, const struct ipctop_opts *o)
{
	settings_default(&t->v.set);
	t->rc_path = settings_path();
	if (t->rc_path)
		settings_load(t->rc_path, geteuid(), &t->v.set, &t->warn);
	if (o->delay_tenths > 0 && o->delay_tenths != DEFAULT_DELAY_TENTHS)
		t->v.set.delay_tenths = o->delay_tenths;
	if (t->v.set.delay_tenths < SETTINGS_DELAY_MIN)
		t->v.set.delay_tenths = SETTINGS_DELAY_MIN;
	if (o->services)
		t->v.set.service_names = true;
	if (o->theme > 0)
		t->v.set.theme = (enum ui_theme)(o->theme - 1);   /* and saved with the settings */
	services_set_shown(t->v.set.service_names);
	if (o->merge && !t->v.set.visible[COL_HOST])    /* pids repeat across hosts */
		t->v.set.visible[COL_HOST] = t->host_col_added = true;
}

/* A lesson saves none of its settings (its tree view, its columns), but a --theme given to it
 * is kept: the file as it was, with only the theme changed. */
static void save_lesson_theme(const struct tui *t, const struct ipctop_opts *o)
{
	struct settings s;
	struct strbuf warn = STRBUF_INIT;
	settings_default(&s);
	if (settings_load(t->rc_path, geteuid(), &s, &warn) == 0) {   /* else: left as it is */
		s.theme = (enum ui_theme)(o->theme - 1);
		if (settings_save(t->rc_path, &s) < 0)
			fprintf(stderr, "ipctop: could not save settings to %s\n", t->rc_path);
	}
	sb_free(&warn);
}

/* The screens (and what they hold: processes, windows) end while curses is still up. */
static void screens_end(struct tui *t)
{
	while (t->stack.n > 0) {
		struct screen_slot *sl = &t->stack.s[--t->stack.n];
		sl->ops->leave(sl->st, &t->v);
	}
	tui_windows_free(t);
}

static void tui_free(struct tui *t)
{
	tui_record_stop(t);
	if (t->src.ops)
		source_stop(&t->src);
	if (t->cur) {
		snapshot_free(t->cur);
		free(t->cur);
	}
	ti_free(&t->in);
	free(t->cpu);
	free(t->cpu_use);
	free(t->tcpu);
	free(t->traffic);
	free(t->rc_path);
	sb_free(&t->warn);
}

static int first_snapshot(struct tui *t)
{
	struct source_wants w = wants_now(t);
	struct snapshot *s = NULL;
	int rc = source_start(&t->src, &w, &s);
	if (rc < 0 && !s) {
		fprintf(stderr, "ipctop: cannot read /proc: %s\n", strerror(-rc));
		return -1;
	}
	t->wants = w;
	if (s && t->hooks && t->hooks->scope)
		t->hooks->scope(t->hooks->arg, s);
	t->cur = s;
	t->v.cur = s;
	compute_rates(t, rate_base(t, NULL), s);   /* live: no earlier snapshot, all zero */
	return 0;
}

int tui_run(const struct ipctop_opts *o, const struct tui_hooks *hooks)
{
	struct tui t = { .hooks = hooks };
	t.v.opts = o;
	t.v.stack = &t.stack;
	ti_init(&t.in);
	if (hooks && hooks->fixed)   /* from here on tui_free frees it, whatever happens */
		source_fixed_init(&t.src, hooks->fixed);
	else if (hooks && hooks->src)
		t.src = *hooks->src;
	else
		source_live_init(&t.src);
	if (!isatty(STDOUT_FILENO)) {
		fputs("ipctop: stdout is not a terminal; use --json or --dot for a snapshot\n", stderr);
		tui_free(&t);
		return 1;
	}
	char why[256];
	if (term_check(why, sizeof(why)) < 0) {
		fprintf(stderr, "%s\n", why);
		tui_free(&t);
		return 1;
	}
	setlocale(LC_ALL, "");
	apply_options(&t, o);
	if (first_snapshot(&t) < 0) {
		tui_free(&t);
		return 1;
	}
	if (t.warn.len)
		view_status(&t.v, "%.*s", (int)strcspn(sb_str(&t.warn), "\n"), sb_str(&t.warn));
	struct term_opts to = { o->ascii, !o->no_color && !getenv("NO_COLOR"), t.v.set.theme };
	if (term_start(&to, &t.in) < 0) {
		tui_free(&t);
		return 1;
	}
	on_signals(&t, TE_CHILD);     /* children that ended before SIGCHLD was caught */
	int status = 0;
	if (view_open(&t.v, "list", NULL)) {
		tui_lesson_begin(&t);
		t.dirty = true;
		run_loop(&t);
	} else {
		status = 1;
	}
	screens_end(&t);
	term_stop();
	if (t.host_col_added)
		t.v.set.visible[COL_HOST] = false;   /* a live session has no use for it */
	if (status == 0 && t.rc_path && !tui_lesson(&t) && settings_save(t.rc_path, &t.v.set) < 0)
		fprintf(stderr, "ipctop: could not save settings to %s\n", t.rc_path);
	else if (status == 0 && t.rc_path && tui_lesson(&t) && o->theme > 0)
		save_lesson_theme(&t, o);
	tui_free(&t);
	return status;
}
