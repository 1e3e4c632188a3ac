/* parse_pcb.c — /proc/PID/syscall and /proc/PID/cgroup, parsed without trusting the text. */
#include "collect/parse_pcb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One whitespace-separated token starting at *p (within end), as a number in base. */
static bool next_number(const char **p, const char *end, int base, int64_t *sv, uint64_t *uv)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	char tok[32];
	size_t n = 0;
	while (*p < end && **p != ' ' && **p != '\n' && n + 1 < sizeof(tok))
		tok[n++] = *(*p)++;
	tok[n] = '\0';
	if (n == 0 || (*p < end && **p != ' ' && **p != '\n'))
		return false;
	char *e;
	errno = 0;
	if (sv)
		*sv = strtoll(tok, &e, base);
	else
		*uv = strtoull(tok, &e, base);
	return !errno && *e == '\0';
}

int parse_syscall_args(const char *text, size_t len, int64_t *nr, uint64_t args[6], uint64_t *sp,
                       uint64_t *pc, bool *has_regs)
{
	const char *p = text, *end = text + len;
	*has_regs = false;
	if (len >= 7 && !strncmp(text, "running", 7)) {
		*nr = -2;
		return 0;
	}
	if (!next_number(&p, end, 10, nr, NULL) || *nr < -1)
		return -1;
	uint64_t words[8];
	size_t n = 0;
	while (n < 8 && next_number(&p, end, 0, NULL, &words[n]))
		n++;
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p != '\n')
		return -1;   /* more words than a syscall line has */
	/* -1 SP PC (not in a system call) or NR six-arguments SP PC */
	if ((*nr == -1 && n == 2) || (*nr >= 0 && n == 8)) {
		for (size_t i = 0; i < 6; i++)
			args[i] = n == 8 ? words[i] : 0;
		*sp = words[n - 2];
		*pc = words[n - 1];
		*has_regs = true;
		return 0;
	}
	return -1;
}

int parse_cgroup(const char *text, size_t len, char *out, size_t cap)
{
	const char *first = NULL, *first_end = NULL;
	for (const char *line = text, *end = text + len; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(line, ':', (size_t)(le - line));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		if (c2) {
			bool v2 = c1 - line == 1 && line[0] == '0' && c2 == c1 + 1;
			if (v2 || !first) {
				first = c2 + 1;
				first_end = le;
			}
			if (v2)
				break;
		}
		line = nl ? nl + 1 : end;
	}
	if (!first || cap == 0)
		return -1;
	size_t n = (size_t)(first_end - first);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, first, n);
	out[n] = '\0';
	return 0;
}
