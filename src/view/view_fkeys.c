/* view_fkeys.c — the function-key bar at the bottom (htop style), which keys each screen
 * offers, and the mapping from a click on the bar to the key it stands for. */
#include <string.h>

#include "view/tui_state.h"
#include "view/ui.h"
#if __has_include("view/view_graph.h")
#include "view/view_graph.h"
#define HAVE_GRAPH_VIEW 1
#endif

struct fkey { int key; const char *num, *label; };

static const struct fkey list_keys[] = {
	{ KEY_F(1), "F1", "Help" }, { KEY_F(2), "F2", "Setup" }, { KEY_F(3), "F3", "Search" },
	{ KEY_F(4), "F4", "Filter" }, { KEY_F(5), "F5", "Tree" }, { KEY_F(6), "F6", "SortBy" },
	{ KEY_F(7), "F7", "Nice-" }, { KEY_F(8), "F8", "Nice+" },
	{ KEY_F(9), "F9", "Kill" }, { KEY_F(10), "F10", "Quit" }, { 'g', "g", "Graph" },
};
static const struct fkey detail_keys[] = {
	{ KEY_F(1), "F1", "Help" }, { '\t', "Tab", "NextTab" }, { '\n', "Enter", "Peer" },
	{ KEY_BACKSPACE, "BS", "PrevProc" }, { '?', "?", "Explain" }, { 27, "Esc", "Back" },
	{ KEY_F(10), "F10", "Quit" },
};
static const struct fkey back_keys[] = {
	{ KEY_F(1), "F1", "Help" }, { 27, "Esc", "Back" }, { KEY_F(10), "F10", "Quit" },
};

static void add_key(struct tui *t, WINDOW *w, int *x, const struct fkey *k)
{
	int cols = getmaxx(w);
	int nw = ui_str_width(k->num), lw = ui_str_width(k->label) + 1;
	if (lw < 6)
		lw = 6;
	if (*x + nw + 2 > cols || t->n_fkeys >= sizeof t->fkeys / sizeof t->fkeys[0])
		return;
	int x0 = *x;
	*x += ui_put_str(w, 0, *x, k->num, nw, ui_attr(UI_FKEY_NUM));
	ui_fill(w, 0, *x, lw, ui_attr(UI_FKEY_LABEL));
	ui_put_str(w, 0, *x, k->label, lw, ui_attr(UI_FKEY_LABEL));
	*x += lw;
	t->fkeys[t->n_fkeys++] = (struct fkey_hit){ x0, *x, k->key };
}

void fkeys_draw(struct tui *t, WINDOW *w)
{
	const struct fkey *keys = back_keys;
	size_t n = sizeof back_keys / sizeof back_keys[0];
	int x = 0;
	t->n_fkeys = 0;
	if (tui_screen(t) == SCR_LIST) {
		keys = list_keys;
		n = sizeof list_keys / sizeof list_keys[0];
	} else if (tui_screen(t) == SCR_DETAIL) {
		keys = detail_keys;
		n = sizeof detail_keys / sizeof detail_keys[0];
	}
	for (size_t i = 0; i < n; i++) {
		if ((keys[i].key == KEY_F(9) || keys[i].key == KEY_F(7) || keys[i].key == KEY_F(8)) &&
		    t->opts->readonly)
			continue;
		add_key(t, w, &x, &keys[i]);
	}
#ifdef HAVE_GRAPH_VIEW
	if (tui_screen(t) == SCR_GRAPH && t->graph)
		x += 1 + ui_put_str(w, 0, x + 1, graph_view_hint(t->graph), getmaxx(w) - x - 1, ui_attr(UI_DIM));
#endif
	if (t->status[0] && x + 2 < getmaxx(w))
		ui_put_text(w, 0, x + 1, t->status, strlen(t->status), getmaxx(w) - x - 1, ui_attr(UI_WARN));
}

int fkeys_hit(const struct tui *t, int x)
{
	for (size_t i = 0; i < t->n_fkeys; i++)
		if (x >= t->fkeys[i].x0 && x < t->fkeys[i].x1)
			return t->fkeys[i].key;
	return 0;
}
