/* filter_keep.h — the list filter's memory of the processes it matched, so that one that
 * replaces its program (exec: a new name and command line, the same pid and start time) stays
 * in a filtered view instead of vanishing from it. */
#ifndef IPCTOP_FILTER_KEEP_H
#define IPCTOP_FILTER_KEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct kept_proc {
	pid_t pid;
	uint64_t start;      /* start time: a reused pid is another process */
	uint64_t host;       /* --merge: a hash of its host's name, else 0 */
	uint64_t names;      /* a hash of its name and command line when it last matched */
};

struct filter_keep {
	struct kept_proc *v;   /* sorted by pid, then host */
	size_t n;
	char text[64];         /* the filter these were matched by (a new text forgets them) */
};

typedef bool (*filter_match_fn)(const struct snapshot *s, const struct proc_info *p,
				const char *text);

/* Remember, for filter text, every process of s that match() accepts, with its names now,
 * and keep those remembered before that no longer match but have other names since (they
 * exec'd or renamed themselves); the rest are forgotten. An empty text forgets all. */
void filter_keep_update(struct filter_keep *k, const char *text, const struct snapshot *s,
			filter_match_fn match);
/* Whether p, which does not match the filter now, is still shown by it: remembered as this
 * very process, with other names than now. */
bool filter_keep_holds(const struct filter_keep *k, const struct proc_info *p);
void filter_keep_free(struct filter_keep *k);

#endif
