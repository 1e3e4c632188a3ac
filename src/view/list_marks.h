/* list_marks.h — the process list's marks of change, for a few seconds after it: "new" for a
 * process that started lately, "exec" for one that replaced its program in place (same pid and
 * start time, a main stack placed anew: model proc_info.stack_start). Pure model arithmetic,
 * unit-tested without a terminal. */
#ifndef IPCTOP_LIST_MARKS_H
#define IPCTOP_LIST_MARKS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

#define LIST_MARK_MS 5000     /* how long a mark stays, at least: three refreshes if longer */
#define LIST_MAX_EXECS 256    /* execs remembered at once (the oldest forgotten first) */

enum list_mark { LM_NONE, LM_NEW, LM_EXEC };

struct list_exec {
	pid_t pid;
	uint64_t start;        /* the process's start time (ticks): a later one is another */
	uint64_t at_ms;        /* taken_ms of the first snapshot that saw the new program */
};

struct list_marks {
	struct list_exec execs[LIST_MAX_EXECS];
	size_t n;
	uint64_t window_ms;    /* how long marks stay (LIST_MARK_MS, or three refreshes) */
};

/* Note the execs between old (NULL at the first snapshot) and cur; forget the expired ones. */
void list_marks_update(struct list_marks *m, const struct snapshot *old, const struct snapshot *cur);
/* p's mark in s: exec before new (an exec'd process is not new); LM_NONE for a merge's. */
enum list_mark list_mark_of(const struct list_marks *m, const struct snapshot *s,
			    const struct proc_info *p);
/* The mark as the Command column writes it ("new", "exec"); NULL for none. */
const char *list_mark_word(enum list_mark k);

#endif
