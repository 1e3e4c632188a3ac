/* test_addr_figure.c — the textbook figure of a whole process: every class visible at 14, 16
 * and 24 rows, address order, kernel space on top (16.0 EiB, not "16383.9P"), log heights
 * monotonic in size, gap sizes, and compare mode lining up a shared segment. */
#include <stdlib.h>
#include <string.h>

#include "layout/addr_space.h"
#include "util/human_size.h"
#include "../tap.h"

#define KIB 1024ULL
#define MIB (1024 * KIB)
#define GIB (1024 * MIB)
#define LIMIT (1ULL << 47)

static struct map_info map(uint64_t start, uint64_t size, enum segment seg, const char *path)
{
	return (struct map_info){ .start = start, .end = start + size, .seg = seg, .path = (char *)path,
				   .perms = "rw-p" };
}

/* A process with every class: the program, a 128 MiB heap, the mmap area (an anonymous
 * region, a mapped file, a shared segment, three libraries), the stack, vvar, vdso, vsyscall. */
static size_t textbook(struct map_info *m, uint64_t shm_at, uint64_t shm_ino)
{
	size_t n = 0;
	m[n++] = map(0x555555554000, 8 * KIB, SEG_RODATA, "/bin/prog");
	m[n++] = map(0x555555556000, 16 * KIB, SEG_TEXT, "/bin/prog");
	m[n++] = map(0x55555555a000, 8 * KIB, SEG_RODATA, "/bin/prog");
	m[n++] = map(0x55555555c000, 4 * KIB, SEG_DATA, "/bin/prog");
	m[n++] = map(0x55555555d000, 4 * KIB, SEG_BSS, "");
	m[n++] = map(0x555556000000, 128 * MIB, SEG_HEAP, "[heap]");
	m[n++] = map(0x7f0000000000, 64 * MIB, SEG_ANON, "");
	m[n++] = map(0x7f1000000000, 3 * MIB, SEG_FILE, "/usr/lib/locale/locale-archive");
	m[n++] = map(shm_at, 64 * KIB, SEG_SHM, "/SYSV00001234");
	m[n - 1].ino = shm_ino;
	m[n++] = map(0x7f3000000000, 2 * MIB, SEG_LIB, "/lib/libc.so.6");
	m[n++] = map(0x7f3000200000, 200 * KIB, SEG_LIB, "/lib/libm.so.6");
	m[n++] = map(0x7f3000300000, 220 * KIB, SEG_LIB, "/lib/ld-linux-x86-64.so.2");
	m[n++] = map(0x7ffd00000000, 132 * KIB, SEG_STACK, "[stack]");
	m[n++] = map(0x7ffd10000000, 16 * KIB, SEG_VVAR, "[vvar]");
	m[n++] = map(0x7ffd10004000, 8 * KIB, SEG_VDSO, "[vdso]");
	m[n++] = map(0xffffffffff600000, 4 * KIB, SEG_VSYSCALL, "[vsyscall]");
	return n;
}

static const enum segment all_classes[] = {
	SEG_RODATA, SEG_TEXT, SEG_DATA, SEG_BSS, SEG_HEAP, SEG_ANON, SEG_FILE, SEG_SHM, SEG_LIB,
	SEG_STACK, SEG_VVAR, SEG_VDSO, SEG_VSYSCALL,
};
#define N_CLASSES (sizeof(all_classes) / sizeof(all_classes[0]))

static int total(const struct as_row *r, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += r[i].height;
	return sum;
}

static size_t missing_classes(const struct as_row *r, size_t n)
{
	size_t missing = 0;
	for (size_t c = 0; c < N_CLASSES; c++) {
		bool seen = false;
		for (size_t i = 0; i < n; i++)
			seen = seen || (r[i].type == AS_SEG && r[i].seg == all_classes[c]);
		if (!seen)
			printf("# class %s has no row\n", segment_name(all_classes[c]));
		missing += !seen;
	}
	return missing;
}

static void check_height(int h)
{
	struct map_info m[32];
	size_t n = textbook(m, 0x7f2000000000, 7);
	struct as_row r[64];
	struct as_opts o = { .kernel = true, .user_limit = LIMIT };
	size_t nr = addr_space_layout(m, n, h, &o, r, 64);
	ok(nr > 2 && total(r, nr) <= h, "%d rows: %zu bands, height %d fits", h, nr, total(r, nr));
	is_int(missing_classes(r, nr), 0, "%d rows: every class present has a row of its own", h);
	bool kernel_top = nr > 0 && r[nr - 1].type == AS_KERNEL && r[nr - 1].y == 0 &&
			  r[nr - 1].start == LIMIT && r[nr - 1].bytes == 0 - LIMIT;
	ok(kernel_top, "%d rows: kernel space is the top row, from the user limit to 2^64", h);
	ok(nr > 1 && r[nr - 2].seg == SEG_VSYSCALL, "%d rows: the vsyscall page just under it", h);
	bool ordered = true, tiled = nr > 0 && r[0].y + r[0].height == total(r, nr);
	for (size_t i = 0; i + 1 < nr; i++) {
		if (i + 2 < nr && r[i].end > r[i + 1].start)
			ordered = false;       /* the user half: by address, low at the bottom */
		if (r[i].y != r[i + 1].y + r[i + 1].height)
			tiled = false;
	}
	ok(ordered, "%d rows: user bands in address order, low addresses at the bottom", h);
	ok(tiled, "%d rows: rows tile the figure", h);
	size_t gaps = 0;
	for (size_t i = 0; i < nr; i++)
		gaps += r[i].type == AS_GAP;
	if (h >= 24)
		ok(gaps >= 3, "%d rows: gaps drawn between the regions (%zu)", h, gaps);
}

static void test_log_heights(void)
{
	/* one band per size, each of another class, far apart: heights never shrink with size */
	static const uint64_t sizes[] = { 4 * KIB, 64 * KIB, 1 * MIB, 16 * MIB, 128 * MIB, 2 * GIB };
	static const enum segment segs[] = { SEG_DATA, SEG_BSS, SEG_ANON, SEG_FILE, SEG_HEAP, SEG_LIB };
	struct map_info m[6];
	for (size_t i = 0; i < 6; i++)
		m[i] = map(0x100000000ULL * (i + 1), sizes[i], segs[i], "");
	bool monotonic = true, all = true, grows = false;
	for (int h = 11; h <= 60; h++) {
		struct as_row r[16];
		size_t nr = addr_space_layout(m, 6, h, NULL, r, 16);
		int last = 0, bands = 0;
		for (size_t i = 0; i < nr; i++) {
			if (r[i].type != AS_SEG)
				continue;
			bands++;
			if (r[i].height < last)
				monotonic = false;
			last = r[i].height;
		}
		all = all && bands == 6;
		grows = grows || last > r[0].height + 2;
	}
	ok(monotonic, "log heights: a bigger band is never lower, 11..60 rows");
	ok(all, "log heights: the 4 KiB page and the 2 GiB band are both visible at every height");
	ok(grows, "log heights: the 2 GiB band gets more rows than the 4 KiB page");
}

static void test_gap_labels(void)
{
	struct map_info m[3] = { map(0x400000, 4 * KIB, SEG_TEXT, "/p"),
				 map(0x400000 + 4 * KIB + 2 * GIB, 4 * KIB, SEG_DATA, "/p"),
				 map(0x7ffd00000000, 132 * KIB, SEG_STACK, "[stack]") };
	struct as_row r[8];
	struct as_opts o = { .kernel = true, .user_limit = LIMIT };
	size_t nr = addr_space_layout(m, 3, 20, &o, r, 8);
	char buf[32];
	ok(nr >= 5 && r[1].type == AS_GAP && r[1].bytes == 2 * GIB, "gap: the 2 GiB hole is a gap of its size");
	human_bytes(buf, sizeof buf, nr >= 5 ? (double)r[1].bytes : 0);
	is_str(buf, "2.0 GiB", "gap label: 2.0 GiB");
	human_bytes(buf, sizeof buf, (double)(0 - LIMIT));
	is_str(buf, "16.0 EiB", "kernel space label: 16.0 EiB (not 16383.9P)");
	ok(nr >= 5 && r[nr - 2].type == AS_GAP && r[nr - 2].end == LIMIT,
	   "gap: the hole above the stack reaches the user limit");
	ok(nr >= 5 && r[nr - 1].type == AS_KERNEL, "gap: kernel space above it");
}

static size_t row_of_map(const struct as_row *r, size_t n, size_t map)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].type == AS_SEG && map >= r[i].first_map && map < r[i].first_map + r[i].n_maps)
			return i;
	return n;
}

static void test_pair(int h)
{
	struct map_info a[32], b[40];
	size_t na = textbook(a, 0x7f2000000000, 42);
	size_t nb = textbook(b, 0x7f2800000000, 42);   /* elsewhere in b, and more below it: */
	memmove(&b[7], &b[6], (nb - 6) * sizeof(*b));
	b[6] = map(0x7e0000000000, 1 * GIB, SEG_ANON, "");   /* a 1 GiB region before the anon */
	nb++;
	struct as_row ra[64], rb[64];
	struct as_pair_out oa = { ra, 0, 64 }, ob = { rb, 0, 64 };
	struct as_opts o = { .kernel = true };
	addr_space_pair(a, na, b, nb, h, &o, &oa, &ob);
	size_t ia = row_of_map(ra, oa.n, 8), ib = row_of_map(rb, ob.n, 9);
	ok(ia < oa.n && ib < ob.n, "pair %d: the shared segment has a band in both", h);
	if (ia < oa.n && ib < ob.n) {
		ok(ra[ia].y == rb[ib].y && ra[ia].height == rb[ib].height,
		   "pair %d: on the same rows in both (y %d/%d)", h, ra[ia].y, rb[ib].y);
		ok(ra[ia].shared && rb[ib].shared, "pair %d: marked shared in both", h);
	}
	ok(total(ra, oa.n) <= h && total(rb, ob.n) <= h, "pair %d: both fit (%d, %d)", h,
	   total(ra, oa.n), total(rb, ob.n));
	ok(total(ra, oa.n) == total(rb, ob.n), "pair %d: both figures are as tall", h);
	is_int(missing_classes(ra, oa.n) + missing_classes(rb, ob.n), 0, "pair %d: every class in both", h);
	bool none_shared = true;
	b[9].ino = 43;      /* another segment: nothing to line up */
	addr_space_pair(a, na, b, nb, h, &o, &oa, &ob);
	for (size_t i = 0; i < ob.n; i++)
		none_shared = none_shared && !rb[i].shared;
	ok(none_shared, "pair %d: segments of different objects are not marked shared", h);
}

int main(void)
{
	check_height(14);
	check_height(16);
	check_height(24);
	test_log_heights();
	test_gap_labels();
	test_pair(24);
	test_pair(36);
	return tap_done();
}
