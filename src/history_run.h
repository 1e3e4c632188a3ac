/* history_run.h — the --record and --replay modes of the command line. */
#ifndef IPCTOP_HISTORY_RUN_H
#define IPCTOP_HISTORY_RUN_H

#include "options.h"

int record_run(const struct ipctop_opts *o);   /* 0, 1 on a failure while recording, 2 bad file */
int replay_run(const struct ipctop_opts *o);   /* 0, 1 write error, 2 bad file or time */

#endif
