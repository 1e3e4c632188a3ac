/* graph_model.c — nodes and edges of the communication graph from a snapshot's channels. A
 * channel between two processes is an edge from its client to its server; one of more than two
 * processes becomes a hub; a channel all of whose endpoints are one process is no edge, one
 * all of whose processes are one group is counted on the group. With groups on, the processes
 * that serve a listener several processes serve are one service node ("nginx :80",
 * graph_service.h) instead of their family, so each client has one edge to the service. */
#include "layout/graph_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "layout/graph_by.h"
#include "layout/graph_family.h"
#include "layout/graph_service.h"
#include "model/rates.h"
#include "util/u64map.h"
#include "util/xalloc.h"

#define KEY_GROUP (1ULL << 62)
#define KEY_HUB   (2ULL << 62)
#define KEY_ADDR  (3ULL << 62)
#define KEY_SERVICE (KEY_GROUP | (1ULL << 60))   /* a group above every pid_key (bits 0..59) */
#define TCP_LISTEN_STATE 10
#define UDP_UNCONNECTED_STATE 7

/* One process's place on a channel, before nodes are merged. */
struct party { uint32_t node; pid_t pid; int rank; };

struct builder {
	struct graph_model *g;
	const struct snapshot *s;
	const struct gm_opts *o;
	struct u64map node_of_key, edge_of_key, counted_pid;
	bool *listen_port;             /* per socket: its port is one a local socket listens on */
	struct graph_families fam;     /* when collapsing */
	struct graph_services svc;     /* when collapsing */
	struct graph_by by;            /* when collapsing by service or user */
	char svc_name[GNODE_NAME_MAX + 1];
	struct party *parties; size_t cap_parties;
};

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint32_t graph_model_add_node(struct graph_model *g, const struct gnode *n)
{
	XGROW(g->nodes, g->cap_nodes, g->n_nodes + 1);
	g->nodes[g->n_nodes] = *n;
	return (uint32_t)g->n_nodes++;
}

void graph_model_add_edge(struct graph_model *g, const struct gedge *e)
{
	XGROW(g->edges, g->cap_edges, g->n_edges + 1);
	g->edges[g->n_edges++] = *e;
}

int graph_model_find(const struct graph_model *g, uint64_t key)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].key == key)
			return (int)i;
	return -1;
}

int graph_model_node_of_proc(const struct graph_model *g, pid_t pid, uint64_t start, const char *host)
{
	for (size_t i = 0; i < g->n_members; i++) {
		const struct gmember *m = &g->members[i];
		if (m->pid == pid && (!start || !m->start || m->start == start) &&
		    (!host || (m->host && strcmp(m->host, host) == 0)))
			return (int)m->node;
	}
	return -1;
}

int graph_model_node_of_pid(const struct graph_model *g, pid_t pid)
{
	return graph_model_node_of_proc(g, pid, 0, NULL);
}

void graph_model_free(struct graph_model *g)
{
	free(g->nodes);
	free(g->edges);
	free(g->members);
	memset(g, 0, sizeof(*g));
}

static void set_name(struct gnode *n, const char *raw, size_t len)
{
	if (len > GNODE_NAME_MAX)
		len = GNODE_NAME_MAX;
	memcpy(n->name, raw, len);
	n->name_len = len;
}

static bool role_is(const char *role, const char *a, const char *b, const char *c)
{
	return role && (strcmp(role, a) == 0 || strcmp(role, b) == 0 || (c && strcmp(role, c) == 0));
}

/* Pipes, fifos, queues and ptys: the writing/sending/master side goes left. */
static int flow_rank(const struct endpoint *ep)
{
	if (role_is(ep->role, "write", "writer", "sender") || role_is(ep->role, "master", "send", NULL))
		return 0;
	if (role_is(ep->role, "read", "reader", "receiver") || role_is(ep->role, "slave", "recv", NULL))
		return 2;
	if (ep->access == ACC_W)
		return 0;
	if (ep->access == ACC_R)
		return 2;
	return 1;
}

static int inet_rank(const struct snapshot *s, const struct channel *c, const struct endpoint *ep,
                     const bool *listen_port)
{
	if (ep->sock < 0 || (size_t)ep->sock >= s->n_socks)
		return 0;
	const struct sock_info *k = &s->socks[ep->sock];
	if ((listen_port && listen_port[ep->sock]) || (c->kind == CK_TCP && k->state == TCP_LISTEN_STATE))
		return 3;   /* accepted on a listened port, or the listener itself */
	if (c->kind == CK_UDP && (k->state == UDP_UNCONNECTED_STATE || k->rport == 0))
		return 2;
	return k->lport < k->rport ? 1 : 0;
}

int graph_endpoint_rank(const struct snapshot *s, const struct channel *c, const struct endpoint *ep,
                        const bool *listen_port)
{
	switch (c->kind) {
	case CK_TCP:
	case CK_UDP:
		return inet_rank(s, c, ep, listen_port);
	case CK_UNIX:
		if (ep->sock < 0 || (size_t)ep->sock >= s->n_socks)
			return 0;
		return s->socks[ep->sock].name && s->socks[ep->sock].name_len > 0 ? 1 : 0;
	case CK_PIPE: case CK_FIFO: case CK_PTY: case CK_SYSV_MSG: case CK_POSIX_MQ:
		return flow_rank(ep);
	default:
		return 0;
	}
}

/* Per socket: does a listening TCP socket of its namespace use its local port? */
static bool *find_listen_ports(const struct snapshot *s)
{
	bool *out = xcalloc(s->n_socks ? s->n_socks : 1, sizeof(*out));
	struct u64map ports;
	u64map_init(&ports, 64);
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (k->protocol == IPPROTO_TCP && k->state == TCP_LISTEN_STATE && k->family != AF_UNIX)
			u64map_put(&ports, u64_mix(k->netns, k->lport), 1);
	}
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (k->protocol == IPPROTO_TCP && k->family != AF_UNIX && k->state != TCP_LISTEN_STATE)
			out[i] = u64map_get(&ports, u64_mix(k->netns, k->lport)) >= 0;
	}
	u64map_free(&ports);
	return out;
}

static const struct proc_info *proc_of(const struct snapshot *s, const struct endpoint *ep)
{
	if (ep->proc >= 0 && (size_t)ep->proc < s->n_procs)
		return &s->procs[ep->proc];
	return snapshot_find_proc_on(s, ep->pid, ep->host);
}

/* A process's key: its pid, and on a --merge (pids repeat across hosts) its host's name
 * hashed into bits 32..59, below the KEY_ kinds. */
static uint64_t pid_key(const struct proc_info *p, pid_t pid)
{
	uint64_t k = (uint32_t)pid;
	if (p && p->host)
		k |= (hash_bytes(p->host, strlen(p->host)) & 0xFFFFFFFULL) << 32;
	return k;
}

/* The key of listener l's service node (netns, address and port; the host on a --merge). */
static uint64_t service_key(const struct builder *b, const struct proc_info *p, int32_t l)
{
	const struct sock_info *sk = &b->s->socks[l];
	uint64_t h = u64_mix(u64_mix(sk->netns, sk->lport), hash_bytes((const char *)sk->laddr, sizeof sk->laddr));
	h = u64_mix(h, pid_key(p, 0));
	return KEY_SERVICE | (h & ((1ULL << 60) - 1));
}

/* By service or user: the key of process i's group, or its pid's when alone in it or when
 * that group is expanded (*group then its key). */
static uint64_t by_key(struct builder *b, const struct proc_info *p, pid_t pid, size_t i, const char **name,
		       uint64_t *group)
{
	uint64_t key = b->by.key[i] | KEY_GROUP;
	if (b->by.size[i] < 2)
		return pid_key(p, pid);
	if (b->o->expanded && u64map_get(b->o->expanded, key) >= 0) {
		*group = key;
		return pid_key(p, pid);
	}
	*name = graph_by_name(b->s, b->o->by, i, b->svc_name, sizeof b->svc_name);
	return key;
}

/* When collapsing: the key of the service it serves ("nginx :80", *listener1 set), else of
 * its family when it has one; else its pid. *group: the family's key when that group is
 * expanded (its processes drawn one by one), else 0. */
static uint64_t proc_key(struct builder *b, const struct proc_info *p, pid_t pid, const char **name,
			 int32_t *listener1, uint64_t *group)
{
	*name = p && p->comm ? p->comm : "?";
	*listener1 = 0;
	*group = 0;
	if (!b->o->collapse || !p)
		return pid_key(p, pid);
	size_t i = (size_t)(p - b->s->procs);
	if (b->by.key && b->by.key[i])   /* by service or user: its group, or alone */
		return by_key(b, p, pid, i, name, group);
	int32_t l = graph_service_of_proc(&b->svc, i);
	if (l >= 0) {
		graph_service_name(&b->svc, b->s, l, b->svc_name, sizeof b->svc_name);
		*name = b->svc_name;
		uint64_t key = service_key(b, p, l);
		if (b->o->expanded && u64map_get(b->o->expanded, key) >= 0) {
			*name = p->comm ? p->comm : "?";
			*group = key;
			return pid_key(p, pid);
		}
		*listener1 = l + 1;
		return key;
	}
	if (b->fam.size[i] < 2)
		return pid_key(p, pid);
	uint64_t key = pid_key(p, b->fam.root[i]) | KEY_GROUP;
	if (b->o->expanded && u64map_get(b->o->expanded, key) >= 0) {
		*group = key;
		return pid_key(p, pid);
	}
	const struct proc_info *top = snapshot_find_proc_on(b->s, b->fam.root[i], p->host);
	if (top && top->comm)
		*name = top->comm;
	return key;
}

static uint32_t node_by_key(struct builder *b, const struct gnode *proto)
{
	int32_t idx = u64map_get(&b->node_of_key, proto->key);
	if (idx < 0) {
		idx = (int32_t)graph_model_add_node(b->g, proto);
		u64map_put(&b->node_of_key, proto->key, idx);
	}
	return (uint32_t)idx;
}

/* The node of a process (or of its family when collapsing), created on first use. */
static uint32_t node_of_pid(struct builder *b, const struct endpoint *ep)
{
	const struct proc_info *p = proc_of(b->s, ep);
	const char *comm;
	int32_t listener1;
	uint64_t group;
	uint64_t key = proc_key(b, p, ep->pid, &comm, &listener1, &group);
	uint64_t start = p ? p->start_time : 0;
	const char *host = p ? p->host : NULL;
	struct gnode proto = { .key = key, .type = key & KEY_GROUP ? GN_GROUP : GN_PROC, .pid = ep->pid,
			       .start = start, .host = host, .chan = -1, .listener1 = listener1, .group = group,
			       .svc_port = listener1 > 0 ? b->s->socks[listener1 - 1].lport : 0 };
	set_name(&proto, comm, strlen(comm));
	uint32_t idx = node_by_key(b, &proto);
	struct gnode *n = &b->g->nodes[idx];
	if (u64map_put(&b->counted_pid, pid_key(p, ep->pid), (int32_t)idx) < 0) {
		n->count++;
		if (ep->pid < n->pid) {
			n->pid = ep->pid;
			n->start = start;
			n->host = host;
		}
		XGROW(b->g->members, b->g->cap_members, b->g->n_members + 1);
		b->g->members[b->g->n_members++] = (struct gmember){ ep->pid, start, host, idx };
	}
	return idx;
}

/* The node of a peer no local process holds, by its address. */
static uint32_t node_of_addr(struct builder *b, const struct endpoint *ep)
{
	struct gnode proto = { .key = (hash_bytes(ep->remote, strlen(ep->remote)) >> 2) | KEY_ADDR,
		.type = GN_ADDR, .chan = -1, .count = 1,
		.addr = role_is(ep->role, "peer closed", "closed", NULL) ? GA_CLOSED
			: role_is(ep->role, "unseen", "unseen", NULL) ? GA_UNSEEN : GA_REMOTE };
	set_name(&proto, ep->remote, strlen(ep->remote));
	return node_by_key(b, &proto);
}

/* What the ends of c on node sent and received per second (model/rates; NAN unknown). */
static void node_rates(const struct builder *b, const struct channel *c, uint32_t node, double *tx,
                       double *rx)
{
	*tx = *rx = NAN;
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct endpoint *ep = &c->ep[i];
		if (ep->pid <= 0 || isnan(endpoint_rate(ep)) ||
		    u64map_get(&b->counted_pid, pid_key(proc_of(b->s, ep), ep->pid)) != (int32_t)node)
			continue;
		*tx = rate_add(*tx, ep->tx_per_s);
		*rx = rate_add(*rx, ep->rx_per_s);
	}
}

/* The edge's rates each way: from's ends' send and receive rates, else to's the other way. */
static void edge_rates(const struct builder *b, struct gedge *e, const struct channel *c)
{
	double fwd = NAN, back = NAN;
	if (!b->s->has_rates)
		return;
	node_rates(b, c, e->from, &fwd, &back);
	if (isnan(fwd))
		node_rates(b, c, e->to, &back, &fwd);
	e->rate_fwd = rate_add(e->rate_fwd, fwd);
	e->rate_back = rate_add(e->rate_back, back);
}

static void add_edge(struct builder *b, uint32_t from, uint32_t to, const struct channel *c, int32_t ci,
                     bool directed)
{
	uint64_t key = u64_mix(u64_mix(b->g->nodes[from].key, b->g->nodes[to].key), c->kind);
	int32_t idx = u64map_get(&b->edge_of_key, key);
	if (idx < 0) {
		struct gedge e = { .from = from, .to = to, .kind = c->kind, .directed = directed, .chan = ci, .key = key,
				   .rate_fwd = NAN, .rate_back = NAN };
		u64map_put(&b->edge_of_key, key, (int32_t)b->g->n_edges);
		graph_model_add_edge(b->g, &e);
		idx = (int32_t)b->g->n_edges - 1;
	}
	struct gedge *e = &b->g->edges[idx];
	e->directed = e->directed || directed;
	e->n_chans++;
	e->bytes += c->bytes;
	if (c->queued_known) {
		e->queued += c->queued;
		e->queued_known = true;
	}
	edge_rates(b, e, c);
}

static int party_cmp(const void *a, const void *b)
{
	const struct party *x = a, *y = b;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Collect the channel's processes as (node, pid, rank), sorted by node; returns how many. */
static size_t gather_parties(struct builder *b, const struct channel *c)
{
	size_t n = 0, n_addr = 0;
	int local_max = 0;
	XGROW(b->parties, b->cap_parties, c->n_ep + 1);
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct endpoint *ep = &c->ep[i];
		if (ep->pid <= 0 && ep->remote)
			n_addr++;
		if (ep->pid <= 0)
			continue;
		b->parties[n] = (struct party){ .node = node_of_pid(b, ep), .pid = ep->pid,
			.rank = graph_endpoint_rank(b->s, c, ep, b->listen_port) };
		local_max = b->parties[n].rank > local_max ? b->parties[n].rank : local_max;
		n++;
	}
	/* an address peer faces the local side: its client when that serves, else its server */
	for (size_t i = 0; i < c->n_ep && n > 0 && n_addr > 0; i++)
		if (c->ep[i].pid <= 0 && c->ep[i].remote)
			b->parties[n++] = (struct party){ .node = node_of_addr(b, &c->ep[i]), .pid = 0,
				.rank = local_max >= 1 ? -1 : 4 };
	qsort(b->parties, n, sizeof(*b->parties), party_cmp);
	return n;
}

/* Fold parties into one entry per node (highest rank); returns the node count, *n_pids the
 * number of distinct processes. */
static size_t fold_parties(struct party *p, size_t n, uint32_t *n_pids)
{
	size_t out = 0;
	*n_pids = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || p[i].pid != p[i - 1].pid || p[i].node != p[i - 1].node)
			(*n_pids)++;
		if (out > 0 && p[out - 1].node == p[i].node) {
			if (p[i].rank > p[out - 1].rank)
				p[out - 1].rank = p[i].rank;
			continue;
		}
		p[out++] = p[i];
	}
	return out;
}

static void add_pair(struct builder *b, const struct channel *c, int32_t ci, const struct party *p)
{
	const struct party *left = &p[0], *right = &p[1];
	bool directed = p[0].rank != p[1].rank;
	if (p[0].rank > p[1].rank || (!directed && p[1].pid < p[0].pid)) {
		left = &p[1];
		right = &p[0];
	}
	add_edge(b, left->node, right->node, c, ci, directed);
}

static void add_hub(struct builder *b, const struct channel *c, int32_t ci, const struct party *p,
                    size_t n, uint32_t n_pids)
{
	const char *id = c->id ? c->id : "";
	struct gnode hub = { .key = (hash_bytes(id, strlen(id)) >> 2) | KEY_HUB, .type = GN_HUB,
		.count = n_pids, .kind = c->kind, .chan = ci, .one_ended = c->one_ended };
	if (c->label)
		set_name(&hub, c->label, strlen(c->label));
	uint32_t h = graph_model_add_node(b->g, &hub);
	int lo = p[0].rank, hi = p[0].rank;
	for (size_t i = 1; i < n; i++) {
		lo = p[i].rank < lo ? p[i].rank : lo;
		hi = p[i].rank > hi ? p[i].rank : hi;
	}
	for (size_t i = 0; i < n; i++) {
		if (hi > lo && p[i].rank == hi)
			add_edge(b, h, p[i].node, c, ci, true);
		else
			add_edge(b, p[i].node, h, c, ci, hi > lo);
	}
}

/* A channel all of whose processes are in group: counted on it, with its bytes and rate. */
static void count_inside(const struct builder *b, struct gnode *group, const struct channel *c)
{
	group->inner++;
	group->inner_bytes += c->bytes;
	double r = b->s->has_rates ? channel_rate(c) : NAN;
	if (r > 0)
		group->inner_rate += r;
}

static void add_channel(struct builder *b, const struct channel *c, int32_t ci)
{
	size_t n = gather_parties(b, c);
	uint32_t n_pids = 0;
	n = fold_parties(b->parties, n, &n_pids);
	if (n == 1 && n_pids >= 2 && b->g->nodes[b->parties[0].node].type == GN_GROUP)
		count_inside(b, &b->g->nodes[b->parties[0].node], c);
	else if (n == 2 && n_pids <= 2 && !c->one_ended)
		add_pair(b, c, ci, b->parties);
	else if (n >= 2)
		add_hub(b, c, ci, b->parties, n, n_pids);
}

/* Drop nodes that ended up without edges (a process seen only on self-channels); a group
 * with channels inside stays. */
static void drop_lonely_nodes(struct graph_model *g)
{
	uint32_t *new_index = xcalloc(g->n_nodes + 1, sizeof(*new_index));
	bool *used = xcalloc(g->n_nodes + 1, sizeof(*used));
	for (size_t i = 0; i < g->n_edges; i++)
		used[g->edges[i].from] = used[g->edges[i].to] = true;
	for (size_t i = 0; i < g->n_nodes; i++)
		used[i] = used[i] || g->nodes[i].inner > 0;
	size_t n = 0;
	for (size_t i = 0; i < g->n_nodes; i++) {
		new_index[i] = (uint32_t)n;
		if (used[i])
			g->nodes[n++] = g->nodes[i];
	}
	g->n_nodes = n;
	for (size_t i = 0; i < g->n_edges; i++) {
		g->edges[i].from = new_index[g->edges[i].from];
		g->edges[i].to = new_index[g->edges[i].to];
	}
	size_t kept = 0;
	for (size_t i = 0; i < g->n_members; i++)
		if (used[g->members[i].node])
			g->members[kept++] = (struct gmember){ g->members[i].pid, g->members[i].start,
							       g->members[i].host, new_index[g->members[i].node] };
	g->n_members = kept;
	free(new_index);
	free(used);
}

/* Whether one of the channel's processes is in the scope. */
static bool in_scope(const struct snapshot *s, const struct channel *c, const bool *scope)
{
	if (!scope)
		return true;
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct proc_info *p = c->ep[i].pid > 0 ? proc_of(s, &c->ep[i]) : NULL;
		if (p && scope[p - s->procs])
			return true;
	}
	return false;
}

static bool chan_shown(const struct snapshot *s, const struct channel *c, const struct gm_opts *o)
{
	return (o->kind_mask & (1u << c->kind)) && (o->one_ended || !c->one_ended) && in_scope(s, c, o->scope);
}

enum gedge_weight gedge_weight_of(double fwd, double back)
{
	double r = rate_add(fwd, back);
	if (isnan(r) || r < 0)
		return GW_UNKNOWN;
	return r == 0 ? GW_IDLE : r >= GW_BUSY_RATE ? GW_BUSY : GW_ACTIVE;
}

/* A family whose members that serve a listener all serve one, and that holds all of its
 * servers (a postmaster, the backends it accepted for and its helpers), is drawn whole as the
 * service node: else the cluster splits into the service and the rest of the family, and a
 * client of a member that serves no listener (psql over the UNIX socket) is two hops from the
 * postmaster instead of one. */
static void services_take_families(struct builder *b)
{
	size_t n = b->s->n_procs;
	int32_t *pl = b->svc.proc_listener, *fam_l = xmalloc((n + 1) * sizeof(*fam_l));
	uint32_t *cnt = xcalloc(n + 1, sizeof(*cnt));
	size_t *root = xmalloc((n + 1) * sizeof(*root));
	for (size_t i = 0; i < n; i++) {
		const struct proc_info *top = snapshot_find_proc_on(b->s, b->fam.root[i], b->s->procs[i].host);
		root[i] = top ? (size_t)(top - b->s->procs) : i;
		fam_l[i] = -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (pl[i] < 0 || b->fam.size[i] < 2)
			continue;
		fam_l[root[i]] = fam_l[root[i]] == -1 || fam_l[root[i]] == pl[i] ? pl[i] : -2;
		cnt[root[i]]++;
	}
	for (size_t i = 0; i < n; i++) {
		int32_t l = fam_l[root[i]];
		if (b->fam.size[i] >= 2 && l >= 0 && cnt[root[i]] == b->svc.servers[l])
			pl[i] = l;
	}
	free(fam_l);
	free(cnt);
	free(root);
}

void graph_model_build(struct graph_model *g, const struct snapshot *s, const struct gm_opts *o)
{
	g->n_nodes = g->n_edges = g->n_members = 0;
	struct builder b = { .g = g, .s = s, .o = o, .listen_port = find_listen_ports(s) };
	if (o->collapse) {
		graph_families_find(s, &b.fam);
		graph_services_find(s, &b.svc);
		services_take_families(&b);
		if (o->by != GB_FAMILY)
			graph_by_find(s, o->by, &b.by);
	}
	u64map_init(&b.node_of_key, 64);
	u64map_init(&b.edge_of_key, 64);
	u64map_init(&b.counted_pid, 64);
	for (size_t i = 0; i < s->n_chans; i++)
		if (chan_shown(s, &s->chans[i], o))
			add_channel(&b, &s->chans[i], (int32_t)i);
	drop_lonely_nodes(g);
	for (size_t e = 0; e < g->n_edges; e++)
		g->edges[e].weight = (uint8_t)gedge_weight_of(g->edges[e].rate_fwd, g->edges[e].rate_back);
	u64map_free(&b.node_of_key);
	u64map_free(&b.edge_of_key);
	u64map_free(&b.counted_pid);
	free(b.listen_port);
	free(b.parties);
	graph_families_free(&b.fam);
	graph_services_free(&b.svc);
	graph_by_free(&b.by);
}
