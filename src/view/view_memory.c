/* view_memory.c — the Memory tab: the address space drawn as the textbook column (low
 * addresses at the bottom, stack on top, gaps as gaps) with addresses and sizes, from
 * addr_space_layout(), next to (or above) a pmap-like table of every mapping; a shared
 * anonymous mapping names the other processes that hold it (from the snapshot's channels). */
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

static int seg_attr(enum segment s)
{
	static const int kind_of[SEG__COUNT] = {
		[SEG_ANON] = -1, [SEG_TEXT] = CK_SYSV_MSG, [SEG_DATA] = CK_EVENTFD, [SEG_BSS] = CK_TCP,
		[SEG_HEAP] = CK_SYSV_SHM, [SEG_STACK] = CK_UNIX, [SEG_LIB] = CK_PIPE, [SEG_SHM] = CK_POSIX_SHM,
		[SEG_FILE] = -1, [SEG_VDSO] = -1, [SEG_VVAR] = -1, [SEG_VSYSCALL] = -1, [SEG_RODATA] = CK_FIFO,
	};
	int k = (unsigned)s < SEG__COUNT ? kind_of[s] : -1;
	return (k >= 0 ? ui_kind_attr((enum chan_kind)k) : (int)A_NORMAL) | A_REVERSE;
}

static void size_text(uint64_t bytes, char *buf, size_t n)
{
	static const char *const unit[] = { "B", "K", "M", "G", "T", "P" };
	double v = (double)bytes;
	int u = 0;
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	snprintf(buf, n, u == 0 ? "%.0f%s" : "%.1f%s", v, unit[u]);
}

/* The file name part of the band's first mapping, escaped, for the band's second row. */
static void band_path(const struct map_info *m, struct strbuf *sb)
{
	if (!m->path || !*m->path)
		return;
	const char *base = strrchr(m->path, '/');
	base = base && base[1] ? base + 1 : m->path;
	esc_append(sb, base, strlen(base));
}

static void draw_band(WINDOW *w, int y0, int x0, const struct as_row *r, const struct map_info *maps,
		      bool selected)
{
	int cw = FIG_WIDTH - FIG_ADDR, attr = r->type == AS_GAP ? ui_attr(UI_DIM) : seg_attr(r->seg);
	char size[16], label[64];
	uint64_t bytes = 0;
	for (size_t i = r->first_map; r->type == AS_SEG && i < r->first_map + r->n_maps; i++)
		bytes += maps[i].end - maps[i].start;
	size_text(r->type == AS_SEG ? bytes : r->end - r->start, size, sizeof size);
	for (int k = 0; k < r->height; k++) {
		int y = y0 + r->y + k;
		ui_put_str(w, y, x0 + FIG_ADDR, ui_glyph(G_V), 1, A_NORMAL);
		ui_fill(w, y, x0 + FIG_ADDR + 1, cw - 2, r->type == AS_GAP ? (int)A_NORMAL : attr);
		ui_put_str(w, y, x0 + FIG_ADDR + cw - 1, ui_glyph(G_V), 1, A_NORMAL);
	}
	if (r->type == AS_GAP)
		snprintf(label, sizeof label, "%s unmapped %s", ui_glyph(G_ELLIPSIS), size);
	else
		snprintf(label, sizeof label, "%s %s", segment_name(r->seg), size);
	ui_put_str(w, y0 + r->y, x0 + FIG_ADDR + 2, label, cw - 4, attr | (selected ? A_BOLD : 0));
	if (r->type == AS_SEG && r->height >= 2 && r->n_maps) {
		struct strbuf sb = STRBUF_INIT;
		band_path(&maps[r->first_map], &sb);
		ui_put_str(w, y0 + r->y + 1, x0 + FIG_ADDR + 2, sb_str(&sb), cw - 4, attr);
		sb_free(&sb);
	}
	ui_printf(w, y0 + r->y + r->height - 1, x0, FIG_ADDR - 1, ui_attr(UI_DIM), "%16llx",
		  (unsigned long long)r->start);
	if (selected)
		ui_put_str(w, y0 + r->y, x0 + FIG_WIDTH, ui_glyph(G_ARROW_L), 1, ui_attr(UI_TITLE));
}

static void draw_figure(WINDOW *w, int y0, int x0, int height, const struct proc_info *p, size_t sel)
{
	struct as_row rows[MAX_BANDS];
	if (height < 3)
		return;
	size_t n = addr_space_layout(p->maps, p->n_maps, height - 2, rows, MAX_BANDS);
	if (n)
		ui_printf(w, y0, x0, FIG_ADDR - 1, ui_attr(UI_DIM), "%16llx", (unsigned long long)rows[n - 1].end);
	ui_put_str(w, y0, x0 + FIG_ADDR + 2, "high addresses", FIG_WIDTH - FIG_ADDR - 2, ui_attr(UI_DIM));
	for (size_t i = 0; i < n; i++) {
		bool selected = sel >= rows[i].first_map && sel < rows[i].first_map + rows[i].n_maps;
		draw_band(w, y0 + 1, x0, &rows[i], p->maps, selected);
	}
	ui_put_str(w, y0 + height - 1, x0 + FIG_ADDR + 2, "low addresses", FIG_WIDTH - FIG_ADDR - 2, ui_attr(UI_DIM));
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
	size_text(p->vsize, vs, sizeof vs);
	human_kib(p->rss_kib, rs, sizeof rs);
	ui_printf(w, y0, 1, width - 2, A_BOLD, "Virtual size %s, resident %s, %zu mappings", vs, rs, p->n_maps);
	y0++;
	height--;
	if (height < 3 || explain_missing(w, y0, p))
		return;
	if (width >= FIG_WIDTH + 2 + 60) {
		draw_figure(w, y0, 0, height, p, d->sel);
		draw_table(d, w, y0, FIG_WIDTH + 2, height, width - FIG_WIDTH - 2, s, p);
	} else {
		int fig_h = height / 2;
		draw_figure(w, y0, 0, fig_h, p, d->sel);
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
