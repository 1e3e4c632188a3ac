/* view_memfig.c — draws one address-space figure of the Memory tab from addr_space rows: a
 * column from low addresses (bottom) to high (top), each band with its class, size (binary
 * units), growth direction (heap up, stack down) and on its second row the file, the
 * libraries it holds or who else maps a shared segment; gaps as gaps, kernel space on top,
 * the start address of each band at its left. */
#include <stdio.h>
#include <string.h>

#include "util/human_size.h"
#include "util/text_escape.h"
#include "view/detail_int.h"
#include "view/ui.h"

#define MAX_LIB_NAMES 6

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

static void append_base(struct strbuf *sb, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base && base[1] ? base + 1 : path;
	esc_append(sb, base, strlen(base));
}

/* A shared segment's name: the file part of its path, "shared anon" for MAP_SHARED|ANON. */
static void shm_name(struct strbuf *sb, const struct map_info *m)
{
	if (!m->path || !*m->path || (m->deleted && strcmp(m->path, "/dev/zero") == 0))
		sb_puts(sb, "shared anon");
	else
		append_base(sb, m->path);
}

/* The first row: class (or "kernel space", "unmapped", "N libraries"), size, growth. */
static void band_label(struct strbuf *sb, const struct as_row *r, const struct map_info *maps)
{
	char size[24];
	human_bytes(size, sizeof size, (double)r->bytes);
	switch (r->type) {
	case AS_KERNEL: sb_printf(sb, "kernel space %s", size); return;
	case AS_GAP:    sb_printf(sb, "%s unmapped %s", ui_glyph(G_ELLIPSIS), size); return;
	case AS_PAD:    return;
	case AS_SEG:    break;
	}
	if (r->seg == SEG_SHM && r->n_maps == 1) {
		sb_puts(sb, "shm ");
		shm_name(sb, &maps[r->first_map]);
		sb_printf(sb, " %s", size);
		return;
	}
	if (r->seg == SEG_LIB && r->n_libs > 1)
		sb_printf(sb, "%u libraries %s", r->n_libs, size);
	else
		sb_printf(sb, "%s %s", segment_name(r->seg), size);
	if (r->seg == SEG_HEAP)
		sb_printf(sb, " %s", ui_glyph(G_ARROW_U));
	else if (r->seg == SEG_STACK)
		sb_printf(sb, " %s", ui_glyph(G_ARROW_D));
}

static bool maps_object(const struct proc_info *q, const struct map_info *m)
{
	for (size_t j = 0; j < q->n_maps; j++)
		if (q->maps[j].seg == SEG_SHM && q->maps[j].dev == m->dev && q->maps[j].ino == m->ino)
			return true;
	return false;
}

/* The other processes that map shared segment m (its device and inode) in the snapshot: every
 * process keeps its shared maps there, a process shown in detail all of them. */
static void other_mappers(struct strbuf *sb, const struct memfig *f, const struct map_info *m)
{
	const struct snapshot *s = f->s;
	size_t n = 0;
	if (!s || m->ino == 0)
		return;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *q = &s->procs[i];
		if (q->pid != f->p->pid && maps_object(q, m))
			sb_printf(sb, "%s%d", n++ ? "," : "with ", (int)q->pid);
	}
	if (n == 0)
		sb_puts(sb, "no other mapper seen");
}

/* The second row: the file, the libraries, or who else maps a shared segment. */
static void band_detail(struct strbuf *sb, const struct as_row *r, const struct memfig *f)
{
	const struct map_info *maps = f->p->maps;
	if (r->type == AS_KERNEL) {
		sb_puts(sb, "not accessible to the process");
		return;
	}
	if (r->type != AS_SEG || r->n_maps == 0)
		return;
	const struct map_info *m = &maps[r->first_map];
	if (r->seg == SEG_SHM && r->n_maps == 1) {
		if (r->shared)
			sb_puts(sb, "mapped by both");
		else
			other_mappers(sb, f, m);
		return;
	}
	if (r->seg == SEG_LIB && r->n_libs > 1) {
		unsigned k = 0;
		for (size_t i = r->first_map; i < r->first_map + r->n_maps && k < MAX_LIB_NAMES; i++)
			if (maps[i].seg == SEG_LIB && maps[i].offset == 0 && maps[i].path) {
				if (k++)
					sb_puts(sb, " ");
				append_base(sb, maps[i].path);
			}
		return;
	}
	if (m->path && *m->path)
		append_base(sb, m->path);
}

static void address(WINDOW *w, int y, int x, int width, uint64_t a)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%*llx", width, (unsigned long long)a);
	const char *s = n > width ? buf + (n - width) : buf;
	ui_put_str(w, y, x, s, width, ui_attr(UI_DIM));
	if (n > width)
		ui_put_str(w, y, x, ui_glyph(G_ELLIPSIS), 1, ui_attr(UI_DIM));
}

static void draw_band(WINDOW *w, int y0, int x0, const struct as_row *r, const struct memfig *f)
{
	int cx = x0 + f->addr_w + 1, cw = f->col_w;
	bool filled = r->type == AS_SEG || r->type == AS_KERNEL;
	int attr = r->type == AS_KERNEL ? (int)(A_REVERSE | A_DIM) : filled ? seg_attr(r->seg) : ui_attr(UI_DIM);
	bool sel = r->type == AS_SEG && f->sel >= r->first_map && f->sel < r->first_map + r->n_maps;
	for (int k = 0; k < r->height; k++) {
		int y = y0 + r->y + k;
		ui_put_str(w, y, cx, ui_glyph(r->type == AS_PAD ? G_DOT : G_V), 1, A_NORMAL);
		ui_fill(w, y, cx + 1, cw - 2, filled ? attr : (int)A_NORMAL);
		ui_put_str(w, y, cx + cw - 1, ui_glyph(r->type == AS_PAD ? G_DOT : G_V), 1, A_NORMAL);
	}
	struct strbuf sb = STRBUF_INIT;
	band_label(&sb, r, f->p->maps);
	ui_put_str(w, y0 + r->y, cx + 2, sb_str(&sb), cw - 3, attr | (sel ? A_BOLD : 0));
	sb_free(&sb);
	if (r->height >= 2) {
		band_detail(&sb, r, f);
		ui_put_str(w, y0 + r->y + 1, cx + 2, sb_str(&sb), cw - 3, attr);
		sb_free(&sb);
	}
	if (r->shared)
		ui_put_str(w, y0 + r->y, cx + cw, "=", 1, ui_attr(UI_TITLE));
	if (r->type != AS_PAD && f->addr_w > 0)
		address(w, y0 + r->y + r->height - 1, x0, f->addr_w, r->start);
	if (sel)
		ui_put_str(w, y0 + r->y, cx + cw, ui_glyph(G_ARROW_L), 1, ui_attr(UI_TITLE));
}

int memfig_band_rows(const struct memfig *f, int height)
{
	return f->side_labels ? height : height - 2;
}

void memfig_draw(WINDOW *w, int y0, int x0, int height, const struct memfig *f)
{
	int cx = x0 + f->addr_w + 1, rows = memfig_band_rows(f, height), top = f->side_labels ? 0 : 1;
	int lx = f->side_labels ? cx + f->col_w + 2 : cx + 2, lw = f->side_labels ? 14 : f->col_w - 2;
	for (size_t i = 0; i < f->n; i++)
		if (f->rows[i].y + f->rows[i].height <= rows)
			draw_band(w, y0 + top, x0, &f->rows[i], f);
	int used = f->n ? f->rows[0].y + f->rows[0].height : 0;
	ui_put_str(w, y0, lx, "high addresses", lw, ui_attr(UI_DIM));
	ui_put_str(w, f->side_labels ? y0 + used - 1 : y0 + height - 1, lx, "low addresses", lw, ui_attr(UI_DIM));
}
