/* table_nav.c — the row a key or a mouse event chooses in a table screen (table_nav.h). */
#include "view/table_nav.h"

#define WHEEL_ROWS 3

static long clamp_row(const struct table_nav *n, long r)
{
	if (!n->n_rows)
		return -1;
	return r < 0 ? 0 : (size_t)r >= n->n_rows ? (long)n->n_rows - 1 : r;
}

long table_nav_key(const struct table_nav *n, enum action a)
{
	long page = n->body_rows > 1 ? n->body_rows - 1 : 1, sel = (long)n->sel;
	switch (a) {
	case ACT_UP:        return clamp_row(n, sel - 1);
	case ACT_DOWN:      return clamp_row(n, sel + 1);
	case ACT_PAGE_UP:   return clamp_row(n, sel - page);
	case ACT_PAGE_DOWN: return clamp_row(n, sel + page);
	case ACT_HOME:      return clamp_row(n, 0);
	case ACT_END:       return clamp_row(n, (long)n->n_rows - 1);
	default:            return -1;
	}
}

long table_nav_mouse(const struct table_nav *n, const struct key_event *ev, int y)
{
	if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)
		return clamp_row(n, (long)n->sel + (ev->mouse == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS));
	if (y <= n->table_y)
		return -1;
	size_t row = n->top + (size_t)(y - n->table_y - 1);
	return row < n->n_rows ? (long)row : -1;
}
