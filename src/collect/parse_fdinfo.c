/* parse_fdinfo.c — /proc/PID/fdinfo/N: position, open flags (octal), mount id, inode, a pty
 * master's tty-index and an eventfd's id and counter. */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

/* The value after "key:" must be one number and nothing else. */
static bool read_value(const char *p, const char *end, unsigned base, uint64_t max, uint64_t *out)
{
	uint64_t v;
	pu_skip_blanks(&p, end);
	if (!pu_read_u64(&p, end, base, &v) || v > max || !pu_at_end(p, end))
		return false;
	*out = v;
	return true;
}

static bool read_signed(const char *p, const char *end, int64_t *out)
{
	int64_t v;
	if (!pu_field_i(&p, end, INT64_MIN, INT64_MAX, &v) || !pu_at_end(p, end))
		return false;
	*out = v;
	return true;
}

static bool read_fdinfo_line(struct fdinfo_fields *o, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	if (!colon)
		return false;
	size_t k = (size_t)(colon - line);
	const char *v = colon + 1, *end = line + len;
	uint64_t u;
	if (pu_key_is(line, k, "pos", 3))
		return (o->has_pos = read_value(v, end, 10, UINT64_MAX, &o->pos));
	if (pu_key_is(line, k, "flags", 5)) {
		o->has_flags = read_value(v, end, 8, UINT32_MAX, &u);
		o->flags = o->has_flags ? (unsigned)u : 0;
		return o->has_flags;
	}
	if (pu_key_is(line, k, "mnt_id", 6)) {
		o->has_mnt_id = read_value(v, end, 10, INT32_MAX, &u);
		o->mnt_id = o->has_mnt_id ? (int)u : 0;
		return o->has_mnt_id;
	}
	if (pu_key_is(line, k, "ino", 3))
		return (o->has_ino = read_value(v, end, 10, UINT64_MAX, &o->ino));
	if (pu_key_is(line, k, "tty-index", 9))
		return (o->has_tty_index = read_signed(v, end, &o->tty_index));
	if (pu_key_is(line, k, "eventfd-id", 10))
		return (o->has_eventfd_id = read_signed(v, end, &o->eventfd_id));
	if (pu_key_is(line, k, "eventfd-count", 13))
		return (o->has_eventfd_count = read_value(v, end, 16, UINT64_MAX, &o->eventfd_count));
	return false;
}

int parse_fdinfo(const char *text, size_t len, struct fdinfo_fields *out)
{
	memset(out, 0, sizeof(*out));
	if (!text)
		return 0;
	const char *p = text, *end = text + len, *line;
	size_t n;
	int found = 0;
	while (pu_next_line(&p, end, &line, &n))
		if (read_fdinfo_line(out, line, n))
			found++;
	return found;
}
