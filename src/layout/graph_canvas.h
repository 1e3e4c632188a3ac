/* graph_canvas.h — edges rasterised onto a character grid as line connections (pure, no curses):
 * each cell records which of its four sides a line leaves by, so the screen can pick the right
 * box-drawing glyph (straight, corner, tee, cross) for any overlap of lines. */
#ifndef IPCTOP_GRAPH_CANVAS_H
#define IPCTOP_GRAPH_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "layout/graph_layout.h"

enum { GC_UP = 1, GC_DOWN = 2, GC_LEFT = 4, GC_RIGHT = 8 };
/* Edge styles, by drawing priority: a cell shows the highest one passing through it. */
enum gc_style { GC_GONE = 0, GC_NORMAL = 1, GC_NEW = 2, GC_SELECTED = 3 };

/* emph: how strongly the cell's line is drawn (GC_EMPH_*), the highest of the lines through it. */
enum { GC_EMPH_DIM = 0, GC_EMPH_NORMAL = 1, GC_EMPH_BOLD = 2 };
struct gc_cell { uint8_t conn, kind, style, emph; };

struct gcanvas {
	int w, h, ox, oy;          /* size, and the drawing coordinate of cell (0, 0) */
	struct gc_cell *cells;
	size_t cap;
};

void gcanvas_reset(struct gcanvas *c, int w, int h, int ox, int oy);
void gcanvas_free(struct gcanvas *c);
/* Lines along the polyline (cells outside the canvas are skipped). */
void gcanvas_polyline(struct gcanvas *c, const struct gl_point *p, size_t n, uint8_t kind, enum gc_style style,
                      uint8_t emph);
const struct gc_cell *gcanvas_at(const struct gcanvas *c, int x, int y);   /* canvas coordinates */

#endif
