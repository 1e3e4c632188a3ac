/* text_escape.c — lossless escaping of untrusted names into clean UTF-8 (see text_escape.h). */
#include "util/text_escape.h"

#include <stdio.h>

size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; min = 0x80; c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; min = 0x800; c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; min = 0x10000; c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Code points that reorder, hide or break text on a terminal. */
static bool is_hidden_cp(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

static bool byte_needs_escape(unsigned char c)
{
	return c < 0x20 || c == 0x7F || c == '\\';
}

bool esc_is_clean(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len(u + i, n - i, &cp);
		if (len == 0 || (len == 1 && byte_needs_escape(u[i])) || is_hidden_cp(cp))
			return false;
		i += len;
	}
	return true;
}

void esc_append(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0;    /* start of the pending run of clean bytes */
	char tmp[12];
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len(u + i, n - i, &cp);
		const char *rep = NULL;
		if (len == 0) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", u[i]);
			rep = tmp;
			len = 1;
		} else if (len == 1 && u[i] == '\\') {
			rep = "\\\\";
		} else if (len == 1 && byte_needs_escape(u[i])) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", u[i]);
			rep = tmp;
		} else if (is_hidden_cp(cp)) {
			snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
			rep = tmp;
		}
		if (rep) {
			sb_putn(sb, s + run, i - run);
			sb_puts(sb, rep);
			run = i + len;
		}
		i += len;
	}
	sb_putn(sb, s + run, n - run);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static bool read_hex(const char *s, size_t digits, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < digits; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return false;
		v = v * 16 + (unsigned)h;
	}
	*out = v;
	return true;
}

static void put_utf8(struct strbuf *out, unsigned cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else {
		b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	}
	sb_putn(out, b, n);
}

bool esc_decode(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			sb_putc(out, s[i]);
			continue;
		}
		unsigned v;
		if (i + 1 < n && s[i + 1] == '\\') {
			sb_putc(out, '\\');
			i += 1;
		} else if (i + 3 < n && s[i + 1] == 'x' && read_hex(s + i + 2, 2, &v)) {
			sb_putc(out, (char)v);
			i += 3;
		} else if (i + 5 < n && s[i + 1] == 'u' && read_hex(s + i + 2, 4, &v)) {
			put_utf8(out, v);
			i += 5;
		} else {
			return false;
		}
	}
	return true;
}

size_t utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp < 0xE000)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp < 0x110000) {
		out[0] = (char)(0xF0 | cp >> 18);
		out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}
