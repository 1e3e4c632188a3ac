/* tui_replay.c — a recording replayed (--replay FILE): the time bar above the screens (the
 * first and last sample's times, a mark where each sample falls, the one shown, its time and
 * number) and the keys that move through the samples, taken before the screen's own unless a
 * dialog or a prompt has the keys; "what changed" opens its screen (view_changes.c), which may
 * ask for a step (view_ctx.replay_step). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "view/tui_int.h"
#include "view/ui.h"

#define MINUTE 60.0

bool tui_replay(struct tui *t)
{
	struct source_timeline tl;
	return source_timeline(&t->src, &tl);
}

int tui_timebar_height(struct tui *t)
{
	return tui_replay(t) || t->rec.asking ? 1 : 0;
}

/* HH:MM:SS of epoch (local time), with its tenths when asked (samples can be that close). */
static void clock_text(double epoch, bool tenths, char *buf, size_t n)
{
	long long ms = llround(epoch * 1000);   /* as the snapshot's taken_ms */
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	size_t len;
	if (!localtime_r(&s, &tm) || !(len = strftime(buf, n, "%H:%M:%S", &tm)))
		snprintf(buf, n, "?");
	else if (tenths)
		snprintf(buf + len, n - len, ".%d", (int)(ms % 1000 / 100));
}

/* The track: '-' for time, '|' where a sample falls, '*' where a busy one does (most changed:
 * source_timeline), '#' for the one shown. */
static void draw_track(WINDOW *w, int x, int width, const struct source_timeline *tl)
{
	double t0 = tl->times[0], span = tl->times[tl->n - 1] - t0;
	ui_fill(w, 0, x, width, ui_attr(UI_DIM));
	for (int i = 0; i < width; i++)
		mvwaddch(w, 0, x + i, '-');
	for (size_t i = 0; i < tl->n; i++) {
		int at = span > 0 ? (int)((tl->times[i] - t0) / span * (width - 1) + 0.5) : 0;
		bool cur = i == tl->at, busy = tl->busy && tl->busy[i];
		chtype was = mvwinch(w, 0, x + at) & A_CHARTEXT;
		if (!cur && (was == '#' || (was == '*' && !busy)))
			continue;    /* a sample next to the shown one, or to a busy one, keeps its mark */
		wattrset(w, cur ? ui_attr(UI_WARN) | (int)A_BOLD : busy ? ui_attr(UI_WARN) : ui_attr(UI_HEADER));
		mvwaddch(w, 0, x + at, cur ? '#' : busy ? '*' : '|');
	}
	wattrset(w, A_NORMAL);
}

void tui_timebar_draw(struct tui *t, WINDOW *w)
{
	struct source_timeline tl;
	if (tui_record_draw(t, w) || !source_timeline(&t->src, &tl) || tl.n == 0 || tui_jump_draw(t, w))
		return;
	char first[16], last[16], now[16], right[112], play[24] = "";
	clock_text(tl.times[0], false, first, sizeof first);
	clock_text(tl.times[tl.n - 1], false, last, sizeof last);
	clock_text(tl.times[tl.at], true, now, sizeof now);
	char mark[32] = "";
	if (t->v.mark)
		snprintf(mark, sizeof mark, "  mark %ld", (long)tl.at + 1 + t->v.mark_step);
	if (t->rp.playing)
		snprintf(play, sizeof play, "  playing %dx", t->rp.speed);
	snprintf(right, sizeof right, "] %s  at %s  sample %zu/%zu%s%s", last, now, tl.at + 1, tl.n, mark, play);
	int cols = getmaxx(w), x = 0;
	ui_fill(w, 0, 0, cols, ui_attr(UI_HEADER));
	x += ui_printf(w, 0, x, cols, ui_attr(UI_HEADER), "replay %s [", first);
	int width = cols - x - ui_str_width(right);
	if (width < 10)    /* too narrow for a track: the time and the number only */
		width = 0;
	if (width > 0)
		draw_track(w, x, width, &tl);
	ui_put_str(w, 0, x + width, width > 0 ? right : right + 2, cols - x - width, ui_attr(UI_HEADER));
}

/* The sample to show for a replay key, from the one shown (at) of tl. */
static size_t target(const struct source_timeline *tl, enum action a)
{
	size_t i = tl->at;
	switch (a) {
	case ACT_SAMPLE_PREV:  return i > 0 ? i - 1 : 0;
	case ACT_SAMPLE_NEXT:  return i + 1 < tl->n ? i + 1 : i;
	case ACT_REPLAY_START: return 0;
	case ACT_REPLAY_END:   return tl->n - 1;
	case ACT_MINUTE_PREV:
		while (i > 0 && (i == tl->at || tl->times[i] > tl->times[tl->at] - MINUTE))
			i--;
		return i;
	case ACT_MINUTE_NEXT:
		while (i + 1 < tl->n && (i == tl->at || tl->times[i + 1] <= tl->times[tl->at] + MINUTE))
			i++;
		return i;
	default:               return i;
	}
}

void tui_replay_go_to(struct tui *t, size_t i)
{
	char err[256];
	if (source_seek(&t->src, i, err, sizeof err) < 0) {
		view_status(&t->v, "cannot read sample %zu: %s", i + 1, err);
		return;
	}
	struct snapshot *s = source_take(&t->src);
	if (s)
		tui_new_snapshot(t, s);
}

static void go(struct tui *t, enum action a)
{
	struct source_timeline tl;
	source_timeline(&t->src, &tl);
	size_t i = target(&tl, a);
	if (i == tl.at) {
		view_status(&t->v, "%s", i == 0 ? "the first sample of the recording"
		                                : "the last sample of the recording");
		return;
	}
	tui_replay_go_to(t, i);
}

void tui_replay_step(struct tui *t)
{
	struct source_timeline tl;
	int d = t->v.replay_step;
	t->v.replay_step = 0;
	if (d == 0 || !source_timeline(&t->src, &tl))
		return;
	long i = (long)tl.at + d;
	if (i >= 0 && (size_t)i < tl.n)
		tui_replay_go_to(t, (size_t)i);
}

/* X: the sample shown marked (what D compares with), or the mark dropped. */
static void toggle_mark(struct tui *t)
{
	struct source_timeline tl;
	char err[256];
	size_t m = 0;
	bool on = !t->v.mark;
	source_timeline(&t->src, &tl);
	if (t->src.ops->mark(&t->src, on, err, sizeof err) < 0) {
		view_status(&t->v, "cannot mark sample %zu: %s", tl.at + 1, err);
		return;
	}
	t->v.mark = source_marked(&t->src, &m);
	t->v.mark_step = (int)((long)m - (long)tl.at);
	if (on)
		view_status(&t->v, "sample %zu marked: D shows what changed between it and the sample shown", tl.at + 1);
	else
		view_status(&t->v, "the mark is removed: D compares with the sample before");
}

bool tui_replay_key(struct tui *t, const struct key_event *ev)
{
	if (ev->type != KEV_KEY || !tui_replay(t))
		return false;
	if (t->rp.asking)
		return tui_jump_key(t, ev);
	struct screen_slot *top = &t->stack.s[t->stack.n - 1];
	if ((top->ops->flags & SCREEN_OVERLAY) || (top->ops->typing && top->ops->typing(top->st)))
		return false;
	enum action a = keymap_action("replay", ev->key, ev->mods);
	if (a < ACT_SAMPLE_PREV || a > ACT_MARK)
		return false;    /* not a replay key (a global one falls through): the screen's */
	t->v.status[0] = '\0';
	if (a == ACT_CHANGES) {
		if (strcmp(top->ops->name, "changes") != 0)
			view_open(&t->v, "changes", NULL);
	} else if (a == ACT_JUMP) {
		tui_jump_open(t);
	} else if (a == ACT_PLAY) {
		tui_play_toggle(t);
	} else if (a == ACT_PLAY_SPEED) {
		tui_play_speed(t);
	} else if (a == ACT_MARK) {
		toggle_mark(t);
	} else {
		go(t, a);
	}
	t->dirty = true;
	return true;
}
