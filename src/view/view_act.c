/* view_act.c — the "signal" and "nice" dialogs (see view_act.h). */
#include "view/view_act.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/dialog.h"

struct act_screen {
	struct menu m;
	struct act_request req;
	bool is_nice;
};

static struct act_screen *act_new(struct view_ctx *v, const struct act_request *r, const char *title)
{
	struct act_screen *s = xcalloc(1, sizeof(*s));
	s->req = *r;
	s->req.who = NULL;
	menu_init(&s->m, title, v->batch);
	return s;
}

static void act_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct act_screen *s = st;
	for (size_t i = 0; i < s->req.n_targets; i++)
		target_release(&s->req.targets[i]);
	free(s->req.targets);
	menu_free(&s->m);
	free(s);
}

static void act_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	(void)v; (void)w;
	menu_draw(&((struct act_screen *)st)->m);
}

/* ---- signal ---- */

static void *signal_enter(struct view_ctx *v, const void *arg)
{
	static const struct { int sig; const char *name; } sigs[] = {
		{ SIGTERM, "15 TERM (ask to exit)" }, { SIGKILL, " 9 KILL (force)" },
		{ SIGHUP, " 1 HUP" }, { SIGINT, " 2 INT" }, { SIGSTOP, "19 STOP" },
		{ SIGCONT, "18 CONT" }, { SIGUSR1, "10 USR1" }, { SIGUSR2, "12 USR2" },
	};
	const struct act_request *r = arg;
	if (v->opts->readonly || !r->n_targets)
		return NULL;
	char title[128];
	snprintf(title, sizeof title, "Send signal to %s", r->who);
	struct act_screen *s = act_new(v, r, title);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		menu_add(&s->m, sigs[i].name, NULL, sigs[i].sig);
	return s;
}

static void send_signal(struct act_screen *s, struct view_ctx *v, int sig)
{
	size_t sent = 0, gone = 0, n = s->req.n_targets;
	int err = 0;
	pid_t last_gone = 0;
	for (size_t i = 0; i < n; i++) {
		int r = target_signal(&s->req.targets[i], sig);
		if (r == 0)
			sent++;
		else if (r == -ESRCH) {
			gone++;
			last_gone = s->req.targets[i].pid;
		} else
			err = -r;
	}
	if (n == 1 && gone)
		view_status(v, "PID %d has ended: signal %d not sent", (int)last_gone, sig);
	else if (err)
		view_status(v, "signal %d: sent to %zu of %zu; %s", sig, sent, n, strerror(err));
	else if (gone)
		view_status(v, "signal %d sent to %zu; %zu had ended", sig, sent, gone);
	else
		view_status(v, "signal %d sent to %zu process%s", sig, sent, sent == 1 ? "" : "es");
	if (s->req.done)
		s->req.done(s->req.ctx);
	v->refresh_now = true;
}

/* ---- nice ---- */

static void *nice_enter(struct view_ctx *v, const void *arg)
{
	const struct act_request *r = arg;
	if (v->opts->readonly || r->n_targets != 1)
		return NULL;
	char title[128], label[48];
	snprintf(title, sizeof title, "Nice of %s (now %d)", r->who, r->nice_now);
	struct act_screen *s = act_new(v, r, title);
	s->is_nice = true;
	int first = r->nice_now + r->step;
	if (first >= -20 && first <= 19) {
		snprintf(label, sizeof label, "%3d  (%s)", first, r->step > 0 ? "nicer: less CPU" : "less nice: more CPU");
		menu_add(&s->m, label, NULL, first);
	}
	static const int presets[] = { 0, 5, 10, 19, -5, -10, -20 };
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
		if (presets[i] != first && presets[i] != r->nice_now) {
			snprintf(label, sizeof label, "%3d", presets[i]);
			menu_add(&s->m, label, NULL, presets[i]);
		}
	return s;
}

static void set_nice(struct act_screen *s, struct view_ctx *v, int value)
{
	const struct proc_target *t = &s->req.targets[0];
	int r = target_renice(t, value);
	if (r == 0)
		view_status(v, "PID %d: nice %d", (int)t->pid, value);
	else if (r == -ESRCH)
		view_status(v, "PID %d has ended: nice not changed", (int)t->pid);
	else
		view_status(v, "PID %d: nice %d refused: %s", (int)t->pid, value, strerror(-r));
	if (s->req.done)
		s->req.done(s->req.ctx);
	v->refresh_now = true;
}

/* ---- both ---- */

static void choose(struct act_screen *s, struct view_ctx *v)
{
	int code = s->m.items[s->m.sel].code;
	if (s->is_nice)
		set_nice(s, v, code);
	else
		send_signal(s, v, code);
	view_close(v, s);
}

static bool act_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct act_screen *s = st;
	if (ev->type != KEV_KEY)
		return true;          /* a paste never confirms */
	if (a == ACT_HELP)
		return false;         /* the help opens over the menu; Esc comes back to it */
	if (a == ACT_BACK)
		view_close(v, s);
	else if (menu_act(&s->m, ev, a))
		choose(s, v);
	return true;
}

static void act_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	struct act_screen *s = st;
	if (menu_mouse(&s->m, ev, y, x))
		choose(s, v);
}

const struct screen_ops screen_signal = {
	.name = "signal", .keys = "menu", .flags = SCREEN_OVERLAY, .enter = signal_enter, .leave = act_leave,
	.draw = act_draw, .key = act_key, .mouse = act_mouse,
};

const struct screen_ops screen_nice = {
	.name = "nice", .keys = "menu", .flags = SCREEN_OVERLAY, .enter = nice_enter, .leave = act_leave,
	.draw = act_draw, .key = act_key, .mouse = act_mouse,
};
