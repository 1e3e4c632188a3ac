/* keymap.h — every key binding of the TUI in one table: key -> action -> the screen it
 * applies in. Screens act on actions, the key bar and the help screen are drawn from the
 * table, and a test checks the man page against it, so none of them can drift. */
#ifndef IPCTOP_KEYMAP_H
#define IPCTOP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_QUIT, ACT_HELP, ACT_BACK,
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_ENTER,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_FILTER, ACT_TREE, ACT_SORT_MENU, ACT_SORT_PREV,
	ACT_SORT_NEXT, ACT_SORT_INVERT, ACT_SORT_MEM, ACT_SORT_CPU, ACT_SORT_TIME, ACT_SORT_TRAFFIC, ACT_USER, ACT_FOLLOW, ACT_KTHREADS, ACT_THREADS, ACT_PROGRAM_PATH, ACT_SETUP, ACT_TAG, ACT_UNTAG_ALL,
	ACT_EXPLAIN, ACT_KILL, ACT_NICE_LOWER, ACT_NICE_RAISE, ACT_GRAPH, ACT_CHANS, ACT_WAITS,
	ACT_TAB_NEXT, ACT_TAB_PREV, ACT_TAB_1, ACT_TAB_2, ACT_TAB_3, ACT_TAB_4, ACT_PREV_PROC,
	ACT_EDGE_NEXT, ACT_EDGE_PREV, ACT_HOPS_MORE, ACT_HOPS_FEWER, ACT_SHOW_ALL, ACT_SHOW_MACHINE, ACT_COLLAPSE, ACT_GROUP_BY, ACT_EXPAND,
	ACT_KIND_CYCLE, ACT_KIND_1, ACT_KIND_2, ACT_KIND_3, ACT_KIND_4, ACT_KIND_5, ACT_KIND_6,
	ACT_KIND_7, ACT_KIND_8, ACT_KIND_9, ACT_KIND_10, ACT_ONE_ENDED, ACT_SERVICE_NAMES,
	ACT_TOGGLE, ACT_MOVE_UP, ACT_MOVE_DOWN, ACT_DELAY_LESS, ACT_DELAY_MORE,
	ACT_METERS, ACT_METER_MODE, ACT_METER_RAISE, ACT_METER_LOWER, ACT_LIBS, ACT_COMPARE,
	ACT_SAMPLE_PREV, ACT_SAMPLE_NEXT, ACT_MINUTE_PREV, ACT_MINUTE_NEXT, ACT_REPLAY_START,
	ACT_REPLAY_END, ACT_CHANGES, ACT_JUMP, ACT_PLAY, ACT_PLAY_SPEED,
	ACT_MARK, ACT_RECORD,
	ACT__COUNT
};

struct key_binding {
	int key;                 /* a character or an ncurses KEY_* code */
	const char *scope;       /* a screen's name, or "*" for every screen */
	enum action action;
	const char *name;        /* as the help screen and the man page spell the key */
	const char *bar;         /* its label in the key bar, or NULL */
	const char *help;        /* what the action does: on the first binding of an action */
};

extern const struct key_binding keymap[];
extern const size_t keymap_count;

/* The action of key with modifiers mods in screen scope: the screen's own bindings first,
 * then "*". Alt or Ctrl with a character is bound to nothing (Alt+k is never k), and a
 * modifier with an arrow, editing or function key, Tab or Enter acts as the key alone. */
enum action keymap_action(const char *scope, int key, unsigned mods);
/* The first binding of action in scope (or in "*"), for the key bar's clicks: NULL if none. */
const struct key_binding *keymap_binding(const char *scope, enum action a);
/* Whether an action does something to a process (signal, nice): only a key pressed on purpose,
 * never a paste, escape sequence or mouse report, may start one. */
bool action_is_destructive(enum action a);

#endif
