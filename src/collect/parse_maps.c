/* parse_maps.c — /proc/PID/maps lines into struct map_info:
 * "start-end perms offset major:minor inode   path", every number checked, the path raw bytes
 * again (the kernel's "\012" for a newline decoded). */
#include "collect/parse_proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "collect/parse_util.h"
#include "util/xalloc.h"

/* Shared by every anonymous mapping: saves an arena allocation per line. Never written. */
static char empty_path[1];

static const char deleted_suffix[] = " (deleted)";

/* "rwxp": each position is its letter or '-', the last is 'p' or 's'. */
static bool read_perms(const char **p, const char *end, char perms[5])
{
	static const char letters[] = "rwx";
	if (end - *p < 4)
		return false;
	const char *s = *p;
	for (int i = 0; i < 3; i++)
		if (s[i] != letters[i] && s[i] != '-')
			return false;
	if (s[3] != 'p' && s[3] != 's')
		return false;
	memcpy(perms, s, 4);
	perms[4] = '\0';
	*p = s + 4;
	return true;
}

static bool expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return false;
	(*p)++;
	return true;
}

/* One separating space (or more) between fields. */
static bool space(const char **p, const char *end)
{
	if (*p >= end || (**p != ' ' && **p != '\t'))
		return false;
	pu_skip_blanks(p, end);
	return true;
}

static bool read_range(const char **p, const char *end, struct map_info *m)
{
	if (!pu_read_u64(p, end, 16, &m->start) || !expect(p, end, '-') ||
	    !pu_read_u64(p, end, 16, &m->end))
		return false;
	return m->start <= m->end;
}

static bool read_dev(const char **p, const char *end, uint64_t *dev)
{
	uint64_t major, minor;
	if (!pu_read_u64(p, end, 16, &major) || !expect(p, end, ':') ||
	    !pu_read_u64(p, end, 16, &minor) || major > UINT32_MAX || minor > UINT32_MAX)
		return false;
	*dev = makedev((unsigned)major, (unsigned)minor);
	return true;
}

void maps_set_path(struct map_info *m, const char *p, size_t n, struct arena *a)
{
	size_t sl = sizeof(deleted_suffix) - 1;
	m->deleted = n > sl && memcmp(p + n - sl, deleted_suffix, sl) == 0;
	if (m->deleted)
		n -= sl;
	m->path = n ? arena_strndup(a, p, n) : empty_path;
}

/* The maps text writes a newline in a path as the four characters "\012" (and nothing else
 * escaped, not even a backslash): turn them back into the byte. A name that itself holds
 * "\012" reads the same way; only PROCMAP_QUERY, which gives raw paths, tells them apart. */
static void decode_newlines(char *path)
{
	char *w = strstr(path, "\\012");
	if (!w)
		return;
	for (const char *r = w; *r;) {
		if (strncmp(r, "\\012", 4) == 0) {
			*w++ = '\n';
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

int parse_maps_line(const char *line, size_t len, struct map_info *out, struct arena *a)
{
	struct map_info m;
	memset(&m, 0, sizeof(m));
	if (!line)
		return -1;
	const char *p = line, *end = line + len;
	if (!read_range(&p, end, &m) || !space(&p, end) || !read_perms(&p, end, m.perms) ||
	    !space(&p, end) || !pu_read_u64(&p, end, 16, &m.offset) || !space(&p, end) ||
	    !read_dev(&p, end, &m.dev) || !space(&p, end) || !pu_read_dec(&p, end, &m.ino))
		return -1;
	if (p < end && *p != ' ' && *p != '\t')
		return -1;
	pu_skip_blanks(&p, end);
	maps_set_path(&m, p, (size_t)(end - p), a);   /* the path runs to the end of the line */
	decode_newlines(m.path);
	m.seg = SEG_ANON;
	*out = m;
	return 0;
}

int parse_maps(const char *text, size_t len, struct map_info **out, size_t *n, struct arena *a)
{
	*out = NULL;
	*n = 0;
	if (!text)
		return 0;
	struct map_info *maps = NULL;
	size_t count = 0, cap = 0;
	int malformed = 0;
	const char *p = text, *end = text + len, *line;
	size_t ll;
	while (pu_next_line(&p, end, &line, &ll)) {
		if (ll == 0)
			continue;
		XGROW(maps, cap, count + 1);
		if (parse_maps_line(line, ll, &maps[count], a) == 0)
			count++;
		else
			malformed++;
	}
	*out = maps;
	*n = count;
	return malformed;
}
