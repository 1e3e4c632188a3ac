/* fuzz_escape.c — libFuzzer target: the escaping rule of util/text_escape.h. For any bytes x:
 * esc_decode(esc_append(x)) == x; the escaped text is well-formed UTF-8 with no control byte
 * and no hidden code point; esc_is_clean(x) exactly when escaping leaves x unchanged; and
 * esc_decode of arbitrary text never crashes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/text_escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool hidden_cp(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/* Independent of esc_is_clean: walk the output as UTF-8 and reject anything a terminal acts on. */
static void check_safe(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len(s + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7F || hidden_cp(cp))
			abort();
		i += len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct strbuf esc = STRBUF_INIT, back = STRBUF_INIT, junk = STRBUF_INIT;

	esc_append(&esc, in, size);
	check_safe((const unsigned char *)esc.buf, esc.len);
	if (!esc_decode(&back, esc.buf, esc.len))
		abort();
	if (back.len != size || (size && memcmp(back.buf, in, size) != 0))
		abort();
	bool unchanged = esc.len == size && (size == 0 || memcmp(esc.buf, in, size) == 0);
	if (esc_is_clean(in, size) != unchanged)
		abort();
	(void)esc_decode(&junk, in, size);
	sb_free(&esc);
	sb_free(&back);
	sb_free(&junk);
	return 0;
}
