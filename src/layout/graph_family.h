/* graph_family.h — which processes collapse into one group node (pure): a parent and its
 * children (and their children) that run the same program, as postgres' postmaster and its
 * backends or nginx's master and workers. Processes that merely share a name under unrelated
 * parents are never one family. */
#ifndef IPCTOP_GRAPH_FAMILY_H
#define IPCTOP_GRAPH_FAMILY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct graph_families {
	pid_t *root;        /* per s->procs index: the family's top process (itself when alone) */
	uint32_t *size;     /* per s->procs index: how many processes its family has */
};

/* Fill f (allocated here) from s; free with graph_families_free. */
void graph_families_find(const struct snapshot *s, struct graph_families *f);
void graph_families_free(struct graph_families *f);

#endif
