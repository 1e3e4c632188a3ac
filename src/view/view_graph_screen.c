/* view_graph_screen.c — the communication graph as a screen: the graph view (view_graph.h)
 * focused on the process passed on, fed every snapshot with the list's scope (what its "all"
 * means), and the key table's actions turned into the graph's own keys. */
#include <stdlib.h>
#include <string.h>

#include "view/prompt_edit.h"
#include "view/ui.h"
#include "view/view.h"
#include "view/view_graph.h"

struct graph_screen {
	struct graph_view *g;
	bool *scope; size_t cap;
	bool prompt; char query[64];   /* / : the jump prompt open, and what it holds */
};

/* The snapshot and which of its processes the list shows, to the graph view. */
static void feed(struct graph_screen *s, struct view_ctx *v)
{
	const struct snapshot *snap = v->cur;
	if (!view_scope_narrowed(v)) {
		graph_view_set_scope(s->g, NULL, 0);
	} else {
		if (s->cap < snap->n_procs + 1) {
			bool *grown = realloc(s->scope, (snap->n_procs + 1) * sizeof(*grown));
			if (!grown)
				return;
			s->scope = grown;
			s->cap = snap->n_procs + 1;
		}
		for (size_t i = 0; i < snap->n_procs; i++)
			s->scope[i] = view_proc_in_scope(v, &snap->procs[i]);
		graph_view_set_scope(s->g, s->scope, snap->n_procs);
	}
	graph_view_update(s->g, snap);
}

static void *graph_enter(struct view_ctx *v, const void *arg)
{
	(void)arg;
	struct graph_screen *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->g = graph_view_new();
	graph_view_set_kinds(s->g, v->opts->kind_mask);
	feed(s, v);
	if (v->sel_pid > 0)
		graph_view_focus_at(s->g, v->sel_pid, v->sel_start, v->sel_host);
	return s;
}

static void graph_leave(void *st, struct view_ctx *v)
{
	(void)v;
	struct graph_screen *s = st;
	graph_view_free(s->g);
	free(s->scope);
	free(s);
}

static void graph_snapshot(void *st, struct view_ctx *v, const struct snapshot *old)
{
	(void)old;
	feed(st, v);
}

static void graph_draw(void *st, struct view_ctx *v, WINDOW *w)
{
	struct graph_screen *s = st;
	graph_view_draw(s->g, w, v->cur);
	if (!s->prompt)
		return;
	int width = getmaxx(w);
	ui_fill(w, 0, 0, width, A_NORMAL);
	int x = ui_put_str(w, 0, 0, "Jump to: ", width, ui_attr(UI_FKEY_LABEL));
	x += ui_put_text(w, 0, x, s->query, strlen(s->query), width - x - 1, A_BOLD);
	ui_put_str(w, 0, x, "_", 1, A_BLINK);
	ui_put_str(w, 0, x + 2, "(part of a name, or a pid; Enter or Esc closes, then n: next)", width - x - 2,
		   ui_attr(UI_DIM));
}

/* A key while the jump prompt is open: the selection follows the text as it is typed. */
static void prompt_key(struct graph_screen *s, const struct key_event *ev)
{
	if (prompt_filter_key(s->query, sizeof s->query, &s->prompt, ev) && s->query[0])
		graph_view_jump(s->g, s->query, false);
}

/* The graph's own key for an action of the key table, or 0. */
static int graph_key_of(enum action a)
{
	static const int keys[ACT__COUNT] = {
		[ACT_UP] = KEY_UP, [ACT_DOWN] = KEY_DOWN, [ACT_LEFT] = KEY_LEFT, [ACT_RIGHT] = KEY_RIGHT,
		[ACT_PAGE_UP] = KEY_PPAGE, [ACT_PAGE_DOWN] = KEY_NPAGE, [ACT_HOME] = KEY_HOME,
		[ACT_END] = KEY_END, [ACT_ENTER] = '\n', [ACT_EDGE_NEXT] = '\t', [ACT_EDGE_PREV] = KEY_BTAB,
		[ACT_HOPS_MORE] = '+', [ACT_HOPS_FEWER] = '-', [ACT_SHOW_ALL] = 'a', [ACT_SHOW_MACHINE] = 'A', [ACT_COLLAPSE] = 'c', [ACT_GROUP_BY] = 'C',
		[ACT_EXPAND] = 'e',
		[ACT_KIND_CYCLE] = 'k', [ACT_KIND_1] = '1', [ACT_KIND_2] = '2', [ACT_KIND_3] = '3',
		[ACT_KIND_4] = '4', [ACT_KIND_5] = '5', [ACT_KIND_6] = '6', [ACT_KIND_7] = '7',
		[ACT_KIND_8] = '8', [ACT_KIND_9] = '9', [ACT_KIND_10] = '0', [ACT_ONE_ENDED] = 'o',
	};
	return (unsigned)a < ACT__COUNT ? keys[a] : 0;
}

static void act(struct graph_screen *s, struct view_ctx *v, enum graph_action r, pid_t pid)
{
	if (r == GRAPH_OPEN_PID) {
		/* by its start time and host too: on a --merge the node's host's, not the first with
		 * its pid (two hosts may have one pid started at one tick) */
		uint64_t start = graph_view_open_start(s->g);
		const char *host = graph_view_open_host(s->g);
		view_select(v, start ? snapshot_find_proc_at(v->cur, pid, start, host)
		                     : snapshot_find_proc_on(v->cur, pid, host));
		if (v->sel_pid == pid)
			view_open(v, "detail", NULL);
	} else if (r == GRAPH_CLOSE) {
		view_close(v, s);
	}
}

static bool graph_key(void *st, struct view_ctx *v, const struct key_event *ev, enum action a)
{
	struct graph_screen *s = st;
	if (s->prompt) {
		prompt_key(s, ev);
		return true;
	}
	if (ev->type != KEV_KEY)
		return true;
	if (a == ACT_SEARCH || a == ACT_SEARCH_NEXT) {
		if (a == ACT_SEARCH)
			s->query[0] = 0;
		s->prompt = a == ACT_SEARCH;
		if (a == ACT_SEARCH_NEXT)
			graph_view_jump(s->g, s->query, true);
		return true;
	}
	if (a == ACT_BACK) {
		view_close(v, s);
		return true;
	}
	int key = graph_key_of(a);
	if (!key)
		return a == ACT_NONE;
	pid_t pid = 0;
	enum graph_action r = graph_view_key(s->g, key, &pid);
	act(s, v, r, pid);
	return true;
}

static void graph_mouse(void *st, struct view_ctx *v, const struct key_event *ev, int y, int x)
{
	struct graph_screen *s = st;
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN) {
		graph_view_scroll(s->g, ev->mouse == MOUSE_WHEEL_UP ? -3 : 3);
		return;
	}
	pid_t pid = 0;
	enum graph_action r = graph_view_click(s->g, y, x, &pid);
	act(s, v, r, pid);
}

static const char *graph_hint(void *st)
{
	return graph_view_hint(((struct graph_screen *)st)->g);
}

static bool graph_typing(void *st)
{
	return ((struct graph_screen *)st)->prompt;
}

static bool graph_wants_cgroup(void *st)
{
	return graph_view_wants_cgroup(((struct graph_screen *)st)->g);
}

const struct screen_ops screen_graph = {
	.name = "graph", .enter = graph_enter, .leave = graph_leave, .snapshot = graph_snapshot,
	.draw = graph_draw, .key = graph_key, .mouse = graph_mouse, .hint = graph_hint,
	.typing = graph_typing, .wants_cgroup = graph_wants_cgroup,
};
