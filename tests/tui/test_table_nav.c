/* test_table_nav.c — the row a key or a mouse event chooses in a table screen
 * (view/table_nav.h, shared by the channel table and the waits screen): Up and Down by one,
 * Page Up/Down by a frame less one row, Home and End, all kept within the rows; nothing with
 * no rows or for another action; the wheel by three rows; a click under the header the row
 * under it (scrolled by top), on the header or below the last row nothing. */
#include <string.h>

#include "view/table_nav.h"
#include "../tap.h"

int main(void)
{
	struct table_nav n = { .sel = 5, .n_rows = 20, .top = 4, .body_rows = 10, .table_y = 1 };
	is_int(table_nav_key(&n, ACT_UP), 4, "Up: the row above");
	is_int(table_nav_key(&n, ACT_DOWN), 6, "Down: the row below");
	is_int(table_nav_key(&n, ACT_PAGE_DOWN), 14, "Page Down: a frame (10 rows) less one further");
	is_int(table_nav_key(&n, ACT_PAGE_UP), 0, "Page Up: kept at the first row");
	is_int(table_nav_key(&n, ACT_HOME), 0, "Home: the first row");
	is_int(table_nav_key(&n, ACT_END), 19, "End: the last row");
	is_int(table_nav_key(&n, ACT_ENTER), -1, "Enter: no movement");
	n.sel = 19;
	is_int(table_nav_key(&n, ACT_DOWN), 19, "Down on the last row: stays");
	struct key_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = KEV_MOUSE;
	ev.mouse = MOUSE_WHEEL_UP;
	is_int(table_nav_mouse(&n, &ev, 5), 16, "wheel up: three rows up");
	ev.mouse = MOUSE_PRESS;
	is_int(table_nav_mouse(&n, &ev, 2), 4, "a click on the first row under the header: row top (4)");
	is_int(table_nav_mouse(&n, &ev, 7), 9, "a click five rows lower: row 9");
	is_int(table_nav_mouse(&n, &ev, 1), -1, "a click on the header: no row");
	n.top = 15;
	is_int(table_nav_mouse(&n, &ev, 8), -1, "a click below the last row: no row");
	n.n_rows = 0;
	n.sel = 0;
	is_int(table_nav_key(&n, ACT_DOWN), -1, "no rows: Down chooses none");
	ev.mouse = MOUSE_WHEEL_DOWN;
	is_int(table_nav_mouse(&n, &ev, 5), -1, "no rows: the wheel chooses none");
	return tap_done();
}
