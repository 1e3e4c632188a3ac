/* keymap.c — the key table of every screen (see keymap.h), and its look-up. */
#include "view/keymap.h"

#include <string.h>

#include <curses.h>

#include "view/term_input.h"

#define K(key, scope, act, name, bar, help) { key, scope, act, name, bar, help }

const struct key_binding keymap[] = {
	/* everywhere (a screen's own binding of the same key comes first) */
	K(KEY_F(1), "*", ACT_HELP, "F1", "Help", "the keys, and one sentence about every column and field"),
	K(KEY_F(10), "*", ACT_QUIT, "F10", "Quit", "quit ipctop"),
	K('q', "*", ACT_QUIT, "q", NULL, NULL),
	K(KEY_UP, "*", ACT_UP, "Up", NULL, "move up"),
	K(KEY_DOWN, "*", ACT_DOWN, "Down", NULL, "move down"),
	K(KEY_LEFT, "*", ACT_LEFT, "Left", NULL, "move left"),
	K(KEY_RIGHT, "*", ACT_RIGHT, "Right", NULL, "move right"),
	K(KEY_PPAGE, "*", ACT_PAGE_UP, "PgUp", NULL, "one page up"),
	K(KEY_NPAGE, "*", ACT_PAGE_DOWN, "PgDn", NULL, "one page down"),
	K(KEY_HOME, "*", ACT_HOME, "Home", NULL, "to the first line"),
	K(KEY_END, "*", ACT_END, "End", NULL, "to the last line"),
	K('\n', "*", ACT_ENTER, "Enter", NULL, "open or choose what is selected"),
	K(27, "*", ACT_BACK, "Esc", NULL, "back one screen"),
	K('N', "*", ACT_SERVICE_NAMES, "N", NULL, "ports with their service names from /etc/services (5432 (postgresql)) or by number only (at first; saved)"),
	K('W', "*", ACT_RECORD, "W", NULL, "live: start recording the session to a file named at a prompt (as --record writes it), or stop"),

	/* the process list */
	K(KEY_F(2), "list", ACT_SETUP, "F2", "Setup", "setup: the columns and their order, tree mode, kernel threads, refresh delay"),
	K(KEY_F(3), "list", ACT_SEARCH, "F3", "Search", "search by name, command line or socket words (:5432, unix stream), as you type"),
	K('/', "list", ACT_SEARCH, "/", NULL, NULL),
	K('n', "list", ACT_SEARCH_NEXT, "n", NULL, "the next match of the search"),
	K(KEY_F(4), "list", ACT_FILTER, "F4", "Filter", "show only the processes whose name, command line or socket words (:5432, unix stream) contain a text"),
	K('\\', "list", ACT_FILTER, "\\", NULL, NULL),
	K(KEY_F(5), "list", ACT_TREE, "F5", "Tree", "the processes as a tree of parents and children"),
	K('t', "list", ACT_TREE, "t", NULL, NULL),
	K(KEY_F(6), "list", ACT_SORT_MENU, "F6", "SortBy", "choose the column to sort by"),
	K('<', "list", ACT_SORT_PREV, "<", NULL, "sort by the previous column"),
	K(',', "list", ACT_SORT_PREV, ",", NULL, NULL),
	K('>', "list", ACT_SORT_NEXT, ">", NULL, "sort by the next column"),
	K('.', "list", ACT_SORT_NEXT, ".", NULL, NULL),
	K('I', "list", ACT_SORT_INVERT, "I", NULL, "invert the sort order"),
	K('M', "list", ACT_SORT_MEM, "M", NULL, "sort by resident memory, largest first"),
	K('P', "list", ACT_SORT_CPU, "P", NULL, "sort by CPU%, busiest first"),
	K('T', "list", ACT_SORT_TIME, "T", NULL, "sort by CPU time (TIME+), most first"),
	K('B', "list", ACT_SORT_TRAFFIC, "B", NULL, "sort by channel traffic (IPC/s), busiest first; shows the IPC/s and BUSIEST columns"),
	K('p', "list", ACT_PROGRAM_PATH, "p", NULL, "show or hide the program's directory in the command column (saved)"),
	K('H', "list", ACT_THREADS, "H", NULL, "show or hide each process's threads as rows under it (saved)"),
	K('K', "list", ACT_KTHREADS, "K", NULL, "show or hide kernel threads (hidden at first; saved)"),
	K('u', "list", ACT_USER, "u", NULL, "show only one user's processes"),
	K('F', "list", ACT_FOLLOW, "F", NULL, "follow the selected process across re-sorts"),
	K(' ', "list", ACT_TAG, "Space", NULL, "tag or untag the selected process (F9 then acts on all tagged)"),
	K('U', "list", ACT_UNTAG_ALL, "U", NULL, "untag all"),
	K('?', "list", ACT_EXPLAIN, "?", NULL, "explain the column under the column cursor (Left, Right; at the first or last column they scroll the list sideways)"),
	K(KEY_F(7), "list", ACT_NICE_LOWER, "F7", "Nice-", "lower the nice value: more CPU (needs privilege); a menu confirms"),
	K(']', "list", ACT_NICE_LOWER, "]", NULL, NULL),
	K(KEY_F(8), "list", ACT_NICE_RAISE, "F8", "Nice+", "raise the nice value: less CPU; a menu confirms"),
	K('[', "list", ACT_NICE_RAISE, "[", NULL, NULL),
	K(KEY_F(9), "list", ACT_KILL, "F9", "Kill", "send a signal to the selected or tagged processes; a menu confirms"),
	K('k', "list", ACT_KILL, "k", NULL, NULL),
	K('\n', "list", ACT_ENTER, "Enter", NULL, "open the detail of the selected process"),
	K('g', "list", ACT_GRAPH, "g", "Graph", "the communication graph, focused on the selected process"),
	K('c', "list", ACT_CHANS, "c", "Chans", "the channel table: every channel and listener with its ends, state and queues"),
	K('w', "list", ACT_WAITS, "w", "Waits", "the waits screen: every blocked process, the longest blocked first, with the chain of what it waits on"),
	K(27, "list", ACT_BACK, "Esc", NULL, "clear the filter"),

	/* the detail of one process */
	K('\t', "detail", ACT_TAB_NEXT, "Tab", "NextTab", "the next tab"),
	K(KEY_BTAB, "detail", ACT_TAB_PREV, "Shift-Tab", NULL, "the previous tab"),
	K('1', "detail", ACT_TAB_1, "1", NULL, "the PCB tab"),
	K('2', "detail", ACT_TAB_2, "2", NULL, "the Scheduling tab"),
	K('3', "detail", ACT_TAB_3, "3", NULL, "the Memory tab"),
	K('4', "detail", ACT_TAB_4, "4", NULL, "the IPC tab"),
	K('\n', "detail", ACT_ENTER, "Enter", "Peer", "open the process at the other end of the selected channel"),
	K(KEY_RIGHT, "detail", ACT_ENTER, "Right", NULL, "open the peer of the selected line; on a line without one, scroll the lines right"),
	K('>', "detail", ACT_RIGHT, ">", NULL, "scroll the lines right (a line cut at the window's edge)"),
	K('<', "detail", ACT_LEFT, "<", NULL, "scroll the lines left (Left does too)"),
	K(KEY_BACKSPACE, "detail", ACT_PREV_PROC, "Backspace", "PrevProc", "back to the previous process"),
	K('?', "detail", ACT_EXPLAIN, "?", "Explain", "explain the field under the cursor"),
	K('g', "detail", ACT_GRAPH, "g", NULL, "the communication graph, focused on this process"),
	K('c', "detail", ACT_CHANS, "c", NULL, "the channel table, filtered to this process"),
	K('l', "detail", ACT_LIBS, "l", NULL, "Memory tab: the shared libraries as one band, or one band per library"),
	K('C', "detail", ACT_COMPARE, "C", NULL, "Memory tab: compare with another process, side by side (the next -p pid, else one chosen); again: back"),
	K(27, "detail", ACT_BACK, "Esc", "Back", "back to the list"),

	/* the communication graph */
	K('\t', "graph", ACT_EDGE_NEXT, "Tab", NULL, "select the next edge of the selected box"),
	K(KEY_BTAB, "graph", ACT_EDGE_PREV, "Shift-Tab", NULL, "select the previous edge"),
	K('\n', "graph", ACT_ENTER, "Enter", NULL, "focus the selected box; again: open its detail; on an edge: follow it"),
	K('+', "graph", ACT_HOPS_MORE, "+", NULL, "show one hop more around the focus"),
	K('=', "graph", ACT_HOPS_MORE, "=", NULL, NULL),
	K('-', "graph", ACT_HOPS_FEWER, "-", NULL, "show one hop fewer"),
	K('_', "graph", ACT_HOPS_FEWER, "_", NULL, NULL),
	K('a', "graph", ACT_SHOW_ALL, "a", NULL, "show every process the list shows (no focus)"),
	K('A', "graph", ACT_SHOW_MACHINE, "A", NULL, "show every process of the machine (no focus)"),
	K('c', "graph", ACT_COLLAPSE, "c", NULL, "groups on or off: a parent and its children of one program as one box, a server's processes as one box per listened port (nginx :80)"),
	K('C', "graph", ACT_GROUP_BY, "C", NULL, "what groups are made of, in turn: families, services (a systemd unit or container as one box; a process of none by its family), users (one box per user), none"),
	K('e', "graph", ACT_EXPAND, "e", NULL, "open the selected group into its processes, the other groups kept; on one of them: close it again"),
	K('k', "graph", ACT_KIND_CYCLE, "k", NULL, "show one kind of channel at a time"),
	K('1', "graph", ACT_KIND_1, "1", NULL, "toggle pipes"),
	K('2', "graph", ACT_KIND_2, "2", NULL, "toggle fifos"),
	K('3', "graph", ACT_KIND_3, "3", NULL, "toggle unix sockets"),
	K('4', "graph", ACT_KIND_4, "4", NULL, "toggle tcp"),
	K('5', "graph", ACT_KIND_5, "5", NULL, "toggle udp"),
	K('6', "graph", ACT_KIND_6, "6", NULL, "toggle sysv_shm"),
	K('7', "graph", ACT_KIND_7, "7", NULL, "toggle sysv_msg"),
	K('8', "graph", ACT_KIND_8, "8", NULL, "toggle posix_shm"),
	K('9', "graph", ACT_KIND_9, "9", NULL, "toggle posix_mq"),
	K('0', "graph", ACT_KIND_10, "0", NULL, "toggle memfd"),
	K('o', "graph", ACT_ONE_ENDED, "o", NULL, "show or hide one-ended pipes (writers only or readers only; hidden at first)"),
	K('/', "graph", ACT_SEARCH, "/", NULL, "jump to a box as you type: part of its name, or a pid (its group's box when grouped)"),
	K('n', "graph", ACT_SEARCH_NEXT, "n", NULL, "the next box that matches"),
	K(27, "graph", ACT_BACK, "Esc", "Back", "back one screen"),

	/* the channel table */
	K('\n', "chans", ACT_ENTER, "Enter", "Open", "open the detail of the chosen end's process (underlined; the first end with a process)"),
	K('\t', "chans", ACT_TAB_NEXT, "Tab", "NextEnd", "choose the next end of the selected channel"),
	K(KEY_BTAB, "chans", ACT_TAB_PREV, "Shift-Tab", NULL, "choose the previous end"),
	K(KEY_F(6), "chans", ACT_SORT_MENU, "F6", "SortBy", "choose what to sort by: kind, state, queues, bytes, rate, or the first end's pid"),
	K('<', "chans", ACT_SORT_PREV, "<", NULL, "sort by the previous column (a click on a column's title sorts by it)"),
	K(',', "chans", ACT_SORT_PREV, ",", NULL, NULL),
	K('>', "chans", ACT_SORT_NEXT, ">", NULL, "sort by the next column"),
	K('.', "chans", ACT_SORT_NEXT, ".", NULL, NULL),
	K('I', "chans", ACT_SORT_INVERT, "I", NULL, "invert the sort order"),
	K('k', "chans", ACT_KIND_CYCLE, "k", "Kind", "show one kind of channel at a time, then every kind again"),
	K(KEY_F(4), "chans", ACT_FILTER, "F4", "Filter", "keep channels with an end matching every word: a pid, :PORT (local or remote), or part of a process name"),
	K('\\', "chans", ACT_FILTER, "\\", NULL, NULL),
	K('?', "chans", ACT_EXPLAIN, "?", "Explain", "explain the column under the column cursor (Left, Right)"),
	K(27, "chans", ACT_BACK, "Esc", "Back", "back one screen"),
	K(KEY_BACKSPACE, "chans", ACT_BACK, "Backspace", NULL, NULL),

	/* the waits screen */
	K('\n', "waits", ACT_ENTER, "Enter", "Open", "open the detail of the chosen process of the selected chain (underlined; the row's own at first)"),
	K('\t', "waits", ACT_TAB_NEXT, "Tab", "Next", "along the chain: the next process's own row when it is blocked too, else onto it in this row"),
	K(KEY_BTAB, "waits", ACT_TAB_PREV, "Shift-Tab", NULL, "back along the selected row's chain"),
	K('/', "waits", ACT_FILTER, "/", "Filter", "keep chains with a process matching every word: a pid or part of a process name"),
	K(KEY_F(4), "waits", ACT_FILTER, "F4", NULL, NULL),
	K('\\', "waits", ACT_FILTER, "\\", NULL, NULL),
	K(27, "waits", ACT_BACK, "Esc", "Back", "back one screen"),
	K(KEY_BACKSPACE, "waits", ACT_BACK, "Backspace", NULL, NULL),

	/* help and setup */
	K(' ', "help", ACT_PAGE_DOWN, "Space", NULL, "one page down"),
	K(KEY_F(1), "help", ACT_BACK, "F1", NULL, "close the help"),
	K('\n', "help", ACT_BACK, "Enter", NULL, NULL),
	K(27, "help", ACT_BACK, "Esc", "Back", NULL),
	K(' ', "setup", ACT_TOGGLE, "Space", NULL, "switch the selected item on or off"),
	K('\n', "setup", ACT_TOGGLE, "Enter", NULL, NULL),
	K(KEY_F(7), "setup", ACT_MOVE_UP, "F7", "MoveUp", "move the selected column earlier (left in the list)"),
	K('[', "setup", ACT_MOVE_UP, "[", NULL, NULL),
	K(KEY_F(8), "setup", ACT_MOVE_DOWN, "F8", "MoveDn", "move the selected column later (right in the list)"),
	K(']', "setup", ACT_MOVE_DOWN, "]", NULL, NULL),
	K('-', "setup", ACT_DELAY_LESS, "-", NULL, "a shorter refresh delay"),
	K('+', "setup", ACT_DELAY_MORE, "+", NULL, "a longer refresh delay"),
	K('=', "setup", ACT_DELAY_MORE, "=", NULL, NULL),
	K(KEY_F(2), "setup", ACT_BACK, "F2", NULL, "back to the list (settings are saved on quit)"),
	K(27, "setup", ACT_BACK, "Esc", "Back", NULL),
	K('m', "setup", ACT_METERS, "m", "Meters", "the header meters: which, where, bar or text"),
	K(' ', "meters", ACT_TOGGLE, "Space", NULL, "show or hide the selected meter"),
	K('\n', "meters", ACT_METER_MODE, "Enter", NULL, "draw the selected meter as a bar or as text"),
	K('b', "meters", ACT_METER_MODE, "b", NULL, NULL),
	K('[', "meters", ACT_METER_RAISE, "[", NULL, "move the selected meter up in its column (Left, Right: to the other column)"),
	K(']', "meters", ACT_METER_LOWER, "]", NULL, "move it down"),
	K(KEY_F(2), "meters", ACT_BACK, "F2", NULL, "back to the setup"),
	K(27, "meters", ACT_BACK, "Esc", "Back", NULL),

	/* a recording replayed (--replay): on every screen, unless a prompt takes the keys */
	K('(', "replay", ACT_SAMPLE_PREV, "(", NULL, "replay: one sample back"),
	K(')', "replay", ACT_SAMPLE_NEXT, ")", NULL, "replay: one sample forward"),
	K('{', "replay", ACT_MINUTE_PREV, "{", NULL, "replay: about a minute back (the first sample at least a minute before, else the first)"),
	K('}', "replay", ACT_MINUTE_NEXT, "}", NULL, "replay: about a minute forward (the last sample at most a minute after, at least the next)"),
	K('^', "replay", ACT_REPLAY_START, "^", NULL, "replay: the first sample"),
	K('$', "replay", ACT_REPLAY_END, "$", NULL, "replay: the last sample"),
	K('D', "replay", ACT_CHANGES, "D", NULL, "replay: what changed since the sample before: processes born and ended, channels opened and closed"),
	K('X', "replay", ACT_MARK, "X", NULL, "replay: mark the sample shown (X again: unmark); D then shows what changed between the marked sample and the one shown"),
	K('J', "replay", ACT_JUMP, "J", NULL, "replay: jump to a time typed at a prompt: HH:MM:SS (on the first sample's day), YYYY-MM-DD HH:MM:SS, or -5m, +30s, -1h from the sample shown; the last sample at or before it"),
	K('R', "replay", ACT_PLAY, "R", NULL, "replay: play or pause: step through the samples as they were taken, at the speed S sets"),
	K('S', "replay", ACT_PLAY_SPEED, "S", NULL, "replay: the playing speed: 1x (real time), 10x, 60x, 600x, then 1x again"),

	/* what changed (replay) */
	K('\n', "changes", ACT_ENTER, "Enter", "Open", "open the detail of the selected line's process (one that ended: one sample back, where it still runs)"),
	K(27, "changes", ACT_BACK, "Esc", "Back", "back one screen"),
	K(KEY_BACKSPACE, "changes", ACT_BACK, "Backspace", NULL, NULL),

	/* menus and confirmations */
	K('\n', "menu", ACT_ENTER, "Enter", "Choose", "choose the selected entry (for a signal or nice value: do it)"),
	K(27, "menu", ACT_BACK, "Esc", "Cancel", "close the menu, doing nothing"),
	K('q', "menu", ACT_BACK, "q", NULL, NULL),
	K(KEY_F(10), "menu", ACT_BACK, "F10", NULL, NULL),
};

const size_t keymap_count = sizeof(keymap) / sizeof(keymap[0]);

/* Keys whose Shift, Ctrl or Alt variants (xterm's ESC[1;5A ...) mean the key itself. */
static bool plain_with_modifiers(int key)
{
	return key >= KEY_MIN || key == '\t' || key == '\n';
}

static enum action lookup(const char *scope, int key)
{
	for (size_t i = 0; i < keymap_count; i++)
		if (keymap[i].key == key && strcmp(keymap[i].scope, scope) == 0)
			return keymap[i].action;
	return ACT_NONE;
}

enum action keymap_action(const char *scope, int key, unsigned mods)
{
	if (key == 27)
		mods = 0;          /* ESC ESC is Alt+Esc: still Esc */
	if (mods && !plain_with_modifiers(key))
		return ACT_NONE;   /* Alt or Ctrl with a character is never that character's action */
	enum action a = lookup(scope, key);
	return a != ACT_NONE ? a : lookup("*", key);
}

const struct key_binding *keymap_binding(const char *scope, enum action a)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < keymap_count; i++)
			if (keymap[i].action == a && strcmp(keymap[i].scope, pass ? "*" : scope) == 0)
				return &keymap[i];
	return NULL;
}

bool action_is_destructive(enum action a)
{
	return a == ACT_KILL || a == ACT_NICE_LOWER || a == ACT_NICE_RAISE;
}
