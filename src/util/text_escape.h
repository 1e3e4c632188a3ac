/* text_escape.h — the one rule by which names from processes reach any output.
 *
 * Input is any bytes. Output is valid UTF-8 with no control characters:
 *   - a backslash becomes "\\";
 *   - a C0 control byte (0x00-0x1F), DEL (0x7F), and every byte that is not part of a
 *     well-formed UTF-8 sequence become "\xNN" (two lower-case hex digits);
 *   - the code points that can move or hide text — C1 controls U+0080-U+009F, U+061C,
 *     U+200B-U+200F, U+2028-U+202E, U+2060-U+2069, U+FEFF — become "\uNNNN" (four hex digits);
 *   - everything else is copied unchanged.
 * The rule is lossless: esc_decode() gives back the original bytes. TUI, JSON and DOT all use
 * it (JSON and DOT then apply their own quoting on top). */
#ifndef IPCTOP_TEXT_ESCAPE_H
#define IPCTOP_TEXT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

void esc_append(struct strbuf *sb, const char *s, size_t n);
/* True when esc_append would copy s unchanged. */
bool esc_is_clean(const char *s, size_t n);
/* Reverse of esc_append; returns false on text that esc_append cannot have produced. */
bool esc_decode(struct strbuf *out, const char *s, size_t n);
/* Length of a well-formed UTF-8 sequence at s (1-4), or 0 if the bytes there are not one. */
size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp);
/* The UTF-8 bytes of code point cp (at most 4) in out; 0 for a value that is not one. */
size_t utf8_encode(unsigned cp, char *out);

#endif
