/* history_text.c — the members of one object of ipctop's own compact --json text (no spaces,
 * keys fixed ASCII names), walked without building a tree. A layout other than expected is
 * reported as malformed, never guessed at. */
#include "history/history_text.h"
#include "util/word_hash.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The bytes that matter to hist_text_skip: quotes, backslashes and brackets. */
static const bool special[256] = {
	['"'] = true, ['\\'] = true, ['{'] = true, ['}'] = true, ['['] = true, [']'] = true,
};

size_t hist_text_skip(const char *b, size_t len, size_t i)
{
	int depth = 0;
	bool in_str = false;
	for (; i < len; i++) {
		while (i < len && !special[(unsigned char)b[i]])
			i++;
		if (i >= len)
			break;
		char c = b[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* The end of the scalar or container starting at b[i], or 0 when malformed. */
static size_t value_end(const char *b, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (b[i] == '{' || b[i] == '[')
		return hist_text_skip(b, len, i);
	if (b[i] == '"') {
		for (size_t k = i + 1; k < len; k++) {
			if (b[k] == '\\')
				k++;
			else if (b[k] == '"')
				return k + 1;
		}
		return 0;
	}
	size_t k = i;
	while (k < len && b[k] != ',' && b[k] != '}' && b[k] != ']')
		k++;
	return k > i && k < len ? k : 0;
}

bool hist_text_member(const char *b, size_t len, size_t *at, struct htext_member *m, bool *bad)
{
	size_t i = *at;
	if (i < len && b[i] == '}')
		return false;
	const char *q = i < len && b[i] == '"' ? memchr(b + i + 1, '"', len - i - 1) : NULL;
	size_t v = q ? (size_t)(q - b) + 2 : 0;
	size_t e = q && v < len && b[v - 1] == ':' ? value_end(b, len, v) : 0;
	if (e == 0 || (b[e] != ',' && b[e] != '}')) {
		*bad = true;
		return false;
	}
	*m = (struct htext_member){ b + i + 1, (size_t)(q - b) - i - 1, b + v, e - v };
	*at = b[e] == ',' ? e + 1 : e;
	return true;
}

bool hist_text_int(const struct htext_member *m, int64_t *v)
{
	char num[24];
	if (m->val_len == 0 || m->val_len >= sizeof(num))
		return false;
	memcpy(num, m->val, m->val_len);
	num[m->val_len] = '\0';
	char *end;
	errno = 0;
	long long x = strtoll(num, &end, 10);
	if (*end != '\0' || errno != 0)
		return false;
	*v = x;
	return true;
}

void hist_text_put(struct strbuf *sb, size_t from, const struct htext_member *m)
{
	if (sb->len > from)
		sb_putc(sb, ',');
	sb_putn(sb, m->key - 1, (size_t)(m->val + m->val_len - (m->key - 1)));
}

uint64_t hist_state_hash(const char *t, size_t n)
{
	uint64_t h = wh_feed(wh_start(n), t, n);
	return h ? h : 1;
}
