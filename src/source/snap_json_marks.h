/* snap_json_marks.h — the snapshot reader's part for what a process object says of its
 * scheduling policy, signal masks and what could not be read of it (restricted). */
#ifndef IPCTOP_SNAP_JSON_MARKS_H
#define IPCTOP_SNAP_JSON_MARKS_H

#include "source/snap_json_get.h"

/* policy, signals and restricted of process object o into p (each optional: a document of
 * an older ipctop may lack them). false after rd_fail. */
bool snap_json_read_marks(struct rd *r, json_t *o, struct proc_info *p);

#endif
