/* demo_run.c — ipctop --demo: the example processes (src/demo) started, the screens shown on
 * them alone (demo-parent and its descendants, found anew in each snapshot, so that children
 * forked meanwhile show too), and the processes ended when the screens close. */
#include "demo_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "lesson/lesson.h"
#include "model/snapshot.h"
#include "util/xalloc.h"
#include "view/tui.h"

/* How deep the demo's tree goes below demo-parent: roles, a forker's child, and a margin. */
#define DEMO_DEPTH 4

struct demo_hook {
	struct demo d;
	struct ipctop_opts *o;
	pid_t root;   /* demo-parent's pid, kept after it has gone: the scope is never empty */
};

static int reap_demo(void *arg, char *msg, size_t n)
{
	return demo_reap(&((struct demo_hook *)arg)->d, msg, n);
}

static bool listed(const pid_t *pids, size_t n, pid_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/* The screens' scope: demo-parent and every process of s below it (by parent pid). */
static void scope_demo(void *arg, const struct snapshot *s)
{
	struct demo_hook *h = arg;
	struct ipctop_opts *o = h->o;
	o->pids = xrealloc(o->pids, (s->n_procs + 1) * sizeof(*o->pids));
	o->pids[0] = h->root;
	o->n_pids = 1;
	for (int depth = 0; depth < DEMO_DEPTH; depth++) {
		size_t before = o->n_pids;
		for (size_t i = 0; i < s->n_procs; i++) {
			const struct proc_info *p = &s->procs[i];
			if (listed(o->pids, before, p->ppid) && !listed(o->pids, o->n_pids, p->pid))
				o->pids[o->n_pids++] = p->pid;
		}
		if (o->n_pids == before)
			break;
	}
}

/* --demo: start the example processes, show only them, end them when the screens close;
 * the loop notes those that end meanwhile (and ends their partners). */
int demo_run(struct ipctop_opts *o)
{
	char helper[4096];
	if (!lesson_interactive_start("--demo", helper, sizeof(helper)))
		return 1;
	struct demo_hook *h = xcalloc(1, sizeof(*h));
	if (demo_start(&h->d, helper) < 0) {
		free(h);
		return 1;
	}
	h->o = o;
	h->root = h->d.parent;
	free(o->pids);
	o->pids = xmalloc(sizeof(*o->pids));
	o->pids[0] = h->root;
	o->n_pids = 1;
	struct tui_hooks hooks = { .reap = reap_demo, .reap_fd = h->d.watch_fd, .scope = scope_demo,
				   .arg = h };
	int status = tui_run(o, &hooks);
	demo_stop(&h->d);
	free(h);
	return status;
}
