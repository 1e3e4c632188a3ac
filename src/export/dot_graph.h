/* dot_graph.h — the communication graph drawn by the --dot export: which nodes (processes,
 * remote peers, channels with more than two parties) and which edges, merged per pair and kind.
 * Pure data built from a snapshot; export_dot.c writes it as Graphviz text. */
#ifndef IPCTOP_DOT_GRAPH_H
#define IPCTOP_DOT_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

/* A node: a process (n = pid), a remote peer (n = index into remotes) or a channel drawn as
 * its own node (n = index into chans of the snapshot). */
enum dot_node_type { DOT_PROC = 0, DOT_REMOTE = 1, DOT_HUB = 2 };
#define DOT_NODE(type, n) (((uint64_t)(type) << 32) | (uint32_t)(n))
#define DOT_NODE_TYPE(key) ((enum dot_node_type)((key) >> 32))
#define DOT_NODE_NUM(key) ((uint32_t)(key))

struct dot_edge {
	enum chan_kind kind;
	uint64_t from, to;     /* node keys; from→to when directed, else from < to */
	bool directed;
	bool one_ended;        /* an end of a one-ended pipe or FIFO (always through its hub) */
	unsigned count;        /* channels merged into this edge */
	size_t chan;           /* the (first) channel, index into snapshot.chans */
	double rate;           /* bytes per second over the merged channels (model/rates), NAN unknown */
	int64_t drops;         /* packets their UDP and UNIX sockets dropped, -1 none counted */
};

struct dot_graph {
	struct dot_edge *edges; size_t n_edges, cap_edges;
	pid_t *pids;            size_t n_pids, cap_pids;     /* process nodes, sorted: pids, or
	                                                      * with by_index indices into procs */
	bool by_index;          /* a merged snapshot (--merge): pids repeat across hosts */
	const char **remotes;   size_t n_remotes, cap_remotes;
	const char **remote_roles;   /* per remote: "peer closed", "unseen", or NULL (off-host) */
	size_t *hubs;           size_t n_hubs, cap_hubs;     /* channel indices drawn as nodes */
	bool kind_used[CK__COUNT];
};

/* Build the graph of the channels of s that kept[] marks (by index into s->chans). */
void dot_graph_build(struct dot_graph *g, const struct snapshot *s, const bool *kept);
void dot_graph_free(struct dot_graph *g);

#endif
