/* view_graph.h — the communication-graph screen: processes as boxes, channels as lines, laid out
 * left (clients) to right (servers); focus, hops, kind filter, groups (of a family, a service or a user), the list's
 * scope or the whole machine, scrolling. */
#ifndef IPCTOP_VIEW_GRAPH_H
#define IPCTOP_VIEW_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <curses.h>

#include "model/snapshot.h"

struct graph_view;                                       /* state kept across refreshes */
struct graph_view *graph_view_new(void);
/* Show only the channel kinds of mask (bit k: kind k), as --kind asks; 0 leaves all shown. The
 * kind keys still turn each on and off. */
void graph_view_set_kinds(struct graph_view *g, uint32_t mask);
void graph_view_free(struct graph_view *g);
/* Rebuild from a new snapshot, keeping positions of nodes that still exist. */
void graph_view_update(struct graph_view *g, const struct snapshot *s);
void graph_view_draw(struct graph_view *g, WINDOW *w, const struct snapshot *s);   /* fills w entirely */
/* Handle a key: GRAPH_NONE, GRAPH_CLOSE, or GRAPH_OPEN_PID with *pid set (Enter on the
 * focused node). KEY_MOUSE is ignored: clicks come through graph_view_click. */
enum graph_action { GRAPH_NONE, GRAPH_CLOSE, GRAPH_OPEN_PID };
enum graph_action graph_view_key(struct graph_view *g, int key, pid_t *pid);
/* A click at (y, x) of the window last drawn (row 0 is the status line): selects the box
 * there; a click on the box already selected acts as Enter. */
enum graph_action graph_view_click(struct graph_view *g, int y, int x, pid_t *pid);
void graph_view_scroll(struct graph_view *g, int dy);   /* scroll the view by dy rows */
/* The processes "all" means (a): in[i] for snapshot proc i, as the list shows them; NULL:
 * every process. Given with each snapshot (graph_view_update), n = its process count. */
void graph_view_set_scope(struct graph_view *g, const bool *in, size_t n);
/* Focus a pid (g on a selected process). */
void graph_view_focus(struct graph_view *g, pid_t pid);
/* Focus the process pid that started at start on host (a --merge: another host may have its
 * pid; host NULL: any host's). host is the snapshot's text. */
void graph_view_focus_at(struct graph_view *g, pid_t pid, uint64_t start, const char *host);
/* The start time of the process the last GRAPH_OPEN_PID named (0: unknown), and its host
 * (--merge; else NULL). */
uint64_t graph_view_open_start(const struct graph_view *g);
const char *graph_view_open_host(const struct graph_view *g);
/* / and n: select the first shown box (with next, the first after the selected one, around
 * the end) whose name contains query, any case, or for a number the box of that process (its
 * group's when grouped); it scrolls into view. False, with a message, when none does. */
bool graph_view_jump(struct graph_view *g, const char *query, bool next);
/* What groups are made of now: "by family", "by service", "by user" or "none" (C cycles). */
const char *graph_view_grouping(const struct graph_view *g);
/* Whether the groups need each process's cgroup (by service): the collector reads it only
 * then. */
bool graph_view_wants_cgroup(const struct graph_view *g);
/* One line of help for the function bar / status line. */
const char *graph_view_hint(const struct graph_view *g);

#endif
