/* proc_tree.h — parent/child order of the process list (pure: unit-tested). */
#ifndef IPCTOP_PROC_TREE_H
#define IPCTOP_PROC_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct tree_row {
	uint32_t proc;        /* index into procs */
	int depth;            /* 0 for a root */
	bool last;            /* the last child of its parent */
	uint64_t open_mask;   /* bit d: the ancestor at depth d+1 has siblings still to come */
};

/* Arrange the n processes in order[] (indices into procs, already sorted) as a forest: a
 * process whose parent is among them comes under it, the others are roots. Siblings keep
 * their order from order[]. A parent loop (pid reuse between reads) is broken, never
 * followed. Writes n rows to out. */
void proc_tree_order(const struct proc_info *procs, const uint32_t *order, size_t n,
		     struct tree_row *out);

#endif
