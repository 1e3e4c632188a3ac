/* parse_schedstat.c — /proc/PID/schedstat: "run_ns wait_ns timeslices\n". */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

/* text must be NUL-terminated (the file is one short line). */
int parse_schedstat(const char *text, uint64_t *run_ns, uint64_t *wait_ns, uint64_t *slices)
{
	if (!text)
		return -1;
	const char *p = text, *end = text + strlen(text);
	uint64_t v[3];
	for (int i = 0; i < 3; i++) {
		pu_skip_blanks(&p, end);
		if (!pu_read_dec(&p, end, &v[i]))
			return -1;
		if (p < end && *p != ' ' && *p != '\t' && *p != '\n')
			return -1;
	}
	if (p < end && *p == '\n')
		p++;
	if (!pu_at_end(p, end))
		return -1;
	*run_ns = v[0];
	*wait_ns = v[1];
	*slices = v[2];
	return 0;
}
