/* proc_sort.h — order the process list by a column (pure: unit-tested). */
#ifndef IPCTOP_PROC_SORT_H
#define IPCTOP_PROC_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/proc_traffic.h"
#include "model/snapshot.h"
#include "view/proc_cols.h"

/* What the snapshot alone does not tell: cpu[i], vcsw[i], icsw[i] are the CPU% and context
 * switches per second of procs[i] (each may be NULL: all zero); traffic[i] its I/O and channel
 * rates (NULL: all unknown, which sorts below a measured 0). */
struct proc_rates { const double *cpu, *vcsw, *icsw; const struct proc_traffic *traffic; };

/* Sort idx[0..n) (indices into procs) by column col (r may be NULL). Ties go by pid ascending
 * whatever the direction, so the order is stable from one refresh to the next. */
void proc_sort(const struct proc_info *procs, const struct proc_rates *r, uint32_t *idx, size_t n,
	       enum col_id col, bool desc);

#endif
