/* proc_figures.h — figures of one process that the process list shows and --json writes,
 * worked out from its PCB and the machine's figures in the same snapshot: its terminal's
 * name, when it started on the wall clock, its share of memory. Pure. */
#ifndef IPCTOP_PROC_FIGURES_H
#define IPCTOP_PROC_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* A terminal name for a stat tty_nr ("pts/3", "tty1", "ttyS0", "136:3"), "-" for none. */
void tty_name(int tty_nr, char *buf, size_t size);
/* When p started, in ms since the Unix epoch: the snapshot's clock less the uptime, plus
 * p's start ticks; 0 when the snapshot has no uptime or no clock. */
uint64_t proc_started_ms(const struct snapshot *s, const struct proc_info *p);
/* p's resident set as a percentage of the machine's memory; NAN when the total is unknown. */
double proc_mem_percent(const struct snapshot *s, const struct proc_info *p);

#endif
