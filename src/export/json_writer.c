/* json_writer.c — streaming JSON emitter with the ipctop escaping rule (see json_writer.h). */
#include "export/json_writer.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "util/text_escape.h"

void json_append_quoted(struct strbuf *out, const char *s, size_t n)
{
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

/* Printable ASCII other than '"' and '\\': such a string is its own JSON text. */
static bool plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
			return false;
	}
	return true;
}

void json_append_untrusted(struct strbuf *out, const char *s, size_t n)
{
	if (plain_ascii(s, n)) {    /* most names and paths */
		sb_putc(out, '"');
		sb_putn(out, s, n);
		sb_putc(out, '"');
		return;
	}
	if (esc_is_clean(s, n)) {   /* almost every name: no second buffer needed */
		json_append_quoted(out, s, n);
		return;
	}
	struct strbuf esc = STRBUF_INIT;
	esc_append(&esc, s, n);
	json_append_quoted(out, esc.buf ? esc.buf : "", esc.len);
	sb_free(&esc);
}

enum { FLUSH_AT = 1 << 16 };

/* Hand the buffered output to the FILE. */
static void flush_out(struct json_writer *w)
{
	size_t n = w->out.len;
	if (!w->err && n > 0) {
		errno = 0;
		if (fwrite_unlocked(w->out.buf, 1, n, w->f) != n)
			w->err = errno ? errno : EIO;
	}
	sb_reset(&w->out);
}

/* After each value: write out once a large piece has gathered. */
static void maybe_flush(struct json_writer *w)
{
	if (w->out.len >= FLUSH_AT)
		flush_out(w);
}

static void put(struct json_writer *w, const char *s, size_t n)
{
	sb_putn(&w->out, s, n);
}

static void puts_w(struct json_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void newline_indent(struct json_writer *w, int depth)
{
	static const char spaces[] = "                                                                ";
	puts_w(w, "\n");
	size_t n = (size_t)depth * 2;
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		put(w, spaces, k);
		n -= k;
	}
}

/* Separator and indentation before a value or a key. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	int d = w->depth - 1;
	if (w->has_items[d])
		sb_putc(&w->out, ',');
	if (w->pretty && w->inline_items[d])
		puts_w(w, w->has_items[d] ? " " : "");
	else if (w->pretty)
		newline_indent(w, w->depth);
	w->has_items[d] = true;
}

void jw_init(struct json_writer *w, FILE *f, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
}

int jw_finish(struct json_writer *w)
{
	puts_w(w, "\n");
	flush_out(w);
	errno = 0;
	if (fflush(w->f) != 0 && !w->err)
		w->err = errno ? errno : EIO;
	if (ferror(w->f) && !w->err)
		w->err = EIO;
	sb_free(&w->out);
	return -w->err;
}

static void open_container(struct json_writer *w, const char *brace, bool inline_items)
{
	before_item(w);
	puts_w(w, brace);
	if (w->depth >= JW_MAX_DEPTH) {
		w->err = w->err ? w->err : EOVERFLOW;
		return;
	}
	w->inline_items[w->depth] = inline_items;
	w->has_items[w->depth++] = false;
	maybe_flush(w);
}

static void close_container(struct json_writer *w, const char *brace)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->pretty && w->has_items[w->depth] && !w->inline_items[w->depth])
		newline_indent(w, w->depth);
	puts_w(w, brace);
}

void jw_object_begin(struct json_writer *w) { open_container(w, "{", false); }
void jw_object_end(struct json_writer *w) { close_container(w, "}"); }
void jw_array_begin(struct json_writer *w) { open_container(w, "[", false); }
void jw_inline_array_begin(struct json_writer *w) { open_container(w, "[", true); }
void jw_array_end(struct json_writer *w) { close_container(w, "]"); }

void jw_key(struct json_writer *w, const char *key)
{
	before_item(w);
	sb_putc(&w->out, '"');
	puts_w(w, key);
	puts_w(w, w->pretty ? "\": " : "\":");
	w->after_key = true;
}

static void value_text(struct json_writer *w, const char *text)
{
	before_item(w);
	puts_w(w, text);
	maybe_flush(w);
}

void jw_null(struct json_writer *w) { value_text(w, "null"); }
void jw_bool(struct json_writer *w, bool v) { value_text(w, v ? "true" : "false"); }

/* Decimal digits of v ending at end (no NUL); returns where they start. Numbers are most of a
 * snapshot's JSON, and snprintf was a fifth of the export's time. */
static char *u64_digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

void jw_i64(struct json_writer *w, int64_t v)
{
	char buf[24];
	buf[23] = '\0';
	char *p = u64_digits(buf + 23, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	value_text(w, p);
}

void jw_u64(struct json_writer *w, uint64_t v)
{
	char buf[24];
	buf[23] = '\0';
	value_text(w, u64_digits(buf + 23, v));
}

/* Decimal text of v without printf's %f, whose decimal point follows LC_NUMERIC (the TUI
 * sets the locale; a "0,50" would break JSON). */
static void format_fixed(char *buf, size_t size, double v, int decimals)
{
	decimals = decimals < 0 ? 0 : decimals > 9 ? 9 : decimals;
	uint64_t scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	double mag = fabs(v) * (double)scale;
	if (mag >= 1e18 || decimals <= 0) {
		snprintf(buf, size, "%.0f", v);    /* no decimal point at all */
		return;
	}
	uint64_t units = (uint64_t)llround(mag);
	snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, v < 0 && units ? "-" : "", units / scale,
	         decimals, units % scale);
}

void jw_double(struct json_writer *w, double v, int decimals)
{
	char buf[64];
	if (!isfinite(v)) {
		jw_null(w);
		return;
	}
	format_fixed(buf, sizeof(buf), v, decimals);
	value_text(w, buf);
}

void jw_strn(struct json_writer *w, const char *s, size_t n)
{
	if (!s) {
		jw_null(w);
		return;
	}
	before_item(w);
	json_append_untrusted(&w->out, s, n);
	maybe_flush(w);
}

void jw_str(struct json_writer *w, const char *s)
{
	jw_strn(w, s, s ? strlen(s) : 0);
}

void jw_clean_str(struct json_writer *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	before_item(w);
	json_append_quoted(&w->out, s, strlen(s));
	maybe_flush(w);
}

void jw_printf_str(struct json_writer *w, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	jw_clean_str(w, buf);
}

void jw_kv_str(struct json_writer *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_kv_clean(struct json_writer *w, const char *key, const char *s) { jw_key(w, key); jw_clean_str(w, s); }
void jw_kv_i64(struct json_writer *w, const char *key, int64_t v) { jw_key(w, key); jw_i64(w, v); }
void jw_kv_u64(struct json_writer *w, const char *key, uint64_t v) { jw_key(w, key); jw_u64(w, v); }
void jw_kv_bool(struct json_writer *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }
void jw_kv_null(struct json_writer *w, const char *key) { jw_key(w, key); jw_null(w); }
