/* view.h — what the screens of the TUI share, and the one interface each screen implements.
 * A screen is a module with its own state (one file, one entry in screens.c), like a tmux
 * window mode: the loop in tui.c keeps a stack of them and knows none of their insides; a
 * screen knows no other screen's state, only this context: the current snapshot, settings,
 * the process the screens pass on (the selection), and the status line. */
#ifndef IPCTOP_VIEW_H
#define IPCTOP_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <curses.h>

#include "model/proc_traffic.h"
#include "model/snapshot.h"
#include "options.h"
#include "view/keymap.h"
#include "view/settings.h"
#include "view/term_input.h"

struct filter_keep;

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10

struct view_stack;

struct view_ctx {
	const struct ipctop_opts *opts;
	struct settings set;
	const struct snapshot *cur;       /* the current snapshot (never NULL once screens run) */
	const struct snapshot *before;    /* a replay: the sample before cur (NULL at the first,
	                                   * and live) */
	const struct snapshot *mark;      /* a replay: the sample marked (X), what D compares cur
	                                   * with instead of before; NULL when none */
	int mark_step;                    /* samples from cur to mark (negative: mark is earlier) */
	const double *cpu;                /* CPU% of cur->procs[i] since the snapshot before */
	const struct cpu_usage *cpu_use;  /* the machine [0] and CPU n [1 + n] since the snapshot
	                                   * before (model/meter_calc.h) */
	int n_cpu_use;
	const double *vcsw, *icsw;        /* its voluntary and involuntary context switches/s */
	const double *tcpu;               /* CPU% of each thread (proc_info.thread0 + j) */
	const struct proc_traffic *traffic;   /* I/O and channel rates of cur->procs[i]
	                                   * (model/proc_traffic.h), or NULL */
	pid_t sel_pid;                    /* the process screens pass on (list -> detail, graph) */
	uint64_t sel_start;               /* its start time, to tell it from a later one */
	const char *sel_host;             /* --merge: its host (the snapshot's text: a merge's one
	                                   * snapshot lasts as long as the screens), else NULL */
	char status[256];                 /* one line of news in the key bar (trusted text) */
	unsigned batch;                   /* the input read that brought the event being handled */
	bool refresh_now;                 /* take a snapshot at once (after an action) */
	int replay_step;                  /* a replay: move this many samples once the event is
	                                   * handled (a screen's request; 0: none) */
	/* the list's own narrowing besides -p (published by the list): user, filter text */
	const char *scope_user, *scope_filter;
	const struct filter_keep *scope_keep;   /* processes the filter matched before they exec'd
	                                         * (view/filter_keep.h), or NULL */
	bool quit;
	struct view_stack *stack;
};

enum { SCREEN_HEADER = 1,             /* the meter header is drawn above it */
       SCREEN_OVERLAY = 2 };          /* a dialog drawn over the screen below it */

struct screen_ops {
	const char *name;                 /* what view_open() knows it by */
	const char *keys;                 /* its scope in the key table, when not its name */
	unsigned flags;
	void *(*enter)(struct view_ctx *v, const void *arg);    /* its new state, NULL: refused */
	void (*leave)(void *st, struct view_ctx *v);
	/* A new snapshot is v->cur; old is the one before (freed after this). Optional. */
	void (*snapshot)(void *st, struct view_ctx *v, const struct snapshot *old);
	void (*draw)(void *st, struct view_ctx *v, WINDOW *w);
	/* A key (a = its action in the key table for this screen, ACT_NONE if unbound) or a
	 * paste. Returns false to let the loop apply the global keys (quit, help). */
	bool (*key)(void *st, struct view_ctx *v, const struct key_event *ev, enum action a);
	/* A mouse report at (y, x) of the screen's window. Optional. */
	void (*mouse)(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x);
	/* Draw the bottom line itself (a prompt) instead of the key bar; false: key bar. Optional. */
	bool (*bar)(void *st, struct view_ctx *v, WINDOW *w);
	const char *(*hint)(void *st);    /* text after the key bar. Optional. */
	bool (*typing)(void *st);         /* a prompt of its own takes the keys now. Optional. */
	pid_t (*detail_pid)(void *st);    /* a process to read in full detail. Optional. */
	pid_t (*compare_pid)(void *st);   /* a second one, read with it. Optional. */
	bool (*wants_cgroup)(void *st);   /* every process's cgroup is read while true. Optional. */
};

/* screens.c: every screen, by name. */
const struct screen_ops *screen_find(const char *name);
static inline const char *screen_keys(const struct screen_ops *o) { return o->keys ? o->keys : o->name; }
size_t screen_count(void);
const struct screen_ops *screen_at(size_t i);

/* The channel table's arg (from the detail's c): filtered to the process pid, and on a
 * --merge to its host's ends only (host: the snapshot's text, NULL on one machine). */
struct chans_for { pid_t pid; const char *host; };

/* Open screen `name` on top (arg is the screen's own; NULL for most): its state, or NULL. */
void *view_open(struct view_ctx *v, const char *name, const void *arg);
/* Close the screen with state st (and, for dialogs, nothing else) after the current event. */
void view_close(struct view_ctx *v, void *st);
void view_status(struct view_ctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The '?' explanation of a help_text key in a text box. */
void view_explain(struct view_ctx *v, const char *help_key);
/* Whether the list shows p (-p, its user filter, its filter text): the scope the graph's
 * "all" means (list_rows.c). view_scope_narrowed: whether anything is narrowed at all. */
bool view_proc_in_scope(const struct view_ctx *v, const struct proc_info *p);
bool view_scope_narrowed(const struct view_ctx *v);
/* The process the screens pass on. */
void view_select(struct view_ctx *v, const struct proc_info *p);

/* The first row to show of n so that row sel is among the rows shown from *top. */
static inline void view_keep_shown(size_t sel, size_t *top, size_t n, int rows)
{
	if (sel < *top)
		*top = sel;
	if (sel >= *top + (size_t)rows)
		*top = sel - (size_t)rows + 1;
	if (*top + (size_t)rows > n)
		*top = n > (size_t)rows ? n - (size_t)rows : 0;
}

/* view_header.c */
int header_height(const struct view_ctx *v);
void header_draw(struct view_ctx *v, WINDOW *w, bool follow);

#endif
