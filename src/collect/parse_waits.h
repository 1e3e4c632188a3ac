/* parse_waits.h — pure parser for the wait collector: the blocked lock requests of
 * /proc/locks. (A task's state comes from parse_task_stat, collect/parse_proc.h.) */
#ifndef IPCTOP_PARSE_WAITS_H
#define IPCTOP_PARSE_WAITS_H

#include <stddef.h>

#include "model/snapshot.h"

/* /proc/locks: the blocked requests ("N: -> ..." lines), each with the holder of the same lock
 * (the line before them with the same N that has no arrow). OFD locks name pid -1: kept as 0.
 * Writes at most cap; returns how many there are. Malformed lines are skipped. */
size_t parse_lock_waits(const char *text, size_t len, struct lock_wait *out, size_t cap);

#endif
