/* parse_sysstat.c — /proc/stat cpu lines and /proc/meminfo figures from text (pure: no I/O, so
 * that the unit tests feed it fixed text). */
#include <string.h>

#include "collect/parse_sysstat.h"

/* Read an unsigned decimal at *p (after spaces); false when there is none. */
static bool next_u64(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	while (s < end && *s == ' ')
		s++;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	uint64_t v = 0;
	while (s < end && *s >= '0' && *s <= '9') {
		uint64_t d = (uint64_t)(*s++ - '0');
		v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
	}
	*p = s;
	*out = v;
	return true;
}

/* A "cpu" line (after its name) into ct: at least user, nice, system and idle. */
static bool cpu_fields(const char *p, const char *end, struct cpu_times *ct)
{
	struct cpu_times v = { .online = true };
	int n = 0;
	while (n < CPUF__COUNT && next_u64(&p, end, &v.t[n]))
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
	if (*p == ' ')
		return *after = p, -1;
	long n = 0;
	while (p < end && *p >= '0' && *p <= '9' && n <= SYSSTAT_MAX_CPUS)
		n = n * 10 + (*p++ - '0');
	if (p == l + 3 || p >= end || *p != ' ' || n >= SYSSTAT_MAX_CPUS)
		return -2;
	*after = p;
	return n;
}

int parse_proc_stat(const char *text, size_t len, struct arena *a, struct sys_info *si)
{
	const char *end = text + len, *after;
	long top = -1;
	bool have_all = false;
	for (const char *l = text; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l)), *le = nl ? nl : end;
		long n = cpu_number(l, le, &after);
		if (n == -1)
			have_all = cpu_fields(after, le, &si->cpu_all);
		else if (n >= 0 && n > top)
			top = n;
		l = le + 1;
	}
	if (!have_all)
		return -1;
	si->n_cpu_slots = (int)(top + 1);
	si->cpus = top < 0 ? NULL : arena_alloc(a, (size_t)(top + 1) * sizeof(*si->cpus));
	if (si->cpus)
		memset(si->cpus, 0, (size_t)(top + 1) * sizeof(*si->cpus));
	int lines = 0;
	for (const char *l = text; l < end && si->cpus;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l)), *le = nl ? nl : end;
		long n = cpu_number(l, le, &after);
		if (n >= 0 && cpu_fields(after, le, &si->cpus[n]))
			lines++;
		l = le + 1;
	}
	return lines;
}

static const struct { const char *key; size_t off; } mem_keys[] = {
	{ "MemTotal:", offsetof(struct sys_info, mem_total_kib) },
	{ "MemFree:", offsetof(struct sys_info, mem_free_kib) },
	{ "MemAvailable:", offsetof(struct sys_info, mem_avail_kib) },
	{ "Buffers:", offsetof(struct sys_info, buffers_kib) },
	{ "Cached:", offsetof(struct sys_info, cached_kib) },
	{ "SwapCached:", offsetof(struct sys_info, swap_cached_kib) },
	{ "Shmem:", offsetof(struct sys_info, shmem_kib) },
	{ "SReclaimable:", offsetof(struct sys_info, sreclaimable_kib) },
	{ "SwapTotal:", offsetof(struct sys_info, swap_total_kib) },
	{ "SwapFree:", offsetof(struct sys_info, swap_free_kib) },
};

void parse_meminfo(const char *text, size_t len, struct sys_info *si)
{
	const char *end = text + len;
	for (size_t k = 0; k < sizeof mem_keys / sizeof mem_keys[0]; k++)
		*(uint64_t *)((char *)si + mem_keys[k].off) = 0;
	for (const char *l = text; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l)), *le = nl ? nl : end;
		for (size_t k = 0; k < sizeof mem_keys / sizeof mem_keys[0]; k++) {
			size_t kl = strlen(mem_keys[k].key);
			const char *p = l + kl;
			if ((size_t)(le - l) > kl && !memcmp(l, mem_keys[k].key, kl))
				next_u64(&p, le, (uint64_t *)((char *)si + mem_keys[k].off));
		}
		l = le + 1;
	}
}
