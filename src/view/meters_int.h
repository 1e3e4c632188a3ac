/* meters_int.h — drawing one header meter (view_meters.c), for the header's layout
 * (view_header.c): bars in colour, or with a character per part when there is no colour. */
#ifndef IPCTOP_METERS_INT_H
#define IPCTOP_METERS_INT_H

#include "layout/cpu_grid.h"
#include "view/meter_setup.h"
#include "view/view.h"

/* Rows meter id takes in the header; cpus: where the CPU meter's bars go (layout/cpu_grid.h). */
int meter_rows(const struct cpu_grid *cpus, enum meter_id id);
/* Draw row `row` of a bar meter (CPUs, CPU average, memory, swap) in width cells at (y, x). */
void meter_draw_bar_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width,
                         const struct meter_slot *sl, int row, const struct cpu_grid *cpus);
/* Draw a text-only meter (tasks, load, uptime, channels). */
void meter_draw_text_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width, enum meter_id id);

#endif
