/* test_json_writer.c — the JSON emitter: structure, numbers, and the string rule (ipctop
 * escape, then JSON quoting) on every single byte and on random byte strings. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "export/json_writer.h"
#include "../tap.h"
#include "util/text_escape.h"

/* Undo JSON quoting of one string literal (as json_append_* write it); false if malformed. */
static bool json_unquote(const char *q, size_t n, struct strbuf *out)
{
	if (n < 2 || q[0] != '"' || q[n - 1] != '"')
		return false;
	for (size_t i = 1; i < n - 1; i++) {
		if (q[i] == '"')
			return false;
		if (q[i] != '\\') {
			sb_putc(out, q[i]);
			continue;
		}
		if (i + 1 >= n - 1)
			return false;
		char c = q[++i];
		if (c == '"' || c == '\\')
			sb_putc(out, c);
		else
			return false;     /* the rule never needs any other JSON escape */
	}
	return true;
}

static bool valid_utf8_no_controls(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len(u + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7F)
			return false;
		i += len;
	}
	return true;
}

/* Quote s, check the output's properties, and decode it back; returns true if all hold. */
static bool roundtrip(const char *s, size_t n, const char **why)
{
	struct strbuf q = STRBUF_INIT, unq = STRBUF_INIT, back = STRBUF_INIT;
	bool good = false;
	json_append_untrusted(&q, s, n);
	if (!valid_utf8_no_controls(q.buf, q.len))
		*why = "output is not clean UTF-8";
	else if (!json_unquote(q.buf, q.len, &unq))
		*why = "JSON quoting malformed";
	else if (!esc_decode(&back, unq.buf ? unq.buf : "", unq.len))
		*why = "esc_decode refused";
	else if (back.len != n || (n && memcmp(back.buf, s, n) != 0))
		*why = "decoded bytes differ";
	else
		good = true;
	sb_free(&q);
	sb_free(&unq);
	sb_free(&back);
	return good;
}

static void test_single_bytes(void)
{
	int bad = 0;
	const char *why = "";
	for (int b = 0; b < 256; b++) {
		char c = (char)b;
		if (!roundtrip(&c, 1, &why)) {
			printf("# byte 0x%02x: %s\n", b, why);
			bad++;
		}
	}
	is_int(bad, 0, "all 256 single bytes round-trip through JSON and the escape");
}

/* Random strings biased towards the interesting bytes (quotes, backslashes, controls, UTF-8
 * lead and continuation bytes) and whole sequences (hidden code points, accents, emoji). */
static size_t random_string(char *buf, size_t cap, unsigned *seed)
{
	static const unsigned char pool[] = { '"', '\\', 0, '\n', 0x1b, 0x7f, 'a', 'x', 'u', '0',
		0xc2, 0x80, 0x9f, 0xe2, 0xae, 0xef, 0xbb, 0xbf, 0xf0, 0x98, 0xff, 0xc0, 0xed, 0xa0 };
	static const char *const tokens[] = { "\xe2\x80\xae", "\xef\xbb\xbf", "\xc2\x85",
		"\xc3\xa9", "\xf0\x9f\x98\x80", "\xe2\x81\xa9", "\xd8\x9c", "\\x41", "\\u202e",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\xaf" };
	size_t want = (size_t)rand_r(seed) % cap, n = 0;
	while (n < want) {
		unsigned r = (unsigned)rand_r(seed);
		const char *tok = tokens[(r >> 2) % (sizeof(tokens) / sizeof(tokens[0]))];
		if ((r & 3) == 0 && n + strlen(tok) <= cap) {
			memcpy(buf + n, tok, strlen(tok));
			n += strlen(tok);
		} else {
			buf[n++] = (r & 1) ? (char)pool[(r >> 4) % sizeof(pool)] : (char)(r >> 8);
		}
	}
	return n;
}

static void test_random_strings(void)
{
	unsigned seed = 12345;
	char buf[64];
	int bad = 0;
	const char *why = "";
	for (int i = 0; i < 20000; i++) {
		size_t n = random_string(buf, sizeof(buf), &seed);
		if (!roundtrip(buf, n, &why) && bad++ < 5)
			printf("# string %d: %s\n", i, why);
	}
	is_int(bad, 0, "20000 random byte strings round-trip");
}

static void test_known_strings(void)
{
	struct strbuf q = STRBUF_INIT;
	json_append_untrusted(&q, "a\"b\\c\n", 6);
	is_str(q.buf, "\"a\\\"b\\\\\\\\c\\\\x0a\"", "quote, backslash, newline");
	sb_reset(&q);
	json_append_untrusted(&q, "\xe2\x80\xae\xc3\xa9", 5);
	is_str(q.buf, "\"\\\\u202e\xc3\xa9\"", "RLO becomes \\u202e, é stays");
	sb_reset(&q);
	json_append_quoted(&q, "t\x01\"", 3);
	is_str(q.buf, "\"t\\u0001\\\"\"", "quoted-only text still escapes control bytes for JSON");
	sb_free(&q);
}

/* Run a writer script into a memory stream and return the text (caller frees). */
static char *written(void (*script)(struct json_writer *), bool pretty, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct json_writer w;
	jw_init(&w, f, pretty);
	script(&w);
	*rc = jw_finish(&w);
	fclose(f);
	return text;
}

static void script_doc(struct json_writer *w)
{
	jw_object_begin(w);
	jw_kv_i64(w, "a", -5);
	jw_key(w, "list");
	jw_array_begin(w);
	jw_u64(w, 18446744073709551615ull);
	jw_null(w);
	jw_bool(w, true);
	jw_double(w, 0.125, 2);
	jw_double(w, NAN, 2);
	jw_double(w, -2.5, 1);
	jw_double(w, 1e20, 2);
	jw_array_end(w);
	jw_key(w, "inline");
	jw_inline_array_begin(w);
	jw_i64(w, 1);
	jw_clean_str(w, "two");
	jw_array_end(w);
	jw_key(w, "empty");
	jw_object_begin(w);
	jw_object_end(w);
	jw_kv_str(w, "s", NULL);
	jw_kv_clean(w, "t", "x");
	jw_object_end(w);
}

static void test_structure(void)
{
	int rc;
	char *t = written(script_doc, false, &rc);
	is_int(rc, 0, "compact document written");
	is_str(t, "{\"a\":-5,\"list\":[18446744073709551615,null,true,0.13,null,-2.5,100000000000000000000],\"inline\":[1,\"two\"],\"empty\":{},"
	          "\"s\":null,\"t\":\"x\"}\n", "compact document exact");
	free(t);
	t = written(script_doc, true, &rc);
	is_str(t, "{\n  \"a\": -5,\n  \"list\": [\n    18446744073709551615,\n    null,\n    true,\n"
	          "    0.13,\n    null,\n    -2.5,\n    100000000000000000000\n  ],\n  \"inline\": [1, \"two\"],\n  \"empty\": {},\n  \"s\": null,\n  \"t\": \"x\"\n}\n",
	       "pretty document exact");
	free(t);
}

static void script_big(struct json_writer *w)
{
	jw_array_begin(w);
	for (int i = 0; i < 100000; i++)
		jw_str(w, "some text to fill the disk");
	jw_array_end(w);
}

static void script_numbers(struct json_writer *w)
{
	jw_array_begin(w);
	jw_i64(w, 0);
	jw_i64(w, -5);
	jw_i64(w, INT64_MIN);
	jw_i64(w, INT64_MAX);
	jw_u64(w, 0);
	jw_u64(w, 10);
	jw_u64(w, UINT64_MAX);
	jw_array_end(w);
}

static void script_or_null(struct json_writer *w)
{
	jw_object_begin(w);
	jw_kv_i64_or_null(w, "i", true, -7);
	jw_kv_i64_or_null(w, "ni", false, -7);
	jw_kv_u64_or_null(w, "u", true, UINT64_MAX);
	jw_kv_u64_or_null(w, "nu", false, 3);
	jw_object_end(w);
}

static void test_numbers(void)
{
	int rc;
	char *or_null = written(script_or_null, false, &rc);
	is_str(or_null, "{\"i\":-7,\"ni\":null,\"u\":18446744073709551615,\"nu\":null}\n",
	       "number or null: the value when known, null when not");
	free(or_null);
	char *text = written(script_numbers, false, &rc);
	is_str(text, "[0,-5,-9223372036854775808,9223372036854775807,0,10,18446744073709551615]\n",
	       "integers at their limits");
	free(text);
}

/* JSON quoting only, byte by byte: the reference for json_append_quoted's fast path. */
static void quoted_by_bytes(struct strbuf *out, const char *s, size_t n)
{
	sb_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			sb_putc(out, '\\');
			sb_putc(out, (char)c);
		} else if (c < 0x20) {
			sb_printf(out, "\\u%04x", c);
		} else {
			sb_putc(out, (char)c);
		}
	}
	sb_putc(out, '"');
}

static char *one_string(void (*put)(struct json_writer *, const char *), const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct json_writer w;
	jw_init(&w, f, false);
	jw_array_begin(&w);
	put(&w, s);
	jw_array_end(&w);
	jw_finish(&w);
	fclose(f);
	return text;
}

/* The writer's strings (plain ones copied straight in) equal the two rules applied alone, and
 * json_append_quoted equals a byte-by-byte quoting, on random mostly printable strings. */
static void test_string_paths(void)
{
	unsigned seed = 777;
	int bad = 0;
	char buf[48];
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)rand_r(&seed) % (sizeof(buf) - 1);
		for (size_t k = 0; k < n; k++) {
			int r = rand_r(&seed);
			buf[k] = (char)(r % 8 ? 0x20 + (r >> 8) % 0x5f : 1 + (r >> 8) % 255);
		}
		buf[n] = '\0';
		n = strlen(buf);
		sb_reset(&want);
		sb_reset(&got);
		quoted_by_bytes(&want, buf, n);
		json_append_quoted(&got, buf, n);
		bool same = strcmp(sb_str(&want), sb_str(&got)) == 0;
		char *doc = one_string(jw_clean_str, buf);
		same = same && strlen(doc) == want.len + 3 && memcmp(doc + 1, want.buf, want.len) == 0;
		free(doc);
		sb_reset(&want);
		json_append_untrusted(&want, buf, n);
		doc = one_string(jw_str, buf);
		same = same && strlen(doc) == want.len + 3 && memcmp(doc + 1, want.buf, want.len) == 0;
		free(doc);
		if (!same && bad++ < 5)
			printf("# string %d differs\n", i);
	}
	sb_free(&want);
	sb_free(&got);
	is_int(bad, 0, "20000 random strings: writer, quoting and escaping paths agree");
}

static void script_shapes(struct json_writer *w)
{
	static const char *const keys[] = { "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh",
		"abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz_0123456789" };
	jw_object_begin(w);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		jw_kv_clean(w, keys[i], keys[sizeof(keys) / sizeof(keys[0]) - 1 - i]);
	jw_key(w, "hex");
	jw_inline_array_begin(w);
	jw_hex_str(w, 0, 1);
	jw_hex_str(w, 0x4000, 16);
	jw_hex_str(w, UINT64_MAX, 1);
	jw_hex_str(w, 0x1234, 8);
	jw_octal_str(w, 0644, 4);
	jw_octal_str(w, 01777, 4);
	jw_clean_strn(w, "[::1]:53xyz", 8);
	jw_clean_strn(w, NULL, 3);
	jw_array_end(w);
	jw_object_end(w);
}

static void test_shapes(void)
{
	int rc;
	char *t = written(script_shapes, false, &rc);
	is_str(t, "{\"a\":\"abcdefghijklmnopqrstuvwxyz_0123456789\",\"ab\":\"abcdefghijklmnopq\","
	          "\"abc\":\"abcdefghijklmnop\",\"abcd\":\"abcdefgh\",\"abcdefg\":\"abcdefg\","
	          "\"abcdefgh\":\"abcd\",\"abcdefghijklmnop\":\"abc\",\"abcdefghijklmnopq\":\"ab\","
	          "\"abcdefghijklmnopqrstuvwxyz_0123456789\":\"a\",\"hex\":[\"0x0\",\"0x0000000000004000\","
	          "\"0xffffffffffffffff\",\"0x00001234\",\"0644\",\"1777\",\"[::1]:53\",null]}\n",
	       "keys and names of every length class, hex and octal strings");
	free(t);
	t = written(script_shapes, true, &rc);
	ok(strstr(t, "\n  \"abcdefgh\": \"abcd\",\n") != NULL, "pretty key of 8 bytes");
	ok(strstr(t, "\"hex\": [\"0x0\", \"0x0000000000004000\", \"0xffffffffffffffff\", "
	             "\"0x00001234\", \"0644\", \"1777\", \"[::1]:53\", null]\n}\n") != NULL,
	   "pretty inline array of hex and octal strings");
	free(t);
}

static void test_write_error(void)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f) {
		ok(1, "# SKIP /dev/full not available");
		return;
	}
	struct json_writer w;
	jw_init(&w, f, false);
	script_big(&w);
	int rc = jw_finish(&w);
	fclose(f);
	is_int(rc, -ENOSPC, "a write error is reported as -ENOSPC");
}

int main(void)
{
	test_numbers();
	test_single_bytes();
	test_random_strings();
	test_known_strings();
	test_structure();
	test_string_paths();
	test_shapes();
	test_write_error();
	return tap_done();
}
