/* test_addr_space.c — geometry of the address-space figure: order, gaps, classes, bounds. */
#include <stdlib.h>

#include <string.h>

#include "layout/addr_space.h"
#include "util/human_size.h"
#include "../tap.h"

#define KIB 1024ULL
#define MIB (1024 * KIB)
#define GIB (1024 * MIB)

static struct map_info map(uint64_t start, uint64_t size, enum segment seg, const char *path)
{
	return (struct map_info){ .start = start, .end = start + size, .seg = seg, .path = (char *)path };
}

/* A typical small process: program, heap, a big anonymous region, two libraries, stack, vdso. */
static size_t typical(struct map_info *m)
{
	size_t n = 0;
	m[n++] = map(0x400000, 8 * KIB, SEG_TEXT, "/bin/x");
	m[n++] = map(0x402000, 4 * KIB, SEG_DATA, "/bin/x");
	m[n++] = map(0x403000, 4 * KIB, SEG_BSS, "");
	m[n++] = map(0x1000000, 132 * KIB, SEG_HEAP, "[heap]");
	m[n++] = map(0x7f0000000000, 1 * GIB, SEG_ANON, "");
	m[n++] = map(0x7f0040000000, 100 * KIB, SEG_LIB, "/lib/libc.so.6");
	m[n++] = map(0x7f0040019000, 1 * MIB, SEG_LIB, "/lib/libc.so.6");
	m[n++] = map(0x7f0040119000, 16 * KIB, SEG_LIB, "/lib/libc.so.6");
	m[n++] = map(0x7f0040200000, 40 * KIB, SEG_LIB, "/lib/ld.so");
	m[n++] = map(0x7ffc00000000, 132 * KIB, SEG_STACK, "[stack]");
	m[n++] = map(0x7ffc10000000, 8 * KIB, SEG_VDSO, "[vdso]");
	return n;
}

static int rows_sum(const struct as_row *r, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += r[i].height;
	return sum;
}

static void check_order_and_tiling(const struct as_row *r, size_t n, const char *what)
{
	bool ordered = true, tiled = true;
	for (size_t i = 0; i + 1 < n; i++) {
		if (r[i].start >= r[i + 1].start || r[i].y <= r[i + 1].y)
			ordered = false;
		if (r[i + 1].y + r[i + 1].height != r[i].y)
			tiled = false;
	}
	if (n > 0 && r[n - 1].y != 0)
		tiled = false;
	ok(ordered, "%s: rows in address order, low addresses at the bottom", what);
	ok(tiled, "%s: rows tile the figure from y 0 without overlap", what);
}

static void test_typical(void)
{
	struct map_info m[16];
	size_t n = typical(m);
	struct as_row r[64];
	size_t nr = addr_space_layout(m, n, 30, NULL, r, 64);
	ok(nr > 0, "typical: rows written");
	ok(rows_sum(r, nr) <= 30, "typical: height %d within 30", rows_sum(r, nr));
	check_order_and_tiling(r, nr, "typical");
	bool seen[SEG__COUNT] = { false };
	size_t gaps = 0, libc_rows = 0;
	for (size_t i = 0; i < nr; i++) {
		if (r[i].type == AS_GAP) {
			gaps++;
			continue;
		}
		seen[r[i].seg] = true;
		if (r[i].seg == SEG_LIB && r[i].n_maps == 3)
			libc_rows++;
	}
	ok(gaps >= 3, "typical: gaps between distant segments (%zu)", gaps);
	ok(r[0].type == AS_SEG && r[1].type == AS_SEG, "typical: no gap between adjacent text and data");
	enum segment want[] = { SEG_TEXT, SEG_DATA, SEG_BSS, SEG_HEAP, SEG_ANON, SEG_LIB, SEG_STACK, SEG_VDSO };
	bool all = true;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		all = all && seen[want[i]];
	ok(all, "typical: every class present has a row");
	is_int(libc_rows, 0, "typical: libraries collapsed, libc is not a band of its own");
	size_t lib_bands = 0;
	for (size_t i = 0; i < nr; i++)
		if (r[i].type == AS_SEG && r[i].seg == SEG_LIB) {
			lib_bands++;
			is_int(r[i].n_libs, 2, "typical: the library band holds libc and ld.so");
			is_int(r[i].n_maps, 4, "typical: ...and their four mappings");
		}
	is_int(lib_bands, 1, "typical: the shared libraries form one band");
	struct as_opts open_libs = { .expand_libs = true };
	nr = addr_space_layout(m, n, 30, &open_libs, r, 64);
	lib_bands = libc_rows = 0;
	for (size_t i = 0; i < nr; i++)
		if (r[i].type == AS_SEG && r[i].seg == SEG_LIB) {
			lib_bands++;
			libc_rows += r[i].n_maps == 3 && r[i].n_libs == 1;
		}
	is_int(lib_bands, 2, "typical, libraries expanded: one band per library");
	is_int(libc_rows, 1, "typical, libraries expanded: the three libc mappings form one band");
	int small = 0, big = 0;
	for (size_t i = 0; i < nr; i++) {
		if (r[i].seg == SEG_DATA && r[i].type == AS_SEG)
			small = r[i].height;
		if (r[i].seg == SEG_ANON && r[i].type == AS_SEG)
			big = r[i].height;
	}
	ok(small <= big && big > 1, "typical: 4 KiB band (%d rows) not taller than 1 GiB band (%d rows)", small, big);
}

static void test_tight(void)
{
	struct map_info m[16];
	size_t n = typical(m);
	struct as_row r[64];
	size_t nr = addr_space_layout(m, n, 8, NULL, r, 64);
	ok(rows_sum(r, nr) <= 8, "tight: height %d within 8", rows_sum(r, nr));
	bool seen[SEG__COUNT] = { false };
	for (size_t i = 0; i < nr; i++)
		if (r[i].type == AS_SEG)
			seen[r[i].seg] = true;
	int classes = 0;
	for (int s = 0; s < SEG__COUNT; s++)
		classes += seen[s];
	is_int(classes, 8, "tight: all 8 classes keep a row in 8 rows");
	check_order_and_tiling(r, nr, "tight");
	size_t covered = 0;
	for (size_t i = 0; i < nr; i++)
		covered += r[i].n_maps;
	is_int(covered, n, "tight: every mapping belongs to one band");
	nr = addr_space_layout(m, n, 3, NULL, r, 64);
	ok(rows_sum(r, nr) <= 3 && nr <= 3, "tiny: 3 rows respected");
	nr = addr_space_layout(m, n, 30, NULL, r, 4);
	ok(nr <= 4, "max: never more rows than the output holds");
}

static void test_edges(void)
{
	struct as_row r[8];
	struct map_info one = map(0x1000, 4 * KIB, SEG_ANON, "");
	size_t nr = addr_space_layout(&one, 1, 10, NULL, r, 8);
	is_int(nr, 1, "one mapping: one row");
	ok(nr == 1 && r[0].height >= 1 && r[0].height <= 10 && r[0].n_maps == 1, "one mapping: fits");
	is_int(addr_space_layout(NULL, 0, 10, NULL, r, 8), 0, "no mappings: no rows");
	is_int(addr_space_layout(&one, 1, 0, NULL, r, 8), 0, "no height: no rows");
}

static void test_many(void)
{
	size_t n = 70000;
	struct map_info *m = calloc(n, sizeof(*m));
	static const enum segment segs[] = { SEG_ANON, SEG_LIB, SEG_FILE, SEG_SHM };
	uint64_t addr = 0x10000;
	for (size_t i = 0; i < n; i++) {
		uint64_t size = (4 * KIB) << (i % 9);
		m[i] = map(addr, size, segs[(i / 3) % 4], (i / 3) % 2 ? "/lib/x" : "");
		addr += size + ((i % 50) == 0 ? 64 * MIB : 0);
	}
	m[n - 1].seg = SEG_STACK;
	struct as_row r[50];
	size_t nr = addr_space_layout(m, n, 40, NULL, r, 50);
	ok(nr > 0 && rows_sum(r, nr) <= 40, "70k mappings: %zu rows, height %d within 40", nr, rows_sum(r, nr));
	check_order_and_tiling(r, nr, "70k");
	bool stack = false;
	size_t covered = 0;
	for (size_t i = 0; i < nr; i++) {
		stack = stack || (r[i].type == AS_SEG && r[i].seg == SEG_STACK);
		covered += r[i].n_maps;
	}
	ok(stack, "70k: the single stack mapping keeps its own row");
	is_int(covered, n, "70k: every mapping belongs to one band");
	free(m);
}

static void test_monotone(void)
{
	struct map_info m[2] = { map(0x1000, 4 * KIB, SEG_DATA, "/a"), map(0x100000000, 1 * GIB, SEG_ANON, "") };
	bool good = true;
	for (int h = 1; h <= 60; h++) {
		struct as_row r[4];
		size_t nr = addr_space_layout(m, 2, h, NULL, r, 4);
		int small = 0, big = 0;
		for (size_t i = 0; i < nr; i++) {
			if (r[i].type == AS_SEG && r[i].seg == SEG_DATA)
				small = r[i].height;
			if (r[i].type == AS_SEG && r[i].seg == SEG_ANON)
				big = r[i].height;
		}
		if (small > big || rows_sum(r, nr) > h)
			good = false;
	}
	ok(good, "log scale: 4 KiB never taller than 1 GiB at any height 1..60");
}

int main(void)
{
	test_typical();
	test_tight();
	test_edges();
	test_many();
	test_monotone();
	return tap_done();
}
