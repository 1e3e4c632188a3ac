/* dialog.h — boxes over the current screen: a menu (a title and entries, one selected) drawn
 * and moved the same way by every screen that offers choices, and the generic screens "menu"
 * (entries, and a function to call with the one chosen) and "text" (an explanation). */
#ifndef IPCTOP_DIALOG_H
#define IPCTOP_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "view/view.h"

struct menu_item { char *label; char *value; int code; };

struct menu {
	char title[128];
	struct menu_item *items;
	size_t n_items, cap_items, sel, top;
	unsigned opened_batch;      /* the input read that opened it */
};

void menu_init(struct menu *m, const char *title, unsigned batch);
void menu_add(struct menu *m, const char *label, const char *value, int code);
void menu_free(struct menu *m);
void menu_draw(struct menu *m);
/* Move by a or a mouse report; returns true when the entry m->sel was chosen (Enter, or a
 * click on it). A choice that arrived in the same read as the key that opened the menu is
 * refused (a paste without brackets, or a key pressed with its confirmation at once). */
bool menu_act(struct menu *m, const struct key_event *ev, enum action a);
bool menu_click(struct menu *m, int y, int x, unsigned batch);
/* A mouse report at (y, x): the wheel moves the selection, a click selects (a second click on
 * the selected entry chooses it). Returns true when the entry m->sel was chosen. */
bool menu_mouse(struct menu *m, const struct key_event *ev, int y, int x);

/* The arguments of the "menu" screen: its entries are copied; chosen is called with the
 * entry chosen, then the menu closes (ctx: the opener's state, below it on the stack). */
struct menu_spec {
	struct menu *menu;          /* moved into the screen (the caller's is emptied) */
	void (*chosen)(void *ctx, struct view_ctx *v, const struct menu_item *it);
	void *ctx;
};

#endif
