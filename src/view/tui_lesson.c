/* tui_lesson.c — a lesson in the TUI: n and p move between its steps (unless a dialog or a
 * prompt takes the keys), each step shows its banner above the screens and opens its screen
 * on its process; the banner is wrapped to the width, whole. */
#include <string.h>

#include "view/tui_int.h"
#include "view/ui.h"

#define BANNER_MAX_LINES 6

bool tui_lesson(const struct tui *t)
{
	return t->hooks && t->hooks->step;
}

static const struct proc_info *focus_proc(const struct tui *t)
{
	return t->step.focus > 0 && t->cur ? snapshot_find_proc(t->cur, t->step.focus) : NULL;
}

/* The step's screen over the list (the bottom screen stays), on its process. */
static void open_step_screen(struct tui *t)
{
	const struct proc_info *p = focus_proc(t);
	t->step_pending = false;
	if (p)
		view_select(&t->v, p);
	if (!t->step.screen || strcmp(t->step.screen, "list") == 0)
		return;
	if (strcmp(t->step.screen, "detail") == 0 && !p) {
		t->step_pending = true;   /* not read yet: opened after the next snapshot */
		t->v.refresh_now = true;
		return;
	}
	view_open(&t->v, t->step.screen, t->step.tab);
}

static void apply_step(struct tui *t)
{
	for (int i = 1; i < t->stack.n; i++)
		t->stack.s[i].closing = true;
	tui_close_marked(t);
	t->v.set.tree = t->step.tree;
	t->v.set.visible[COL_EXE] = t->step.exe;
	t->v.refresh_now = true;   /* the lesson's processes changed: read them now */
	if (t->step.note)
		view_status(&t->v, "%s", t->step.note);
	open_step_screen(t);
	t->dirty = true;
}

void tui_lesson_begin(struct tui *t)
{
	if (tui_lesson(t) && t->hooks->step(t->hooks->arg, 0, &t->step))
		apply_step(t);
}

bool tui_lesson_key(struct tui *t, const struct key_event *ev)
{
	if (!tui_lesson(t) || ev->type != KEV_KEY || ev->mods || (ev->key != 'n' && ev->key != 'p'))
		return false;
	struct screen_slot *top = &t->stack.s[t->stack.n - 1];
	if ((top->ops->flags & SCREEN_OVERLAY) || (top->ops->typing && top->ops->typing(top->st)))
		return false;
	t->v.status[0] = '\0';
	if (t->hooks->step(t->hooks->arg, ev->key == 'n' ? 1 : -1, &t->step))
		apply_step(t);
	else
		view_status(&t->v, "%s", ev->key == 'n' ? "the last step of this lesson: q quits"
							: "the first step of this lesson");
	return true;
}

void tui_lesson_snapshot(struct tui *t)
{
	if (tui_lesson(t) && t->step_pending && focus_proc(t))
		open_step_screen(t);
}

/* Lay the banner's words out in lines of at most cols cells: the start and length of each
 * (at most max); returns how many. A word longer than a line is cut. */
static int wrap(const char *s, int cols, const char **start, int *len, int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		const char *end = s, *cut = NULL;
		while (*end && end - s <= cols) {
			if (*end == ' ')
				cut = end;
			end++;
		}
		if (!*end && end - s <= cols)
			cut = end;
		if (!cut)
			cut = s + cols;
		if (cut == s)
			break;
		start[n] = s;
		len[n++] = (int)(cut - s);
		s = cut;
	}
	return n;
}

int tui_banner_height(const struct tui *t, int cols)
{
	const char *st[BANNER_MAX_LINES];
	int len[BANNER_MAX_LINES];
	if (!tui_lesson(t) || !t->step.banner)
		return 0;
	return 1 + wrap(t->step.banner, cols - 1, st, len, BANNER_MAX_LINES);
}

void tui_banner_draw(const struct tui *t, WINDOW *w)
{
	const char *st[BANNER_MAX_LINES];
	int len[BANNER_MAX_LINES], cols = getmaxx(w);
	int n = wrap(t->step.banner, cols - 1, st, len, BANNER_MAX_LINES);
	ui_fill(w, 0, 0, cols, ui_attr(UI_TITLE));
	ui_put_str(w, 0, 0, t->step.title, cols, ui_attr(UI_TITLE));
	for (int i = 0; i < n; i++) {
		char line[512];
		int l = len[i] < (int)sizeof(line) - 1 ? len[i] : (int)sizeof(line) - 1;
		memcpy(line, st[i], (size_t)l);
		line[l] = '\0';
		ui_fill(w, 1 + i, 0, cols, ui_attr(UI_HEADER));
		ui_put_str(w, 1 + i, 0, line, cols, ui_attr(UI_HEADER));
	}
}
