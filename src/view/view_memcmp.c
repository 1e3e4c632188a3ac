/* view_memcmp.c — compare mode of the Memory tab: the process shown and another side by side,
 * each as its address-space figure, the shared segments both map on the same rows and marked
 * '='. The other process is the next -p pid, else one chosen from a menu: first the processes
 * sharing memory with this one (even outside -p, -u or the filter), then those the list shows.
 * Both are read in full detail while compared. With -p A,B the Memory tab opens compared. */
#include <stdint.h>
#include <string.h>

#include "util/text_escape.h"
#include "view/detail_int.h"
#include "view/dialog.h"
#include "view/ui.h"

#define CMP_MAX_BANDS 256

const struct proc_info *memcmp_other(const struct detail_state *d, const struct snapshot *s)
{
	return d->cmp_pid ? snapshot_find_proc_at(s, d->cmp_pid, d->cmp_start, d->cmp_host) : NULL;
}

static void compare_with(struct detail_state *d, struct view_ctx *v, const struct proc_info *q)
{
	d->cmp_pid = q->pid;
	d->cmp_start = q->start_time;
	d->cmp_host = q->host;
	v->refresh_now = true;         /* read its maps in full at once */
}

/* Does q map a shared segment (same device and inode) that p maps? */
static bool shares_memory(const struct proc_info *p, const struct proc_info *q)
{
	for (size_t i = 0; i < p->n_maps; i++) {
		const struct map_info *a = &p->maps[i];
		if (a->seg != SEG_SHM || a->ino == 0)
			continue;
		for (size_t j = 0; j < q->n_maps; j++)
			if (q->maps[j].seg == SEG_SHM && q->maps[j].dev == a->dev && q->maps[j].ino == a->ino)
				return true;
	}
	return false;
}

/* q is another process than p (--merge: another host's of p's pid is) of the same snapshot. */
static bool comparable(const struct proc_info *p, const struct proc_info *q)
{
	return q && q != p && !(q->flags & PF_KTHREAD);
}

/* The -p pid after p's in the list (round), or NULL. */
static const struct proc_info *next_listed(const struct view_ctx *v, const struct proc_info *p)
{
	const struct ipctop_opts *o = v->opts;
	if (!o || o->n_pids < 2)
		return NULL;
	size_t at = o->n_pids - 1;
	for (size_t i = 0; i < o->n_pids; i++)
		if (o->pids[i] == p->pid)
			at = i;
	for (size_t k = 1; k <= o->n_pids; k++) {
		const struct proc_info *q = snapshot_find_proc_on(v->cur, o->pids[(at + k) % o->n_pids], p->host);
		if (comparable(p, q))
			return q;
	}
	return NULL;
}

void memcmp_auto(struct detail_state *d, struct view_ctx *v, const struct proc_info *p)
{
	if (d->cmp_auto_done || !v->opts || v->opts->n_pids != 2)
		return;
	d->cmp_auto_done = true;
	const struct proc_info *q = next_listed(v, p);
	if (q)
		compare_with(d, v, q);
}

static void chosen(void *ctx, struct view_ctx *v, const struct menu_item *it)
{
	const struct proc_info *q = snapshot_find_proc_on(v->cur, (pid_t)it->code, it->value);
	if (q)
		compare_with(ctx, v, q);
}

static void add_entry(struct menu *m, const struct proc_info *q, bool sharer)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%7d ", (int)q->pid);
	if (q->comm)
		esc_append(&sb, q->comm, strlen(q->comm));
	if (q->host) {               /* --merge: pids repeat across hosts; the entry keeps its host */
		sb_puts(&sb, " on ");
		esc_append(&sb, q->host, strlen(q->host));
	}
	if (sharer)
		sb_puts(&sb, "  (shares memory)");
	menu_add(m, sb_str(&sb), q->host, (int)q->pid);
	sb_free(&sb);
}

void memcmp_start(struct detail_state *d, struct view_ctx *v, const struct proc_info *p)
{
	const struct proc_info *q = next_listed(v, p);
	if (q) {
		compare_with(d, v, q);
		return;
	}
	const struct snapshot *s = v->cur;
	struct menu m;
	menu_init(&m, "Compare the address space with", v->batch);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->n_procs; i++) {
			q = &s->procs[i];
			bool shares = comparable(p, q) && shares_memory(p, q);
			if (pass == 0 ? shares : !shares && comparable(p, q) && view_proc_in_scope(v, q))
				add_entry(&m, q, pass == 0);
		}
	if (m.n_items == 0) {
		view_status(v, "no other process to compare with");
		menu_free(&m);
		return;
	}
	struct menu_spec spec = { &m, chosen, d };
	if (!view_open(v, "menu", &spec))
		menu_free(&m);
}

static void heading(WINDOW *w, int y, int x, int width, const struct proc_info *p)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%d ", (int)p->pid);
	if (p->comm)
		esc_append(&sb, p->comm, strlen(p->comm));
	ui_put_str(w, y, x, sb_str(&sb), width, ui_attr(UI_TITLE));
	sb_free(&sb);
}

void memcmp_draw(struct detail_state *d, WINDOW *w, const struct snapshot *s, const struct proc_info *p,
		 int y0)
{
	const struct proc_info *q = memcmp_other(d, s);
	int width = getmaxx(w), height = getmaxy(w) - y0, half = width / 2;
	int addr_w = half >= 46 ? 16 : 12, col_w = half - addr_w - 3;
	if (!q)
		return;
	if (height < 6 || col_w < 12) {
		ui_put_str(w, y0, 1, "too small to compare: C goes back", width - 2, ui_attr(UI_DIM));
		return;
	}
	heading(w, y0, addr_w + 3, half - addr_w - 3, p);
	heading(w, y0, half + addr_w + 3, half - addr_w - 3, q);
	if (!(q->flags & PF_DETAIL) || (q->flags & PF_MAPS_DENIED)) {
		ui_put_str(w, y0 + 2, half + 2, q->flags & PF_MAPS_DENIED ? "memory maps not readable" :
			   "reading the memory map...", half - 3, ui_attr(UI_DIM));
		return;
	}
	struct as_row ra[CMP_MAX_BANDS], rb[CMP_MAX_BANDS];
	struct as_pair_out oa = { ra, 0, CMP_MAX_BANDS }, ob = { rb, 0, CMP_MAX_BANDS };
	struct as_opts o = { .expand_libs = d->libs_open, .kernel = true };
	struct memfig fa = { s, p, ra, 0, addr_w, col_w, SIZE_MAX, false };
	struct memfig fb = { s, q, rb, 0, addr_w, col_w, SIZE_MAX, false };
	addr_space_pair(p->maps, p->n_maps, q->maps, q->n_maps, memfig_band_rows(&fa, height - 1), &o,
			&oa, &ob);
	fa.n = oa.n;
	fb.n = ob.n;
	memfig_draw(w, y0 + 1, 0, height - 1, &fa);
	memfig_draw(w, y0 + 1, half, height - 1, &fb);
}
