/* parse_smaps.c — /proc/PID/smaps: Rss, Pss and Swap of each mapping, matched to the maps[]
 * read before by start address (the process may have changed in between: unmatched headers
 * are skipped, their figures ignored). */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

/* A header line starts "start-end " in hex; "AnonHugePages:" or "VmFlags:" cannot. */
static bool read_header_start(const char *line, size_t len, uint64_t *start)
{
	const char *p = line, *end = line + len;
	uint64_t stop;
	if (!pu_read_u64(&p, end, 16, start) || p >= end || *p != '-')
		return false;
	p++;
	return pu_read_u64(&p, end, 16, &stop) && p < end && *p == ' ' && *start <= stop;
}

/* Index of the mapping that starts at `start`, or -1. smaps lists mappings in the order maps
 * did, so the one after the last match is tried first; else binary search (maps sorted). */
static ptrdiff_t find_map(const struct map_info *maps, size_t n, size_t hint, uint64_t start)
{
	if (hint < n && maps[hint].start == start)
		return (ptrdiff_t)hint;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (maps[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && maps[lo].start == start ? (ptrdiff_t)lo : -1;
}

/* "Rss:   12 kB" → 12. Only the exact keys Rss, Pss and Swap (not Pss_Dirty, SwapPss). */
static void read_figure(const char *line, size_t len, struct map_info *m)
{
	const char *colon = memchr(line, ':', len);
	if (!colon)
		return;
	size_t klen = (size_t)(colon - line);
	uint64_t *slot = pu_key_is(line, klen, "Rss", 3)  ? &m->rss_kib
	               : pu_key_is(line, klen, "Pss", 3)  ? &m->pss_kib
	               : pu_key_is(line, klen, "Swap", 4) ? &m->swap_kib : NULL;
	if (!slot)
		return;
	const char *p = colon + 1, *end = line + len;
	uint64_t v;
	if (!pu_field_u(&p, end, UINT64_MAX, &v))
		return;
	pu_skip_blanks(&p, end);
	if (end - p >= 2 && p[0] == 'k' && p[1] == 'B' && pu_at_end(p + 2, end)) {
		*slot = v;
		if (slot == &m->rss_kib)
			m->has_smaps = true;
	}
}

int parse_smaps(const char *text, size_t len, struct map_info *maps, size_t n)
{
	if (!text || !maps)
		return 0;
	const char *p = text, *end = text + len, *line;
	size_t ll, hint = 0;
	struct map_info *cur = NULL;
	int matches = 0;
	while (pu_next_line(&p, end, &line, &ll)) {
		uint64_t start;
		if (read_header_start(line, ll, &start)) {
			ptrdiff_t i = find_map(maps, n, hint, start);
			cur = i >= 0 ? &maps[i] : NULL;
			if (cur) {
				hint = (size_t)i + 1;
				cur->has_smaps = false;   /* set again when its Rss line is read */
				cur->rss_kib = cur->pss_kib = cur->swap_kib = 0;
				matches++;
			}
		} else if (cur) {
			read_figure(line, ll, cur);
		}
	}
	return matches;
}
