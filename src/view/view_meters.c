/* view_meters.c — the bar meters of the header, drawn as htop draws them: a label, then
 * "[" the parts of the bar in their colours, the value at the right end "]". Without colour
 * each part has its own character (htop's monochrome mode): CPU user '|', nice '#', system
 * '*', I/O wait '.', steal '%', guest '&'; memory used '|', buffers '#', cache '*'; swap used
 * '|', cache '#'. Text mode writes the same figures as words. */
#include <stdio.h>
#include <string.h>

#include "model/meter_calc.h"
#include "view/meters_int.h"
#include "view/proc_names.h"
#include "view/ui.h"

#define NOT_RECORDED "not recorded"

enum paint { P_USER, P_NICE, P_SYSTEM, P_IOWAIT, P_STEAL, P_GUEST, P_MEM_USED, P_MEM_BUF,
	P_MEM_CACHE, P_SWAP_USED, P_SWAP_CACHE, P__COUNT };
/* Colour pairs of their own, above those of ui.c (which stay below 48). */
enum { PAIR_METER0 = 48 };
static const struct { short fg; bool bold; char mono; } paint_style[P__COUNT] = {
	[P_USER] = { COLOR_GREEN, false, '|' }, [P_NICE] = { COLOR_BLUE, true, '#' },
	[P_SYSTEM] = { COLOR_RED, false, '*' }, [P_IOWAIT] = { COLOR_BLACK, true, '.' },
	[P_STEAL] = { COLOR_CYAN, false, '%' }, [P_GUEST] = { COLOR_MAGENTA, false, '&' },
	[P_MEM_USED] = { COLOR_GREEN, false, '|' }, [P_MEM_BUF] = { COLOR_BLUE, true, '#' },
	[P_MEM_CACHE] = { COLOR_YELLOW, false, '*' },
	[P_SWAP_USED] = { COLOR_RED, false, '|' }, [P_SWAP_CACHE] = { COLOR_YELLOW, false, '#' },
};

struct bar_part { double frac; enum paint paint; };

static int paint_attr(enum paint p)
{
	static bool paired;
	if (!ui_color() || PAIR_METER0 + P__COUNT > COLOR_PAIRS)
		return paint_style[p].bold ? A_BOLD : (int)A_NORMAL;
	if (!paired) {
		for (int i = 0; i < P__COUNT; i++)
			ui_init_pair((short)(PAIR_METER0 + i), paint_style[i].fg, -1);
		paired = true;
	}
	return (int)COLOR_PAIR(PAIR_METER0 + p) | (paint_style[p].bold ? A_BOLD : 0);
}

/* label (right-aligned in label_w cells), then [bar value]. */
static void draw_bar(WINDOW *w, int y, int x, int width, const char *label, int label_w,
		     const struct bar_part *p, int n, const char *value)
{
	int inner = width - label_w - 2;
	int lw = (int)strlen(label);
	ui_put_str(w, y, x + (lw < label_w ? label_w - lw : 0), label, label_w, ui_attr(UI_TITLE));
	if (inner < 1)
		return;
	x += label_w;
	ui_put_str(w, y, x, "[", 1, A_BOLD);
	double acc = 0;
	int at = 0;
	for (int i = 0; i < n; i++) {
		acc += p[i].frac > 0 ? p[i].frac : 0;
		int end = (int)(acc * inner + 0.5);
		char ch[2] = { ui_color() ? '|' : paint_style[p[i].paint].mono, '\0' };
		for (; at < end && at < inner; at++)
			ui_put_str(w, y, x + 1 + at, ch, 1, paint_attr(p[i].paint));
	}
	ui_fill(w, y, x + 1 + at, inner - at, A_NORMAL);
	int vw = (int)strlen(value);
	if (vw <= inner)
		ui_put_str(w, y, x + 1 + inner - vw, value, vw, ui_attr(UI_DIM) | A_BOLD);
	ui_put_str(w, y, x + 1 + inner, "]", 1, A_BOLD);
}

static void cpu_value(const struct cpu_usage *u, char *buf, size_t size)
{
	if (!u || u->state == CPU_UNKNOWN)
		snprintf(buf, size, "%s", "");
	else if (u->state == CPU_OFFLINE)
		snprintf(buf, size, "offline");
	else
		snprintf(buf, size, "%.1f%%", u->busy * 100);
}

/* CPU n (n < 0: the machine) as a bar or text; the label right-aligned in label_w cells. */
static void draw_cpu(const struct view_ctx *v, WINDOW *w, int y, int x, int width, int n, int label_w,
		     enum meter_mode mode)
{
	const struct cpu_usage *u = 1 + n < v->n_cpu_use ? &v->cpu_use[1 + n] : NULL;
	char label[16], value[32];
	if (n < 0)
		snprintf(label, sizeof label, "Avg");
	else
		snprintf(label, sizeof label, "%d", n);
	bool partial = v->cur && v->cur->sys.figures_partial;
	if (partial)
		u = NULL;     /* a JSON file or an old recording: the times were not recorded */
	cpu_value(u, value, sizeof value);
	if (partial)
		snprintf(value, sizeof value, "%s", NOT_RECORDED);
	if ((int)strlen(label) > label_w)
		label_w = (int)strlen(label);
	if (mode == METER_TEXT) {
		if (!u || u->state != CPU_KNOWN) {
			ui_printf(w, y, x, width, ui_attr(UI_TITLE), "CPU%s %s", n < 0 ? "" : label, value[0] ? value : "-");
			return;
		}
		int used = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "CPU%s %s:", n < 0 ? "" : label, value);
		ui_printf(w, y, x + used, width - used, A_NORMAL, " us %.1f%% ni %.1f%% sy %.1f%% wa %.1f%% st %.1f%% gu %.1f%%",
			  u->part[CPU_P_USER] * 100, u->part[CPU_P_NICE] * 100, u->part[CPU_P_SYSTEM] * 100,
			  u->part[CPU_P_IOWAIT] * 100, u->part[CPU_P_STEAL] * 100, u->part[CPU_P_GUEST] * 100);
		return;
	}
	struct bar_part p[CPU_P__COUNT];
	static const enum cpu_part order[CPU_P__COUNT] = { CPU_P_USER, CPU_P_NICE, CPU_P_SYSTEM,
		CPU_P_STEAL, CPU_P_GUEST, CPU_P_IOWAIT };
	static const enum paint paint_of[CPU_P__COUNT] = { [CPU_P_USER] = P_USER, [CPU_P_NICE] = P_NICE,
		[CPU_P_SYSTEM] = P_SYSTEM, [CPU_P_IOWAIT] = P_IOWAIT, [CPU_P_STEAL] = P_STEAL, [CPU_P_GUEST] = P_GUEST };
	for (int i = 0; i < CPU_P__COUNT; i++)
		p[i] = (struct bar_part){ u && u->state == CPU_KNOWN ? u->part[order[i]] : 0, paint_of[order[i]] };
	draw_bar(w, y, x, width, label, label_w, p, CPU_P__COUNT, value);
}

/* A JSON file or an old recording (schema 1) holds the memory total and available only: used
 * is total less available, no buffers, cache or swap. */
static void draw_mem_partial(const struct view_ctx *v, WINDOW *w, int y, int x, int width, bool swap,
			     enum meter_mode mode)
{
	const struct sys_info *si = &v->cur->sys;
	uint64_t total = si->mem_total_kib, used = total > si->mem_avail_kib ? total - si->mem_avail_kib : 0;
	char a[16], b[16], value[40];
	if (mode == METER_TEXT) {
		int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "%s:", swap ? "Swp" : "Mem");
		if (swap)
			ui_printf(w, y, x + at, width - at, A_NORMAL, " %s", NOT_RECORDED);
		else
			ui_printf(w, y, x + at, width - at, A_NORMAL, " %lluM total, %lluM used (buffers, cache %s)",
				  (unsigned long long)(total / 1024), (unsigned long long)(used / 1024), NOT_RECORDED);
		return;
	}
	human_kib(used, a, sizeof a);
	human_kib(total, b, sizeof b);
	snprintf(value, sizeof value, "%s/%s", a, b);
	struct bar_part p[] = { { swap || !total ? 0 : (double)used / (double)total, P_MEM_USED } };
	draw_bar(w, y, x, width, swap ? "Swp" : "Mem", 3, p, 1, swap ? NOT_RECORDED : value);
}

static double frac(uint64_t part, uint64_t total) { return total ? (double)part / (double)total : 0; }

static void draw_mem(const struct view_ctx *v, WINDOW *w, int y, int x, int width, bool swap, enum meter_mode mode)
{
	struct mem_usage m;
	if (v->cur->sys.figures_partial) {
		draw_mem_partial(v, w, y, x, width, swap, mode);
		return;
	}
	mem_usage_calc(&v->cur->sys, &m);
	uint64_t total = swap ? m.swap_total : m.total, used = swap ? m.swap_used : m.used;
	if (mode == METER_TEXT) {
		int at = ui_printf(w, y, x, width, ui_attr(UI_TITLE), "%s:", swap ? "Swp" : "Mem");
		if (swap)
			ui_printf(w, y, x + at, width - at, A_NORMAL, " %lluM total, %lluM used, %lluM cache",
				  (unsigned long long)(total / 1024), (unsigned long long)(used / 1024),
				  (unsigned long long)(m.swap_cache / 1024));
		else
			ui_printf(w, y, x + at, width - at, A_NORMAL, " %lluM total, %lluM used, %lluM buffers, %lluM cache",
				  (unsigned long long)(total / 1024), (unsigned long long)(used / 1024),
				  (unsigned long long)(m.buffers / 1024), (unsigned long long)(m.cache / 1024));
		return;
	}
	char a[16], b[16], value[40];
	human_kib(used, a, sizeof a);
	human_kib(total, b, sizeof b);
	snprintf(value, sizeof value, "%s/%s", a, b);
	if (swap) {
		struct bar_part p[] = { { frac(m.swap_used, total), P_SWAP_USED }, { frac(m.swap_cache, total), P_SWAP_CACHE } };
		draw_bar(w, y, x, width, "Swp", 3, p, 2, value);
	} else {
		struct bar_part p[] = { { frac(m.used, total), P_MEM_USED }, { frac(m.buffers, total), P_MEM_BUF },
			{ frac(m.cache, total), P_MEM_CACHE } };
		draw_bar(w, y, x, width, "Mem", 3, p, 3, value);
	}
}

int meter_rows(const struct cpu_grid *cpus, enum meter_id id)
{
	return id == METER_CPUS ? cpu_grid_height(cpus) : 1;
}

/* Row `row` of the CPU meter: the average bar, or the bars side by side on that row. */
static void draw_cpus_row(const struct view_ctx *v, WINDOW *w, int y, int x, int width,
			  const struct cpu_grid *g, int row, enum meter_mode mode)
{
	if (g->avg && row == 0) {
		draw_cpu(v, w, y, x, width, -1, 3, mode);
		return;
	}
	int r = row - (g->avg ? 1 : 0), at, cx;
	for (int c = 0; c < g->cols; c++) {
		int i = cpu_grid_at(g, r, c);
		if (i >= 0 && cpu_grid_place(g, i, &at, &cx))
			draw_cpu(v, w, y, x + cx, g->cols == 1 ? width : g->col_w, i, g->label_w, mode);
	}
}

void meter_draw_bar_kind(const struct view_ctx *v, WINDOW *w, int y, int x, int width,
			 const struct meter_slot *sl, int row, const struct cpu_grid *cpus)
{
	switch (sl->id) {
	case METER_CPUS: draw_cpus_row(v, w, y, x, width, cpus, row, sl->mode); break;
	case METER_CPU_AVG: draw_cpu(v, w, y, x, width, -1, 3, sl->mode); break;
	case METER_MEM: draw_mem(v, w, y, x, width, false, sl->mode); break;
	case METER_SWAP: draw_mem(v, w, y, x, width, true, sl->mode); break;
	default: break;
	}
}
