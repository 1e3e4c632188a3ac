/* snap_filter.h — what -u, -p and --kind keep of a snapshot, shared by the JSON and DOT
 * exports (and the kind and user words by the screens). Pure: reads the snapshot only.
 *
 * The rule: a process is "chosen" when it passes -u (its effective uid) and -p (its pid is
 * listed); a filter not given passes everything. A channel is kept when its kind passes
 * --kind and, if -u or -p was given, at least one of its endpoints is a chosen process; a
 * kept channel keeps all its endpoints. Listed processes are the chosen ones, plus, with -p,
 * the processes at the other ends of kept channels (without detail) that pass -u too. */
#ifndef IPCTOP_SNAP_FILTER_H
#define IPCTOP_SNAP_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct snap_filter {
	const pid_t *pids; size_t n_pids;   /* -p; none: every pid */
	bool has_uid; uid_t uid;            /* -u, as an effective uid */
	uint32_t kind_mask;                 /* --kind: bit k keeps kind k; 0: every kind */
};

struct snap_selection {
	bool *proc_listed;    /* by index into s->procs */
	bool *proc_chosen;    /* passes -u and -p (shown with detail when it was collected) */
	bool *chan_kept;      /* by index into s->chans */
};

/* Fill sel (allocated here) from f; free with snap_selection_free. */
void snap_select(const struct snapshot *s, const struct snap_filter *f, struct snap_selection *sel);
void snap_selection_free(struct snap_selection *sel);

/* Parse "KIND[,KIND...]" (names as chan_kind_name gives them) into a mask. On a bad list
 * returns false with the unknown word copied to bad ("" for an empty part, as in "pipe,,unix"). */
bool snap_filter_parse_kinds(const char *arg, uint32_t *mask, char *bad, size_t bad_len);
/* Parse a user name or a numeric uid; false when neither. */
bool snap_filter_parse_user(const char *arg, uid_t *uid);

#endif
