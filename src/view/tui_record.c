/* tui_record.c — W in the live TUI: a prompt for a file, then every snapshot the session
 * takes appended to it as --record appends (history/history.h); W again, quitting, or an
 * error (a full disk) stops it, said on the status line, and the session goes on. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "history/history.h"
#include "view/prompt_edit.h"
#include "view/tui_int.h"
#include "view/ui.h"

static bool live(const struct tui *t)
{
	return t->src.ops && strcmp(t->src.ops->name, "live") == 0;
}

void tui_record_stop(struct tui *t)
{
	if (!t->rec.w)
		return;
	history_close(t->rec.w);
	t->rec.w = NULL;
}

/* The default file: ipctop-YYYYMMDD-HHMMSS.db in the current directory. */
static void default_path(char *buf, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(buf, n, "ipctop-%Y%m%d-%H%M%S.db", &tm))
		snprintf(buf, n, "ipctop.db");
}

static void start(struct tui *t)
{
	struct strbuf err = STRBUF_INIT;
	if (!t->rec.path[0])
		default_path(t->rec.path, sizeof t->rec.path);
	if (history_create(t->rec.path, &t->rec.w, &err) < 0) {
		view_status(&t->v, "cannot record: %s", sb_str(&err));
		t->rec.w = NULL;
	} else {
		t->rec.samples = 0;
		tui_record_snapshot(t, t->cur);    /* the snapshot shown is the first sample */
		if (t->rec.w)
			view_status(&t->v, "recording to %s (W: stop)", t->rec.path);
	}
	sb_free(&err);
}

void tui_record_snapshot(struct tui *t, const struct snapshot *s)
{
	struct strbuf err = STRBUF_INIT;
	if (!t->rec.w || !s)
		return;
	if (history_append(t->rec.w, s, &err) < 0) {
		tui_record_stop(t);
		view_status(&t->v, "recording stopped after %lu samples: %s", t->rec.samples, sb_str(&err));
	} else {
		t->rec.samples++;
	}
	sb_free(&err);
}

bool tui_record_key(struct tui *t, const struct key_event *ev)
{
	if (t->rec.asking) {
		bool open = true;
		if (prompt_filter_key(t->rec.path, sizeof t->rec.path, &open, ev) && !open) {
			t->rec.asking = false;
			if (ev->key == '\n')
				start(t);
		}
		t->dirty = true;
		return true;
	}
	if (ev->type != KEV_KEY || keymap_action("*", ev->key, ev->mods) != ACT_RECORD)
		return false;
	struct screen_slot *top = &t->stack.s[t->stack.n - 1];
	if ((top->ops->flags & SCREEN_OVERLAY) || (top->ops->typing && top->ops->typing(top->st)))
		return false;
	if (!live(t)) {
		view_status(&t->v, "W records the live machine: not a replay or a merge");
	} else if (t->rec.w) {
		tui_record_stop(t);
		view_status(&t->v, "recording to %s stopped: %lu samples", t->rec.path, t->rec.samples);
	} else {
		t->rec.asking = true;
		t->rec.path[0] = '\0';
	}
	t->dirty = true;
	return true;
}

bool tui_record_draw(struct tui *t, WINDOW *w)
{
	if (t->rec.asking)
		tui_bar_prompt(w, "record to file (Enter: ipctop-DATE-TIME.db here; Esc: cancel): ", t->rec.path);
	return t->rec.asking;
}
