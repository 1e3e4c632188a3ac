/* json_writer.c — streaming JSON emitter (see json_writer.h): separators, indentation and
 * scalars. Each write makes room in the one output buffer once, puts its separator there and
 * stores its bytes in place; the strings' rule is in json_quote.c. */
#include "export/json_writer.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>

#include "util/fast_text.h"

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
	w->flushed += n;
	sb_reset(&w->out);
}

/* After each value: write out once a large piece has gathered. */
static inline void maybe_flush(struct json_writer *w)
{
	if (w->out.len >= FLUSH_AT)
		flush_out(w);
}

/* Room for n more bytes and the NUL after them; returns where they go. */
static inline char *room(struct json_writer *w, size_t n)
{
	if (w->out.len + n + 1 > w->out.cap)
		sb_grow(&w->out, n);
	return w->out.buf + w->out.len;
}

/* The bytes up to end are written: count them and keep the buffer NUL-terminated. */
static inline void commit(struct json_writer *w, char *end)
{
	w->out.len = (size_t)(end - w->out.buf);
	*end = '\0';
}

static void newline_indent(struct json_writer *w, int depth)
{
	static const char spaces[] = "                                                                ";
	sb_putc(&w->out, '\n');
	size_t n = (size_t)depth * 2;
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		sb_putn(&w->out, spaces, k);
		n -= k;
	}
}

/* Separator and indentation before a value or a key, pretty output. */
static void pretty_separator(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	int d = w->depth - 1;
	bool had_items = w->has_items[d];
	w->has_items[d] = true;
	if (had_items)
		sb_putc(&w->out, ',');
	if (!w->inline_items[d])
		newline_indent(w, w->depth);
	else if (had_items)
		sb_putc(&w->out, ' ');
}

/* Compact output: ',' at o unless the item comes first in its container or after its key. */
static inline char *compact_separator(struct json_writer *w, char *o)
{
	if (w->after_key) {
		w->after_key = false;
	} else if (w->depth > 0) {
		bool *had_items = &w->has_items[w->depth - 1];
		if (*had_items)
			*o++ = ',';
		*had_items = true;
	}
	return o;
}

/* Start a value or key of at most n bytes: its separator is written, and the returned place
 * has room for the n bytes (commit() them). */
static inline char *start_item(struct json_writer *w, size_t n)
{
	if (w->pretty) {
		pretty_separator(w);
		return room(w, n);
	}
	return compact_separator(w, room(w, n + 1));
}

/* memcpy for the short keys and names that are most of the output: up to 16 bytes as two
 * overlapping loads and stores, which a call to memcpy with a length unknown when compiling
 * cannot match. */
static inline void copy_bytes(char *o, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		uint64_t head, tail;
		memcpy(&head, s, 8);
		memcpy(&tail, s + n - 8, 8);
		memcpy(o, &head, 8);
		memcpy(o + n - 8, &tail, 8);
	} else if (n >= 4 && n < 8) {
		uint32_t head, tail;
		memcpy(&head, s, 4);
		memcpy(&tail, s + n - 4, 4);
		memcpy(o, &head, 4);
		memcpy(o + n - 4, &tail, 4);
	} else if (n < 4) {
		for (size_t i = 0; i < n; i++)
			o[i] = s[i];
	} else {
		memcpy(o, s, n);
	}
}

/* Separator only, for the writers that append through a strbuf. */
static void before_item(struct json_writer *w)
{
	commit(w, start_item(w, 0));
}

void jw_init(struct json_writer *w, FILE *f, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
}

int jw_finish(struct json_writer *w)
{
	sb_putc(&w->out, '\n');
	flush_out(w);
	errno = 0;
	if (fflush(w->f) != 0 && !w->err)
		w->err = errno ? errno : EIO;
	if (ferror(w->f) && !w->err)
		w->err = EIO;
	sb_free(&w->out);
	return -w->err;
}

static void open_container(struct json_writer *w, char brace, bool inline_items)
{
	char *o = start_item(w, 1);
	*o++ = brace;
	commit(w, o);
	if (w->depth >= JW_MAX_DEPTH) {
		w->err = w->err ? w->err : EOVERFLOW;
		return;
	}
	w->inline_items[w->depth] = inline_items;
	w->has_items[w->depth++] = false;
	maybe_flush(w);
}

static void close_container(struct json_writer *w, char brace)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->pretty && w->has_items[w->depth] && !w->inline_items[w->depth])
		newline_indent(w, w->depth);
	sb_putc(&w->out, brace);
}

void jw_object_begin(struct json_writer *w) { open_container(w, '{', false); }
void jw_object_end(struct json_writer *w) { close_container(w, '}'); }
void jw_array_begin(struct json_writer *w) { open_container(w, '[', false); }
void jw_inline_array_begin(struct json_writer *w) { open_container(w, '[', true); }
void jw_array_end(struct json_writer *w) { close_container(w, ']'); }

/* '"key":' at o, which has room for it. */
static inline void put_key(struct json_writer *w, char *o, const char *key, size_t len)
{
	*o++ = '"';
	copy_bytes(o, key, len);
	o += len;
	*o++ = '"';
	*o++ = ':';
	if (w->pretty)
		*o++ = ' ';
	commit(w, o);
	w->after_key = true;
}

static __attribute__((noinline)) void key_slow(struct json_writer *w, const char *key, size_t len)
{
	put_key(w, start_item(w, len + 4), key, len);
}

/* Keys are a third of the calls: the common case (compact, room left) calls nothing. */
void jw_key_n(struct json_writer *w, const char *key, size_t len)
{
	if (w->pretty || w->out.len + len + 6 > w->out.cap) {
		key_slow(w, key, len);
		return;
	}
	put_key(w, compact_separator(w, w->out.buf + w->out.len), key, len);
}

static void value_text(struct json_writer *w, const char *text, size_t len)
{
	char *o = start_item(w, len);
	memcpy(o, text, len);
	commit(w, o + len);
	maybe_flush(w);
}

void jw_null(struct json_writer *w) { value_text(w, "null", 4); }
void jw_bool(struct json_writer *w, bool v) { value_text(w, v ? "true" : "false", v ? 4 : 5); }

/* Numbers are most of a snapshot's JSON: written in place, without printf. */
void jw_i64(struct json_writer *w, int64_t v)
{
	char *o = start_item(w, FT_NUM_MAX);
	if (v < 0)
		*o++ = '-';
	commit(w, ft_put_u64(o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v));
	maybe_flush(w);
}

void jw_u64(struct json_writer *w, uint64_t v)
{
	commit(w, ft_put_u64(start_item(w, FT_NUM_MAX), v));
	maybe_flush(w);
}

/* A number in base 8 or 16 as a quoted string, after its prefix (at most 2 bytes). */
static void radix_str(struct json_writer *w, const char *prefix, size_t prefix_len, uint64_t v,
                      unsigned bits_per_digit, int min_digits)
{
	char *o = start_item(w, FT_NUM_MAX + 4);
	*o++ = '"';
	memcpy(o, prefix, prefix_len);
	o = ft_put_radix(o + prefix_len, v, bits_per_digit, min_digits);
	*o++ = '"';
	commit(w, o);
	maybe_flush(w);
}

void jw_hex_str(struct json_writer *w, uint64_t v, int min_digits)
{
	radix_str(w, "0x", 2, v, 4, min_digits);
}

void jw_octal_str(struct json_writer *w, uint64_t v, int min_digits)
{
	radix_str(w, "", 0, v, 3, min_digits);
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
	value_text(w, buf, strlen(buf));
}

/* A quoted string of n bytes that need no escape (ft_plain_ascii): most strings. */
static void plain_str(struct json_writer *w, const char *s, size_t n)
{
	char *o = start_item(w, n + 2);
	*o++ = '"';
	copy_bytes(o, s, n);
	o += n;
	*o++ = '"';
	commit(w, o);
	maybe_flush(w);
}

/* A string value: plain ASCII copied at once, anything else through the escaper given. */
static void str_value(struct json_writer *w, const char *s, size_t n,
		      void (*escape)(struct strbuf *, const char *, size_t))
{
	if (!s) {
		jw_null(w);
	} else if (ft_plain_ascii(s, n)) {
		plain_str(w, s, n);
	} else {
		before_item(w);
		escape(&w->out, s, n);
		maybe_flush(w);
	}
}

void jw_strn(struct json_writer *w, const char *s, size_t n)
{
	str_value(w, s, n, json_append_untrusted);
}

void jw_str(struct json_writer *w, const char *s)
{
	jw_strn(w, s, s ? strlen(s) : 0);
}

void jw_clean_strn(struct json_writer *w, const char *s, size_t n)
{
	str_value(w, s, n, json_append_quoted);
}

void jw_clean_str(struct json_writer *w, const char *s)
{
	jw_clean_strn(w, s, s ? strlen(s) : 0);
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
