/* chans_int.h — the channel table's own state (internal to chans_rows.c, chans_cells.c,
 * chans_draw.c and view_chans.c): which channels are shown and in which order, the selected
 * channel (kept by id across refreshes) and its chosen end, the kind and text filters, and the
 * geometry of the last frame. */
#ifndef IPCTOP_CHANS_INT_H
#define IPCTOP_CHANS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/strbuf.h"
#include "view/view.h"

#define CHANS_TEXT 64

enum chans_col { CC_KIND, CC_STATE, CC_RECVQ, CC_SENDQ, CC_BYTES, CC_RATE, CC_DROPS, CC_ENDS, CC__COUNT };

struct chans_state {
	uint32_t *rows;            /* in display order: i < n_chans the snapshot's chans[i], else
	                            * lone[i - n_chans] (chans_row_chan) */
	struct channel *lone;      /* listeners that are no channel, as rows (chans_lone.c) */
	size_t n_lone, cap_lone;
	size_t n_rows, cap_rows;
	size_t sel, top;           /* selected row and first row shown */
	char *sel_id;              /* id of the selected channel, NULL when none */
	size_t end;                /* the chosen end (index into its ep) of the selected channel */
	int sort_col;              /* enum chans_col */
	bool sort_desc;
	int col_cursor;            /* column explained by '?', moved by Left/Right */
	uint32_t base_mask;        /* --kind: bit k keeps kind k; 0 every kind */
	int kind;                  /* k: one kind shown (enum chan_kind), or -1 for base_mask */
	bool prompt;               /* the filter prompt is open */
	char filter[CHANS_TEXT];   /* words: a pid, :PORT, or part of a process name */
	const char *pid_host;      /* --merge, from the detail's c: a pid word matches only ends on
	                            * this host (the snapshot's text); dropped when the filter is
	                            * edited. NULL: a pid of any host */
	int col_x[CC__COUNT], col_w[CC__COUNT];   /* geometry of the last frame, for clicks */
	int table_y;               /* window row of the column header in the last frame */
	int body_rows;             /* rows of channels shown in the last frame */
};

/* chans_cells.c: what a cell says. Numbers are -1 when not known for that kind. */
const char *chans_col_title(int c);
const char *chans_col_help(int c);   /* its help_text key */
/* The state of c's sockets ("established", "listen", "close_wait/fin_wait2"), or "" if none. */
void chans_state_text(const struct snapshot *s, const struct channel *c, char *buf, size_t size);
int64_t chans_recvq(const struct snapshot *s, const struct channel *c);
int64_t chans_sendq(const struct snapshot *s, const struct channel *c);
int64_t chans_bytes(const struct channel *c);
/* Bytes per second the channel carried since the previous refresh (model/rates.h's
 * channel_rate: where the kernel counts bytes, TCP); NAN when not known. */
double chans_rate(const struct snapshot *s, const struct channel *c);
/* The channel's cell of column col (not CC_ENDS) into buf. */
void chans_cell_text(const struct snapshot *s, const struct channel *c, int col, char *buf, size_t size);
/* Append end e of c: "1234 (nginx) fd 6 listen 127.0.0.1:80", a connection a listener accepted
 * "1234 (nginx) fd 9 server 127.0.0.1:80 (http), accepted on 0.0.0.0:80 (http)", or for an end with no process
 * its remote address and role ("127.0.0.1:5000 (peer closed)"); names escaped. */
void chans_end_text(const struct snapshot *s, const struct channel *c, size_t e, struct strbuf *sb);
/* Append what the channel is on (a path, name, SysV id, or who accepts on a shared listener:
 * "nginx master + 2 workers accept on ADDR:PORT"), escaped; false when nothing. */
bool chans_object_text(const struct snapshot *s, const struct channel *c, struct strbuf *sb);
/* The end Enter opens by default: the first with a process (0 if none has one). */
size_t chans_default_end(const struct channel *c);

/* chans_lone.c: lone's rows for the snapshot's listeners that are in no channel. */
void chans_lone_build(struct chans_state *t, const struct snapshot *s);
void chans_lone_free(struct chans_state *t);

/* chans_rows.c */
/* The channel of row index i (a value of rows[]). */
const struct channel *chans_row_chan(const struct chans_state *t, const struct snapshot *s, uint32_t i);
bool chans_matches(const struct chans_state *t, const struct snapshot *s, const struct channel *c);
void chans_rebuild(struct chans_state *t, struct view_ctx *v);
void chans_select_row(struct chans_state *t, struct view_ctx *v, size_t row);
void chans_set_sort(struct chans_state *t, struct view_ctx *v, int col, bool toggle_if_same);
/* F6: a menu of the sort keys (the columns; ENDS sorts by the pid of the first end with one). */
void chans_open_sort_menu(struct chans_state *t, struct view_ctx *v);
const struct channel *chans_selected(const struct chans_state *t, const struct view_ctx *v);

/* chans_draw.c */
void chans_draw_table(struct chans_state *t, struct view_ctx *v, WINDOW *w);
void chans_draw_prompt(struct chans_state *t, struct view_ctx *v, WINDOW *w);

#endif
