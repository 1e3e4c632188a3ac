/* view_act.h — the two dialogs that change processes: "signal" (which signal to send to the
 * chosen processes) and "nice" (which nice value to give the chosen process). Each holds its
 * processes from the moment it opens (proc_target: a pidfd and the start time), so a choice
 * acts on exactly them: a process that ended meanwhile is reported gone, never replaced by the
 * process that took its row or its PID. */
#ifndef IPCTOP_VIEW_ACT_H
#define IPCTOP_VIEW_ACT_H

#include <stddef.h>

#include "action/proc_target.h"
#include "view/view.h"

struct act_request {
	struct proc_target *targets;   /* moved into the dialog (held; released when it closes) */
	size_t n_targets;
	const char *who;               /* "PID 123 (sleep)" or "3 tagged processes": escaped */
	int nice_now;                  /* nice: the current value */
	int step;                      /* nice: +1 raise (F8), -1 lower (F7) */
	void (*done)(void *ctx);       /* called after the action was taken (not on cancel) */
	void *ctx;
};

#endif
