/* list_int.h — the process list's own state (internal to list_rows.c, list_draw.c and
 * view_list.c): which processes are shown and in which order, the selection, the tags (held
 * processes), the search and filter prompt, and the geometry of the last frame. */
#ifndef IPCTOP_LIST_INT_H
#define IPCTOP_LIST_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "action/proc_target.h"
#include "view/filter_keep.h"
#include "view/list_marks.h"
#include "view/proc_tree.h"
#include "view/view.h"

#define LIST_MAX_TAGS 1024
#define LIST_TEXT 64
#define LIST_MAX_HSCROLL 2048      /* cells: how far the list scrolls sideways at most */

enum input_mode { IN_NONE, IN_SEARCH, IN_FILTER };

struct list_state {
	uint32_t *rows;            /* indices into the snapshot's procs, in display order */
	struct tree_row *tree;     /* tree layout of rows (flat, depth 0, outside tree mode) */
	int32_t *thr;              /* a thread row: the index of its thread in the process, else -1 */
	size_t n_rows, cap_rows;
	size_t sel, top;           /* selected row and first row shown */
	pid_t sel_pid;
	uint64_t sel_start;
	const char *sel_host;      /* --merge: its host (see view_ctx.sel_host) */
	bool follow;               /* F: keep the selection on sel_pid across re-sorts */
	bool pinned;               /* found by search: kept on sel_pid until the cursor moves */
	int col_cursor;            /* column explained by '?', moved by Left/Right */
	struct proc_target *tags;  /* tagged processes, each held by a pidfd */
	size_t n_tags, cap_tags;
	enum input_mode input;
	char search[LIST_TEXT], filter[LIST_TEXT];
	char *user;                /* user filter (raw name), NULL for all */
	int col_x[COL__COUNT], col_w[COL__COUNT];  /* column geometry of the last frame (-1: not
	                                            * shown), for clicks */
	int table_y;               /* window row of the column header in the last frame */
	int hscroll;               /* cells of the virtual line scrolled off to the left */
	int max_hscroll;           /* how far scrolling still shows something (last frame) */
	int view_cols;             /* width of the window in the last frame */
	int body_rows;             /* rows of processes shown in the last frame */
	struct list_marks marks;   /* new and exec'd processes, marked for a few seconds */
	struct filter_keep keep;   /* what the filter matched: kept across an exec */
};

/* list_rows.c */
bool list_text_matches(const struct snapshot *s, const struct proc_info *p, const char *needle);
void list_rebuild(struct list_state *l, struct view_ctx *v);
void list_select_row(struct list_state *l, struct view_ctx *v, size_t row);
void list_move(struct list_state *l, struct view_ctx *v, long delta);
const struct proc_info *list_selected(const struct list_state *l, const struct view_ctx *v);
bool list_is_tagged(const struct list_state *l, const struct proc_info *p);
void list_toggle_tag(struct list_state *l, struct view_ctx *v, const struct proc_info *p);
void list_untag_all(struct list_state *l);
void list_drop_ended_tags(struct list_state *l);
void list_free(struct list_state *l);

/* list_draw.c */
void list_draw_table(struct list_state *l, struct view_ctx *v, WINDOW *w, int y0);
void list_draw_prompt(struct list_state *l, struct view_ctx *v, WINDOW *w);
bool list_col_shown(const struct view_ctx *v, int c);

/* list_cells.c: the text of a short cell of procs[i] in column c */
void list_cell_text(const struct view_ctx *v, size_t i, int c, char *buf, size_t size);
/* The cell of thread j of p where a thread has its own (PID: its TID, S, CPU%, TIME+): its
 * state letter, or 0 when column c is the process's. */
char list_thread_cell(const struct view_ctx *v, const struct proc_info *p, uint32_t j, int c,
		      char *buf, size_t size);

/* list_menus.c */
void list_open_sort_menu(struct list_state *l, struct view_ctx *v);
void list_open_user_menu(struct list_state *l, struct view_ctx *v);
void list_open_signal(struct list_state *l, struct view_ctx *v);
void list_open_nice(struct list_state *l, struct view_ctx *v, int step);
void list_set_sort(struct list_state *l, struct view_ctx *v, int col, bool toggle_if_same);

#endif
