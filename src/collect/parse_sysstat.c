/* parse_sysstat.c — /proc/stat cpu lines and /proc/meminfo figures from text (pure: no I/O, so
 * that the unit tests feed it fixed text). */
#include <string.h>

#include "collect/parse_sysstat.h"
#include "collect/parse_util.h"

/* A "cpu" line (after its name) into ct: at least user, nice, system and idle. */
static bool cpu_fields(const char *p, const char *end, struct cpu_times *ct)
{
	struct cpu_times v = { .online = true };
	int n = 0;
	while (n < CPUF__COUNT && pu_field_u(&p, end, UINT64_MAX, &v.t[n]))
		n++;
	if (n < 4)
		return false;
	*ct = v;
	return true;
}

/* The CPU number of a "cpuN " line, -1 for the sum line "cpu ", -2 for anything else. */
static long cpu_number(const char *l, const char *end, const char **after)
{
	if (end - l < 4 || memcmp(l, "cpu", 3))
		return -2;
	const char *p = l + 3;
	uint64_t n;
	if (*p == ' ')
		return *after = p, -1;
	if (!pu_read_dec(&p, end, &n) || p >= end || *p != ' ' || n >= SYSSTAT_MAX_CPUS)
		return -2;
	*after = p;
	return (long)n;
}

int parse_proc_stat(const char *text, size_t len, struct arena *a, struct sys_info *si)
{
	const char *end = text + len, *after, *p = text, *l;
	size_t ll;
	long top = -1;
	bool have_all = false;
	while (pu_next_line(&p, end, &l, &ll)) {
		long n = cpu_number(l, l + ll, &after);
		if (n == -1)
			have_all = cpu_fields(after, l + ll, &si->cpu_all);
		else if (n > top)
			top = n;
	}
	if (!have_all)
		return -1;
	si->n_cpu_slots = (int)(top + 1);
	si->cpus = top < 0 ? NULL : arena_alloc(a, (size_t)(top + 1) * sizeof(*si->cpus));
	if (!si->cpus)
		return 0;
	memset(si->cpus, 0, (size_t)(top + 1) * sizeof(*si->cpus));
	int lines = 0;
	for (p = text; pu_next_line(&p, end, &l, &ll);) {
		long n = cpu_number(l, l + ll, &after);
		if (n >= 0 && cpu_fields(after, l + ll, &si->cpus[n]))
			lines++;
	}
	return lines;
}

static const struct { const char *key; size_t off; } mem_keys[] = {
	{ "MemTotal", offsetof(struct sys_info, mem_total_kib) },
	{ "MemFree", offsetof(struct sys_info, mem_free_kib) },
	{ "MemAvailable", offsetof(struct sys_info, mem_avail_kib) },
	{ "Buffers", offsetof(struct sys_info, buffers_kib) },
	{ "Cached", offsetof(struct sys_info, cached_kib) },
	{ "SwapCached", offsetof(struct sys_info, swap_cached_kib) },
	{ "Shmem", offsetof(struct sys_info, shmem_kib) },
	{ "SReclaimable", offsetof(struct sys_info, sreclaimable_kib) },
	{ "SwapTotal", offsetof(struct sys_info, swap_total_kib) },
	{ "SwapFree", offsetof(struct sys_info, swap_free_kib) },
};

void parse_meminfo(const char *text, size_t len, struct sys_info *si)
{
	const char *end = text + len, *p = text, *l;
	size_t ll;
	for (size_t k = 0; k < sizeof mem_keys / sizeof mem_keys[0]; k++)
		*(uint64_t *)((char *)si + mem_keys[k].off) = 0;
	while (pu_next_line(&p, end, &l, &ll)) {
		const char *colon = memchr(l, ':', ll);
		for (size_t k = 0; colon && k < sizeof mem_keys / sizeof mem_keys[0]; k++) {
			const char *v = colon + 1;
			if (pu_key_is(l, (size_t)(colon - l), mem_keys[k].key, strlen(mem_keys[k].key)))
				pu_field_u(&v, l + ll, UINT64_MAX, (uint64_t *)((char *)si + mem_keys[k].off));
		}
	}
}
