/* graph_family.c — families of processes for the graph's groups: a process belongs to its
 * parent's family when the parent runs the same program (same command name), else it starts
 * a family of its own. */
#include "layout/graph_family.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_DEPTH 64    /* a chain of same-named ancestors longer than this is cut */

static bool same_program(const struct proc_info *a, const struct proc_info *b)
{
	return a->comm && b->comm && strcmp(a->comm, b->comm) == 0;
}

/* The index of the topmost ancestor of procs[i] reachable through parents of the same
 * program (on a --merge, parents of its own host). */
static size_t family_root(const struct snapshot *s, size_t i)
{
	const struct proc_info *p = &s->procs[i];
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		if (p->ppid <= 0 || p->ppid == p->pid)
			break;
		const struct proc_info *parent = snapshot_find_proc_on(s, p->ppid, p->host);   /* --merge: its host's */
		if (!parent || !same_program(parent, p))
			break;
		p = parent;
	}
	return (size_t)(p - s->procs);
}

/* Sizes are counted by the root's index, not its pid: on a --merge two hosts' families whose
 * roots have one pid are two families. */
void graph_families_find(const struct snapshot *s, struct graph_families *f)
{
	size_t n = s->n_procs ? s->n_procs : 1;
	f->root = xcalloc(n, sizeof(*f->root));
	f->size = xcalloc(n, sizeof(*f->size));
	size_t *top = xcalloc(n, sizeof(*top));
	for (size_t i = 0; i < s->n_procs; i++) {
		top[i] = family_root(s, i);
		f->root[i] = s->procs[top[i]].pid;
		f->size[top[i]]++;
	}
	for (size_t i = 0; i < s->n_procs; i++)
		f->size[i] = f->size[top[i]];
	free(top);
}

void graph_families_free(struct graph_families *f)
{
	free(f->root);
	free(f->size);
	f->root = NULL;
	f->size = NULL;
}
