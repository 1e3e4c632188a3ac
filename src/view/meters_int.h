/* meters_int.h — drawing one header meter (view_meters.c), for the header's layout
 * (view_header.c): bars in colour, or with a character per part when there is no colour. */
#ifndef IPCTOP_METERS_INT_H
#define IPCTOP_METERS_INT_H

#include "view/meter_setup.h"
#include "view/view.h"

/* Rows meter id takes in the header; cpus_each: the CPU meter draws one bar per CPU. */
int meter_rows(const struct view_ctx *v, enum meter_id id, bool cpus_each);
/* Draw row `row` of a bar meter (CPUs, CPU average, memory, swap) in width cells at (y, x). */
void meter_draw_bar_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width,
                         const struct meter_slot *sl, int row, bool cpus_each);
/* Draw a text-only meter (tasks, load, uptime, channels). */
void meter_draw_text_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width, enum meter_id id);

#endif
