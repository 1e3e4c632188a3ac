/* demo_run.c — ipctop --demo: the example processes (src/demo) started, the screens shown on
 * them alone, and the processes ended when the screens close. */
#include "demo_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "lesson/lesson.h"
#include "util/xalloc.h"
#include "view/tui.h"

static int reap_demo(void *arg, char *msg, size_t n)
{
	return demo_reap(arg, msg, n);
}

/* --demo: start the example processes, show only them, end them when the screens close;
 * the loop reaps those that end meanwhile (and ends their partners). */
int demo_run(struct ipctop_opts *o)
{
	char helper[4096];
	if (!lesson_interactive_start("--demo", helper, sizeof(helper)))
		return 1;
	struct demo d;
	if (demo_start(&d, helper) < 0)
		return 1;
	free(o->pids);
	o->pids = xmalloc(d.n_pids * sizeof(*o->pids));
	memcpy(o->pids, d.pids, d.n_pids * sizeof(*o->pids));
	o->n_pids = d.n_pids;
	struct tui_hooks hooks = { .reap = reap_demo, .arg = &d };
	int status = tui_run(o, &hooks);
	demo_stop(&d);
	return status;
}
