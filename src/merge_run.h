/* merge_run.h — ipctop --merge: read hosts' --json snapshots, join them, write or show the result. */
#ifndef IPCTOP_MERGE_RUN_H
#define IPCTOP_MERGE_RUN_H

#include "options.h"

/* Exit status: 0, or 1 after a message naming the file that could not be read or merged. */
int merge_run(const struct ipctop_opts *o);

#endif
