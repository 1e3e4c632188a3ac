/* tui_replay_play.c — moving through a recording other than a step at a time: J opens a prompt
 * in the time bar for a time to jump to (absolute, or relative to the sample shown), R plays
 * the samples at the pace they were taken (S: faster), pausing at the last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history/history.h"
#include "history/history_time.h"
#include "view/prompt_edit.h"
#include "view/tui_int.h"
#include "view/ui.h"

#define PLAY_MIN_S 0.2        /* at least this long on each sample, so that it is drawn */
static const int speeds[] = { 1, 10, 60, 600 };
#define N_SPEEDS (int)(sizeof speeds / sizeof speeds[0])

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* TEXT as epoch seconds: "-5m", "+30s" (a DURATION) from the sample shown, else a TIME as
 * --at takes it. false when it is neither. */
static bool jump_time(const char *text, const struct source_timeline *tl, double *out)
{
	double d;
	if ((text[0] == '-' || text[0] == '+') && hist_parse_duration(text + 1, &d)) {
		*out = tl->times[tl->at] + (text[0] == '-' ? -d : d);
		return true;
	}
	return hist_parse_time(text, tl->times[0], out);
}

/* The last sample at or before when (the first if when is before it). */
static size_t sample_at(const struct source_timeline *tl, double when)
{
	size_t i = 0;
	while (i + 1 < tl->n && tl->times[i + 1] <= when)
		i++;
	return i;
}

static void jump(struct tui *t)
{
	struct source_timeline tl;
	double when;
	if (!source_timeline(&t->src, &tl) || tl.n == 0)
		return;
	if (!jump_time(t->rp.text, &tl, &when)) {
		view_status(&t->v, "not a time: HH:MM:SS, YYYY-MM-DD HH:MM:SS, -5m or +30s");
		return;
	}
	size_t i = sample_at(&tl, when);
	if (i != tl.at)
		tui_replay_go_to(t, i);
	if (when < tl.times[0])
		view_status(&t->v, "before the recording: its first sample");
	else if (when > tl.times[tl.n - 1])
		view_status(&t->v, "after the recording: its last sample");
}

void tui_jump_open(struct tui *t)
{
	t->rp.asking = true;
	t->rp.text[0] = '\0';
}

bool tui_jump_key(struct tui *t, const struct key_event *ev)
{
	bool open = true;
	if (!prompt_filter_key(t->rp.text, sizeof t->rp.text, &open, ev))
		return true;     /* other keys do nothing while the prompt is open */
	if (!open) {
		t->rp.asking = false;
		if (t->rp.text[0])
			jump(t);
	}
	t->dirty = true;
	return true;
}

void tui_bar_prompt(WINDOW *w, const char *label, const char *text)
{
	int cols = getmaxx(w);
	ui_fill(w, 0, 0, cols, ui_attr(UI_HEADER));
	int x = ui_put_str(w, 0, 0, label, cols, ui_attr(UI_HEADER));
	x += ui_put_str(w, 0, x, text, cols - x, ui_attr(UI_HEADER));
	if (x < cols)
		mvwaddch(w, 0, x, '_');
}

bool tui_jump_draw(struct tui *t, WINDOW *w)
{
	if (t->rp.asking)
		tui_bar_prompt(w, "jump to (HH:MM:SS, YYYY-MM-DD HH:MM:SS, -5m, +30s; Enter, Esc): ", t->rp.text);
	return t->rp.asking;
}

/* When the step after the sample shown is due: its gap at the speed, from now. */
static void schedule(struct tui *t)
{
	struct source_timeline tl;
	source_timeline(&t->src, &tl);
	double gap = tl.at + 1 < tl.n ? (tl.times[tl.at + 1] - tl.times[tl.at]) / t->rp.speed : 0;
	t->rp.due = mono_now() + (gap > PLAY_MIN_S ? gap : PLAY_MIN_S);
}

void tui_play_toggle(struct tui *t)
{
	struct source_timeline tl;
	source_timeline(&t->src, &tl);
	if (!t->rp.playing && tl.at + 1 >= tl.n) {
		view_status(&t->v, "the last sample of the recording: nothing to play");
		return;
	}
	t->rp.playing = !t->rp.playing;
	if (t->rp.speed == 0)
		t->rp.speed = speeds[0];
	if (t->rp.playing)
		schedule(t);
}

void tui_play_speed(struct tui *t)
{
	int k = 0;
	while (k + 1 < N_SPEEDS && speeds[k] != t->rp.speed)
		k++;
	t->rp.speed = t->rp.speed == 0 ? speeds[1] : speeds[k + 1 < N_SPEEDS ? k + 1 : 0];
	view_status(&t->v, "playing speed %dx", t->rp.speed);
	if (t->rp.playing)
		schedule(t);
}

int tui_play_timeout(const struct tui *t)
{
	if (!t->rp.playing)
		return -1;
	double ms = (t->rp.due - mono_now()) * 1000;
	return ms <= 0 ? 0 : ms > 60000 ? 60000 : (int)ms + 1;
}

void tui_play_tick(struct tui *t)
{
	struct source_timeline tl;
	if (!t->rp.playing || mono_now() < t->rp.due || !source_timeline(&t->src, &tl))
		return;
	size_t was = tl.at;
	if (tl.at + 1 < tl.n)
		tui_replay_go_to(t, tl.at + 1);
	source_timeline(&t->src, &tl);
	if (tl.at == was || tl.at + 1 >= tl.n) {
		t->rp.playing = false;     /* the end, or a sample that cannot be read (said) */
		if (tl.at + 1 >= tl.n)
			view_status(&t->v, "the end of the recording: paused");
	} else {
		schedule(t);
	}
	t->dirty = true;
}
