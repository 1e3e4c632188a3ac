/* prompt_edit.h — editing the text of a one-line prompt (search, filter) by a key or a paste:
 * printable characters only, Backspace removes one whole UTF-8 character. Shared by the
 * process list, the channel table and the waits screen. */
#ifndef IPCTOP_PROMPT_EDIT_H
#define IPCTOP_PROMPT_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "view/term_input.h"

/* Apply ev (a paste, Backspace, or a typed character without Alt or Ctrl) to the NUL-ended
 * text buf of size bytes. Returns false, leaving buf alone, for any other event. */
bool prompt_edit(char *buf, size_t size, const struct key_event *ev);
/* A filter prompt's key: Esc clears buf and closes the prompt (*open false), Enter closes it,
 * the rest edits buf (prompt_edit). Returns true when the filter may have changed. */
bool prompt_filter_key(char *buf, size_t size, bool *open, const struct key_event *ev);

#endif
