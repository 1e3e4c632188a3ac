/* cpu_grid.h — where the header draws the bars of the CPUs: pure geometry, as htop lays out
 * its CPU meters. Few CPUs (up to CPU_GRID_EACH_MAX) get a bar each, one a row, when they fit
 * the rows the header leaves them, else one average bar. More CPUs get an average bar on the
 * first row and below it compact bars side by side in as few columns as make them fit (CPUs
 * numbered down each column, then across); when even the narrowest bars do not fit, the
 * average bar alone. */
#ifndef IPCTOP_CPU_GRID_H
#define IPCTOP_CPU_GRID_H

#include <stdbool.h>

enum {
	CPU_GRID_EACH_MAX = 8,   /* more CPUs than this: an average bar above compact columns */
	CPU_GRID_MIN_INNER = 6,  /* cells inside a bar's brackets, at the least ("100.0%") */
	CPU_GRID_GAP = 1,        /* cells between two columns */
};

struct cpu_grid {
	int n;        /* CPUs with a bar of their own (0: the average bar alone) */
	bool avg;     /* an average bar first, the whole width */
	int cols;     /* columns of bars side by side (0 when n is 0) */
	int rows;     /* rows of per-CPU bars */
	int col_w;    /* cells of each column */
	int label_w;  /* cells of a bar's label: the highest CPU number's digits, at least 3 */
};

/* Lay out n_cpus bars (n_cpus < 1: the machine's average only) in width cells and at most
 * max_rows rows (at least one row is always used). */
void cpu_grid_plan(int n_cpus, int width, int max_rows, struct cpu_grid *g);
/* Rows the layout takes: the average bar's and the per-CPU rows. */
int cpu_grid_height(const struct cpu_grid *g);
/* The CPU at per-CPU row r, column c, or -1 (an empty place, or out of the grid). */
int cpu_grid_at(const struct cpu_grid *g, int r, int c);
/* Where CPU i is: per-CPU row, and first cell of its column; false when it has no bar. */
bool cpu_grid_place(const struct cpu_grid *g, int i, int *row, int *x);

#endif
