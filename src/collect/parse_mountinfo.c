/* parse_mountinfo.c — the hidepid= option of one proc mount, from /proc/self/mountinfo:
 * "ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPEROPTIONS".
 * Kernels before 5.8 write hidepid as a number, later ones as a word. */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

/* The value of a hidepid= option (number or word), or -1 if it is neither. */
static int hidepid_value(const char *v, size_t n)
{
	static const struct { const char *word; int mode; } modes[] = {
		{ "0", 0 }, { "off", 0 }, { "1", 1 }, { "noaccess", 1 },
		{ "2", 2 }, { "invisible", 2 }, { "4", 4 }, { "ptraceable", 4 },
	};
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strlen(modes[i].word) == n && memcmp(modes[i].word, v, n) == 0)
			return modes[i].mode;
	return -1;
}

/* Skip one blank-separated field; false when the line ends first. */
static bool skip_field(const char **p, const char *end)
{
	while (*p < end && **p != ' ')
		(*p)++;
	pu_skip_blanks(p, end);
	return *p < end;
}

/* hidepid and gid from a comma-separated option list [p, end). */
static void read_options(const char *p, const char *end, struct proc_mount *out)
{
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;
		size_t n = (size_t)(stop - p);
		if (n > 8 && memcmp(p, "hidepid=", 8) == 0) {
			int mode = hidepid_value(p + 8, n - 8);
			if (mode >= 0)
				out->hidepid = mode;
		} else if (n > 4 && memcmp(p, "gid=", 4) == 0) {
			const char *q = p + 4;
			uint64_t gid;
			if (pu_read_dec(&q, stop, &gid) && q == stop && gid <= UINT32_MAX)
				out->gid = (int64_t)gid;
		}
		p = comma ? comma + 1 : end;
	}
}

/* One line: true when it is a proc mount of device major:minor (then *out is filled). */
static bool read_line(const char *p, const char *end, unsigned major, unsigned minor,
                      struct proc_mount *out)
{
	uint64_t maj, min;
	if (!skip_field(&p, end) || !skip_field(&p, end))   /* ID, PARENT */
		return false;
	if (!pu_read_u64(&p, end, 10, &maj) || p >= end || *p++ != ':' ||
	    !pu_read_u64(&p, end, 10, &min) || maj != major || min != minor)
		return false;
	const char *sep = NULL;
	for (const char *s = p; s + 3 <= end; s++)
		if (s[0] == ' ' && s[1] == '-' && s[2] == ' ') {
			sep = s + 3;
			break;
		}
	if (!sep || (size_t)(end - sep) < 5 || memcmp(sep, "proc ", 5) != 0)
		return false;
	p = sep + 5;
	if (!skip_field(&p, end))   /* SOURCE */
		return false;
	const char *opts = p;
	while (p < end && *p != ' ')
		p++;
	out->hidepid = 0;
	out->gid = -1;
	read_options(opts, p, out);
	return true;
}

bool parse_mountinfo_proc(const char *text, size_t len, unsigned major, unsigned minor,
                          struct proc_mount *out)
{
	if (!text)
		return false;
	const char *p = text, *end = text + len, *line;
	size_t ll;
	while (pu_next_line(&p, end, &line, &ll))
		if (read_line(line, line + ll, major, minor, out))
			return true;
	return false;
}
