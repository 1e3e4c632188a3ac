/* graph_canvas.c — rasterising orthogonal polylines into per-cell line connections. */
#include "layout/graph_canvas.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void gcanvas_reset(struct gcanvas *c, int w, int h, int ox, int oy)
{
	c->w = w > 0 ? w : 0;
	c->h = h > 0 ? h : 0;
	c->ox = ox;
	c->oy = oy;
	size_t need = (size_t)c->w * (size_t)c->h + 1;
	if (need > c->cap) {
		free(c->cells);
		c->cells = xcalloc(need, sizeof(*c->cells));
		c->cap = need;
	}
	memset(c->cells, 0, need * sizeof(*c->cells));
}

void gcanvas_free(struct gcanvas *c)
{
	free(c->cells);
	memset(c, 0, sizeof(*c));
}

const struct gc_cell *gcanvas_at(const struct gcanvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static void mark(struct gcanvas *c, int x, int y, uint8_t conn, uint8_t kind, enum gc_style style,
                 uint8_t emph)
{
	x -= c->ox;
	y -= c->oy;
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	struct gc_cell *cell = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
	if (!cell->conn || emph > cell->emph)
		cell->emph = emph;
	cell->conn |= conn;
	if (cell->conn == conn || style >= cell->style) {
		cell->kind = kind;
		cell->style = (uint8_t)style;
	}
}

void gcanvas_polyline(struct gcanvas *c, const struct gl_point *p, size_t n, uint8_t kind, enum gc_style style,
                      uint8_t emph)
{
	for (size_t s = 0; s + 1 < n; s++) {
		int dx = (p[s + 1].x > p[s].x) - (p[s + 1].x < p[s].x);
		int dy = (p[s + 1].y > p[s].y) - (p[s + 1].y < p[s].y);
		uint8_t fwd = dx > 0 ? GC_RIGHT : dx < 0 ? GC_LEFT : dy > 0 ? GC_DOWN : GC_UP;
		uint8_t back = dx > 0 ? GC_LEFT : dx < 0 ? GC_RIGHT : dy > 0 ? GC_UP : GC_DOWN;
		int steps = abs(p[s + 1].x - p[s].x) + abs(p[s + 1].y - p[s].y);
		/* skip long stretches wholly outside the canvas */
		for (int i = 0; i <= steps; i++) {
			int x = p[s].x + dx * i, y = p[s].y + dy * i;
			uint8_t conn = (uint8_t)((i > 0 ? back : 0) | (i < steps ? fwd : 0));
			mark(c, x, y, conn, kind, style, emph);
		}
	}
}
