/* test_cpu_grid.c — the header's CPU bars laid out (layout/cpu_grid.h) for 1, 2, 8, 16, 64 and
 * 256 CPUs at the sizes of real terminals: a bar each while few CPUs fit, the average bar alone
 * when they do not, and for many CPUs an average bar above compact columns. Then, over every
 * size from 1 to 60 rows and five widths: every CPU placed once, inside the width, no two bars
 * on the same cells, numbered down each column, never taller than the rows given. The
 * expected numbers are worked out by hand from the rules in cpu_grid.h. */
#include "../tap.h"
#include "layout/cpu_grid.h"

static struct cpu_grid plan(int n, int width, int rows)
{
	struct cpu_grid g;
	cpu_grid_plan(n, width, rows, &g);
	return g;
}

static bool avg_alone(const struct cpu_grid *g)
{
	return g->avg && g->n == 0 && cpu_grid_height(g) == 1 && cpu_grid_at(g, 0, 0) == -1;
}

static void test_few(void)
{
	struct cpu_grid g = plan(1, 39, 4);
	ok(!g.avg && g.n == 1 && g.cols == 1 && cpu_grid_height(&g) == 1 && cpu_grid_at(&g, 0, 0) == 0,
	   "1 CPU: its own bar, no average");
	g = plan(1, 39, 1);
	ok(!g.avg && g.n == 1, "1 CPU in one row: still its own bar");
	g = plan(2, 39, 4);
	ok(!g.avg && g.n == 2 && g.rows == 2 && g.cols == 1 && g.col_w == 39, "2 CPUs: a bar each, one a row, full width");
	ok(cpu_grid_at(&g, 1, 0) == 1 && cpu_grid_at(&g, 2, 0) == -1 && cpu_grid_at(&g, 0, 1) == -1,
	   "2 CPUs: CPU 1 on the second row, nothing beyond");
	g = plan(2, 39, 1);
	ok(avg_alone(&g), "2 CPUs in one row: the average bar alone");
	g = plan(8, 39, 8);
	ok(!g.avg && g.n == 8 && g.rows == 8 && cpu_grid_height(&g) == 8, "8 CPUs in 8 rows: a bar each");
	g = plan(8, 39, 7);
	ok(avg_alone(&g), "8 CPUs in 7 rows: the average bar alone");
	g = plan(0, 39, 4);
	ok(avg_alone(&g), "no CPU known (no /proc/stat): the average bar alone");
}

static void test_many(void)
{
	/* 16 CPUs at 80x24: 39 cells, 6 rows (8 less memory and swap): 5 below the average,
	 * 4 columns needed, (39 - 3) / 4 = 9 cells each, less than 3 + 2 + 6 */
	struct cpu_grid g = plan(16, 39, 6);
	ok(avg_alone(&g), "16 CPUs in 39 cells and 6 rows: too narrow, the average bar alone");
	g = plan(16, 60, 6);
	ok(g.avg && g.n == 16 && g.cols == 4 && g.rows == 4 && g.col_w == 14 && cpu_grid_height(&g) == 5,
	   "16 CPUs in 60 cells and 6 rows: average + 4 columns of 4, 14 cells each (%d x %d, %d)", g.cols, g.rows, g.col_w);
	int r, x;
	ok(cpu_grid_place(&g, 5, &r, &x) && r == 1 && x == 15, "CPU 5: second row of the second column (%d, %d)", r, x);
	ok(cpu_grid_at(&g, 3, 3) == 15, "CPU 15 last: fourth row, fourth column");
	g = plan(16, 60, 20);
	ok(g.avg && g.cols == 2 && g.rows == 8 && g.col_w == 29, "16 CPUs with rows to spare: still two columns of 8");
	g = plan(64, 39, 6);
	ok(avg_alone(&g), "64 CPUs at 80x24: the average bar alone");
	/* 200x50: 99 cells, (50 - 8) / 2 - 2 = 19 rows: 18 below the average, 4 columns of 16 */
	g = plan(64, 99, 19);
	ok(g.avg && g.cols == 4 && g.rows == 16 && g.col_w == 24,
	   "64 CPUs in 99 cells and 19 rows: 4 columns of 16, 24 cells each (%d x %d, %d)", g.cols, g.rows, g.col_w);
	g = plan(256, 99, 19);
	ok(avg_alone(&g), "256 CPUs in 99 cells: 15 columns of 5 cells do not fit, the average alone");
	/* 400x100: 199 cells, 46 rows: 45 below the average, 6 columns of 43 */
	g = plan(256, 199, 46);
	ok(g.avg && g.cols == 6 && g.rows == 43 && g.col_w == 32 && g.label_w == 3,
	   "256 CPUs in 199 cells and 46 rows: 6 columns of 43, 32 cells each (%d x %d, %d)", g.cols, g.rows, g.col_w);
	ok(cpu_grid_at(&g, 40, 5) == 255 && cpu_grid_at(&g, 41, 5) == -1 && cpu_grid_at(&g, 42, 4) == 214,
	   "CPU 255 on row 41 of the last column, then nothing; the fifth column full");
	g = plan(1024, 1000, 60);
	ok(g.label_w == 4, "1024 CPUs: labels of 4 digits");
}

/* Every CPU once, in the width, no overlap, down each column, within the rows. */
static bool sound(int n, int width, int rows, char *why, size_t size)
{
	struct cpu_grid g = plan(n, width, rows);
	int h = cpu_grid_height(&g);
	if (h > (rows > 1 ? rows : 1) || h < 1)
		return snprintf(why, size, "height %d", h), false;
	if (n > CPU_GRID_EACH_MAX && g.n && !g.avg)
		return snprintf(why, size, "many CPUs without an average"), false;
	if (g.n && g.col_w < g.label_w + 2 + CPU_GRID_MIN_INNER)
		return snprintf(why, size, "bars of %d cells", g.col_w), false;
	int seen = 0;
	for (int c = 0; c < g.cols; c++)
		for (int r = 0; r < g.rows; r++) {
			int i = cpu_grid_at(&g, r, c), pr, px;
			if (i < 0)
				continue;
			seen++;
			if (!cpu_grid_place(&g, i, &pr, &px) || pr != r || px + g.col_w > width ||
			    px != c * (g.col_w + CPU_GRID_GAP))
				return snprintf(why, size, "CPU %d at %d,%d", i, pr, px), false;
			if (r > 0 && cpu_grid_at(&g, r - 1, c) != i - 1)
				return snprintf(why, size, "CPU %d not under %d", i, i - 1), false;
		}
	if (seen != g.n || (g.n && g.n != n))
		return snprintf(why, size, "%d of %d placed", seen, n), false;
	return true;
}

static void test_sound(void)
{
	static const int counts[] = { 1, 2, 8, 16, 64, 256 };
	static const int widths[] = { 20, 39, 60, 99, 199 };
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		char why[96] = "";
		int bad = 0, grids = 0;
		for (size_t w = 0; w < sizeof widths / sizeof widths[0] && !bad; w++)
			for (int rows = 1; rows <= 60 && !bad; rows++) {
				bad = !sound(counts[k], widths[w], rows, why, sizeof why);
				struct cpu_grid g = plan(counts[k], widths[w], rows);
				grids += g.n > 0;
				if (bad)
					snprintf(why + strlen(why), sizeof why - strlen(why), " (%d cells, %d rows)",
						 widths[w], rows);
			}
		ok(!bad && grids > 0, "%d CPUs, 300 sizes: every CPU once, inside, in order (%d with bars) %s",
		   counts[k], grids, why);
	}
}

int main(void)
{
	test_few();
	test_many();
	test_sound();
	return tap_done();
}
