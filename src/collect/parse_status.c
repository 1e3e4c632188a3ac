/* parse_status.c — /proc/PID/status: ids, signal masks, capabilities, context switches,
 * CPU affinity list, the tracer, the Kthread flag and the resident pages backed by files and
 * shared memory (statm's third field: SHR, without a second file). */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

enum status_key {
	SK_NONE, SK_UID, SK_GID, SK_TGID, SK_PPID, SK_THREADS,
	SK_SIGPND, SK_SHDPND, SK_SIGBLK, SK_SIGIGN, SK_SIGCGT,
	SK_CAPINH, SK_CAPPRM, SK_CAPEFF, SK_CAPBND,
	SK_VOL, SK_NONVOL, SK_CPUS, SK_KTHREAD, SK_TRACER, SK_RSSFILE, SK_RSSSHMEM
};

/* The line's key: found by its first letter, then at most five fixed comparisons of the key
 * with its colon ("Uid:"), which is the same as comparing the text before the line's first
 * colon. A status text has about 60 lines and only 20 are ours: a scan of the whole key list
 * (and a search for the colon) on each line was most of the parser's time. *value gets the
 * text after the colon. */
#define KEY(lit, k) \
	if (len >= sizeof(lit) - 1 && memcmp(line, lit, sizeof(lit) - 1) == 0) { \
		*value = line + sizeof(lit) - 1; \
		return k; \
	}
static enum status_key lookup_key(const char *line, size_t len, const char **value)
{
	if (len < 4)
		return SK_NONE;
	switch (line[0]) {
	case 'U': KEY("Uid:", SK_UID) break;
	case 'G': KEY("Gid:", SK_GID) break;
	case 'P': KEY("PPid:", SK_PPID) break;
	case 'K': KEY("Kthread:", SK_KTHREAD) break;
	case 'R': KEY("RssFile:", SK_RSSFILE) KEY("RssShmem:", SK_RSSSHMEM) break;
	case 'T': KEY("Tgid:", SK_TGID) KEY("Threads:", SK_THREADS)
		KEY("TracerPid:", SK_TRACER) break;
	case 'v': KEY("voluntary_ctxt_switches:", SK_VOL) break;
	case 'n': KEY("nonvoluntary_ctxt_switches:", SK_NONVOL) break;
	case 'S':
		KEY("SigPnd:", SK_SIGPND) KEY("ShdPnd:", SK_SHDPND) KEY("SigBlk:", SK_SIGBLK)
		KEY("SigIgn:", SK_SIGIGN) KEY("SigCgt:", SK_SIGCGT) break;
	case 'C':
		KEY("CapInh:", SK_CAPINH) KEY("CapPrm:", SK_CAPPRM) KEY("CapEff:", SK_CAPEFF)
		KEY("CapBnd:", SK_CAPBND) KEY("Cpus_allowed_list:", SK_CPUS) break;
	default:
		break;
	}
	return SK_NONE;
}
#undef KEY

/* "r e s fs": four decimal ids that fit in 32 bits. */
static bool read_ids(const char *p, const char *end, uint32_t ids[4])
{
	for (int i = 0; i < 4; i++) {
		uint64_t v;
		if (!pu_field_u(&p, end, UINT32_MAX, &v))
			return false;
		ids[i] = (uint32_t)v;
	}
	return pu_at_end(p, end);
}

/* 0x10 | value for the 22 hex digit characters, 0 for every other byte. */
static const unsigned char hex_digit_or_0[256] = {
	['0'] = 0x10, ['1'] = 0x11, ['2'] = 0x12, ['3'] = 0x13, ['4'] = 0x14,
	['5'] = 0x15, ['6'] = 0x16, ['7'] = 0x17, ['8'] = 0x18, ['9'] = 0x19,
	['a'] = 0x1a, ['b'] = 0x1b, ['c'] = 0x1c, ['d'] = 0x1d, ['e'] = 0x1e, ['f'] = 0x1f,
	['A'] = 0x1a, ['B'] = 0x1b, ['C'] = 0x1c, ['D'] = 0x1d, ['E'] = 0x1e, ['F'] = 0x1f,
};

/* Signal and capability masks: exactly 16 hex digits, as the kernel prints them on every
 * 64-bit architecture with 64 signals; fewer digits means a cut line, not a small mask.
 * Sixteen digits cannot overflow, so they are read without a check or branch per digit
 * (nine masks a process were a third of the parser's time). */
static bool read_mask(const char *p, const char *end, uint64_t *out)
{
	pu_skip_blanks(&p, end);
	if (end - p < 16)
		return false;
	uint64_t v = 0;
	unsigned all_digits = 0x10;
	for (int i = 0; i < 16; i++) {
		unsigned d = hex_digit_or_0[(unsigned char)p[i]];
		all_digits &= d;
		v = v << 4 | (d & 0xf);
	}
	if (!all_digits || !pu_at_end(p + 16, end))    /* a 17th digit is no blank either */
		return false;
	*out = v;
	return true;
}

static bool read_dec(const char *p, const char *end, uint64_t max, uint64_t *out)
{
	return pu_field_u(&p, end, max, out) && pu_at_end(p, end);
}

/* "N kB", as the memory lines give their sizes (kibibytes). */
static bool read_kib(const char *p, const char *end, uint64_t *out)
{
	if (!pu_field_u(&p, end, UINT64_MAX / 2, out))
		return false;
	pu_skip_blanks(&p, end);
	return end - p >= 2 && p[0] == 'k' && p[1] == 'B' && pu_at_end(p + 2, end);
}

/* RssFile and RssShmem: SHR once both are read. */
static bool set_kib(struct status_fields *o, enum status_key k, const char *v, const char *end)
{
	uint64_t x;
	if (!read_kib(v, end, &x))
		return false;
	if (k == SK_RSSFILE)
		o->rss_file_kib = x, o->seen_rss |= 1;
	else
		o->rss_shmem_kib = x, o->seen_rss |= 2;
	o->has_shr = o->seen_rss == 3;
	return true;
}

/* Cpus_allowed_list is digits, commas and dashes; a list too long for the field is cut at a
 * comma and marked with "...". */
static bool read_cpu_list(const char *p, const char *end, char *dst, size_t cap)
{
	pu_skip_blanks(&p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	size_t n = (size_t)(end - p);
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || p[i] == ',' || p[i] == '-'))
			return false;
	if (n < cap) {
		memcpy(dst, p, n);
		dst[n] = '\0';
		return true;
	}
	size_t keep = cap - 4;
	while (keep > 0 && p[keep] != ',')
		keep--;
	memcpy(dst, p, keep);
	memcpy(dst + keep, "...", 4);
	return true;
}

static bool set_ids(struct status_fields *o, enum status_key k, const char *v, const char *end)
{
	uint32_t ids[4];
	if (!read_ids(v, end, ids))
		return false;
	if (k == SK_UID) {
		o->ruid = ids[0]; o->euid = ids[1]; o->suid = ids[2]; o->fsuid = ids[3];
		o->has_uid = true;
	} else {
		o->rgid = ids[0]; o->egid = ids[1]; o->sgid = ids[2]; o->fsgid = ids[3];
		o->has_gid = true;
	}
	return true;
}

static uint64_t *mask_slot(struct status_fields *o, enum status_key k)
{
	switch (k) {
	case SK_SIGPND: return &o->sig_pending;
	case SK_SHDPND: return &o->sig_shared_pending;
	case SK_SIGBLK: return &o->sig_blocked;
	case SK_SIGIGN: return &o->sig_ignored;
	case SK_SIGCGT: return &o->sig_caught;
	case SK_CAPINH: return &o->cap_inh;
	case SK_CAPPRM: return &o->cap_prm;
	case SK_CAPEFF: return &o->cap_eff;
	case SK_CAPBND: return &o->cap_bnd;
	default: return NULL;
	}
}

static bool set_mask(struct status_fields *o, enum status_key k, const char *v, const char *end)
{
	uint64_t m;
	if (!read_mask(v, end, &m))
		return false;
	*mask_slot(o, k) = m;
	if (k >= SK_CAPINH)
		o->has_cap = true;
	else
		o->has_sig = true;
	return true;
}

static bool set_number(struct status_fields *o, enum status_key k, const char *v, const char *end)
{
	uint64_t x;
	uint64_t max = (k == SK_VOL || k == SK_NONVOL) ? UINT64_MAX
	             : (k == SK_KTHREAD) ? 1 : INT32_MAX;
	if (!read_dec(v, end, max, &x))
		return false;
	switch (k) {
	case SK_TGID:    o->tgid = (pid_t)x; o->has_tgid = true; break;
	case SK_PPID:    o->ppid = (pid_t)x; o->has_ppid = true; break;
	case SK_THREADS: o->threads = (int)x; o->has_threads = true; break;
	case SK_VOL:     o->vol_ctxt = x; o->has_ctxt = true; break;
	case SK_NONVOL:  o->nonvol_ctxt = x; o->has_ctxt = true; break;
	case SK_KTHREAD: o->is_kthread = x == 1; break;
	case SK_TRACER:  o->tracer = (pid_t)x; break;
	default: return false;
	}
	return true;
}

static bool read_status_line(struct status_fields *o, const char *line, size_t len)
{
	const char *end = line + len;
	const char *v;
	enum status_key k = lookup_key(line, len, &v);
	switch (k) {
	case SK_NONE:
		return false;
	case SK_UID: case SK_GID:
		return set_ids(o, k, v, end);
	case SK_SIGPND: case SK_SHDPND: case SK_SIGBLK: case SK_SIGIGN: case SK_SIGCGT:
	case SK_CAPINH: case SK_CAPPRM: case SK_CAPEFF: case SK_CAPBND:
		return set_mask(o, k, v, end);
	case SK_RSSFILE: case SK_RSSSHMEM:
		return set_kib(o, k, v, end);
	case SK_CPUS:
		return read_cpu_list(v, end, o->cpus_allowed_list, sizeof(o->cpus_allowed_list));
	default:
		return set_number(o, k, v, end);
	}
}

static bool status_line(void *o, const char *line, size_t len)
{
	return read_status_line(o, line, len);
}

int parse_status(const char *text, size_t len, struct status_fields *out)
{
	memset(out, 0, sizeof(*out));
	return pu_each_line(text, len, status_line, out);
}
