/* snap_diff.h — what changed between two snapshots of one machine (a replay's sample and the
 * one before it): processes born and ended (a process is its pid and start time), channels
 * opened and closed (a channel is its kind and id). */
#ifndef IPCTOP_SNAP_DIFF_H
#define IPCTOP_SNAP_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

enum snap_change_kind { SC_BORN, SC_ENDED, SC_OPENED, SC_CLOSED };

struct snap_change {
	enum snap_change_kind kind;
	pid_t pid;               /* the process; a channel: its first end's process (0: none) */
	uint64_t start;          /* that process's start time (clock ticks), or 0 */
	char *comm;              /* its name (raw bytes, copied), or NULL */
	enum chan_kind chan;     /* a channel's kind */
	char *chan_id;           /* a channel's id (copied), else NULL */
	char *label;             /* a channel's label as format_chan_label gives it, or NULL */
};

/* Processes born and channels opened in after, then processes ended and channels closed
 * since before (each group by pid, then id): an array (allocated) of *n, or NULL when none. */
struct snap_change *snap_diff(const struct snapshot *before, const struct snapshot *after, size_t *n);
/* "born", "ended", "opened", "closed". */
const char *snap_change_name(enum snap_change_kind k);
void snap_diff_free(struct snap_change *c, size_t n);

#endif
