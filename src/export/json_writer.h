/* json_writer.h — a small streaming JSON emitter: values are built in one buffer that goes to
 * a FILE in large pieces, commas and indentation are tracked here, and every untrusted string
 * passes through the one escaping rule (text_escape.h) before JSON quoting. Output is valid
 * UTF-8 with no control bytes. Keys and the key + value shorthands are inline so that the
 * length of a fixed key is known when compiling (a snapshot has a few hundred thousand). */
#ifndef IPCTOP_JSON_WRITER_H
#define IPCTOP_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

#define JW_MAX_DEPTH 32

struct json_writer {
	FILE *f;
	bool pretty;
	int depth;                       /* open containers */
	bool has_items[JW_MAX_DEPTH];    /* the container at each depth already holds a value */
	bool inline_items[JW_MAX_DEPTH]; /* pretty output keeps this container on one line */
	bool after_key;                  /* a key was written; the next value follows it */
	int err;                         /* first errno of a failed write, 0 if none */
	struct strbuf out;               /* output not yet written to f */
	size_t flushed;                  /* bytes handed to f so far */
};

/* Append s (n bytes, any content) as a quoted JSON string: esc_append() first, then JSON
 * quoting of '"' and '\'. Public so the rule can be tested on its own. */
void json_append_untrusted(struct strbuf *out, const char *s, size_t n);
/* Append s as a quoted JSON string without the ipctop escape: for text that is already
 * escaped or is a fixed name. Control bytes still become \u00XX so the JSON stays valid. */
void json_append_quoted(struct strbuf *out, const char *s, size_t n);

void jw_init(struct json_writer *w, FILE *f, bool pretty);
/* The offset in the output at which the next byte goes. */
static inline size_t jw_offset(const struct json_writer *w)
{
	return w->flushed + w->out.len;
}
/* Finish the document (newline, flush), free scratch memory; returns 0 or -errno. */
int jw_finish(struct json_writer *w);

void jw_object_begin(struct json_writer *w);
void jw_object_end(struct json_writer *w);
void jw_array_begin(struct json_writer *w);
void jw_array_end(struct json_writer *w);
/* An array of a few scalars ([1, 5, 15]): like jw_array_begin, but pretty output keeps it on
 * one line. Close it with jw_array_end. */
void jw_inline_array_begin(struct json_writer *w);
/* Object key: a fixed ASCII name chosen by ipctop (letters, digits, '_'): written as it is. */
void jw_key_n(struct json_writer *w, const char *key, size_t len);
static inline void jw_key(struct json_writer *w, const char *key)
{
	jw_key_n(w, key, strlen(key));
}

void jw_null(struct json_writer *w);
void jw_bool(struct json_writer *w, bool v);
void jw_i64(struct json_writer *w, int64_t v);
void jw_u64(struct json_writer *w, uint64_t v);
/* A finite number with `decimals` digits after the point; NaN or infinity become null. */
void jw_double(struct json_writer *w, double v, int decimals);
/* Untrusted bytes, escaped by the rule; NULL becomes null. */
void jw_str(struct json_writer *w, const char *s);
void jw_strn(struct json_writer *w, const char *s, size_t n);
/* Text that is already escaped (or a fixed name): JSON quoting only; NULL becomes null. */
void jw_clean_str(struct json_writer *w, const char *s);
void jw_clean_strn(struct json_writer *w, const char *s, size_t n);
/* "0x" and the lower-case hex digits of v, at least min_digits of them (1-16), as a string:
 * the text of printf's "0x%0*llx". */
void jw_hex_str(struct json_writer *w, uint64_t v, int min_digits);
/* The octal digits of v, at least min_digits of them (1-22), as a string: printf's "%0*llo". */
void jw_octal_str(struct json_writer *w, uint64_t v, int min_digits);
/* For rare shapes only: formats through vsnprintf into 256 bytes. */
void jw_printf_str(struct json_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* key + value shorthands */
static inline void jw_kv_str(struct json_writer *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

static inline void jw_kv_clean(struct json_writer *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_clean_str(w, s);
}

static inline void jw_kv_i64(struct json_writer *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_i64(w, v);
}

static inline void jw_kv_u64(struct json_writer *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	jw_u64(w, v);
}

static inline void jw_kv_bool(struct json_writer *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

static inline void jw_kv_null(struct json_writer *w, const char *key)
{
	jw_key(w, key);
	jw_null(w);
}

/* "key": v with `decimals` digits, or null when v is NaN (unknown). */
static inline void jw_kv_double(struct json_writer *w, const char *key, double v, int decimals)
{
	jw_key(w, key);
	jw_double(w, v, decimals);
}

/* "key": v when known, else "key": null (a figure not measured or not applying):
 * jw_key_or_null writes the key, and null when !known; it returns known. */
static inline bool jw_key_or_null(struct json_writer *w, const char *key, bool known)
{
	jw_key(w, key);
	if (!known)
		jw_null(w);
	return known;
}

static inline void jw_kv_i64_or_null(struct json_writer *w, const char *key, bool known, int64_t v)
{
	if (jw_key_or_null(w, key, known))
		jw_i64(w, v);
}

static inline void jw_kv_u64_or_null(struct json_writer *w, const char *key, bool known, uint64_t v)
{
	if (jw_key_or_null(w, key, known))
		jw_u64(w, v);
}

#endif
