/* parse_io.c — /proc/PID/io: "rchar: N" lines; ipctop keeps rchar, wchar, syscr and syscw. */
#include "collect/parse_proc.h"

#include "collect/parse_util.h"

int parse_proc_io(const char *text, size_t len, struct proc_io *out)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "rchar", offsetof(struct proc_io, rchar) }, { "wchar", offsetof(struct proc_io, wchar) },
		{ "syscr", offsetof(struct proc_io, syscr) }, { "syscw", offsetof(struct proc_io, syscw) },
	};
	const char *p = text, *end = text + len, *line;
	size_t n, seen = 0;
	struct proc_io io = { 0, 0, 0, 0, 0 };
	while (pu_next_line(&p, end, &line, &n)) {
		const char *colon = memchr(line, ':', n);
		if (!colon)
			continue;
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			if (!pu_key_is(line, (size_t)(colon - line), fields[i].key, strlen(fields[i].key)))
				continue;
			const char *v = colon + 1, *vend = line + n;
			uint64_t num;
			pu_skip_blanks(&v, vend);
			if (!pu_read_dec(&v, vend, &num) || !pu_at_end(v, vend))
				return -1;
			*(uint64_t *)((char *)&io + fields[i].off) = num;
			seen |= 1u << i;
		}
	}
	if (seen != 15)
		return -1;
	*out = io;
	return 0;
}
