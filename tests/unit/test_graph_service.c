/* test_graph_service.c — the graph's service nodes on a hand-made snapshot: with groups on, the
 * connections accepted through a listener that several processes serve (an nginx master and
 * two workers holding it) end in one node "nginx :80" that holds its 3 servers, and each
 * client has one edge to it with the count of its connections, their bytes and their summed
 * rates; the master and workers are drawn in it. Expanded (groups off), each connection goes to the
 * worker that accepted it again. A listener one process serves (redis) groups nothing. A second
 * nginx on the same port of another address is a second node, and both names say the address.
 * A member of the family that serves no listener (a cache manager) is drawn in the service
 * node too, when its family holds all of the listener's servers. */
#include <math.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "layout/graph_model.h"
#include "../tap.h"

static struct proc_info procs[12];
static struct fd_info fds[12][4];
static struct sock_info socks[16];
static struct channel chans[8];
static struct endpoint eps[24];
static size_t n_eps;

static void proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm)
{
	procs[s->n_procs] = (struct proc_info){ .pid = pid, .ppid = ppid, .comm = (char *)comm,
						.fds = fds[s->n_procs] };
	s->n_procs++;
}

/* Socket k held by process pi at fd (its fds[] in order), a TCP socket on lport. */
static void sock(struct snapshot *s, size_t pi, int32_t k, uint8_t state, uint16_t lport, uint16_t rport,
		 int32_t listener1)
{
	socks[k] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = state, .lport = lport,
				       .rport = rport, .listener1 = listener1, .netns = 7, .laddr = { 127, 0, 0, 1 } };
	if ((size_t)k + 1 > s->n_socks)
		s->n_socks = (size_t)k + 1;
	struct proc_info *p = &procs[pi];
	p->fds[p->n_fds++] = (struct fd_info){ .fd = 3 + (int)p->n_fds, .kind = FDK_SOCKET, .sock = k, .chan = -1 };
}

static void conn(struct snapshot *s, const char *id, pid_t cli, int32_t ck, pid_t srv, int32_t sk,
		 uint64_t bytes, double cli_tx)
{
	chans[s->n_chans] = (struct channel){ .kind = CK_TCP, .id = (char *)id, .ep = &eps[n_eps], .n_ep = 2,
					      .sysv = -1, .bytes = bytes };
	eps[n_eps++] = (struct endpoint){ .pid = cli, .proc = -1, .fd = 3, .sock = ck, .role = "client",
					  .tx_per_s = cli_tx, .rx_per_s = 0 };
	eps[n_eps++] = (struct endpoint){ .pid = srv, .proc = -1, .fd = 3, .sock = sk, .role = "server",
					  .tx_per_s = 0, .rx_per_s = cli_tx };
	s->n_chans++;
}

/* A listener's channel: socket k held by pids first..last. */
static void listen_chan(struct snapshot *s, const char *id, pid_t first, pid_t last, int32_t k)
{
	chans[s->n_chans] = (struct channel){ .kind = CK_TCP, .id = (char *)id, .ep = &eps[n_eps],
					      .n_ep = (size_t)(last - first + 1), .sysv = -1 };
	for (pid_t p = first; p <= last; p++)
		eps[n_eps++] = (struct endpoint){ .pid = p, .proc = -1, .fd = 3, .sock = k, .role = "listen",
						  .tx_per_s = NAN, .rx_per_s = NAN };
	s->n_chans++;
}

/* nginx 100 with workers 101, 102, all holding listener 0 on :80 (one channel); 101 accepted 1 and 2, 102
 * accepted 3; client 400 holds 4 and 5 (to 1 and 2), client 500 holds 6 (to 3). redis 600
 * alone holds listener 7 on :6379 and accepted 8; client 700 holds 9. */
static void build(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	memset(procs, 0, sizeof procs);
	n_eps = 0;
	s->procs = procs;
	s->socks = socks;
	s->chans = chans;
	s->has_rates = true;
	proc(s, 100, 1, "nginx"); proc(s, 101, 100, "nginx"); proc(s, 102, 100, "nginx");
	proc(s, 400, 1, "curl"); proc(s, 500, 1, "wget");
	proc(s, 600, 1, "redis-server"); proc(s, 700, 1, "redis-cli");
	for (size_t pi = 0; pi < 3; pi++)
		sock(s, pi, 0, 10, 80, 0, 0);
	sock(s, 1, 1, 1, 80, 40001, 1); sock(s, 1, 2, 1, 80, 40002, 1); sock(s, 2, 3, 1, 80, 40003, 1);
	sock(s, 3, 4, 1, 40001, 80, 0); sock(s, 3, 5, 1, 40002, 80, 0); sock(s, 4, 6, 1, 40003, 80, 0);
	sock(s, 5, 7, 10, 6379, 0, 0); sock(s, 5, 8, 1, 6379, 40009, 8); sock(s, 6, 9, 1, 40009, 6379, 0);
	listen_chan(s, "tcp:listen", 100, 102, 0);   /* the shared listener: one channel of its holders */
	conn(s, "tcp:a", 400, 4, 101, 1, 1000, 100.0);
	conn(s, "tcp:b", 400, 5, 101, 2, 2000, 50.0);
	conn(s, "tcp:c", 500, 6, 102, 3, 500, 10.0);
	conn(s, "tcp:d", 700, 9, 600, 8, 42, 1.0);
}

static int node_named(const struct graph_model *g, const char *name)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].name_len == strlen(name) && !memcmp(g->nodes[i].name, name, strlen(name)))
			return (int)i;
	return -1;
}

static const struct gedge *edge(const struct graph_model *g, int from, int to)
{
	for (size_t e = 0; e < g->n_edges; e++)
		if ((int)g->edges[e].from == from && (int)g->edges[e].to == to)
			return &g->edges[e];
	return NULL;
}

static int degree(const struct graph_model *g, int n)
{
	int d = 0;
	for (size_t e = 0; e < g->n_edges; e++)
		d += (int)g->edges[e].from == n || (int)g->edges[e].to == n;
	return d;
}

static void test_grouped(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	int svc = node_named(&g, "nginx :80");
	ok(svc >= 0 && g.nodes[svc].type == GN_GROUP && g.nodes[svc].count == 3 && g.nodes[svc].pid == 100,
	   "groups on: one service node \"nginx :80\" of the 3 servers, named from the master 100");
	ok(svc >= 0 && g.nodes[svc].inner == 1 && g.nodes[svc].listener1 == 1 && g.nodes[svc].svc_port == 80,
	   "...the shared listener counted inside it, which it names (socket 0, port 80)");
	int curl = graph_model_node_of_pid(&g, 400), wget = graph_model_node_of_pid(&g, 500);
	const struct gedge *e = svc >= 0 && curl >= 0 ? edge(&g, curl, svc) : NULL;
	ok(e && e->directed && e->n_chans == 2 && e->bytes == 3000,
	   "curl → nginx :80: one directed edge for its 2 connections, their 3000 bytes");
	ok(e && e->rate_fwd == 150.0 && e->rate_back == 0.0, "curl → nginx :80: their rates summed (150 B/s sent)");
	e = svc >= 0 && wget >= 0 ? edge(&g, wget, svc) : NULL;
	ok(e && e->n_chans == 1 && e->bytes == 500, "wget → nginx :80: one edge for its one connection");
	is_int(degree(&g, svc), 2, "the service node has one edge per client");
	ok(graph_model_node_of_pid(&g, 100) == svc && graph_model_node_of_pid(&g, 101) == svc &&
	   graph_model_node_of_pid(&g, 102) == svc, "the master and both workers are drawn in the service node");
	int redis = graph_model_node_of_pid(&g, 600), cli = graph_model_node_of_pid(&g, 700);
	ok(node_named(&g, "redis-server :6379") < 0 && redis >= 0 && cli >= 0 && edge(&g, cli, redis),
	   "a listener one process serves: no service node, redis-cli → redis-server as before");
	graph_model_free(&g);
}

static void test_expanded(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = false };
	graph_model_build(&g, &s, &o);
	ok(node_named(&g, "nginx :80") < 0, "groups off: no service node");
	int curl = graph_model_node_of_pid(&g, 400), wget = graph_model_node_of_pid(&g, 500);
	int w1 = graph_model_node_of_pid(&g, 101), w2 = graph_model_node_of_pid(&g, 102);
	const struct gedge *e = curl >= 0 && w1 >= 0 ? edge(&g, curl, w1) : NULL;
	ok(e && e->n_chans == 2, "groups off: curl → worker 101, which accepted both its connections");
	ok(wget >= 0 && w2 >= 0 && edge(&g, wget, w2), "groups off: wget → worker 102");
	graph_model_free(&g);
}

/* A second nginx, 800 with worker 801, both holding listener 10 on 127.0.0.2:80; 801 accepted
 * 11 from client 900's 12. */
static void add_second_nginx(struct snapshot *s)
{
	proc(s, 800, 1, "nginx"); proc(s, 801, 800, "nginx"); proc(s, 900, 1, "curl");
	size_t m = s->n_procs - 3;
	sock(s, m, 10, 10, 80, 0, 0); sock(s, m + 1, 10, 10, 80, 0, 0);
	sock(s, m + 1, 11, 1, 80, 40011, 11); sock(s, m + 2, 12, 1, 40011, 80, 0);
	for (int32_t k = 10; k <= 11; k++)
		socks[k].laddr[3] = 2;
	listen_chan(s, "tcp:listen2", 800, 801, 10);
	conn(s, "tcp:e", 900, 12, 801, 11, 7, 1.0);
}

static void test_same_port(void)
{
	struct snapshot s;
	build(&s);
	add_second_nginx(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	int one = node_named(&g, "nginx 127.0.0.1:80"), two = node_named(&g, "nginx 127.0.0.2:80");
	ok(one >= 0 && two >= 0 && one != two && node_named(&g, "nginx :80") < 0,
	   "two nginx on port 80 of two addresses: two service nodes, each named by its address");
	ok(one >= 0 && two >= 0 && g.nodes[one].count == 3 && g.nodes[two].count == 2 && g.nodes[two].pid == 800,
	   "...the first of its 3 servers, the second of its own 2 (from 800)");
	int c = graph_model_node_of_pid(&g, 900);
	ok(c >= 0 && two >= 0 && edge(&g, c, two) && degree(&g, c) == 1,
	   "the second one's client has its one edge to the second node");
	graph_model_free(&g);
}

/* nginx's cache manager 750 (a child of the master that serves no listener) with a connection
 * of its own to 1000, not accepted on the listener: its family serves one listener and holds
 * all its servers, so the whole family is the service node, 750 in it, 1000's edge to it. */
static void test_whole_family(void)
{
	struct snapshot s;
	build(&s);
	proc(&s, 750, 100, "nginx"); proc(&s, 1000, 1, "logger");   /* pids in order: found by bisection */
	sock(&s, s.n_procs - 2, 13, 1, 5140, 40013, 0); sock(&s, s.n_procs - 1, 14, 1, 40013, 5140, 0);
	conn(&s, "tcp:f", 1000, 14, 750, 13, 9, 1.0);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	int svc = node_named(&g, "nginx :80"), logger = graph_model_node_of_pid(&g, 1000);
	ok(svc >= 0 && graph_model_node_of_pid(&g, 750) == svc && g.nodes[svc].count == 4,
	   "a family whose servers are all of one listener's: its other member 750 is in the service node too (4)");
	ok(svc >= 0 && logger >= 0 && edge(&g, logger, svc), "...and 750's peer has its edge to the service node");
	is_int(g.n_nodes, 6, "nodes: the service, curl, wget, redis-server, redis-cli, logger (no family box beside)");
	graph_model_free(&g);
}

int main(void)
{
	test_grouped();
	test_whole_family();
	test_same_port();
	test_expanded();
	return tap_done();
}
