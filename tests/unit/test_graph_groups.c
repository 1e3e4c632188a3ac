/* test_graph_groups.c — the graph's groups, address peers and scope on a hand-made snapshot:
 * a family (a parent and its children of one program) is one group node with the channels
 * between its members counted on it, never processes of one name under unrelated parents; a
 * peer no process holds is an address node; the scope keeps the channels of chosen processes.
 * Then the graph screen's state (no curses drawn): the focus follows its process into its group
 * and back out, messages and counts tell what is shown. Processes of two hosts (--merge) that
 * share a pid and its start tick stay apart, the focus and Enter keep to the host's process,
 * and a family's size counts its own host's members only. */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "layout/graph_family.h"
#include "layout/graph_focus.h"
#include "layout/graph_model.h"
#include "view/graph_view_int.h"
#include "graph_check.h"
#include "../tap.h"

static struct proc_info procs[16];
static struct sock_info socks[8];
static struct channel chans[16];
static struct endpoint eps[48];
static size_t n_eps;

static void proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm)
{
	procs[s->n_procs++] = (struct proc_info){ .pid = pid, .ppid = ppid, .comm = (char *)comm };
}

static struct endpoint *chan(struct snapshot *s, enum chan_kind k, const char *id, size_t n)
{
	chans[s->n_chans++] = (struct channel){ .kind = k, .id = (char *)id, .ep = &eps[n_eps], .n_ep = n, .sysv = -1 };
	struct endpoint *e = &eps[n_eps];
	n_eps += n;
	return e;
}

static struct endpoint at(pid_t pid, int32_t sock, const char *role)
{
	return (struct endpoint){ .pid = pid, .proc = -1, .fd = 3, .sock = sock, .role = role };
}

static void pair(struct snapshot *s, enum chan_kind k, const char *id, pid_t a, const char *ra, pid_t b,
                 const char *rb)
{
	struct endpoint *e = chan(s, k, id, 2);
	e[0] = at(a, -1, ra);
	e[1] = at(b, -1, rb);
}

/* pg 100 with backends 101-103; two tmux servers 200, 300 with a bash each; two unrelated
 * "job" parents 500, 600 with a "job" child each; a client 400 with an off-host UDP peer. */
static void build(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	n_eps = 0;
	s->procs = procs;
	s->socks = socks;
	s->chans = chans;
	proc(s, 100, 1, "pg"); proc(s, 101, 100, "pg"); proc(s, 102, 100, "pg"); proc(s, 103, 100, "pg");
	proc(s, 200, 1, "tmux"); proc(s, 201, 200, "bash");
	proc(s, 300, 1, "tmux"); proc(s, 301, 300, "bash");
	proc(s, 400, 1, "cli");
	proc(s, 500, 1, "job"); proc(s, 501, 500, "job");
	proc(s, 600, 1, "job"); proc(s, 601, 600, "job");
	struct endpoint *e = chan(s, CK_SYSV_SHM, "shm:1", 4);
	for (int i = 0; i < 4; i++)
		e[i] = at(100 + i, -1, NULL);
	pair(s, CK_UNIX, "unix:7", 101, NULL, 102, NULL);
	pair(s, CK_PIPE, "pipe:3", 400, "write", 103, "read");     /* the client talks to one backend */
	pair(s, CK_PTY, "pty:0", 200, "master", 201, "slave");
	pair(s, CK_PTY, "pty:1", 300, "master", 301, "slave");
	pair(s, CK_PIPE, "pipe:5", 500, "write", 501, "read");
	pair(s, CK_PIPE, "pipe:6", 600, "write", 601, "read");
	pair(s, CK_PIPE, "pipe:7", 501, "write", 601, "read");
	socks[0] = (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_UDP, .state = 1, .lport = 40000, .rport = 53 };
	s->n_socks = 1;
	e = chan(s, CK_UDP, "udp:1", 2);
	e[0] = at(400, 0, NULL);
	e[1] = (struct endpoint){ .pid = 0, .proc = -1, .fd = -1, .sock = -1, .remote = "10.0.0.9:53", .role = "remote" };
}

static int count_type(const struct graph_model *g, enum gnode_type t, const char *name)
{
	int n = 0;
	for (size_t i = 0; i < g->n_nodes; i++)
		n += g->nodes[i].type == t && (!name || (g->nodes[i].name_len == strlen(name) &&
			memcmp(g->nodes[i].name, name, strlen(name)) == 0));
	return n;
}

static void test_families(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	int pg = graph_model_node_of_pid(&g, 102);
	ok(pg >= 0 && g.nodes[pg].type == GN_GROUP && g.nodes[pg].count == 4,
	   "groups: the parent and its three children of one program are one group of 4");
	for (pid_t p = 100; p <= 103; p++)
		ok(graph_model_node_of_pid(&g, p) == pg, "groups: pid %d is drawn in the group", (int)p);
	ok(pg >= 0 && g.nodes[pg].inner == 2, "groups: the shm and the unix socket between members are counted on it (%u)",
	   pg >= 0 ? g.nodes[pg].inner : 0);
	is_int(count_type(&g, GN_GROUP, "tmux") + count_type(&g, GN_PROC, "tmux"), 2,
	       "groups: two unrelated tmux servers stay two nodes");
	ok(graph_model_node_of_pid(&g, 200) != graph_model_node_of_pid(&g, 300), "groups: never one node for both servers");
	int j5 = graph_model_node_of_pid(&g, 501), j6 = graph_model_node_of_pid(&g, 601);
	ok(j5 >= 0 && j6 >= 0 && j5 != j6, "groups: two unrelated parents with children of one name are two groups");
	ok(j5 >= 0 && j6 >= 0 && joined(&g, j5, j6), "groups: the channel between the two families joins the two groups");
	ok(j5 >= 0 && g.nodes[j5].count == 2 && g.nodes[j5].inner == 1, "groups: each job family counts 2 and its pipe inside");
	int cli = graph_model_node_of_pid(&g, 400);
	ok(cli >= 0 && pg >= 0 && joined(&g, cli, pg), "groups: the client's pipe to a member joins the client to the group");

	o.collapse = false;
	graph_model_build(&g, &s, &o);
	int b2 = graph_model_node_of_pid(&g, 102);
	ok(b2 >= 0 && g.nodes[b2].type == GN_PROC && g.nodes[b2].pid == 102 && g.nodes[b2].key == 102,
	   "expanded: each member is its own node again");
	ok(b2 >= 0 && joined(&g, b2, graph_model_node_of_pid(&g, 101)), "expanded: the members' own channels are edges");
	graph_model_free(&g);
}

/* One group opened in place (gm_opts.expanded): its members are nodes of their own, each
 * knowing the group, its channels inside are edges again; the other groups stay closed. */
static void test_expand_one(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct u64map open;
	u64map_init(&open, 8);
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true, .expanded = &open };
	graph_model_build(&g, &s, &o);
	int j5 = graph_model_node_of_pid(&g, 501);
	uint64_t jkey = j5 >= 0 ? g.nodes[j5].key : 0;
	ok(j5 >= 0 && g.nodes[j5].type == GN_GROUP, "open: job 500's family is a group before");
	u64map_put(&open, jkey, 1);
	graph_model_build(&g, &s, &o);
	int p500 = graph_model_node_of_pid(&g, 500), p501 = graph_model_node_of_pid(&g, 501);
	ok(p500 >= 0 && p501 >= 0 && p500 != p501 && g.nodes[p500].type == GN_PROC && g.nodes[p501].type == GN_PROC,
	   "open: its two processes are nodes of their own");
	ok(p500 >= 0 && p501 >= 0 && g.nodes[p500].group == jkey && g.nodes[p501].group == jkey,
	   "open: each knows the group it came from");
	ok(p500 >= 0 && p501 >= 0 && joined(&g, p500, p501), "open: the pipe inside the group is an edge again");
	int j6 = graph_model_node_of_pid(&g, 601), pg = graph_model_node_of_pid(&g, 101);
	ok(j6 >= 0 && g.nodes[j6].type == GN_GROUP && g.nodes[j6].count == 2 && g.nodes[j6].group == 0,
	   "open: the other job family stays one group");
	ok(pg >= 0 && g.nodes[pg].type == GN_GROUP && g.nodes[pg].count == 4, "open: and so does pg's");
	ok(p501 >= 0 && j6 >= 0 && joined(&g, p501, j6), "open: the member's pipe to the other family joins it to that group");
	graph_model_free(&g);
	u64map_free(&open);
}

/* e on the screen: the selected group opens, the focus follows its process in; e on one of its
 * processes closes it, the focus back on the group; e elsewhere says why not. */
static void test_expand_keys(void)
{
	struct snapshot s;
	build(&s);
	struct graph_view *v = graph_view_new();
	pid_t pid = 0;
	graph_view_update(v, &s);
	graph_view_focus(v, 501);
	gv_rebuild(v, &s);
	int grp = graph_model_find(&v->shown, v->sel_key);
	ok(v->focused && grp >= 0 && v->shown.nodes[grp].type == GN_GROUP, "e: focused and selected on job 500's group");
	graph_view_key(v, 'e', &pid);
	gv_rebuild(v, &s);
	int sel = graph_model_find(&v->shown, v->sel_key), foc = graph_model_find(&v->full, v->focus_key);
	ok(sel >= 0 && v->shown.nodes[sel].type == GN_PROC && v->shown.nodes[sel].pid == 501,
	   "e: the group opens, the selection on the focused process (%d)", sel >= 0 ? (int)v->shown.nodes[sel].pid : -1);
	ok(v->focused && foc >= 0 && v->full.nodes[foc].pid == 501 && v->full.nodes[foc].type == GN_PROC,
	   "e: the focus follows into the group, on the process g named");
	int p500 = graph_model_find(&v->shown, 500);   /* a process's key is its pid */
	ok(p500 >= 0 && v->shown.nodes[p500].type == GN_PROC, "e: its parent is a box of its own, one hop away");
	ok(graph_model_node_of_pid(&v->full, 601) >= 0 &&
	   v->full.nodes[graph_model_node_of_pid(&v->full, 601)].type == GN_GROUP, "e: the other job family stays a group");
	graph_view_key(v, 'e', &pid);
	gv_rebuild(v, &s);
	sel = graph_model_find(&v->shown, v->sel_key);
	foc = graph_model_find(&v->full, v->focus_key);
	ok(sel >= 0 && v->shown.nodes[sel].type == GN_GROUP && v->shown.nodes[sel].count == 2,
	   "e again on a member: the group closes, selected");
	ok(v->focused && foc >= 0 && v->full.nodes[foc].type == GN_GROUP, "e again: the focus is the group again");
	graph_view_focus(v, 400);
	gv_rebuild(v, &s);
	graph_view_key(v, 'e', &pid);
	ok(strstr(v->msg, "opens a group") != NULL, "e on a process of no group says so (\"%s\")", v->msg);
	graph_view_key(v, 'c', &pid);
	graph_view_key(v, 'e', &pid);
	ok(strstr(v->msg, "groups are off") != NULL, "e with groups off says so (\"%s\")", v->msg);
	graph_view_free(v);
}

/* A shared object is no hop of its own: at 1 hop from a backend (groups off) its hub and every
 * other process on it show, not the hub alone; at 1 hop from the client (which holds no hub)
 * the backend it talks to, not the backend's hub. A one-ended pipe's hub stays a hop. */
static void test_hub_hops(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 }, near = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS };
	graph_model_build(&g, &s, &o);
	int b3 = graph_model_node_of_pid(&g, 103);
	graph_model_neighbourhood(&g, (uint32_t)b3, 1, &near);
	int seen = 0, hubs = 0;
	for (size_t i = 0; i < near.n_nodes; i++) {
		seen += near.nodes[i].type == GN_PROC && near.nodes[i].pid >= 100 && near.nodes[i].pid <= 102;
		hubs += near.nodes[i].type == GN_HUB;
	}
	is_int(seen, 3, "hub hops: at 1 hop from a backend, the three other processes on its shm hub show");
	is_int(hubs, 1, "hub hops: and the hub itself");
	ok(graph_model_find(&near, 400) >= 0, "hub hops: and the client its pipe joins");
	graph_model_neighbourhood(&g, (uint32_t)graph_model_node_of_pid(&g, 400), 1, &near);
	hubs = 0;
	for (size_t i = 0; i < near.n_nodes; i++)
		hubs += near.nodes[i].type == GN_HUB;
	ok(graph_model_find(&near, 103) >= 0 && hubs == 0,
	   "hub hops: at 1 hop from the client, its backend but not the backend's hub (%d hubs)", hubs);
	chans[0].one_ended = true;        /* the shm as a one-ended pipe would be: holders never talk */
	o.one_ended = true;
	graph_model_build(&g, &s, &o);
	graph_model_neighbourhood(&g, (uint32_t)graph_model_node_of_pid(&g, 103), 1, &near);
	ok(graph_model_find(&near, 100) < 0 && near.n_nodes == 3,
	   "hub hops: a one-ended hub is a hop: its other holders stay 2 hops away (%zu nodes)", near.n_nodes);
	graph_model_free(&near);
	graph_model_free(&g);
}

static void test_address_peer(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = 1u << CK_UDP };
	graph_model_build(&g, &s, &o);
	int cli = graph_model_node_of_pid(&g, 400), addr = -1;
	for (size_t i = 0; i < g.n_nodes; i++)
		if (g.nodes[i].type == GN_ADDR)
			addr = (int)i;
	ok(addr >= 0 && g.nodes[addr].name_len == 11 && memcmp(g.nodes[addr].name, "10.0.0.9:53", 11) == 0,
	   "address: the off-host UDP peer is an address node named by its address");
	ok(g.n_edges == 1 && cli >= 0 && (int)g.edges[0].from == cli && (int)g.edges[0].to == addr,
	   "address: one edge from the client to the server's address");
	ok(addr >= 0 && g.nodes[addr].addr == GA_REMOTE, "address: an off-host peer is a remote one");
	chans[s.n_chans - 1].ep[1].role = "peer closed";
	graph_model_build(&g, &s, &o);
	ok(g.n_nodes == 2 && g.nodes[0].type + g.nodes[1].type == GN_PROC + GN_ADDR &&
	   g.nodes[g.nodes[0].type == GN_ADDR ? 0 : 1].addr == GA_CLOSED, "address: a closed local peer is told as closed");
	graph_model_free(&g);
}

static void test_scope(void)
{
	struct snapshot s;
	build(&s);
	bool in[16] = { 0 };
	in[4] = true;          /* procs[4] is tmux 200 */
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true, .scope = in };
	graph_model_build(&g, &s, &o);
	ok(g.n_nodes == 2 && graph_model_node_of_pid(&g, 200) >= 0 && graph_model_node_of_pid(&g, 201) >= 0,
	   "scope: only the chosen process's channel and its peer (%zu nodes)", g.n_nodes);
	graph_model_free(&g);
}

/* The screen's state across collapse and expand, rebuilt as a frame would. */
static void test_focus_kept(void)
{
	struct snapshot s;
	build(&s);
	struct graph_view *v = graph_view_new();
	pid_t pid = 0;
	graph_view_update(v, &s);
	graph_view_focus(v, 103);
	gv_rebuild(v, &s);
	int grp = graph_model_find(&v->full, v->focus_key);
	ok(v->focused && v->msg[0] == 0 && grp >= 0 && v->full.nodes[grp].type == GN_GROUP,
	   "focus: g on a member whose pid is not the group's focuses its group, no message (\"%s\")", v->msg);
	is_int((long)v->live_nodes, 2, "focus: 1 hop of the group is the group and the client");
	graph_view_key(v, 'c', &pid);
	gv_rebuild(v, &s);
	ok(v->focused && v->focus_key == 103 && v->msg[0] == 0, "focus: groups off, the focus is the process again (\"%s\")", v->msg);
	ok(v->sel_key == 103, "focus: and it stays selected");
	graph_view_key(v, 'c', &pid);
	gv_rebuild(v, &s);
	ok(v->focused && v->focus_key == v->full.nodes[graph_model_node_of_pid(&v->full, 103)].key && v->msg[0] == 0,
	   "focus: groups on again, the focus is the group again");

	graph_view_key(v, 'a', &pid);     /* unfocused, then a refresh, then focus the client */
	gv_rebuild(v, &s);
	graph_view_update(v, &s);
	gv_rebuild(v, &s);
	size_t all = v->live_nodes;
	graph_view_focus(v, 400);
	gv_rebuild(v, &s);
	graph_view_update(v, &s);
	gv_rebuild(v, &s);
	ok(all > 3 && v->live_nodes == 3 && v->shown.n_nodes == 3,
	   "counts: after focusing, the nodes out of focus do not linger as fading ones (%zu of %zu shown)",
	   v->shown.n_nodes, all);
	s.n_chans--;                     /* the UDP channel closes: it fades, and is not counted */
	graph_view_update(v, &s);
	gv_rebuild(v, &s);
	ok(v->live_nodes == 2 && v->shown.n_nodes == 3, "counts: a closed channel's peer fades and is not counted (%zu live, %zu drawn)",
	   v->live_nodes, v->shown.n_nodes);
	graph_view_free(v);
}

static void test_scope_keys(void)
{
	struct snapshot s;
	build(&s);
	bool in[16] = { 0 };
	in[4] = true;
	struct graph_view *v = graph_view_new();
	pid_t pid = 0;
	graph_view_set_scope(v, in, s.n_procs);
	graph_view_update(v, &s);
	gv_rebuild(v, &s);
	is_int((long)v->live_nodes, 2, "scope: unfocused, the graph is what the list shows");
	graph_view_key(v, 'A', &pid);
	gv_rebuild(v, &s);
	ok(v->live_nodes > 2, "scope: A shows the whole machine (%zu nodes)", v->live_nodes);
	graph_view_key(v, 'a', &pid);
	gv_rebuild(v, &s);
	is_int((long)v->live_nodes, 2, "scope: a goes back to what the list shows");
	graph_view_free(v);
}

/* An empty snapshot of a --merge (processes by host) on this file's arrays. */
static void merged(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	n_eps = 0;
	s->procs = procs;
	s->chans = chans;
	s->by_host = true;
}

/* --merge: hosts a and b each with pid 10 writing a pipe to its own pid 11, each pid started
 * at the same tick on both hosts: four nodes, two edges, each within one host (pids alone
 * would make two nodes and join the hosts; pid and start alone would not tell them apart). */
static void test_hosts(void)
{
	struct snapshot s;
	merged(&s);
	static const char *const hosts[2] = { "a", "b" };
	for (int h = 0; h < 2; h++) {
		proc(&s, 10, 1, "srv");
		procs[s.n_procs - 1].host = hosts[h];
		procs[s.n_procs - 1].start_time = 500;
		proc(&s, 11, 1, "cli");
		procs[s.n_procs - 1].host = hosts[h];
		procs[s.n_procs - 1].start_time = 600;
		pair(&s, CK_PIPE, h ? "pipe:2" : "pipe:1", 10, "write", 11, "read");
		chans[s.n_chans - 1].ep[0].proc = 2 * h;
		chans[s.n_chans - 1].ep[1].proc = 2 * h + 1;
	}
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS };
	graph_model_build(&g, &s, &o);
	is_int(count_type(&g, GN_PROC, "srv"), 2, "hosts: pid 10 of each host is a node of its own");
	is_int(count_type(&g, GN_PROC, "cli"), 2, "hosts: pid 11 of each host is a node of its own");
	is_int((long)g.n_edges, 2, "hosts: one edge per host's pipe");
	bool apart = g.n_edges == 2 && g.edges[0].from != g.edges[1].from && g.edges[0].to != g.edges[1].to;
	ok(apart, "hosts: the two edges join different nodes");
	int na = graph_model_node_of_proc(&g, 10, 500, "a"), nb = graph_model_node_of_proc(&g, 10, 500, "b");
	ok(na >= 0 && nb >= 0 && na != nb && g.nodes[nb].host == hosts[1] && g.nodes[na].host == hosts[0],
	   "hosts: pid 10 by its start time and host is the node of that host's process (%d, %d)", na, nb);
	graph_model_free(&g);

	/* the screen's state: g on host b's pid 10 focuses b's node; Enter there names b's */
	struct graph_view *v = graph_view_new();
	pid_t pid = 0;
	graph_view_update(v, &s);
	graph_view_focus_at(v, 10, 500, "b");
	gv_rebuild(v, &s);
	int f = graph_model_find(&v->full, v->focus_key);
	ok(v->focused && f >= 0 && v->full.nodes[f].host == hosts[1], "hosts: focused on host b's pid 10, not a's");
	enum graph_action r = graph_view_key(v, '\n', &pid);
	const char *oh = graph_view_open_host(v);
	ok(r == GRAPH_OPEN_PID && pid == 10 && graph_view_open_start(v) == 500 && oh && !strcmp(oh, "b"),
	   "hosts: Enter opens pid 10 that started at 500 on host b: %d, %d, %llu, %s", (int)r, (int)pid,
	   (unsigned long long)graph_view_open_start(v), oh ? oh : "(none)");
	graph_view_free(v);
}

/* --merge: host a has a "job" 10 with a child 11 of its own program, host b a "job" 10 alone
 * (a pipe to its cli 12): collapsed, a's family is a group of 2 and b's 10 a process node;
 * counted by the root's pid alone, b's 10 would be a family of 3. */
static void test_host_families(void)
{
	struct snapshot s;
	merged(&s);
	proc(&s, 10, 1, "job"); proc(&s, 11, 10, "job");
	proc(&s, 10, 1, "job"); proc(&s, 12, 1, "cli");
	static const char *const hosts[4] = { "a", "a", "b", "b" };
	for (size_t i = 0; i < 4; i++)
		procs[i].host = hosts[i];
	pair(&s, CK_PIPE, "pipe:1", 10, "write", 11, "read");
	chans[0].ep[0].proc = 0, chans[0].ep[0].host = "a";
	chans[0].ep[1].proc = 1, chans[0].ep[1].host = "a";
	pair(&s, CK_PIPE, "pipe:2", 10, "write", 12, "read");
	chans[1].ep[0].proc = 2, chans[1].ep[0].host = "b";
	chans[1].ep[1].proc = 3, chans[1].ep[1].host = "b";
	struct graph_families f;
	graph_families_find(&s, &f);
	ok(f.size[0] == 2 && f.size[1] == 2 && f.size[2] == 1 && f.size[3] == 1,
	   "host families: a's job family counts 2, b's job 10 and cli 1 each (%u %u %u %u)", f.size[0], f.size[1],
	   f.size[2], f.size[3]);
	graph_families_free(&f);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	is_int(count_type(&g, GN_GROUP, "job"), 1, "host families: one group, host a's");
	is_int(count_type(&g, GN_PROC, "job"), 1, "host families: host b's job 10 is a process node");
	graph_model_free(&g);
}

int main(void)
{
	test_families();
	test_expand_one();
	test_expand_keys();
	test_hub_hops();
	test_hosts();
	test_host_families();
	test_address_peer();
	test_scope();
	test_focus_kept();
	test_scope_keys();
	return tap_done();
}
