/* graph_model.h — the communication graph as nodes and edges, built from a snapshot (pure, no
 * curses): processes that share a channel, client on the left of each edge and server on the
 * right, channels of more than two processes drawn through a hub node with a count. A one-ended
 * pipe (writers only or readers only) is left out unless asked for, and then also goes through a
 * hub: its holders never talk to each other, so no edge joins them directly. */
#ifndef IPCTOP_GRAPH_MODEL_H
#define IPCTOP_GRAPH_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

enum gnode_type { GN_PROC, GN_GROUP, GN_HUB };

#define GNODE_NAME_MAX 48

struct gnode {
	uint64_t key;              /* stable across snapshots: pid, comm hash or channel-id hash */
	enum gnode_type type;
	pid_t pid;                 /* process; a group: its lowest pid; a hub: 0 */
	char name[GNODE_NAME_MAX]; /* raw bytes (comm, or a hub's channel label); not NUL-safe: use name_len */
	size_t name_len;
	uint32_t count;            /* group: processes in it; hub: processes on the channel */
	enum chan_kind kind;       /* a hub's channel kind */
	int32_t chan;              /* a hub: index into snapshot.chans, else -1 */
};

struct gedge {
	uint32_t from, to;         /* node indices: from = client side (left), to = server (right) */
	enum chan_kind kind;
	bool directed;             /* client and server told apart (else from/to are in pid order) */
	uint32_t n_chans;          /* channels merged into this edge (same ends, same kind) */
	int32_t chan;              /* first channel, index into snapshot.chans */
	uint64_t bytes, queued;    /* summed over the merged channels (queued: those known) */
	bool queued_known;         /* some merged channel's queue is known */
	double rate_fwd, rate_back;   /* bytes per second from→to and to→from over the merged
	                               * channels, where the snapshot has rates (TCP); NAN unknown */
	uint64_t key;              /* stable: mixes both node keys and the kind */
};

struct graph_model {
	struct gnode *nodes; size_t n_nodes, cap_nodes;
	struct gedge *edges; size_t n_edges, cap_edges;
};

struct gm_opts {
	uint32_t kind_mask;        /* bit k set: channels of kind k are shown */
	bool collapse;             /* one node per command name */
	bool one_ended;            /* show one-ended pipes and FIFOs (each through its hub node) */
};

#define GM_ALL_KINDS ((1u << CK__COUNT) - 1)

/* Replace g's contents with the graph of s. */
void graph_model_build(struct graph_model *g, const struct snapshot *s, const struct gm_opts *o);
void graph_model_free(struct graph_model *g);
/* Index of the node with this key, or -1 (linear). */
int graph_model_find(const struct graph_model *g, uint64_t key);
/* Add a node or an edge (used by the builder, by tests and by the view for fading items). */
uint32_t graph_model_add_node(struct graph_model *g, const struct gnode *n);
void graph_model_add_edge(struct graph_model *g, const struct gedge *e);

/* Which side of a two-party channel an endpoint is on: higher = further right (server). */
int graph_endpoint_rank(const struct snapshot *s, const struct channel *c, const struct endpoint *ep,
                        const bool *listen_port_of_sock);

#endif
