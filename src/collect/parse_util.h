/* parse_util.h — small bounded readers shared by the /proc text parsers: line splitting and
 * number readers that never read past `end`, reject overflow and need at least one digit.
 * Internal to src/collect/parse_*.c (static inline: the parsers run for thousands of
 * processes a second). */
#ifndef IPCTOP_PARSE_UTIL_H
#define IPCTOP_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Cut the next line out of [*p, end): *line and *len get it without its newline, *p moves past
 * the newline. Returns false when nothing is left. A last line without newline counts. */
static inline bool pu_next_line(const char **p, const char *end, const char **line, size_t *len)
{
	if (*p >= end)
		return false;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl ? nl : end;
	*line = *p;
	*len = (size_t)(stop - *p);
	*p = nl ? nl + 1 : end;
	return true;
}

/* Call fn on every line of text (NULL: none); returns how many lines fn took (returned true). */
static inline int pu_each_line(const char *text, size_t len,
			       bool (*fn)(void *ctx, const char *line, size_t n), void *ctx)
{
	if (!text)
		return 0;
	const char *p = text, *end = text + len, *line;
	size_t n;
	int found = 0;
	while (pu_next_line(&p, end, &line, &n))
		if (fn(ctx, line, n))
			found++;
	return found;
}

static inline void pu_skip_blanks(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* Value of a hex digit (either case), or -1; two tests instead of six (every maps line holds
 * three hex numbers). */
static inline int pu_hex_digit(char c)
{
	unsigned dec = (unsigned)(unsigned char)c - '0';
	if (dec < 10)
		return (int)dec;
	unsigned letter = ((unsigned)(unsigned char)c | 0x20) - 'a';   /* 'A'-'F' fold to 'a'-'f' */
	return letter < 6 ? (int)letter + 10 : -1;
}

/* Unsigned number in base 8, 10 or 16 (no prefix, no sign). False on no digit or overflow;
 * *p is left after the digits. */
static inline bool pu_read_u64(const char **p, const char *end, unsigned base, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	while (s < end) {
		int d = pu_hex_digit(*s);
		if (d < 0 || (unsigned)d >= base)
			break;
		if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, (unsigned)d, &v))
			return false;
		s++;
	}
	if (s == *p)
		return false;
	*p = s;
	*out = v;
	return true;
}

static inline bool pu_read_dec(const char **p, const char *end, uint64_t *out)
{
	return pu_read_u64(p, end, 10, out);
}

/* Decimal with an optional leading '-'. */
static inline bool pu_read_i64(const char **p, const char *end, int64_t *out)
{
	const char *s = *p;
	bool neg = s < end && *s == '-';
	uint64_t mag;
	if (neg)
		s++;
	if (!pu_read_dec(&s, end, &mag))
		return false;
	if (mag > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		return false;
	*out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	*p = s;
	return true;
}

/* Skip blanks, read an unsigned decimal that fits in `max`. */
static inline bool pu_field_u(const char **p, const char *end, uint64_t max, uint64_t *out)
{
	pu_skip_blanks(p, end);
	return pu_read_dec(p, end, out) && *out <= max;
}

/* Skip blanks, read a signed decimal in [min, max]. */
static inline bool pu_field_i(const char **p, const char *end, int64_t min, int64_t max,
                              int64_t *out)
{
	pu_skip_blanks(p, end);
	return pu_read_i64(p, end, out) && *out >= min && *out <= max;
}

/* True if only blanks (or '\r') are left before end. */
static inline bool pu_at_end(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == end;
}

/* True if the key text [line, line+keylen) is exactly key (of length klen). */
static inline bool pu_key_is(const char *line, size_t keylen, const char *key, size_t klen)
{
	return keylen == klen && memcmp(line, key, klen) == 0;
}

#endif
