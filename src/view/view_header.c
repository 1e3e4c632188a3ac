/* view_header.c — the header above the process list: load averages and uptime, task counts by
 * state, a memory bar, and the number of IPC channels of each kind in that kind's colour. */
#include <stdio.h>
#include <string.h>

#include "view/proc_names.h"
#include "view/view.h"
#include "view/ui.h"

int header_height(const struct view_ctx *v)
{
	(void)v;
	return LINES >= 16 ? 4 : 2;
}

static void draw_load(const struct view_ctx *v, WINDOW *w, bool follow)
{
	const struct sys_info *si = &v->cur->sys;
	unsigned long up = (unsigned long)si->uptime_s;
	int x = ui_put_str(w, 0, 0, "ipctop", 8, ui_attr(UI_TITLE)) + 2;
	x += ui_printf(w, 0, x, COLS - x, A_NORMAL, "Load average: %.2f %.2f %.2f", si->load[0], si->load[1], si->load[2]);
	x += 3;
	if (up / 86400)
		x += ui_printf(w, 0, x, COLS - x, A_NORMAL, "Uptime: %lu day%s, %02lu:%02lu:%02lu", up / 86400,
			       up / 86400 == 1 ? "" : "s", up / 3600 % 24, up / 60 % 60, up % 60);
	else
		x += ui_printf(w, 0, x, COLS - x, A_NORMAL, "Uptime: %02lu:%02lu:%02lu", up / 3600, up / 60 % 60, up % 60);
	x += 3;
	if (follow)
		ui_put_str(w, 0, x, "[following]", COLS - x, ui_attr(UI_TITLE));
}

static void draw_tasks(const struct view_ctx *v, WINDOW *w, int y)
{
	size_t n_state[128] = { 0 }, threads = 0;
	for (size_t i = 0; i < v->cur->n_procs; i++) {
		unsigned char st = (unsigned char)v->cur->procs[i].state;
		n_state[st < 128 ? st : '?']++;
		threads += (size_t)v->cur->procs[i].nlwp;
	}
	ui_printf(w, y, 0, COLS, A_NORMAL,
		  "Tasks: %zu, %zu thr; %zu running, %zu sleeping, %zu disk wait, %zu stopped, %zu zombie, %zu idle",
		  v->cur->n_procs, threads, n_state['R'], n_state['S'], n_state['D'],
		  n_state['T'] + n_state['t'], n_state['Z'], n_state['I']);
}

static void draw_mem(const struct view_ctx *v, WINDOW *w, int y)
{
	const struct sys_info *si = &v->cur->sys;
	uint64_t used = si->mem_total_kib > si->mem_avail_kib ? si->mem_total_kib - si->mem_avail_kib : 0;
	char a[16], b[16], label[40];
	human_kib(used, a, sizeof a);
	human_kib(si->mem_total_kib, b, sizeof b);
	snprintf(label, sizeof label, "%s/%s", a, b);
	int width = COLS / 2 - 6;
	if (width < 10)
		width = 10;
	int x = ui_put_str(w, y, 0, "Mem[", 4, ui_attr(UI_TITLE));
	int fill = si->mem_total_kib ? (int)((double)used / (double)si->mem_total_kib * width) : 0;
	for (int i = 0; i < width; i++)
		ui_put_str(w, y, x + i, i < fill ? "|" : " ", 1, i < fill ? ui_attr(UI_TITLE) : (int)A_NORMAL);
	int lw = (int)strlen(label);
	ui_put_str(w, y, x + width - lw, label, lw, A_BOLD);
	ui_put_str(w, y, x + width, "]", 1, ui_attr(UI_TITLE));
}

static void draw_chans(const struct view_ctx *v, WINDOW *w, int y)
{
	size_t n_kind[CK__COUNT] = { 0 };
	for (size_t i = 0; i < v->cur->n_chans; i++)
		if ((unsigned)v->cur->chans[i].kind < CK__COUNT)
			n_kind[v->cur->chans[i].kind]++;
	int x = ui_printf(w, y, 0, COLS, ui_attr(UI_TITLE), "Channels: %zu", v->cur->n_chans);
	for (int k = 0; k < CK__COUNT && x < COLS; k++) {
		if (!n_kind[k])
			continue;
		x += 2;
		x += ui_printf(w, y, x, COLS - x, ui_kind_attr((enum chan_kind)k), "%s %zu",
			       chan_kind_name((enum chan_kind)k), n_kind[k]);
	}
}

void header_draw(struct view_ctx *v, WINDOW *w, bool follow)
{
	draw_load(v, w, follow);
	draw_tasks(v, w, 1);
	if (header_height(v) >= 4) {
		draw_mem(v, w, 2);
		draw_chans(v, w, 3);
	}
}
