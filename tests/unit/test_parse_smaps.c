/* test_parse_smaps.c — parse_smaps on a real smaps capture matched to its maps, on lines that
 * look like numbers but are not figures, and on 70,000 mappings listed out of order. */
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static struct arena arena;

static struct map_info *load_maps(const char *text, size_t len, size_t *n)
{
	struct map_info *maps;
	parse_maps(text, len, &maps, n, &arena);
	return maps;
}

static int smaps_text(const char *s, struct map_info *maps, size_t n)
{
	size_t len = strlen(s);
	char *buf = exact_copy(s, len);
	int matched = parse_smaps(buf, len, maps, n);
	free(buf);
	return matched;
}

static void test_fixture(void)
{
	size_t mlen, slen, n;
	char *mtext = fixture("maps.txt", &mlen), *stext = fixture("smaps.txt", &slen);
	struct map_info *m = load_maps(mtext, mlen, &n);
	is_int(parse_smaps(stext, slen, m, n), 33, "smaps.txt: all 33 headers matched");
	size_t with = 0;
	for (size_t i = 0; i < n; i++)
		with += m[i].has_smaps;
	is_int(with, 33, "every mapping has its figures");
	if (n == 33) {
		ok(m[0].rss_kib == 8 && m[0].pss_kib == 8 && m[0].swap_kib == 0, "exe header: 8/8/0 kB");
		ok(m[9].rss_kib == 920 && m[9].pss_kib == 107, "libc text: Rss 920, Pss 107 (not Pss_Dirty)");
		ok(m[31].rss_kib == 36 && m[31].pss_kib == 36, "stack: 36 kB");
		ok(m[13].rss_kib == 20, "anonymous mapping after libc: 20 kB");
		is_int(m[32].rss_kib, 0, "vsyscall: 0 kB");
	}
	free(m);
	free(mtext);
	free(stext);
}

static const char two_maps[] =
	"1000-2000 r--p 00000000 08:01 1 /a\n"
	"3000-5000 rw-p 00000000 00:00 0 \n";

static void test_confusing_lines(void)
{
	size_t n;
	struct map_info *m = load_maps(two_maps, sizeof(two_maps) - 1, &n);
	int matched = smaps_text(
		"1000-2000 r--p 00000000 08:01 1 /a\n"
		"Rss:                  12 kB\n"
		"Pss_Dirty:             7 kB\n"
		"Pss:                   6 kB\n"
		"AnonHugePages:         2048 kB\n"
		"FilePmdMapped:         0 kB\n"
		"SwapPss:               9 kB\n"
		"Swap:                  5 kB\n"
		"THPeligible:    1\n"
		"VmFlags: rd wr mr mw me ac sd\n"
		"8000-9000 rw-p 00000000 00:00 0 \n"        /* not in maps: its figures are dropped */
		"Rss:                  99 kB\n"
		"3000-6000 rw-p 00000000 00:00 0 \n"        /* grew since maps was read */
		"Rss:                  40 kB\n"
		"Pss:                  20 MB\n"             /* wrong unit: skipped */
		"Swap:   99999999999999999999 kB\n"         /* overflow: skipped */
		"Rss:", m, n);
	is_int(matched, 2, "two headers matched, the unknown one skipped");
	ok(m[0].rss_kib == 12 && m[0].pss_kib == 6 && m[0].swap_kib == 5, "first: Rss 12, Pss 6, Swap 5");
	ok(m[1].has_smaps && m[1].rss_kib == 40, "second matched by start although its end moved");
	ok(m[1].pss_kib == 0 && m[1].swap_kib == 0, "bad unit and overflow skipped");
	free(m);

	m = load_maps(two_maps, sizeof(two_maps) - 1, &n);
	matched = smaps_text("1000-2000 r--p 00000000 08:01 1 /a\nSize: 4 kB\n", m, n);
	ok(matched == 1 && !m[0].has_smaps, "a header without its Rss line leaves has_smaps unset");
	is_int(smaps_text("Rss: 12 kB\nxyz-1000 \n1000 2000\n", m, n), 0, "no header, no match");
	/* a header is "start-end " (proc(5)); another byte in place of '-' makes it no header */
	is_int(smaps_text("1000x2000 r--p 00000000 08:01 1 /a\nRss: 12 kB\n", m, n), 0,
	       "1000x2000: not a header, its Rss belongs to no mapping");
	ok(!m[0].has_smaps, "1000x2000: the mapping at 1000 gets no figures");
	/* nor another byte in place of the blank after the end */
	is_int(smaps_text("1000-2000x r--p 00000000 08:01 1 /a\nRss: 12 kB\n", m, n), 0,
	       "1000-2000x: not a header, its Rss belongs to no mapping");
	ok(!m[0].has_smaps, "1000-2000x: the mapping at 1000 gets no figures");
	is_int(parse_smaps(NULL, 0, m, n), 0, "NULL text");
	is_int(parse_smaps("1000-2000 r--p 0 0:0 0\n", 23, NULL, 0), 0, "no maps");
	free(m);
}

/* After a match of the last mapping, the next header's in-order guess is one past the array:
 * the array sits against an inaccessible page, so looking at that element faults. */
static void test_guess_past_end(void)
{
	size_t n;
	struct map_info *m = load_maps(two_maps, sizeof(two_maps) - 1, &n);
	struct map_info *g = (struct map_info *)guard_copy((const char *)m, n * sizeof(*m));
	is_int(smaps_text("3000-5000 rw-p 00000000 00:00 0 \nRss: 4 kB\n"
	                  "1000-2000 r--p 00000000 08:01 1 /a\nRss: 8 kB\n", g, n), 2,
	       "last mapping, then the first: both matched, nothing read past the array");
	ok(n == 2 && g[0].rss_kib == 8 && g[1].rss_kib == 4, "each got its own Rss");
	guard_free((char *)g, n * sizeof(*m));
	free(m);
}

/* 70,000 mappings; smaps lists them back to front so the in-order guess never hits. */
static void test_many_mappings(void)
{
	enum { N = 70000 };
	size_t cap = (size_t)N * 128, len = 0;
	char *maps_text = malloc(cap), *smaps = malloc(cap);
	for (size_t i = 0; i < N; i++)
		len += (size_t)sprintf(maps_text + len, "%zx-%zx rw-p 00000000 00:00 0 \n",
		                       0x10000 + i * 0x2000, 0x11000 + i * 0x2000);
	size_t n;
	struct map_info *m = load_maps(maps_text, len, &n);
	size_t slen = 0;
	for (size_t k = N; k-- > 0;)
		slen += (size_t)sprintf(smaps + slen, "%zx-%zx rw-p 00000000 00:00 0 \nRss: %zu kB\n",
		                        0x10000 + k * 0x2000, 0x11000 + k * 0x2000, k % 1000);
	is_int(parse_smaps(smaps, slen, m, n), N, "70,000 headers matched in reverse order");
	size_t wrong = 0;
	for (size_t i = 0; i < n; i++)
		wrong += !m[i].has_smaps || m[i].rss_kib != i % 1000;
	is_int(wrong, 0, "each got its own Rss");
	free(m);
	free(maps_text);
	free(smaps);
}

int main(void)
{
	arena_init(&arena);
	test_fixture();
	test_confusing_lines();
	test_guess_past_end();
	test_many_mappings();
	arena_free(&arena);
	return tap_done();
}
