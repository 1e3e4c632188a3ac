/* tui_state.h — the state the screens of the TUI share (internal to src/view/): the current
 * and previous snapshot, the screen stack, the windows, the list, detail and popup state. */
#ifndef IPCTOP_TUI_STATE_H
#define IPCTOP_TUI_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <curses.h>

#include "model/snapshot.h"
#include "options.h"
#include "util/strbuf.h"
#include "view/proc_tree.h"
#include "view/settings.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10

enum scr_id { SCR_LIST, SCR_DETAIL, SCR_GRAPH, SCR_HELP, SCR_SETUP };

enum input_mode { IN_NONE, IN_SEARCH, IN_FILTER };

struct list_state {
	uint32_t *rows;            /* indices into snap procs, in display order */
	struct tree_row *tree;     /* tree layout of rows (tree mode) */
	size_t n_rows, cap_rows;
	size_t sel, top;           /* selected row and first row shown */
	pid_t sel_pid;
	bool follow;               /* F: keep the selection on sel_pid across re-sorts */
	bool pinned;               /* found by search: kept on sel_pid until the cursor moves */
	int col_cursor;            /* column explained by '?', moved by Left/Right */
	pid_t *tags; size_t n_tags, cap_tags;
	enum input_mode input;
	char search[64], filter[64];
	char *user;                /* user filter (raw name), NULL for all */
	int col_x[16], col_w[16];  /* header geometry of the last frame, for mouse clicks */
	int body_rows;             /* rows of processes shown in the last frame */
};

enum detail_tab { TAB_PCB, TAB_SCHED, TAB_MEMORY, TAB_IPC, TAB__COUNT };

/* One line of a detail tab: a label of ours and a value already escaped (safe to draw). */
struct dline {
	const char *help;          /* help_text key, or NULL */
	char label[32];
	char *value;
	int attr;
	pid_t jump;                /* peer process to open on Enter, or 0 */
};
struct dlines { struct dline *v; size_t n, cap; };

struct detail_state {
	pid_t pid;
	pid_t history[64]; size_t n_history;   /* Backspace goes back through these */
	enum detail_tab tab;
	size_t sel, top;
	struct dlines lines;
	int tab_x[TAB__COUNT + 1];             /* tab bar geometry for clicks */
	int body_y, body_rows;                 /* where lines were drawn, for clicks */
};

enum popup_kind { POP_NONE, POP_MENU, POP_TEXT };
enum popup_purpose { PP_SORT, PP_USER, PP_KILL, PP_NICE, PP_EXPLAIN, PP_MESSAGE };

struct menu_item { char *label; char *value; int code; };
struct popup {
	enum popup_kind kind;
	enum popup_purpose purpose;
	char title[96];
	struct menu_item *items; size_t n_items, cap_items, sel, top;
	struct strbuf text;
};

struct fkey_hit { int x0, x1, key; };

/* What the switch rates of the detail process need from the snapshot before the current one
 * (which is freed as soon as the current one is taken: a monitor holds one snapshot). */
struct detail_before {
	pid_t pid;                           /* 0: none */
	uint64_t start_time, vol_ctxt, nonvol_ctxt, taken_ms;
};

struct tui {
	const struct ipctop_opts *opts;
	struct settings set;
	char *rc_path;
	struct strbuf warn;                  /* shown once in the status line */
	struct snapshot snaps[2];
	struct snapshot *cur;                /* NULL before the first snapshot */
	struct detail_before before;
	double *cpu;                         /* CPU% of cur->procs[i] */
	bool refresh_now;
	unsigned refreshes;                  /* snapshots taken: every tenth is a full rescan */
	enum scr_id stack[16]; int depth;
	WINDOW *hdr, *body, *bar;
	struct list_state list;
	struct detail_state detail;
	struct graph_view *graph;
	struct popup popup;
	size_t help_top;
	size_t setup_sel;
	struct fkey_hit fkeys[16]; size_t n_fkeys;
	char status[256];
	bool quit;
};

static inline enum scr_id tui_screen(const struct tui *t) { return t->stack[t->depth - 1]; }
void tui_push(struct tui *t, enum scr_id s);
void tui_pop(struct tui *t);
void tui_open_detail(struct tui *t, pid_t pid);
void tui_status(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* view_header.c */
int header_height(const struct tui *t);
void header_draw(struct tui *t, WINDOW *w);

/* view_fkeys.c */
void fkeys_draw(struct tui *t, WINDOW *w);
int fkeys_hit(const struct tui *t, int x);

/* view_list.c */
void list_rebuild(struct tui *t);
void list_draw(struct tui *t, WINDOW *w);
void list_key(struct tui *t, int key);
void list_click(struct tui *t, int y, int x);
void list_input_draw(struct tui *t, WINDOW *w);
bool list_proc_visible(const struct tui *t, const struct proc_info *p);
void list_free(struct list_state *l);
void list_choice(struct tui *t, enum popup_purpose why, const struct menu_item *it);

/* dialog.c */
void popup_clear(struct popup *p);
void popup_menu(struct popup *p, enum popup_purpose why, const char *title);
void popup_add(struct popup *p, const char *label, const char *value, int code);
void popup_text(struct popup *p, enum popup_purpose why, const char *title, const char *text);
void popup_draw(struct tui *t);
/* Handle a key in the open popup; returns true when the popup used it. */
bool popup_key(struct tui *t, int key);
void popup_explain(struct tui *t, const char *help_key);

/* view_detail.c and its tabs */
void detail_draw(struct tui *t, WINDOW *w);
void detail_key(struct tui *t, int key);
void detail_click(struct tui *t, int y, int x);
void dlines_clear(struct dlines *d);
void dline_add(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void dline_add_sb(struct dlines *d, const char *help, const char *label, int attr, pid_t jump,
		  struct strbuf *value);
void pcb_lines(const struct tui *t, const struct proc_info *p, struct dlines *d);
void sched_lines(const struct tui *t, const struct proc_info *p, struct dlines *d);
void ipc_lines(const struct tui *t, const struct proc_info *p, struct dlines *d);
void memory_draw(struct tui *t, WINDOW *w, const struct proc_info *p, int y0);
void memory_key(struct tui *t, const struct proc_info *p, int key);

/* view_help.c, view_setup.c */
void help_draw(struct tui *t, WINDOW *w);
void help_key(struct tui *t, int key);
void setup_draw(struct tui *t, WINDOW *w);
void setup_key(struct tui *t, int key);

#endif
