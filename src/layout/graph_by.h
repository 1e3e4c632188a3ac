/* graph_by.h — the graph's other ways of grouping (pure): by service, every process of one
 * systemd unit or container (model/cgroup_service.h, from the cgroup path the collector read)
 * in one group; by user, every process of one effective uid in one group. On a --merge each
 * host's are apart. A process with no service (a login session, the root cgroup, its cgroup
 * not read) is in no such group: the graph falls back to the family rule for it. */
#ifndef IPCTOP_GRAPH_BY_H
#define IPCTOP_GRAPH_BY_H

#include <stddef.h>
#include <stdint.h>

#include "layout/graph_model.h"

/* Bit 61 marks a service or user group's key (below the node-kind bits 62-63, above the
 * family and listener groups' bits); bit 60 tells a user's from a service's. */
#define GRAPH_BY_KEY  (1ULL << 61)
#define GRAPH_BY_USER (1ULL << 60)

struct graph_by {
	uint64_t *key;    /* per s->procs index: its group's key (with GRAPH_BY_KEY), 0: none */
	uint32_t *size;   /* per s->procs index: processes of the snapshot in that group */
};

/* Fill out (allocated here) for grouping mode by (GB_SERVICE or GB_USER; GB_FAMILY: no
 * groups here); free with graph_by_free. */
void graph_by_find(const struct snapshot *s, enum gm_group_by by, struct graph_by *out);
void graph_by_free(struct graph_by *b);
/* The group's name for process i: its service ("nginx.service", "docker:0123456789ab") or
 * its user's name, raw, in buf (cap bytes); "?" when it has none. */
const char *graph_by_name(const struct snapshot *s, enum gm_group_by by, size_t i, char *buf, size_t cap);

#endif
