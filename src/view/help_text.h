/* help_text.h — one sentence for every column and detail field: the classroom texts shown by
 * F1 and by '?' on the field under the cursor. Kept in one table (help_text.c). */
#ifndef IPCTOP_HELP_TEXT_H
#define IPCTOP_HELP_TEXT_H

#include <stddef.h>

struct help_entry {
	const char *key;      /* "col.pid", "pcb.ppid", "sched.nice", "mem.pss", "seg.heap", ... */
	const char *name;     /* what the screen calls it */
	const char *text;     /* one sentence */
};

/* Section headings are entries whose key is "" (name = heading, text = NULL). */
extern const struct help_entry help_entries[];
extern const size_t help_count;
/* The entry for key, or NULL. */
const struct help_entry *help_lookup(const char *key);

#endif
