/* graph_by.c — group keys by service (the cgroup's unit or container) or by effective user,
 * and each group's size, for the graph's grouping modes (graph_by.h). */
#include "layout/graph_by.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgroup_service.h"
#include "util/u64map.h"
#include "util/xalloc.h"

#define LOW_BITS ((1ULL << 60) - 1)

/* On a --merge, one host's groups are not another's. */
static uint64_t host_part(const struct proc_info *p)
{
	return p->host ? u64_text_hash(p->host) : 0;
}

static uint64_t key_of(const struct proc_info *p, enum gm_group_by by)
{
	if (by == GB_USER)
		return GRAPH_BY_KEY | GRAPH_BY_USER | (u64_mix(host_part(p), (uint64_t)p->euid + 1) & LOW_BITS);
	char svc[CGROUP_SERVICE_MAX];
	if (by != GB_SERVICE || !p->cgroup || cgroup_service(p->cgroup, svc, sizeof svc) == 0)
		return 0;
	return GRAPH_BY_KEY | (u64_mix(host_part(p), u64_text_hash(svc)) & LOW_BITS);
}

void graph_by_find(const struct snapshot *s, enum gm_group_by by, struct graph_by *out)
{
	size_t n = s->n_procs ? s->n_procs : 1;
	out->key = xcalloc(n, sizeof(*out->key));
	out->size = xcalloc(n, sizeof(*out->size));
	struct u64map first;   /* key -> index of its first process, whose size counts them all */
	u64map_init(&first, 64);
	for (size_t i = 0; i < s->n_procs; i++) {
		out->key[i] = key_of(&s->procs[i], by);
		if (!out->key[i])
			continue;
		int32_t at = u64map_get(&first, out->key[i]);
		if (at < 0) {
			at = (int32_t)i;
			u64map_put(&first, out->key[i], at);
		}
		out->size[at]++;
	}
	for (size_t i = 0; i < s->n_procs; i++)
		if (out->key[i])
			out->size[i] = out->size[u64map_get(&first, out->key[i])];
	u64map_free(&first);
}

void graph_by_free(struct graph_by *b)
{
	free(b->key);
	free(b->size);
	b->key = NULL;
	b->size = NULL;
}

const char *graph_by_name(const struct snapshot *s, enum gm_group_by by, size_t i, char *buf, size_t cap)
{
	const struct proc_info *p = &s->procs[i];
	char svc[CGROUP_SERVICE_MAX];
	if (by == GB_USER && p->user)
		snprintf(buf, cap, "%s", p->user);
	else if (by == GB_USER)
		snprintf(buf, cap, "uid %u", (unsigned)p->euid);
	else if (by == GB_SERVICE && p->cgroup && cgroup_service(p->cgroup, svc, sizeof svc) > 0)
		snprintf(buf, cap, "%s", svc);
	else
		snprintf(buf, cap, "?");
	return buf;
}
