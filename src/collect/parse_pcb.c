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

/* The path from b to e into out (at most cap-1 bytes); -1 when there is none. */
static int copy_path(const char *b, const char *e, char *out, size_t cap)
{
	if (!b || cap == 0)
		return -1;
	size_t n = (size_t)(e - b);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, b, n);
	out[n] = '\0';
	return 0;
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
	return copy_path(first, first_end, out, cap);
}

/* Rank of a cgroup line for parse_cgroup_named: lower is better; 9 for a root path. */
static int named_rank(const char *line, const char *c1, const char *c2, const char *le)
{
	if (le - c2 - 1 == 1 && c2[1] == '/')
		return 9;
	if (c1 - line == 1 && line[0] == '0' && c2 == c1 + 1)
		return 0;
	if (c2 - c1 - 1 == 12 && memcmp(c1 + 1, "name=systemd", 12) == 0)
		return 1;
	return 2;
}

int parse_cgroup_named(const char *text, size_t len, char *out, size_t cap)
{
	const char *best = NULL, *best_end = NULL;
	int best_rank = 10;
	for (const char *line = text, *end = text + len; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(line, ':', (size_t)(le - line));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		int rank = c2 ? named_rank(line, c1, c2, le) : 10;
		if (rank < best_rank) {
			best_rank = rank;
			best = c2 + 1;
			best_end = le;
		}
		line = nl ? nl + 1 : end;
	}
	return copy_path(best, best_end, out, cap);
}
