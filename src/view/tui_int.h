/* tui_int.h — the TUI loop's own state (internal to tui.c, tui_stack.c and tui_draw.c): the
 * stack of screens, the windows, the source of snapshots and the input decoder. */
#ifndef IPCTOP_TUI_INT_H
#define IPCTOP_TUI_INT_H

#include "source/source.h"
#include "util/strbuf.h"
#include "view/term_input.h"
#include "view/tui.h"
#include "view/view.h"

#define TUI_STACK_MAX 16
#define TUI_BAR_KEYS 24

struct screen_slot {
	const struct screen_ops *ops;
	void *st;
	bool closing;
};

struct view_stack {
	struct screen_slot s[TUI_STACK_MAX];
	int n;
};

struct bar_hit { int x0, x1; int key; };

/* W: the live session recorded to a file (tui_record.c). */
struct history_writer;
struct live_record {
	bool asking;                     /* the file name prompt has the keys */
	char path[256];
	struct history_writer *w;        /* recording, else NULL */
	unsigned long samples;
};

/* A replay's jump prompt and its playing (tui_replay_play.c). */
struct replay_ui {
	bool asking;                     /* the jump prompt has the keys */
	char text[64];
	bool playing;
	int speed;                       /* times real speed, while playing */
	double due;                      /* CLOCK_MONOTONIC seconds of the next step */
};

struct tui {
	struct view_ctx v;
	struct view_stack stack;
	const struct tui_hooks *hooks;
	struct source src;
	struct source_wants wants;       /* as last told to the source */
	struct snapshot *cur;
	double *cpu;
	struct cpu_usage *cpu_use;        /* what v.cpu_use points to */
	double *tcpu;                    /* CPU% of each thread (snapshot thread0 numbering) */
	struct proc_traffic *traffic;    /* what v.traffic points to */
	struct term_input in;
	char *rc_path;
	bool host_col_added;        /* --merge showed HOST: hidden again before settings are saved */
	struct strbuf warn;
	WINDOW *body, *bar, *banner, *timebar;
	int body_y;                      /* the screen's first row (below a lesson's banner) */
	struct bar_hit hits[TUI_BAR_KEYS];
	size_t n_hits;
	bool dirty;                      /* draw before waiting again */
	struct tui_step step;            /* a lesson's step shown (hooks->step), else unused */
	bool step_pending;               /* its screen opens once its process is in a snapshot */
	struct replay_ui rp;
	struct live_record rec;
};

/* tui_stack.c */
void tui_dispatch(struct tui *t, const struct key_event *ev);
void tui_close_marked(struct tui *t);
/* tui_lesson.c: a lesson's steps (when hooks->step is set) and its banner */
bool tui_lesson(const struct tui *t);
void tui_lesson_begin(struct tui *t);
bool tui_lesson_key(struct tui *t, const struct key_event *ev);
void tui_lesson_snapshot(struct tui *t);
int tui_banner_height(const struct tui *t, int cols);
void tui_banner_draw(const struct tui *t, WINDOW *w);
/* tui.c: s (allocated, taken over) becomes the current snapshot */
void tui_new_snapshot(struct tui *t, struct snapshot *s);
/* tui_replay.c: a recording's time bar (one row above the screens) and its keys */
bool tui_replay(struct tui *t);
bool tui_replay_key(struct tui *t, const struct key_event *ev);
int tui_timebar_height(struct tui *t);
void tui_timebar_draw(struct tui *t, WINDOW *w);
void tui_replay_step(struct tui *t);     /* the step a screen asked for (v.replay_step) */
void tui_replay_go_to(struct tui *t, size_t i);   /* show sample i (the status line: why not) */
/* tui_record.c: W, the live session recorded (its prompt drawn in the time bar's row) */
bool tui_record_key(struct tui *t, const struct key_event *ev);
bool tui_record_draw(struct tui *t, WINDOW *w);               /* false: no prompt open */
void tui_record_snapshot(struct tui *t, const struct snapshot *s);
void tui_record_stop(struct tui *t);
/* tui_replay_play.c: the jump prompt (drawn in the time bar) and playing */
bool tui_jump_key(struct tui *t, const struct key_event *ev);  /* while the prompt is open */
void tui_jump_open(struct tui *t);
bool tui_jump_draw(struct tui *t, WINDOW *w);                  /* false: no prompt open */
void tui_bar_prompt(WINDOW *w, const char *label, const char *text);   /* a prompt's row */
void tui_play_toggle(struct tui *t);
void tui_play_speed(struct tui *t);
int tui_play_timeout(const struct tui *t);   /* ms to the next step while playing, else -1 */
void tui_play_tick(struct tui *t);            /* a step when it is due */
/* tui_draw.c */
void tui_draw(struct tui *t);
void tui_windows_free(struct tui *t);

#endif
