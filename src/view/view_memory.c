/* view_memory.c — the Memory tab: the address-space figure (view_memfig.c, laid out by
 * addr_space_layout()) next to (or above) a pmap-like table of every mapping; a shared
 * anonymous mapping names the other processes that hold it (from the snapshot's channels).
 * Its keys: l splits the libraries' band, C compares with another process (view_memcmp.c). */
#include <stdio.h>
#include <string.h>

#include "layout/addr_space.h"
#include "util/text_escape.h"
#include "view/proc_names.h"
#include "view/detail_int.h"
#include "view/ui.h"

#define FIG_WIDTH 44      /* address (16) + space + column (27) */
#define FIG_ADDR 17
#define MAX_BANDS 256
#define FIG_ROWS_MAX 24

static void size_text(uint64_t bytes, char *buf, size_t n)
{
	static const char *const unit[] = { "B", "K", "M", "G", "T", "P", "E" };
	double v = (double)bytes;
	int u = 0;
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	snprintf(buf, n, u == 0 ? "%.0f%s" : "%.1f%s", v, unit[u]);
}

static void draw_figure(WINDOW *w, int y0, int x0, int height, const struct snapshot *s,
			const struct proc_info *p, const struct detail_state *d, bool side_labels)
{
	struct as_row rows[MAX_BANDS];
	struct memfig f = { .s = s, .p = p, .rows = rows, .addr_w = FIG_ADDR - 1,
			    .col_w = FIG_WIDTH - FIG_ADDR, .sel = d->sel, .side_labels = side_labels };
	if (memfig_band_rows(&f, height) < 1)
		return;
	struct as_opts o = { .expand_libs = d->libs_open, .kernel = true };
	f.n = addr_space_layout(p->maps, p->n_maps, memfig_band_rows(&f, height), &o, rows, MAX_BANDS);
	memfig_draw(w, y0, x0, height, &f);
}

static void table_header(WINDOW *w, int y, int x, int width)
{
	ui_fill(w, y, x, width, ui_attr(UI_HEADER));
	ui_put_str(w, y, x, "ADDRESS        SIZE PERM    RSS    PSS   SWAP SEGMENT  PATH", width, ui_attr(UI_HEADER));
}

/* The anon_shm channel whose endpoint of process index pi maps m, or NULL. */
static const struct channel *anon_shm_of(const struct snapshot *s, size_t pi, const struct map_info *m)
{
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		if (ch->kind != CK_ANON_SHM)
			continue;
		for (size_t e = 0; e < ch->n_ep; e++)
			if (ch->ep[e].proc == (int32_t)pi && ch->ep[e].addr == m->start)
				return ch;
	}
	return NULL;
}

/* "  shared with PID (comm), ..." after an anon_shm mapping's path: the other holders. */
static void other_holders(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p,
			  const struct map_info *m)
{
	if (m->seg != SEG_SHM || p < s->procs || p >= s->procs + s->n_procs)
		return;
	const struct channel *ch = anon_shm_of(s, (size_t)(p - s->procs), m);
	if (!ch)
		return;
	size_t n = 0;
	sb_puts(sb, "  shared anon");
	for (size_t e = 0; e < ch->n_ep; e++) {
		const struct endpoint *ep = &ch->ep[e];
		if (ep->pid == p->pid || ep->pid <= 0)
			continue;
		sb_printf(sb, "%s%d", n++ ? ", " : " with ", (int)ep->pid);
		if (ep->proc >= 0 && (size_t)ep->proc < s->n_procs && s->procs[ep->proc].comm) {
			const char *comm = s->procs[ep->proc].comm;
			sb_puts(sb, " (");
			esc_append(sb, comm, strlen(comm));
			sb_putc(sb, ')');
		}
	}
	if (n == 0)
		sb_puts(sb, ", no other holder seen");
}

static void table_row(WINDOW *w, int y, int x, int width, const struct snapshot *s,
		      const struct proc_info *p, const struct map_info *m, bool sel)
{
	char size[16], rss[16] = "-", pss[16] = "-", swap[16] = "-";
	struct strbuf sb = STRBUF_INIT;
	size_text(m->end - m->start, size, sizeof size);
	if (m->has_smaps) {
		human_kib(m->rss_kib, rss, sizeof rss);
		human_kib(m->pss_kib, pss, sizeof pss);
		human_kib(m->swap_kib, swap, sizeof swap);
	}
	sb_printf(&sb, "%012llx %6s %-4s %6s %6s %6s %-8s ", (unsigned long long)m->start, size, m->perms,
		  rss, pss, swap, segment_name(m->seg));
	if (m->path)
		esc_append(&sb, m->path, strlen(m->path));
	if (m->deleted)
		sb_puts(&sb, " (deleted)");
	other_holders(&sb, s, p, m);
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	if (sel)
		ui_fill(w, y, x, width, attr);
	ui_put_str(w, y, x, sb_str(&sb), width, attr);
	sb_free(&sb);
}

static void draw_table(struct detail_state *d, WINDOW *w, int y0, int x0, int height, int width,
		       const struct snapshot *s, const struct proc_info *p)
{
	int rows = height - 1;
	table_header(w, y0, x0, width);
	if (rows < 1)
		return;
	d->body_rows = rows;
	if (d->sel >= p->n_maps)
		d->sel = p->n_maps ? p->n_maps - 1 : 0;
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + (size_t)rows)
		d->top = d->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && d->top + (size_t)r < p->n_maps; r++)
		table_row(w, y0 + 1 + r, x0, width, s, p, &p->maps[d->top + (size_t)r],
			  d->top + (size_t)r == d->sel);
}

static bool explain_missing(WINDOW *w, int y0, const struct proc_info *p)
{
	const char *why = NULL;
	if (p->flags & PF_KTHREAD)
		why = "kernel thread: it has no user address space";
	else if (p->flags & PF_MAPS_DENIED)
		why = "memory maps not readable (permission denied; run as root or as the process's user)";
	else if (!(p->flags & PF_DETAIL))
		why = "reading the memory map...";
	else if (p->n_maps == 0)
		why = "no mappings";
	if (why)
		ui_put_str(w, y0 + 1, 2, why, getmaxx(w) - 4, ui_attr(UI_DIM));
	return why != NULL;
}

void memory_draw(struct detail_state *d, WINDOW *w, const struct snapshot *s, const struct proc_info *p,
		 int y0)
{
	int height = getmaxy(w) - y0, width = getmaxx(w);
	char vs[16], rs[16];
	if (d->cmp_pid && !memcmp_other(d, s))
		d->cmp_pid = 0;      /* the other process ended */
	size_text(p->vsize, vs, sizeof vs);
	human_kib(p->rss_kib, rs, sizeof rs);
	ui_printf(w, y0, 1, width - 2, A_BOLD, "Virtual size %s, resident %s, %zu mappings", vs, rs, p->n_maps);
	y0++;
	height--;
	if (height < 3 || explain_missing(w, y0, p))
		return;
	if (d->cmp_pid) {
		memcmp_draw(d, w, s, p, y0);
		return;
	}
	if (width >= FIG_WIDTH + 2 + 60) {
		draw_figure(w, y0, 0, height, s, p, d, false);
		draw_table(d, w, y0, FIG_WIDTH + 2, height, width - FIG_WIDTH - 2, s, p);
	} else {
		/* the figure first (15 rows of bands at 80x24), the table keeps 4 lines */
		int fig_h = height - 4 > FIG_ROWS_MAX ? FIG_ROWS_MAX : height - 4;
		if (fig_h < height / 2)
			fig_h = height / 2;
		draw_figure(w, y0, 0, fig_h, s, p, d, true);
		draw_table(d, w, y0 + fig_h, 0, height - fig_h, width, s, p);
	}
}

void memory_key(struct detail_state *d, struct view_ctx *v, const struct proc_info *p, enum action a)
{
	size_t page = d->body_rows > 1 ? (size_t)d->body_rows - 1 : 1;
	switch (a) {
	case ACT_UP:        if (d->sel > 0) d->sel--; break;
	case ACT_DOWN:      if (d->sel + 1 < p->n_maps) d->sel++; break;
	case ACT_PAGE_UP:   d->sel = d->sel > page ? d->sel - page : 0; break;
	case ACT_PAGE_DOWN: d->sel = d->sel + page < p->n_maps ? d->sel + page : (p->n_maps ? p->n_maps - 1 : 0); break;
	case ACT_HOME:      d->sel = 0; break;
	case ACT_END:       d->sel = p->n_maps ? p->n_maps - 1 : 0; break;
	case ACT_LIBS:      d->libs_open = !d->libs_open; break;
	case ACT_COMPARE:
		if (d->cmp_pid)
			d->cmp_pid = 0;
		else
			memcmp_start(d, v, p);
		break;
	case ACT_EXPLAIN: {
		char k[32];
		if (d->sel < p->n_maps) {
			snprintf(k, sizeof k, "seg.%s", segment_name(p->maps[d->sel].seg));
			view_explain(v, k);
		}
		break;
	}
	default: break;
	}
}
