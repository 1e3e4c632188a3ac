/* addr_space.c — bands and rows of the address-space figure. Mappings are grouped into bands
 * (libraries into one, unless expanded), holes become gaps; while there are more bands than
 * rows, the cheapest neighbours merge (same class first, then small gaps vanish, then a small
 * band joins a bigger neighbour as long as its class keeps another band); the rows left over
 * go to bands by log2 of their size. Maps above the user limit and kernel space go on top. */
#include "layout/addr_space.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct band {
	enum as_row_type type;
	enum segment seg;
	size_t first_map, n_maps;
	uint64_t start, end, bytes;    /* bytes: mapped bytes (a gap: its size) */
	int prev, next;                /* neighbours in address order, -1 at the ends */
	unsigned version;              /* bumped when the band or its right neighbour changes */
	bool alive;
	int rows;
};

/* A candidate merge of `left` with its right neighbour, or removal of gap `left` (right -1). */
struct cand {
	int tier;
	uint64_t cost;
	int left, right;
	unsigned ver_left, ver_right;
};

enum { TIER_SAME = 0, TIER_GAP = 1, TIER_OTHER = 2, TIER_FORCE = 3 };

struct cand_heap { struct cand *v; size_t n, cap; };

static bool cand_before(const struct cand *a, const struct cand *b)
{
	if (a->tier != b->tier)
		return a->tier < b->tier;
	if (a->cost != b->cost)
		return a->cost < b->cost;
	return a->left < b->left;
}

static void heap_push(struct cand_heap *h, struct cand c)
{
	XGROW(h->v, h->cap, h->n + 1);
	size_t i = h->n++;
	while (i > 0 && cand_before(&c, &h->v[(i - 1) / 2])) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = c;
}

static struct cand heap_pop(struct cand_heap *h)
{
	struct cand top = h->v[0], last = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && cand_before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!cand_before(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
	return top;
}

static bool same_file(const struct map_info *a, const struct map_info *b)
{
	const char *pa = a->path ? a->path : "", *pb = b->path ? b->path : "";
	return a->seg == b->seg && strcmp(pa, pb) == 0;
}

/* A library's own bss: anonymous read-write memory right after its writable map. */
static bool lib_bss(const struct map_info *prev, const struct map_info *m)
{
	return prev->seg == SEG_LIB && prev->perms[1] == 'w' && m->seg == SEG_ANON &&
	       m->start == prev->end && (!m->path || !*m->path) && m->ino == 0;
}

/* Does map i join the band before it (whose last map is i - 1)? */
static bool joins(const struct map_info *maps, size_t i, const struct band *last, bool expand)
{
	if (lib_bss(&maps[i - 1], &maps[i]))
		return true;
	if (!expand && last->seg == SEG_LIB && maps[i].seg == SEG_LIB)
		return true;
	return same_file(&maps[i - 1], &maps[i]);
}

static size_t build_bands(const struct map_info *maps, size_t n, struct band *b, bool expand)
{
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t size = maps[i].end > maps[i].start ? maps[i].end - maps[i].start : 0;
		if (i > 0) {
			uint64_t prev_end = b[nb - 1].end;
			uint64_t hole = maps[i].start > prev_end ? maps[i].start - prev_end : 0;
			bool lib_run = !expand && b[nb - 1].seg == SEG_LIB && maps[i].seg == SEG_LIB;
			if (hole >= AS_GAP_MIN && !lib_run) {
				b[nb++] = (struct band){ .type = AS_GAP, .seg = SEG_ANON, .first_map = i,
					.start = prev_end, .end = maps[i].start, .bytes = hole };
			} else if (b[nb - 1].type == AS_SEG && joins(maps, i, &b[nb - 1], expand)) {
				b[nb - 1].n_maps++;
				b[nb - 1].end = maps[i].end > b[nb - 1].end ? maps[i].end : b[nb - 1].end;
				b[nb - 1].bytes += size;
				continue;
			}
		}
		b[nb++] = (struct band){ .type = AS_SEG, .seg = maps[i].seg, .first_map = i, .n_maps = 1,
			.start = maps[i].start, .end = maps[i].end, .bytes = size };
	}
	for (size_t i = 0; i < nb; i++) {
		b[i].prev = (int)i - 1;
		b[i].next = i + 1 < nb ? (int)i + 1 : -1;
		b[i].alive = true;
	}
	return nb;
}

/* Queue what can be done with band l and its right neighbour. */
static void push_pair(struct cand_heap *h, const struct band *b, int l)
{
	int r = b[l].next;
	if (r < 0 || b[l].type == AS_GAP || b[r].type == AS_GAP)
		return;
	uint64_t smaller = b[l].bytes < b[r].bytes ? b[l].bytes : b[r].bytes;
	struct cand c = { .left = l, .right = r, .ver_left = b[l].version, .ver_right = b[r].version };
	if (b[l].seg == b[r].seg) {
		c.tier = TIER_SAME;
		c.cost = b[l].bytes + b[r].bytes;
	} else {
		c.tier = TIER_OTHER;
		c.cost = smaller;
	}
	heap_push(h, c);
}

static void unlink_band(struct band *b, int i)
{
	b[i].alive = false;
	if (b[i].prev >= 0) {
		b[b[i].prev].next = b[i].next;
		b[b[i].prev].version++;
	}
	if (b[i].next >= 0)
		b[b[i].next].prev = b[i].prev;
}

static void merge_into_left(struct band *b, int l, int r, int *class_bands)
{
	enum segment loser = b[l].bytes >= b[r].bytes ? b[r].seg : b[l].seg;
	if (b[r].bytes > b[l].bytes)
		b[l].seg = b[r].seg;
	class_bands[loser]--;
	b[l].n_maps = b[r].first_map + b[r].n_maps - b[l].first_map;
	b[l].end = b[r].end;
	b[l].bytes += b[r].bytes;
	b[l].version++;
	unlink_band(b, r);
}

static bool cand_valid(const struct band *b, const struct cand *c)
{
	if (!b[c->left].alive)
		return false;
	if (c->right < 0)
		return true;
	return b[c->right].alive && b[c->left].next == c->right &&
	       b[c->left].version == c->ver_left && b[c->right].version == c->ver_right;
}

/* Merge until at most `rows` bands are alive; returns how many are. */
static size_t reduce_bands(struct band *b, size_t nb, size_t rows)
{
	int class_bands[SEG__COUNT] = { 0 };
	struct cand_heap h = { 0 };
	for (size_t i = 0; i < nb; i++) {
		if (b[i].type == AS_GAP)
			heap_push(&h, (struct cand){ .tier = TIER_GAP, .cost = b[i].bytes, .left = (int)i, .right = -1 });
		else
			class_bands[b[i].seg]++;
		push_pair(&h, b, (int)i);
	}
	size_t alive = nb;
	while (alive > rows && h.n > 0) {
		struct cand c = heap_pop(&h);
		if (!cand_valid(b, &c))
			continue;
		if (c.right < 0) {
			int before = b[c.left].prev;
			unlink_band(b, c.left);
			if (before >= 0)
				push_pair(&h, b, before);
			alive--;
			continue;
		}
		enum segment smaller_seg = b[c.left].bytes >= b[c.right].bytes ? b[c.right].seg : b[c.left].seg;
		if (c.tier == TIER_OTHER && class_bands[smaller_seg] <= 1) {
			c.tier = TIER_FORCE;      /* only if nothing else is left */
			heap_push(&h, c);
			continue;
		}
		merge_into_left(b, c.left, c.right, class_bands);
		alive--;
		if (b[c.left].prev >= 0)
			push_pair(&h, b, b[c.left].prev);
		push_pair(&h, b, c.left);
	}
	free(h.v);
	return alive;
}

static double band_weight(const struct band *b)
{
	return log2((double)b->bytes / 4096.0 + 1.0);
}

/* One row each; the rows left over go to bands in proportion to their weight (largest
 * remainders first, ties to the heavier band), at most `weight` extra rows a band. */
static void assign_rows(struct band *b, const int *order, size_t m, int height)
{
	int extra = height - (int)m;
	double total = 0;
	for (size_t i = 0; i < m; i++) {
		b[order[i]].rows = 1;
		if (b[order[i]].type == AS_SEG)
			total += band_weight(&b[order[i]]);
	}
	if (extra <= 0 || total <= 0)
		return;
	double *frac = xcalloc(m, sizeof(*frac));
	int given = 0;
	for (size_t i = 0; i < m; i++) {
		if (b[order[i]].type != AS_SEG)
			continue;
		double share = extra * band_weight(&b[order[i]]) / total;
		int whole = (int)floor(share);
		b[order[i]].rows += whole;
		given += whole;
		frac[i] = share - whole;
	}
	while (given < extra) {
		size_t best = m;
		for (size_t i = 0; i < m; i++) {
			if (b[order[i]].type != AS_SEG || frac[i] < 0)
				continue;
			if (best == m || frac[i] > frac[best] ||
			    (frac[i] == frac[best] && b[order[i]].bytes > b[order[best]].bytes))
				best = i;
		}
		if (best == m || frac[best] <= 0)
			break;
		b[order[best]].rows++;
		frac[best] = -1;
		given++;
	}
	free(frac);
	for (size_t i = 0; i < m; i++) {
		struct band *bi = &b[order[i]];
		int cap = 1 + (int)band_weight(bi);
		if (bi->type == AS_SEG && bi->rows > cap)
			bi->rows = cap;
	}
}

uint64_t addr_space_user_limit(const struct map_info *maps, size_t n)
{
#if defined(__x86_64__)
	uint64_t limit = 1ULL << 47;
	for (size_t i = 0; i < n; i++)
		if (maps[i].end > limit && maps[i].start < 0xff00000000000000ULL)
			limit = 1ULL << 56;     /* 5-level page tables, and a process that asked */
	return limit;
#elif defined(__aarch64__)
	(void)maps;
	(void)n;
	return 1ULL << 48;
#else
	uint64_t top = n ? maps[n - 1].end : 1;
	int bits = 12;
	while (bits < 63 && (1ULL << bits) < top)
		bits++;
	return 1ULL << bits;
#endif
}

/* How many libraries a band holds: the library maps whose file differs from the one before. */
static unsigned count_libs(const struct map_info *maps, size_t first, size_t n)
{
	unsigned libs = 0;
	const struct map_info *last = NULL;
	for (size_t i = first; i < first + n; i++) {
		if (maps[i].seg != SEG_LIB)
			continue;
		if (!last || !same_file(last, &maps[i]))
			libs++;
		last = &maps[i];
	}
	return libs;
}

/* The user part: maps[0..n) below the limit, and a gap up to the limit when kernel is set, in
 * at most `bands` bands of `rows` rows in all. */
static size_t user_rows(const struct map_info *maps, size_t n, size_t rows, size_t bands,
			const struct as_opts *o, uint64_t limit, struct as_row *out)
{
	if (n == 0 || rows == 0 || bands == 0)
		return 0;
	struct band *b = xcalloc(2 * n + 1, sizeof(*b));
	size_t nb = build_bands(maps, n, b, o->expand_libs);
	if (o->kernel && limit > b[nb - 1].end && limit - b[nb - 1].end >= AS_GAP_MIN) {
		b[nb] = (struct band){ .type = AS_GAP, .seg = SEG_ANON, .first_map = n, .start = b[nb - 1].end,
			.end = limit, .bytes = limit - b[nb - 1].end, .prev = (int)nb - 1, .next = -1, .alive = true };
		b[nb - 1].next = (int)nb;
		nb++;
	}
	size_t m = reduce_bands(b, nb, bands);
	if (m > bands)
		m = bands;    /* cannot happen: merging always reaches `bands` */
	int *order = xcalloc(m, sizeof(*order));
	size_t k = 0;
	for (int i = 0; i >= 0 && k < m; i = b[i].next)
		if (b[i].alive)
			order[k++] = i;
	assign_rows(b, order, m, (int)rows);
	for (size_t i = 0; i < m; i++) {
		const struct band *bi = &b[order[i]];
		out[i] = (struct as_row){ .type = bi->type, .first_map = bi->first_map, .n_maps = bi->n_maps,
			.start = bi->start, .end = bi->end, .bytes = bi->bytes, .height = bi->rows, .seg = bi->seg,
			.n_libs = bi->type == AS_SEG ? count_libs(maps, bi->first_map, bi->n_maps) : 0 };
	}
	free(order);
	free(b);
	return m;
}

/* The maps above the user limit ([vsyscall]) as one band, then kernel space. */
static size_t kernel_rows(const struct map_info *maps, size_t first, size_t n, size_t rows,
			  uint64_t limit, struct as_row *out)
{
	size_t k = 0;
	if (first < n && rows >= 2) {
		struct as_row r = { .type = AS_SEG, .first_map = first, .n_maps = n - first, .height = 1,
				    .start = maps[first].start, .end = maps[n - 1].end, .seg = maps[first].seg };
		for (size_t i = first; i < n; i++)
			r.bytes += maps[i].end - maps[i].start;
		out[k++] = r;
	}
	if (rows >= 1)
		out[k++] = (struct as_row){ .type = AS_KERNEL, .seg = SEG_ANON, .first_map = n, .start = limit,
			.end = 0, .bytes = 0 - limit, .height = 1 };
	return k;
}

/* y of each row from the top: the last row (highest addresses) at y 0. */
int addr_space_stack(struct as_row *out, size_t m)
{
	int y = 0;
	for (size_t i = m; i-- > 0;) {
		out[i].y = y;
		y += out[i].height;
	}
	return y;
}

size_t addr_space_layout(const struct map_info *maps, size_t n, int height, const struct as_opts *o,
			 struct as_row *out, size_t max)
{
	static const struct as_opts plain = { 0 };
	if (!o)
		o = &plain;
	if (n == 0 || height <= 0 || max == 0)
		return 0;
	size_t rows = (size_t)height, bands = rows < max ? rows : max;
	uint64_t limit = o->user_limit ? o->user_limit : addr_space_user_limit(maps, n);
	size_t n_user = n;
	while (o->kernel && n_user > 0 && maps[n_user - 1].start >= limit)
		n_user--;
	size_t top = 0;
	if (o->kernel)
		top = (n_user < n ? 2 : 1) < bands ? (n_user < n ? 2 : 1) : bands - 1;
	if (n_user == 0)
		top = bands;
	size_t m = user_rows(maps, n_user, rows - top, bands - top, o, limit, out);
	if (o->kernel)
		m += kernel_rows(maps, n_user, n, top, limit, out + m);
	addr_space_stack(out, m);
	return m;
}
