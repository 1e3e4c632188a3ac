/* test_text_escape.c — the lossless escaping rule: what it escapes, what it keeps, and that
 * decoding gives back any byte string. */
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "util/text_escape.h"

static const char *esc(const char *s, size_t n)
{
	static struct strbuf sb = STRBUF_INIT;
	sb_reset(&sb);
	esc_append(&sb, s, n);
	return sb_str(&sb);
}

static bool clean_utf8_no_controls(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len((const unsigned char *)s + i, n - i, &cp);
		if (!len || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x202e)
			return false;
		i += len;
	}
	return true;
}

static bool round_trips(const char *s, size_t n)
{
	struct strbuf out = STRBUF_INIT;
	const char *e = esc(s, n);
	bool okay = clean_utf8_no_controls(e) && esc_decode(&out, e, strlen(e)) &&
		    out.len == n && memcmp(out.buf ? out.buf : "", s, n) == 0;
	sb_free(&out);
	return okay;
}

int main(void)
{
	is_str(esc("bash", 4), "bash", "plain ASCII unchanged");
	is_str(esc("caf\xc3\xa9", 5), "caf\xc3\xa9", "valid UTF-8 unchanged");
	is_str(esc("a\\b", 3), "a\\\\b", "backslash doubled");
	is_str(esc("\033]0;x\007", 6), "\\x1b]0;x\\x07", "ESC and BEL as \\xNN");
	is_str(esc("a\nb\tc", 5), "a\\x0ab\\x09c", "newline and tab");
	is_str(esc("\xff\xfe", 2), "\\xff\\xfe", "invalid bytes");
	is_str(esc("\xc0\xaf", 2), "\\xc0\\xaf", "overlong encoding is invalid");
	is_str(esc("\xed\xa0\x80", 3), "\\xed\\xa0\\x80", "encoded surrogate is invalid");
	is_str(esc("\xe2\x80\xae" "abc", 6), "\\u202eabc", "right-to-left override");
	is_str(esc("\xc2\x9b" "2J", 4), "\\u009b2J", "C1 CSI");
	is_str(esc("x\0y", 3), "x\\x00y", "NUL byte");
	is_str(esc("\xe2\x82", 2), "\\xe2\\x82", "truncated sequence");
	ok(esc_is_clean("abc", 3) && !esc_is_clean("a\\", 2) && !esc_is_clean("\x1b", 1), "esc_is_clean");
	struct strbuf out = STRBUF_INIT;
	ok(!esc_decode(&out, "\\q", 2) && !esc_decode(&out, "\\x1", 3) && !esc_decode(&out, "a\\", 2),
	   "decoder rejects text the rule cannot produce");
	sb_free(&out);

	bool all = true;
	for (int b = 0; b < 256; b++) {
		char c = (char)b;
		all &= round_trips(&c, 1);
	}
	ok(all, "every single byte round-trips");
	srand(12345);
	all = true;
	for (int i = 0; i < 20000; i++) {
		char buf[24];
		size_t n = (size_t)(rand() % 24);
		for (size_t j = 0; j < n; j++)
			buf[j] = (char)(rand() % 4 == 0 ? 0xe2 : rand());
		all &= round_trips(buf, n);
	}
	ok(all, "20000 random byte strings round-trip and come out clean");
	return tap_done();
}
