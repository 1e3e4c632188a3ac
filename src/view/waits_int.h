/* waits_int.h — the waits screen's own state (internal to waits_rows.c, waits_draw.c and
 * view_waits.c): the blocked processes shown, longest blocked first, each with its chain of
 * waits; the selected row (kept by pid across refreshes) and the process of its chain chosen
 * with Tab; the filter; the sideways scroll and the geometry of the last frame. */
#ifndef IPCTOP_WAITS_INT_H
#define IPCTOP_WAITS_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/strbuf.h"
#include "view/view.h"

#define WAITS_CHAIN 16            /* processes of a chain followed at most */
#define WAITS_TEXT 64
#define WAITS_MAX_HSCROLL 2048

struct waits_row {
	pid_t pid;
	const char *host;             /* --merge: its host (of v->cur); the chain's are looked up
	                               * on it (pids repeat across hosts); NULL one host's */
	uint64_t since_ms;            /* blocked since (CLOCK_REALTIME ms), 0 not known */
	pid_t chain[WAITS_CHAIN];     /* pid, the process it waits on, ... (channel/wait_chain.h) */
	size_t n_chain;
	bool ring;                    /* the chain runs into a ring of waits (its last pid repeats) */
	bool in_ring;                 /* pid itself is on a ring: a deadlock */
};

struct waits_state {
	struct waits_row *rows;
	size_t n_rows, cap_rows;
	size_t n_blocked;             /* blocked processes in scope, before the filter */
	size_t sel, top;
	pid_t sel_pid;                /* kept across refreshes (with its host on a --merge) */
	char sel_host[256];
	size_t hop;                   /* the chosen process of the selected row's chain (Tab) */
	bool prompt;
	char filter[WAITS_TEXT];      /* words: a pid, or part of a process name, of any in the chain */
	int hscroll, max_hscroll;
	int body_rows, table_y;
};

/* waits_rows.c */
void waits_rebuild(struct waits_state *t, struct view_ctx *v);
void waits_select_row(struct waits_state *t, size_t row);
const struct waits_row *waits_selected(const struct waits_state *t);
/* The row of pid on host (NULL: one host's snapshot), or n_rows when it has none. */
size_t waits_row_of(const struct waits_state *t, pid_t pid, const char *host);
/* Process pid of row r's chain: on the row's host. */
const struct proc_info *waits_proc(const struct snapshot *s, const struct waits_row *r, pid_t pid);
/* How long: "45s", "3m04s", "2h05m", "3d04h"; "?" when since is not known. */
void waits_age_text(uint64_t now_ms, uint64_t since_ms, char *buf, size_t size);
/* Where process i of a chain is named in its text: bytes [from, to). */
struct waits_span { size_t from, to; };
/* Append the chain of row r: "1234 (a) write pipe → 1235 (b) pause", "deadlock: ..." for a
 * ring; span[i] (n_chain of them) gets where "PID (name)" of process i is. Names escaped. */
void waits_chain_text(const struct view_ctx *v, const struct waits_row *r, struct strbuf *sb,
		      struct waits_span *span);

/* waits_draw.c */
void waits_draw_table(struct waits_state *t, struct view_ctx *v, WINDOW *w);
void waits_draw_prompt(struct waits_state *t, struct view_ctx *v, WINDOW *w);

#endif
