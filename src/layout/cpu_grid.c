/* cpu_grid.c — the header's CPU bars laid out in rows and columns (see cpu_grid.h). */
#include "layout/cpu_grid.h"

#include <string.h>

static int digits(int v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static int div_up(int a, int b) { return (a + b - 1) / b; }

static void avg_only(struct cpu_grid *g)
{
	memset(g, 0, sizeof(*g));
	g->avg = true;
}

/* Columns of bars cols wide each fit width; each column then takes col_w cells. */
static int column_width(int cols, int width)
{
	return (width - (cols - 1) * CPU_GRID_GAP) / cols;
}

void cpu_grid_plan(int n_cpus, int width, int max_rows, struct cpu_grid *g)
{
	avg_only(g);
	if (n_cpus < 1)
		return;
	int label_w = digits(n_cpus - 1) > 3 ? digits(n_cpus - 1) : 3;
	int min_w = label_w + 2 + CPU_GRID_MIN_INNER;
	if (n_cpus <= CPU_GRID_EACH_MAX) {
		if (n_cpus > max_rows && n_cpus > 1)
			return;
		*g = (struct cpu_grid){ n_cpus, false, 1, n_cpus, width, label_w };
		return;
	}
	int bar_rows = max_rows - 1;   /* below the average bar */
	if (bar_rows < 1)
		return;
	int cols = div_up(n_cpus, bar_rows);
	if (cols < 2)
		cols = 2;   /* many CPUs: compact, never one tall column */
	int rows = div_up(n_cpus, cols);
	cols = div_up(n_cpus, rows);   /* no column left empty */
	if (column_width(cols, width) < min_w)
		return;
	*g = (struct cpu_grid){ n_cpus, true, cols, rows, column_width(cols, width), label_w };
}

int cpu_grid_height(const struct cpu_grid *g)
{
	return (g->avg ? 1 : 0) + g->rows;
}

int cpu_grid_at(const struct cpu_grid *g, int r, int c)
{
	if (r < 0 || c < 0 || r >= g->rows || c >= g->cols)
		return -1;
	int i = c * g->rows + r;
	return i < g->n ? i : -1;
}

bool cpu_grid_place(const struct cpu_grid *g, int i, int *row, int *x)
{
	if (i < 0 || i >= g->n || g->rows < 1)
		return false;
	*row = i % g->rows;
	*x = i / g->rows * (g->col_w + CPU_GRID_GAP);
	return true;
}
