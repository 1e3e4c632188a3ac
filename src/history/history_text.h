/* history_text.h — the members of one object of ipctop's own compact --json text, walked
 * without building a tree (history_text.c): how the recorder compares a process or channel
 * with the one of the previous sample at little cost. */
#ifndef IPCTOP_HISTORY_TEXT_H
#define IPCTOP_HISTORY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/strbuf.h"

/* One member: its key (without quotes) and its value's text. */
struct htext_member { const char *key; size_t key_len; const char *val; size_t val_len; };

/* The end (index after it) of the object or array starting at b[i], or 0 when malformed. */
size_t hist_text_skip(const char *b, size_t len, size_t i);
/* The next member of the object b[0, len) (b[0] is '{'; start with *at = 1): true with m set;
 * false at its end (*at then at its '}'), or when the text is malformed (then *bad is set). */
bool hist_text_member(const char *b, size_t len, size_t *at, struct htext_member *m, bool *bad);
/* Whether m's key is key (inline: the length of a literal key is known when compiling). */
static inline bool hist_text_is(const struct htext_member *m, const char *key)
{
	size_t n = __builtin_strlen(key);
	return n == m->key_len && m->key[0] == key[0] && memcmp(m->key, key, n) == 0;
}
/* m copied into sb as it is in the text ("key":value), after a comma when sb is longer than
 * from (the length it had at the object's '{'). */
void hist_text_put(struct strbuf *sb, size_t from, const struct htext_member *m);
/* The in-memory hash of a state's n bytes at t, a word at a time (never 0): how the recorder
 * tells a process's or channel's state from the last one it stored. Not blob.hash (FNV-1a), and
 * not kept in the file: a reopened recording computes it again from the last state's text. */
uint64_t hist_state_hash(const char *t, size_t n);
/* m's value as an integer: false when it is null or not an integer. */
bool hist_text_int(const struct htext_member *m, int64_t *v);

#endif
