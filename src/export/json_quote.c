/* json_quote.c — JSON string literals: untrusted bytes through the ipctop escaping rule, then
 * JSON quoting (see json_writer.h). Plain printable ASCII, most of a snapshot's text, is
 * recognised a word at a time and copied as it is: for it both steps change nothing. */
#include "export/json_writer.h"

#include "util/fast_text.h"
#include "util/text_escape.h"

/* '"', s, '"' for text that needs no escape of any kind. */
static void append_plain(struct strbuf *out, const char *s, size_t n)
{
	if (out->len + n + 3 > out->cap)
		sb_grow(out, n + 2);
	char *o = out->buf + out->len;
	*o++ = '"';
	memcpy(o, s, n);
	o += n;
	*o++ = '"';
	*o = '\0';
	out->len = (size_t)(o - out->buf);
}

void json_append_quoted(struct strbuf *out, const char *s, size_t n)
{
	if (ft_plain_ascii(s, n)) {    /* fixed names, addresses, most escaped text */
		append_plain(out, s, n);
		return;
	}
	size_t run = 0;    /* start of the pending run of bytes copied as they are */
	sb_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		sb_putn(out, s + run, i - run);
		if (c == '"' || c == '\\') {
			sb_putc(out, '\\');
			sb_putc(out, (char)c);
		} else {
			sb_printf(out, "\\u%04x", c);
		}
		run = i + 1;
	}
	sb_putn(out, s + run, n - run);
	sb_putc(out, '"');
}

void json_append_untrusted(struct strbuf *out, const char *s, size_t n)
{
	if (ft_plain_ascii(s, n)) {    /* most names and paths */
		append_plain(out, s, n);
		return;
	}
	if (esc_is_clean(s, n)) {   /* almost every other name: no second buffer needed */
		json_append_quoted(out, s, n);
		return;
	}
	struct strbuf esc = STRBUF_INIT;
	esc_append(&esc, s, n);
	json_append_quoted(out, esc.buf ? esc.buf : "", esc.len);
	sb_free(&esc);
}
