/* view_header.c — the header above the process list, laid out as htop lays out its meters:
 * two columns of meters chosen in F2 (view_setup_meters.c), each meter a bar or a line of
 * text. The text meters live here: task counts by state, load averages, uptime, and the
 * number of IPC channels of each kind in that kind's colour; the bars in view_meters.c. */
#include <stdio.h>
#include <string.h>

#include "model/meter_calc.h"
#include "view/meters_int.h"
#include "view/proc_names.h"
#include "view/ui.h"
#include "view/view.h"

static int max_rows(void)
{
	if (LINES < 16)
		return 2;
	return (LINES - 8) / 2 > 4 ? (LINES - 8) / 2 : 4;
}

static bool column_used(const struct view_ctx *v, enum meter_column col)
{
	for (int i = 0; i < v->set.meters.n; i++)
		if (v->set.meters.slot[i].column == col)
			return true;
	return false;
}

/* Where column col of the header's meters goes in cols cells: both shown, half each with a
 * cell between them; one alone takes the whole width. */
static void column_span(const struct view_ctx *v, enum meter_column col, int cols, int *x, int *width)
{
	bool left = column_used(v, METER_LEFT), right = column_used(v, METER_RIGHT);
	int split = left && right ? cols / 2 : (left ? cols : 0);
	if (col == METER_LEFT) {
		*x = 0;
		*width = right ? split - 1 : cols;
	} else {
		*x = split + (left ? 1 : 0);
		*width = cols - *x;
	}
}

/* The CPU bars laid out in the rows their column leaves them (layout/cpu_grid.h). */
static void plan_cpus(const struct view_ctx *v, struct cpu_grid *g)
{
	int at = meter_setup_find(&v->set.meters, METER_CPUS), others = 0, x, width = COLS;
	if (at >= 0) {
		enum meter_column col = v->set.meters.slot[at].column;
		for (int i = 0; i < v->set.meters.n; i++)
			others += i != at && v->set.meters.slot[i].column == col;
		column_span(v, col, COLS, &x, &width);
	}
	cpu_grid_plan(v->n_cpu_use - 1, width, max_rows() - others, g);
}

static int column_rows(const struct view_ctx *v, enum meter_column col, const struct cpu_grid *g)
{
	int rows = 0;
	for (int i = 0; i < v->set.meters.n; i++)
		if (v->set.meters.slot[i].column == col)
			rows += meter_rows(g, v->set.meters.slot[i].id);
	return rows;
}

static int height_of(const struct view_ctx *v, const struct cpu_grid *g)
{
	int l = column_rows(v, METER_LEFT, g), r = column_rows(v, METER_RIGHT, g);
	int h = l > r ? l : r;
	return h < max_rows() ? h : max_rows();
}

int header_height(const struct view_ctx *v)
{
	struct cpu_grid g;
	plan_cpus(v, &g);
	return height_of(v, &g);
}

/* "Tasks: 54, 49 thr, 60 kthr; 2 running", then the states worth a look. */
static void draw_tasks(const struct view_ctx *v, WINDOW *w, int y, int x, int width)
{
	struct task_counts t;
	task_counts_calc(v->cur, &t);
	int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "Tasks:");
	at += ui_printf(w, y, x + at, width - at, A_NORMAL, " %zu, %zu thr, %zu kthr; %zu running",
			t.procs, t.threads, t.kthreads, t.running);
	const struct { size_t n; const char *name; } more[] = {
		{ t.disk, "disk wait" }, { t.stopped, "stopped" }, { t.traced, "traced" }, { t.zombie, "zombie" },
	};
	for (size_t k = 0; k < sizeof more / sizeof more[0] && at < width; k++)
		if (more[k].n)
			at += ui_printf(w, y, x + at, width - at, A_NORMAL, ", %zu %s", more[k].n, more[k].name);
}

static void draw_uptime(const struct view_ctx *v, WINDOW *w, int y, int x, int width)
{
	unsigned long up = (unsigned long)v->cur->sys.uptime_s;
	int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "Uptime:");
	if (up / 86400)
		ui_printf(w, y, x + at, width - at, A_NORMAL, " %lu day%s, %02lu:%02lu:%02lu", up / 86400,
			  up / 86400 == 1 ? "" : "s", up / 3600 % 24, up / 60 % 60, up % 60);
	else
		ui_printf(w, y, x + at, width - at, A_NORMAL, " %02lu:%02lu:%02lu", up / 3600, up / 60 % 60, up % 60);
}

static void draw_chans(const struct view_ctx *v, WINDOW *w, int y, int x, int width)
{
	size_t n_kind[CK__COUNT] = { 0 };
	for (size_t i = 0; i < v->cur->n_chans; i++)
		if ((unsigned)v->cur->chans[i].kind < CK__COUNT)
			n_kind[v->cur->chans[i].kind]++;
	int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "Channels: %zu", v->cur->n_chans);
	for (int k = 0; k < CK__COUNT && at + 2 < width; k++) {
		if (!n_kind[k])
			continue;
		at += 2;
		at += ui_printf(w, y, x + at, width - at, ui_kind_attr((enum chan_kind)k), "%s %zu",
				chan_kind_name((enum chan_kind)k), n_kind[k]);
	}
}

void meter_draw_text_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width, enum meter_id id)
{
	const struct sys_info *si = &v->cur->sys;
	switch (id) {
	case METER_TASKS: draw_tasks(v, w, y, x, width); break;
	case METER_LOAD: {
		int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "Load average:");
		ui_printf(w, y, x + at, width - at, A_NORMAL, " %.2f %.2f %.2f", si->load[0], si->load[1], si->load[2]);
		break;
	}
	case METER_UPTIME: draw_uptime(v, w, y, x, width); break;
	case METER_CHANS: draw_chans(v, w, y, x, width); break;
	default: break;
	}
}

static void draw_column(struct view_ctx *v, WINDOW *w, enum meter_column col, int h, const struct cpu_grid *g)
{
	int y = 0, x, width;
	column_span(v, col, COLS, &x, &width);
	for (int i = 0; i < v->set.meters.n && y < h; i++) {
		const struct meter_slot *sl = &v->set.meters.slot[i];
		if (sl->column != col)
			continue;
		for (int r = 0; r < meter_rows(g, sl->id) && y < h; r++, y++) {
			if (meter_has_bar(sl->id))
				meter_draw_bar_kind(v, w, y, x, width, sl, r, g);
			else
				meter_draw_text_kind(v, w, y, x, width, sl->id);
		}
	}
}

void header_draw(struct view_ctx *v, WINDOW *w, bool follow)
{
	struct cpu_grid g;
	plan_cpus(v, &g);
	int h = height_of(v, &g);
	for (int col = METER_LEFT; col <= METER_RIGHT; col++)
		if (column_used(v, (enum meter_column)col))
			draw_column(v, w, (enum meter_column)col, h, &g);
	if (follow && h > 0)
		ui_put_str(w, h - 1, getmaxx(w) - 11, "[following]", 11, ui_attr(UI_TITLE));
}
