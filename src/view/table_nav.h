/* table_nav.h — what the screens that are a table of rows (the channel table, the waits
 * screen) share: which row the movement keys, the mouse wheel and a click on a row choose.
 * Each screen then selects that row its own way (keeping its channel id, its pid). */
#ifndef IPCTOP_TABLE_NAV_H
#define IPCTOP_TABLE_NAV_H

#include <stddef.h>

#include "view/view.h"

/* A table's rows and its last frame's geometry, as the screen keeps them. */
struct table_nav {
	size_t sel, n_rows, top;   /* the selected row, how many rows, the first row shown */
	int body_rows;             /* rows shown in the last frame */
	int table_y;               /* window row of the column header in the last frame */
};

/* The row that action a moves the selection to (Up, Down, Page Up/Down a frame less one row,
 * Home, End; within the rows), or -1 when a is no movement or there are no rows. */
long table_nav_key(const struct table_nav *n, enum action a);
/* The row a mouse event at window row y chooses: the wheel moves by a few rows, a click under
 * the header selects the row clicked; -1 when it chooses none. */
long table_nav_mouse(const struct table_nav *n, const struct key_event *ev, int y);

#endif
