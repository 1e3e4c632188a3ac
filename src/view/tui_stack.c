/* tui_stack.c — the stack of screens (open, close after the event) and the dispatch of an
 * input event to the screen on top: keys through the key table, pastes as they are, mouse
 * reports by where they fall (the key bar presses its key). */
#include <string.h>

#include "model/services.h"
#include "view/help_text.h"
#include "view/tui_int.h"

void *view_open(struct view_ctx *v, const char *name, const void *arg)
{
	struct view_stack *k = v->stack;
	const struct screen_ops *ops = screen_find(name);
	if (!ops || k->n >= TUI_STACK_MAX)
		return NULL;
	void *st = ops->enter(v, arg);
	if (!st)
		return NULL;
	k->s[k->n++] = (struct screen_slot){ ops, st, false };
	return st;
}

void view_close(struct view_ctx *v, void *st)
{
	struct view_stack *k = v->stack;
	for (int i = 0; i < k->n; i++)
		if (k->s[i].st == st && i > 0)    /* the bottom screen (the list) stays */
			k->s[i].closing = true;
}

void view_explain(struct view_ctx *v, const char *help_key)
{
	const struct help_entry *e = help_lookup(help_key);
	static const struct help_entry none = { "", "?", "No explanation for this field." };
	view_open(v, "text", e ? e : &none);
}

void tui_close_marked(struct tui *t)
{
	struct view_stack *k = &t->stack;
	int kept = 0;
	for (int i = 0; i < k->n; i++) {
		if (k->s[i].closing)
			k->s[i].ops->leave(k->s[i].st, &t->v);
		else
			k->s[kept++] = k->s[i];
	}
	k->n = kept;
}

static struct screen_slot *top(struct tui *t)
{
	return &t->stack.s[t->stack.n - 1];
}

static void global_key(struct tui *t, enum action a)
{
	if (a == ACT_QUIT)
		t->v.quit = true;
	else if (a == ACT_HELP && strcmp(top(t)->ops->name, "help") != 0)
		view_open(&t->v, "help", NULL);
	else if (a == ACT_SERVICE_NAMES) {
		t->v.set.service_names = !t->v.set.service_names;
		services_set_shown(t->v.set.service_names);
		view_status(&t->v, "%s", t->v.set.service_names ? "ports with their service names (N: numbers only)"
		                                                : "ports by number only (N: with service names)");
	}
}

static void key_event(struct tui *t, const struct key_event *ev)
{
	struct screen_slot *s = top(t);
	enum action a = ev->type == KEV_KEY ? keymap_action(screen_keys(s->ops), ev->key, ev->mods) : ACT_NONE;
	t->v.batch = ev->batch;
	if (ev->type == KEV_KEY)
		t->v.status[0] = '\0';     /* news last until the next key */
	if (s->ops->key(s->st, &t->v, ev, a))
		return;
	if (ev->type == KEV_KEY)
		global_key(t, a);
}

/* A click on the key bar presses the key drawn there (a key pressed on purpose). */
static void bar_click(struct tui *t, const struct key_event *ev)
{
	for (size_t i = 0; i < t->n_hits; i++)
		if (ev->x >= t->hits[i].x0 && ev->x < t->hits[i].x1) {
			struct key_event k = { .type = KEV_KEY, .key = t->hits[i].key, .batch = ev->batch };
			key_event(t, &k);
			return;
		}
}

static void mouse_event(struct tui *t, const struct key_event *ev)
{
	struct screen_slot *s = top(t);
	bool press = ev->mouse == MOUSE_PRESS && ev->button == 1;
	if (press && ev->y == LINES - 1 && !(s->ops->flags & SCREEN_OVERLAY)) {
		bar_click(t, ev);
		return;
	}
	if (s->ops->mouse && (press || ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)) {
		t->v.batch = ev->batch;
		int dy = (s->ops->flags & SCREEN_OVERLAY) ? 0 : t->body_y;   /* dialogs: whole screen */
		s->ops->mouse(s->st, &t->v, ev, ev->y - dy, ev->x);
	}
}

void tui_dispatch(struct tui *t, const struct key_event *ev)
{
	if (t->stack.n == 0)
		return;
	if (tui_lesson_key(t, ev) || tui_replay_key(t, ev) || tui_record_key(t, ev))
		return;
	switch (ev->type) {
	case KEV_KEY:
	case KEV_PASTE:   key_event(t, ev); break;     /* a paste is text for a prompt, never keys */
	case KEV_MOUSE:   mouse_event(t, ev); break;
	case KEV_UNKNOWN: break;                       /* an unknown sequence is dropped whole */
	}
}
