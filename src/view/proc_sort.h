/* proc_sort.h — order the process list by a column (pure: unit-tested). */
#ifndef IPCTOP_PROC_SORT_H
#define IPCTOP_PROC_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "view/proc_cols.h"

/* Sort idx[0..n) (indices into procs) by column col; cpu[i] is the CPU% of procs[i] (may be
 * NULL: all zero). Ties go by pid ascending whatever the direction, so the order is stable
 * from one refresh to the next. */
void proc_sort(const struct proc_info *procs, const double *cpu, uint32_t *idx, size_t n,
	       enum col_id col, bool desc);

#endif
