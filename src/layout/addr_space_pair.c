/* addr_space_pair.c — two address-space figures side by side (compare mode). The shared
 * segments both processes map (SEG_SHM of one dev and inode, in the same address order in
 * both) are anchors: they get the same rows in both figures. The maps between two anchors
 * form a part; a part gets as many rows in both figures (the more the bigger part needs),
 * and the figure that needs fewer fills the rest with blank (AS_PAD) rows. */
#include "layout/addr_space.h"

#include <stdlib.h>

#include "util/xalloc.h"

#define NATURAL_ROWS 200

struct anchor { size_t a, b; };
struct slice { const struct map_info *maps; size_t lo, hi; struct as_opts o; };

static bool same_object(const struct map_info *x, const struct map_info *y)
{
	return x->seg == SEG_SHM && y->seg == SEG_SHM && x->ino != 0 && x->dev == y->dev &&
	       x->ino == y->ino;
}

static size_t find_anchors(const struct map_info *a, size_t na, const struct map_info *b, size_t nb,
			   struct anchor *out)
{
	size_t k = 0, from_b = 0;
	for (size_t i = 0; i < na; i++) {
		if (a[i].seg != SEG_SHM)
			continue;
		for (size_t j = from_b; j < nb; j++)
			if (same_object(&a[i], &b[j])) {
				out[k++] = (struct anchor){ i, j };
				from_b = j + 1;
				break;
			}
	}
	return k;
}

/* Part p of one figure: the maps between anchor p - 1 and anchor p; kernel space in the last. */
static struct slice part_of(const struct map_info *m, size_t n, const struct anchor *an, size_t k,
			    size_t p, bool second, const struct as_opts *o)
{
	struct slice s = { .maps = m, .o = *o };
	s.lo = p == 0 ? 0 : (second ? an[p - 1].b : an[p - 1].a) + 1;
	s.hi = p == k ? n : (second ? an[p].b : an[p].a);
	s.o.kernel = o->kernel && p == k;
	s.o.user_limit = addr_space_user_limit(m, n);
	return s;
}

/* Lay out slice s in height rows: the number of rows written, *used their total height. */
static size_t rows_of(const struct slice *s, int height, struct as_row *out, size_t max, int *used)
{
	size_t m = addr_space_layout(s->maps + s->lo, s->hi - s->lo, height, &s->o, out, max);
	*used = addr_space_stack(out, m);
	return m;
}

/* Rows a part needs at least (one per class present, plus kernel space) and would take. */
static void part_needs(const struct slice *s, int *least, int *natural, struct as_row *tmp)
{
	bool seen[SEG__COUNT] = { false };
	int classes = 0;
	for (size_t i = s->lo; i < s->hi; i++)
		if (!seen[s->maps[i].seg]) {
			seen[s->maps[i].seg] = true;
			classes++;
		}
	int k = s->o.kernel ? 2 : 0;
	int nat = 0;
	rows_of(s, NATURAL_ROWS, tmp, NATURAL_ROWS, &nat);
	if (classes + k > *least)
		*least = classes + k;
	if (nat > *natural)
		*natural = nat;
}

/* Rows of each part: at least what it needs, then the spare rows in proportion to what more
 * it would take; while over the height, the tallest part gives one back. */
static void share_rows(int *h, const int *least, const int *natural, size_t parts, int avail)
{
	int total = 0, want = 0;
	for (size_t p = 0; p < parts; p++) {
		h[p] = least[p];
		total += h[p];
		want += natural[p] > least[p] ? natural[p] - least[p] : 0;
	}
	int spare = avail - total < want ? avail - total : want;
	for (size_t p = 0; spare > 0 && p < parts; p++) {
		int more = natural[p] > least[p] ? natural[p] - least[p] : 0;
		h[p] += (int)((long)spare * more / (want ? want : 1));
	}
	total = 0;
	for (size_t p = 0; p < parts; p++)
		total += h[p];
	while (total > avail) {
		size_t big = 0;
		for (size_t p = 1; p < parts; p++)
			if (h[p] > h[big])
				big = p;
		if (h[big] <= 1)
			break;
		h[big]--;
		total--;
	}
}

static void put(struct as_pair_out *o, struct as_row r)
{
	if (o->n < o->max)
		o->rows[o->n++] = r;
}

/* Part s of one figure in exactly h rows: its own rows, blank rows above them. */
static void emit_part(const struct slice *s, int h, struct as_pair_out *o)
{
	if (h <= 0 || o->n >= o->max)
		return;
	size_t first = o->n;
	int used = 0;
	size_t m = rows_of(s, h, o->rows + first, o->max - first, &used);
	for (size_t i = first; i < first + m; i++)
		o->rows[i].first_map += s->lo;
	o->n += m;
	if (used < h) {
		uint64_t at = s->hi > s->lo ? s->maps[s->hi - 1].end : s->lo ? s->maps[s->lo - 1].end : 0;
		put(o, (struct as_row){ .type = AS_PAD, .seg = SEG_ANON, .first_map = s->hi, .start = at,
					.end = at, .height = h - used });
	}
}

static void emit_anchor(const struct map_info *m, size_t i, int h, struct as_pair_out *o)
{
	put(o, (struct as_row){ .type = AS_SEG, .first_map = i, .n_maps = 1, .start = m[i].start,
				.end = m[i].end, .bytes = m[i].end - m[i].start, .height = h,
				.seg = m[i].seg, .shared = true });
}

void addr_space_pair(const struct map_info *a, size_t na, const struct map_info *b, size_t nb,
		     int height, const struct as_opts *o, struct as_pair_out *out_a,
		     struct as_pair_out *out_b)
{
	out_a->n = out_b->n = 0;
	if (height <= 0)
		return;
	struct anchor *an = xcalloc(na + 1, sizeof(*an));
	size_t k = find_anchors(a, na, b, nb, an), parts = k + 1;
	int *least = xcalloc(parts, sizeof(int)), *natural = xcalloc(parts, sizeof(int));
	int *h = xcalloc(parts, sizeof(int));
	struct as_row *tmp = xcalloc(NATURAL_ROWS, sizeof(*tmp));
	for (size_t p = 0; p < parts; p++) {
		struct slice sa = part_of(a, na, an, k, p, false, o), sb = part_of(b, nb, an, k, p, true, o);
		part_needs(&sa, &least[p], &natural[p], tmp);
		part_needs(&sb, &least[p], &natural[p], tmp);
	}
	int sum_least = 0;
	for (size_t p = 0; p < parts; p++)
		sum_least += least[p];
	int anchor_h = height >= sum_least + 2 * (int)k ? 2 : 1;
	share_rows(h, least, natural, parts, height - anchor_h * (int)k);
	for (size_t p = 0; p < parts; p++) {
		struct slice sa = part_of(a, na, an, k, p, false, o), sb = part_of(b, nb, an, k, p, true, o);
		emit_part(&sa, h[p], out_a);
		emit_part(&sb, h[p], out_b);
		if (p < k) {
			emit_anchor(a, an[p].a, anchor_h, out_a);
			emit_anchor(b, an[p].b, anchor_h, out_b);
		}
	}
	addr_space_stack(out_a->rows, out_a->n);
	addr_space_stack(out_b->rows, out_b->n);
	free(tmp);
	free(h);
	free(natural);
	free(least);
	free(an);
}
