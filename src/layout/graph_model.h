/* graph_model.h — the communication graph as nodes and edges, built from a snapshot (pure, no
 * curses): processes that share a channel, client on the left of each edge and server on the
 * right, channels of more than two processes drawn through a hub node with a count. A one-ended
 * pipe (writers only or readers only) is left out unless asked for, and then also goes through a
 * hub: its holders never talk to each other, so no edge joins them directly. A peer that no
 * local process holds (an off-host or closed peer, known by its address) is an address node.
 * Collapsed, a family (a parent and its children of the same program, graph_family.h) is one
 * group node; the channels between its members are counted on it (with their bytes and
 * rate); and the connections
 * accepted through a listener that several processes serve end in one service node, a group
 * named "nginx :80" (graph_service.h); or, by gm_opts.by, one group per service (systemd
 * unit or container) or per user (graph_by.h). A group whose key is in gm_opts.expanded is drawn as
 * its processes, each knowing the group it came from. */
#ifndef IPCTOP_GRAPH_MODEL_H
#define IPCTOP_GRAPH_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"
#include "util/u64map.h"

enum gnode_type { GN_PROC, GN_GROUP, GN_HUB, GN_ADDR };
/* What an address node's peer is: off-host (or not known), a local peer that closed, or a
 * local socket no visible process holds. */
enum gaddr_kind { GA_REMOTE, GA_CLOSED, GA_UNSEEN };

#define GNODE_NAME_MAX 48

struct gnode {
	uint64_t key;              /* stable across snapshots: pid, family's top pid, channel-id or address hash */
	enum gnode_type type;
	pid_t pid;                 /* process; a group: its lowest pid on the graph; a hub, an address: 0 */
	uint64_t start;            /* that process's start time (--merge: pids repeat across hosts), or 0 */
	const char *host;          /* --merge: that process's host (the snapshot's text), else NULL */
	char name[GNODE_NAME_MAX]; /* raw bytes (comm, a hub's channel label, an address); not NUL-safe: use name_len */
	size_t name_len;
	uint32_t count;            /* group: processes in it; hub: processes on the channel */
	enum chan_kind kind;       /* a hub's channel kind */
	enum gaddr_kind addr;      /* an address node's kind of peer */
	int32_t chan;              /* a hub: index into snapshot.chans, else -1 */
	uint32_t inner;            /* a group: channels between its own members */
	uint64_t inner_bytes;      /* their bytes */
	double inner_rate;         /* their bytes a second, both ways together (as an edge's rate
	                            * label sums them), over those whose rate is known; 0 when none
	                            * moved or none is known */
	int32_t listener1;         /* a service (a group named "nginx :80"): 1 + index into
	                            * snapshot.socks of its listener; else 0 */
	uint64_t group;            /* a process of a group shown expanded: that group's key, else 0 */
	bool one_ended;            /* a hub of a one-ended pipe or FIFO (its holders never talk) */
	uint16_t svc_port;         /* a service: its listener's port (kept with the node, so a
	                            * fading node names its own port, not the socket now at that index) */
};

/* How busy an edge was between the last two snapshots, for the weight of its line: unknown
 * (no rates: not TCP, or a first snapshot), idle (no byte moved either way), active, or busy
 * (GW_BUSY_RATE bytes a second or more, both ways together). */
enum gedge_weight { GW_UNKNOWN = 0, GW_IDLE, GW_ACTIVE, GW_BUSY };
#define GW_BUSY_RATE (256.0 * 1024)

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
	uint8_t weight;            /* enum gedge_weight, from rate_fwd and rate_back */
};

/* A process on the graph and the node it is drawn in (its own, or its group's). */
struct gmember { pid_t pid; uint64_t start; const char *host; uint32_t node; };

struct graph_model {
	struct gnode *nodes; size_t n_nodes, cap_nodes;
	struct gedge *edges; size_t n_edges, cap_edges;
	struct gmember *members; size_t n_members, cap_members;   /* filled by graph_model_build only */
};

/* What collapse groups by: families (and a listener's servers), a service (systemd unit or
 * container, from the cgroup; processes without one keep the family rule), or a user (one
 * group per effective uid). graph_by.h. */
enum gm_group_by { GB_FAMILY = 0, GB_SERVICE, GB_USER };

struct gm_opts {
	uint32_t kind_mask;        /* bit k set: channels of kind k are shown */
	bool collapse;             /* one node per family (a parent and its children of one program) */
	enum gm_group_by by;       /* with collapse: what a group is (GB_FAMILY unless set) */
	bool one_ended;            /* show one-ended pipes and FIFOs (each through its hub node) */
	const struct u64map *expanded;   /* with collapse: keys of groups drawn as their processes
	                                  * (one group opened in place); NULL: none */
	const bool *scope;         /* per s->procs index: in scope; NULL: every process. A channel
	                            * is shown when one of its processes is in scope */
};

#define GM_ALL_KINDS ((1u << CK__COUNT) - 1)

/* Replace g's contents with the graph of s. */
void graph_model_build(struct graph_model *g, const struct snapshot *s, const struct gm_opts *o);
void graph_model_free(struct graph_model *g);
/* Index of the node with this key, or -1 (linear). */
int graph_model_find(const struct graph_model *g, uint64_t key);
/* Index of the node process pid is drawn in (its own or its group), or -1 (linear; a model
 * from graph_model_build only). */
int graph_model_node_of_pid(const struct graph_model *g, pid_t pid);
/* The same for the process pid that started at start on host (a --merge: another host may have
 * its pid, even started at the same tick); start 0 (or a member's start unknown): any process
 * pid of host; host NULL: of any host. */
int graph_model_node_of_proc(const struct graph_model *g, pid_t pid, uint64_t start, const char *host);
/* Add a node or an edge (used by the builder, by tests and by the view for fading items). */
uint32_t graph_model_add_node(struct graph_model *g, const struct gnode *n);
void graph_model_add_edge(struct graph_model *g, const struct gedge *e);

/* The weight class of an edge that moved fwd and back bytes a second (NAN unknown). */
enum gedge_weight gedge_weight_of(double fwd, double back);

/* Which side of a two-party channel an endpoint is on: higher = further right (server). */
int graph_endpoint_rank(const struct snapshot *s, const struct channel *c, const struct endpoint *ep,
                        const bool *listen_port_of_sock);

#endif
