/* detail_int.h — the detail screen's own state (internal to view_detail.c and its tabs:
 * view_pcb.c, view_sched.c, view_memory.c, view_ipc.c): the process shown, the way back, the
 * tab, the field lines of the text tabs, and what the switch rates need of the snapshot
 * before. */
#ifndef IPCTOP_DETAIL_INT_H
#define IPCTOP_DETAIL_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "layout/addr_space.h"
#include "util/strbuf.h"
#include "view/view.h"

enum detail_tab { TAB_PCB, TAB_SCHED, TAB_MEMORY, TAB_IPC, TAB__COUNT };

/* One line of a detail tab: a label of ours and a value already escaped (safe to draw). */
struct dline {
	const char *help;          /* help_text key, or NULL */
	char label[32];
	char *value;
	int attr;
	pid_t jump;                /* peer process to open on Enter, or 0 */
	uint64_t jump_start;       /* its start time (--merge: pids repeat across hosts), or 0:
	                            * the process jump on the shown process's host */
	const char *jump_host;     /* --merge: its host (the snapshot's text), else NULL */
};
struct dlines { struct dline *v; size_t n, cap; };

/* What the switch rates of the process need from the snapshot before the current one. */
struct detail_before {
	pid_t pid;                 /* 0: none */
	uint64_t start_time, vol_ctxt, nonvol_ctxt, taken_ms;
};

#define DETAIL_HISTORY 64

struct detail_state {
	pid_t pid;
	uint64_t start;                        /* its start time: a later process with its PID is not it */
	const char *host;                      /* --merge: its host (two hosts may have one pid
	                                        * started at one tick; see view_ctx.sel_host) */
	pid_t history[DETAIL_HISTORY]; size_t n_history;   /* Backspace goes back through these */
	uint64_t history_start[DETAIL_HISTORY];
	const char *history_host[DETAIL_HISTORY];
	enum detail_tab tab;
	size_t sel, top;
	struct dlines lines;
	int tab_x[TAB__COUNT + 1];             /* tab bar geometry for clicks */
	int body_y, body_rows;                 /* where lines were drawn, for clicks */
	int left, max_left;                    /* cells of the lines scrolled off to the left; how
	                                        * far scrolling still shows something (last frame) */
	int title_left;                        /* how far the title's command line scrolls (cells) */
	struct detail_before before;
	bool libs_open;                        /* Memory tab: one band per library */
	pid_t cmp_pid;                         /* Memory tab: the process compared with, or 0 */
	uint64_t cmp_start;
	const char *cmp_host;
	bool cmp_auto_done;                    /* -p A,B: compare opened on the first visit */
};

/* One address-space figure to draw (view_memfig.c): rows from addr_space, of process p. */
struct memfig {
	const struct snapshot *s;
	const struct proc_info *p;
	const struct as_row *rows;
	size_t n;
	int addr_w, col_w;                     /* address column (0: none) and band column width */
	size_t sel;                            /* the selected mapping, or SIZE_MAX */
	bool side_labels;                      /* "high/low addresses" right of the column, not
	                                          on rows of their own */
};

void dlines_clear(struct dlines *d);
void dline_add(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void dline_add_sb(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
		  struct strbuf *value);

void pcb_lines(const struct view_ctx *v, const struct proc_info *p, struct dlines *d);
void sched_lines(const struct view_ctx *v, const struct detail_before *q, const struct proc_info *p,
		 struct dlines *d);
void ipc_lines(const struct view_ctx *v, const struct proc_info *p, struct dlines *d);
void memory_draw(struct detail_state *d, WINDOW *w, const struct snapshot *s, const struct proc_info *p,
		 int y0);
void memfig_draw(WINDOW *w, int y0, int x0, int height, const struct memfig *f);
int memfig_band_rows(const struct memfig *f, int height);   /* rows left for the bands */
/* view_memcmp.c: compare mode of the Memory tab. */
void memcmp_start(struct detail_state *d, struct view_ctx *v, const struct proc_info *p);
/* With exactly two -p pids, the first visit of the Memory tab opens compare mode. */
void memcmp_auto(struct detail_state *d, struct view_ctx *v, const struct proc_info *p);
const struct proc_info *memcmp_other(const struct detail_state *d, const struct snapshot *s);
void memcmp_draw(struct detail_state *d, WINDOW *w, const struct snapshot *s, const struct proc_info *p,
		 int y0);
void memory_key(struct detail_state *d, struct view_ctx *v, const struct proc_info *p, enum action a);

#endif
