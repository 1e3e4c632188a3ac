/* filter_keep.c — the list filter's memory (filter_keep.h): a sorted array of the processes
 * it matched, each as (pid, start time, host) with a hash of its name and command line,
 * rebuilt from each snapshot. A process that no longer matches stays while it is the same
 * process and its names have changed since it matched; one that stops matching under the
 * same names (it closed the socket it was found by) is dropped. */
#include "view/filter_keep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/u64map.h"
#include "util/xalloc.h"

static uint64_t names_of(const struct proc_info *p)
{
	return u64_mix(u64_text_hash(p->comm ? p->comm : ""), u64_text_hash(p->cmdline ? p->cmdline : ""));
}

static struct kept_proc key_of(const struct proc_info *p)
{
	return (struct kept_proc){ .pid = p->pid, .start = p->start_time,
				   .host = p->host ? u64_text_hash(p->host) : 0, .names = names_of(p) };
}

static int by_id(const void *a, const void *b)
{
	const struct kept_proc *x = a, *y = b;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->host > y->host) - (x->host < y->host);
}

static const struct kept_proc *find(const struct filter_keep *k, const struct kept_proc *key)
{
	if (!k || !k->n)
		return NULL;
	const struct kept_proc *e = bsearch(key, k->v, k->n, sizeof(*k->v), by_id);
	return e && e->start == key->start ? e : NULL;
}

bool filter_keep_holds(const struct filter_keep *k, const struct proc_info *p)
{
	struct kept_proc key = key_of(p);
	const struct kept_proc *e = find(k, &key);
	return e && e->names != key.names;
}

void filter_keep_update(struct filter_keep *k, const char *text, const struct snapshot *s,
			filter_match_fn match)
{
	if (!text || !text[0] || strcmp(text, k->text) != 0) {
		k->n = 0;
		snprintf(k->text, sizeof(k->text), "%s", text ? text : "");
	}
	if (!k->text[0])
		return;
	struct kept_proc *next = xmalloc((s->n_procs ? s->n_procs : 1) * sizeof(*next));
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		struct kept_proc key = key_of(p);
		const struct kept_proc *e;
		if (match(s, p, k->text))
			next[n++] = key;
		else if ((e = find(k, &key)) && e->names != key.names)
			next[n++] = *e;   /* its names as when it matched: kept while they differ */
	}
	qsort(next, n, sizeof(*next), by_id);
	free(k->v);
	k->v = next;
	k->n = n;
}

void filter_keep_free(struct filter_keep *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}
