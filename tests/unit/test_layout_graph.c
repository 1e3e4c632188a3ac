/* test_layout_graph.c — the communication graph model (hubs, sides, lonely processes) and the
 * layered layout (no overlaps, orthogonal border-to-border edges, layers, stability, crossings). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "layout/graph_layout.h"
#include "layout/graph_model.h"
#include "../tap.h"

static const struct gl_opts opts = GL_OPTS_DEFAULT;

static void make_nodes(struct gl_node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		nodes[i] = (struct gl_node){ .key = 1000 + i, .w = 8 + (int)(i % 5) * 2, .h = 3 };
}

static bool boxes_overlap(const struct gl_node *a, const struct gl_node *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool on_border(const struct gl_node *b, struct gl_point p)
{
	bool in_x = p.x >= b->x && p.x < b->x + b->w, in_y = p.y >= b->y && p.y < b->y + b->h;
	return in_x && in_y && (p.x == b->x || p.x == b->x + b->w - 1 || p.y == b->y || p.y == b->y + b->h - 1);
}

static bool inside(const struct gl_node *b, int x, int y)
{
	return x >= b->x && x < b->x + b->w && y >= b->y && y < b->y + b->h;
}

/* Every cell of the polyline but its two ends lies outside every box. */
static bool clear_of_boxes(const struct gl_node *nodes, size_t n, const struct gl_point *p, size_t np)
{
	for (size_t s = 0; s + 1 < np; s++) {
		int dx = (p[s + 1].x > p[s].x) - (p[s + 1].x < p[s].x), dy = (p[s + 1].y > p[s].y) - (p[s + 1].y < p[s].y);
		for (int x = p[s].x, y = p[s].y;; x += dx, y += dy) {
			bool end = (s == 0 && x == p[0].x && y == p[0].y) || (s + 2 == np && x == p[np - 1].x && y == p[np - 1].y);
			for (size_t i = 0; i < n && !end; i++)
				if (inside(&nodes[i], x, y))
					return false;
			if (x == p[s + 1].x && y == p[s + 1].y)
				break;
		}
	}
	return true;
}

static void check_geometry(const struct gl_node *nodes, size_t n, const struct gl_edge *edges, size_t m,
                           const struct gl_result *r, const char *what)
{
	bool overlap = false, ends = true, ortho = true, clear = true;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			overlap = overlap || boxes_overlap(&nodes[i], &nodes[j]);
	for (size_t e = 0; e < m; e++) {
		if (edges[e].from == edges[e].to)
			continue;
		const struct gl_point *p = &r->pts[edges[e].first_pt];
		size_t np = edges[e].n_pts;
		if (np < 2 || !on_border(&nodes[edges[e].from], p[0]) || !on_border(&nodes[edges[e].to], p[np - 1])) {
			ends = false;
			continue;
		}
		for (size_t k = 0; k + 1 < np; k++)
			if (p[k].x != p[k + 1].x && p[k].y != p[k + 1].y)
				ortho = false;
		clear = clear && clear_of_boxes(nodes, n, p, np);
	}
	ok(!overlap, "%s: no two boxes overlap", what);
	ok(ends, "%s: every edge starts on its source's border and ends on its target's", what);
	ok(ortho, "%s: every edge is horizontal and vertical segments only", what);
	ok(clear, "%s: no edge passes through a box", what);
	bool within = true;
	for (size_t i = 0; i < n; i++)
		within = within && nodes[i].x >= 0 && nodes[i].y >= 0 && nodes[i].x + nodes[i].w <= r->width &&
			 nodes[i].y + nodes[i].h <= r->height;
	ok(within, "%s: boxes inside the reported extent %dx%d", what, r->width, r->height);
}

static void test_chain(void)
{
	struct gl_node nodes[3];
	make_nodes(nodes, 3);
	/* given out of order: c, a, b with a → b → c */
	struct gl_edge edges[] = { { .from = 1, .to = 2 }, { .from = 2, .to = 0 } };
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 3, edges, 2, NULL, &opts, &r);
	ok(nodes[1].layer == 0 && nodes[2].layer == 1 && nodes[0].layer == 2, "chain: layers 0, 1, 2");
	ok(nodes[1].x + nodes[1].w <= nodes[2].x && nodes[2].x + nodes[2].w <= nodes[0].x, "chain: laid out left to right");
	ok(edges[0].n_pts == 2 && edges[1].n_pts == 2, "chain: straight lines between aligned boxes");
	check_geometry(nodes, 3, edges, 2, &r, "chain");
	gl_result_free(&r);
}

/* A tangled graph: long edges, a cycle, same-layer pressure, a self-loop. */
static size_t tangle(struct gl_edge *edges, size_t n, unsigned seed)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		edges[m++] = (struct gl_edge){ .from = (uint32_t)i, .to = (uint32_t)((i + 1 + (seed >> 16) % 7) % n) };
		if (i % 3 == 0)
			edges[m++] = (struct gl_edge){ .from = (uint32_t)((seed >> 8) % n), .to = (uint32_t)i };
	}
	edges[m++] = (struct gl_edge){ .from = 2, .to = 2 };
	return m;
}

static void test_tangle(void)
{
	struct gl_node nodes[30];
	struct gl_edge edges[64];
	make_nodes(nodes, 30);
	size_t m = tangle(edges, 30, 7);
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 30, edges, m, NULL, &opts, &r);
	check_geometry(nodes, 30, edges, m, &r, "tangle");
	gl_result_free(&r);
}

static void test_stability(void)
{
	struct gl_node nodes[13];
	struct gl_edge edges[40];
	make_nodes(nodes, 13);
	size_t m = tangle(edges, 12, 3);
	struct gl_memory mem;
	gl_memory_init(&mem);
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 12, edges, m, &mem, &opts, &r);
	struct gl_node before[12];
	memcpy(before, nodes, sizeof(before));
	/* a new node joins, talking to two old ones */
	edges[m++] = (struct gl_edge){ .from = 12, .to = 4 };
	edges[m++] = (struct gl_edge){ .from = 7, .to = 12 };
	graph_layout_run(nodes, 13, edges, m, &mem, &opts, &r);
	bool same_layer = true, same_order = true;
	for (size_t i = 0; i < 12; i++) {
		same_layer = same_layer && nodes[i].layer == before[i].layer;
		for (size_t j = 0; j < 12; j++)
			if (before[i].layer == before[j].layer && before[i].order < before[j].order &&
			    nodes[i].order >= nodes[j].order)
				same_order = false;
	}
	ok(same_layer, "stability: old nodes keep their layer when a node appears");
	ok(same_order, "stability: old nodes keep their relative order when a node appears");
	check_geometry(nodes, 13, edges, m, &r, "stability");
	gl_memory_free(&mem);
	gl_result_free(&r);
}

static void test_crossings(void)
{
	struct gl_node nodes[8];
	struct gl_edge edges[8];
	make_nodes(nodes, 8);
	for (uint32_t i = 0; i < 4; i++) {
		edges[2 * i] = (struct gl_edge){ .from = i, .to = 4 + (3 - i) };
		edges[2 * i + 1] = (struct gl_edge){ .from = i, .to = 4 + (3 - i + 1) % 4 };
	}
	struct gl_opts none = opts;
	none.sweeps = 0;
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 8, edges, 8, NULL, &none, &r);
	long input = graph_layout_crossings(nodes, 8, edges, 8);
	graph_layout_run(nodes, 8, edges, 8, NULL, &opts, &r);
	long swept = graph_layout_crossings(nodes, 8, edges, 8);
	ok(input > 0, "crossings: the input order of the bipartite case crosses (%ld)", input);
	ok(swept <= input, "crossings: sweeps give %ld, not worse than the input's %ld", swept, input);
	ok(swept < input, "crossings: sweeps improve the reversed bipartite case");
	check_geometry(nodes, 8, edges, 8, &r, "bipartite");
	/* a reversed matching: 6 crossings as given, none after sweeping */
	for (uint32_t i = 0; i < 4; i++)
		edges[i] = (struct gl_edge){ .from = i, .to = 4 + (3 - i) };
	graph_layout_run(nodes, 8, edges, 4, NULL, &none, &r);
	is_int(graph_layout_crossings(nodes, 8, edges, 4), 6, "matching: 6 crossings in input order");
	graph_layout_run(nodes, 8, edges, 4, NULL, &opts, &r);
	is_int(graph_layout_crossings(nodes, 8, edges, 4), 0, "matching: no crossing after sweeps");
	gl_result_free(&r);
}

/* The y where edge e passes x: its end's box centre at its end layers, else its route's
 * horizontal stretch over x (bench/layout_vs_dot.py counts the same way). */
static double y_at_layer(const struct gl_node *nodes, const struct gl_edge *e, const struct gl_result *r, int layer,
                         double x)
{
	const struct gl_node *a = &nodes[e->from], *b = &nodes[e->to];
	if (layer == a->layer || layer == b->layer)
		return layer == a->layer ? a->y + a->h / 2.0 : b->y + b->h / 2.0;
	for (size_t i = 0; i + 1 < e->n_pts; i++) {
		struct gl_point p = r->pts[e->first_pt + i], q = r->pts[e->first_pt + i + 1];
		if (p.y == q.y && x >= (p.x < q.x ? p.x : q.x) && x <= (p.x < q.x ? q.x : p.x))
			return p.y;
	}
	return -1;
}

/* Crossings of all edges, long ones too, between each two neighbouring layers: two edges
 * cross when their order swaps strictly from one layer's middle to the next's. */
static long gap_crossings(const struct gl_node *nodes, size_t n, const struct gl_edge *edges, size_t m,
                          const struct gl_result *r)
{
	double mid[64] = { 0 };
	int lo[64], hi[64], top = 0;
	for (int l = 0; l < 64; l++)
		lo[l] = 1 << 30, hi[l] = 0;
	for (size_t i = 0; i < n && nodes[i].layer < 64; i++) {
		int l = nodes[i].layer;
		top = l > top ? l : top;
		lo[l] = nodes[i].x < lo[l] ? nodes[i].x : lo[l];
		hi[l] = nodes[i].x + nodes[i].w > hi[l] ? nodes[i].x + nodes[i].w : hi[l];
	}
	for (int l = 0; l <= top; l++)
		mid[l] = (lo[l] + hi[l]) / 2.0;
	long c = 0;
	for (int l = 0; l < top; l++)
		for (size_t e = 0; e < m; e++)
			for (size_t f = e + 1; f < m; f++) {
				const struct gl_edge *x = &edges[e], *y = &edges[f];
				int xa = nodes[x->from].layer, xb = nodes[x->to].layer, ya = nodes[y->from].layer, yb = nodes[y->to].layer;
				if ((xa < xb ? xa : xb) > l || (xa > xb ? xa : xb) <= l || (ya < yb ? ya : yb) > l || (ya > yb ? ya : yb) <= l)
					continue;
				double d0 = y_at_layer(nodes, x, r, l, mid[l]) - y_at_layer(nodes, y, r, l, mid[l]);
				double d1 = y_at_layer(nodes, x, r, l + 1, mid[l + 1]) - y_at_layer(nodes, y, r, l + 1, mid[l + 1]);
				c += (d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0);
			}
	return c;
}

/* bench/layout_bench's random:60:2 (30 pairs, two hubs of five holders, five edges between
 * pairs): barycenter sweeps alone left crossings in it. With longest-path layers the swaps and
 * scaled rounds drew it with none; with network-simplex layers (shorter edges, the hubs' holders
 * moved next to them) Graphviz dot itself draws it with 3 crossings (dot 2.43 -Tplain, counted
 * by bench/layout_vs_dot.py) and the issue asks for no more than dot: at most 3. */
static void test_hub_holders(void)
{
	static const uint32_t extra[][2] = { { 3, 58 }, { 10, 58 }, { 36, 58 }, { 17, 58 }, { 38, 58 }, { 44, 59 },
		{ 27, 59 }, { 50, 59 }, { 54, 59 }, { 5, 59 }, { 50, 59 }, { 13, 26 }, { 31, 40 }, { 11, 44 },
		{ 27, 33 }, { 19, 20 } };
	struct gl_node nodes[60];
	struct gl_edge edges[64];
	size_t m = 0;
	make_nodes(nodes, 60);
	for (uint32_t i = 0; i + 1 < 58; i += 2)
		edges[m++] = (struct gl_edge){ .from = i, .to = i + 1 };
	for (size_t k = 0; k < sizeof(extra) / sizeof(extra[0]); k++)
		edges[m++] = (struct gl_edge){ .from = extra[k][0], .to = extra[k][1] };
	struct gl_result r = { 0 };
	graph_layout_run(nodes, 60, edges, m, NULL, &opts, &r);
	long adjacent = graph_layout_crossings(nodes, 60, edges, m), all = gap_crossings(nodes, 60, edges, m, &r);
	ok(adjacent <= 3, "hub holders: at most dot's 3 crossings between adjacent layers (%ld)", adjacent);
	ok(all <= 3, "hub holders: at most dot's 3 crossings between layers, long edges too (%ld)", all);
	check_geometry(nodes, 60, edges, m, &r, "hub holders");
	gl_result_free(&r);
}

static void test_empty(void)
{
	struct gl_result r = { 0 };
	graph_layout_run(NULL, 0, NULL, 0, NULL, &opts, &r);
	ok(r.width == 0 && r.height == 0, "empty graph: empty drawing");
	gl_result_free(&r);
}

/* ---- model ---- */

static struct proc_info procs[8];
static struct sock_info socks[8];
static struct channel chans[8];
static struct endpoint eps[32];

static void add_proc(struct snapshot *s, pid_t pid, const char *comm)
{
	procs[s->n_procs++] = (struct proc_info){ .pid = pid, .comm = (char *)comm };
}

static struct channel *add_chan(struct snapshot *s, enum chan_kind k, const char *id, size_t *ep_used, size_t n_ep)
{
	struct channel *c = &chans[s->n_chans++];
	*c = (struct channel){ .kind = k, .id = (char *)id, .ep = &eps[*ep_used], .n_ep = n_ep, .sysv = -1 };
	*ep_used += n_ep;
	return c;
}

static struct endpoint ep(const struct snapshot *s, pid_t pid, int32_t sock, const char *role)
{
	int32_t proc = -1;
	for (size_t i = 0; i < s->n_procs; i++)
		if (procs[i].pid == pid)
			proc = (int32_t)i;
	return (struct endpoint){ .pid = pid, .proc = proc, .fd = 3, .sock = sock, .role = role };
}

static int node_of_pid(const struct graph_model *g, pid_t pid)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].type != GN_HUB && g->nodes[i].pid == pid)
			return (int)i;
	return -1;
}

static void build_snapshot(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->procs = procs;
	s->socks = socks;
	s->chans = chans;
	add_proc(s, 10, "writer");
	add_proc(s, 11, "reader");
	add_proc(s, 12, "lonely");
	add_proc(s, 20, "srv");
	add_proc(s, 21, "cli");
	add_proc(s, 22, "cli");
	add_proc(s, 23, "cli");
	add_proc(s, 24, "cli");
	size_t used = 0;
	struct channel *c = add_chan(s, CK_PIPE, "pipe:1", &used, 2);
	c->ep[0] = ep(s, 11, -1, "read");
	c->ep[1] = ep(s, 10, -1, "write");
	c = add_chan(s, CK_PIPE, "pipe:2", &used, 2);        /* both ends in one process */
	c->ep[0] = ep(s, 12, -1, "read");
	c->ep[1] = ep(s, 12, -1, "write");
	socks[0] = (struct sock_info){ .family = AF_UNIX, .type = SOCK_DGRAM, .name = "/run/log", .name_len = 8 };
	socks[1] = (struct sock_info){ .family = AF_UNIX, .type = SOCK_DGRAM };
	s->n_socks = 2;
	c = add_chan(s, CK_UNIX, "unix:5", &used, 5);          /* one server, four clients */
	c->label = "/run/log";
	for (int i = 0; i < 4; i++)
		c->ep[i] = ep(s, 21 + i, 1, NULL);
	c->ep[4] = ep(s, 20, 0, NULL);
	socks[2] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = 10, .lport = 8080 };
	socks[3] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = 1, .lport = 8080, .rport = 40000 };
	socks[4] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = 1, .lport = 40000, .rport = 8080 };
	s->n_socks = 5;
	c = add_chan(s, CK_TCP, "tcp:1", &used, 2);            /* client listed first, server second */
	c->ep[0] = ep(s, 10, 4, NULL);
	c->ep[1] = ep(s, 21, 3, NULL);
	c->bytes = 1234;
}

static void test_model(void)
{
	struct snapshot s;
	build_snapshot(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS };
	graph_model_build(&g, &s, &o);
	ok(node_of_pid(&g, 12) < 0, "model: a process whose channels are all its own is left out");
	int w = node_of_pid(&g, 10), r = node_of_pid(&g, 11), srv = node_of_pid(&g, 20), cli = node_of_pid(&g, 21);
	ok(w >= 0 && r >= 0 && srv >= 0 && cli >= 0, "model: the communicating processes are nodes");
	int hub = -1, pipe_edges = 0, tcp_ok = 0, hub_in = 0, hub_out = 0;
	for (size_t i = 0; i < g.n_nodes; i++)
		if (g.nodes[i].type == GN_HUB)
			hub = (int)i;
	ok(hub >= 0 && g.nodes[hub].count == 5, "model: a 5-process unix channel becomes a hub counting 5");
	for (size_t i = 0; i < g.n_edges; i++) {
		const struct gedge *e = &g.edges[i];
		if (e->kind == CK_PIPE)
			pipe_edges += (int)e->from == w && (int)e->to == r && e->directed;
		if (e->kind == CK_TCP)
			tcp_ok += (int)e->from == w && (int)e->to == cli && e->bytes == 1234;
		if ((int)e->to == hub)
			hub_in++;
		if ((int)e->from == hub && (int)e->to == srv)
			hub_out++;
	}
	is_int(pipe_edges, 1, "model: pipe drawn from writer to reader");
	is_int(tcp_ok, 1, "model: tcp drawn from client to the port that is listened on, with bytes");
	ok(hub_in == 4 && hub_out == 1, "model: unnamed clients left of the hub, the named server right (%d in, %d out)", hub_in, hub_out);
	is_int(g.n_edges, 7, "model: 1 pipe + 5 hub spokes + 1 tcp edge");

	o.collapse = true;
	graph_model_build(&g, &s, &o);
	int clis = 0;
	for (size_t i = 0; i < g.n_nodes; i++)
		clis += g.nodes[i].name_len == 3 && memcmp(g.nodes[i].name, "cli", 3) == 0 && g.nodes[i].type == GN_PROC;
	is_int(clis, 4, "collapse: four \"cli\" processes of no common parent stay four nodes (groups: graph_groups)");

	o.collapse = false;
	o.kind_mask = 1u << CK_PIPE;
	graph_model_build(&g, &s, &o);
	ok(g.n_nodes == 2 && g.n_edges == 1, "filter: only the pipe's two processes remain");
	graph_model_free(&g);
}

/* A listener's channel (the holder and a client it has not accepted yet): drawn from the
 * client to the listening process. */
static void test_listener_edge(void)
{
	struct snapshot s;
	memset(&s, 0, sizeof(s));
	s.procs = procs;
	s.socks = socks;
	s.chans = chans;
	add_proc(&s, 30, "lis");
	add_proc(&s, 31, "cli");
	socks[0] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = 10, .lport = 9000 };
	socks[1] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = 1, .lport = 45000, .rport = 9000 };
	s.n_socks = 2;
	size_t used = 0;
	struct channel *c = add_chan(&s, CK_TCP, "tcp:listen:127.0.0.1:9000", &used, 2);
	c->ep[0] = ep(&s, 31, 1, "client");
	c->ep[1] = ep(&s, 30, 0, "listen");
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS };
	graph_model_build(&g, &s, &o);
	int lis = node_of_pid(&g, 30), cli = node_of_pid(&g, 31);
	ok(g.n_edges == 1 && g.edges[0].directed && (int)g.edges[0].from == cli && (int)g.edges[0].to == lis,
	   "model: a listener's channel is drawn from the waiting client to the listener");
	graph_model_free(&g);
}

/* A writer-only pipe of two processes: hidden unless asked for; then through a hub, never an
 * edge between its two holders. */
static void test_one_ended(void)
{
	struct snapshot s;
	build_snapshot(&s);
	chans[0].one_ended = true;
	chans[0].ep[0].role = "write";
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = 1u << CK_PIPE };
	graph_model_build(&g, &s, &o);
	ok(g.n_nodes == 0 && g.n_edges == 0, "one-ended pipe hidden by default");
	o.one_ended = true;
	graph_model_build(&g, &s, &o);
	int w = node_of_pid(&g, 10), r = node_of_pid(&g, 11), joined = 0, spokes = 0;
	for (size_t i = 0; i < g.n_edges; i++) {
		int f = (int)g.edges[i].from, t = (int)g.edges[i].to;
		joined += (f == w && t == r) || (f == r && t == w);
		spokes += g.nodes[f].type == GN_HUB || g.nodes[t].type == GN_HUB;
	}
	ok(w >= 0 && r >= 0 && g.n_nodes == 3 && spokes == 2 && joined == 0,
	   "shown: its two holders each joined to a hub, not to each other");
	graph_model_free(&g);
}

int main(void)
{
	test_chain();
	test_tangle();
	test_stability();
	test_crossings();
	test_hub_holders();
	test_empty();
	test_model();
	test_listener_edge();
	test_one_ended();
	return tap_done();
}
