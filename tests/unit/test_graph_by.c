/* test_graph_by.c — the graph's groups by service and by user on a hand-made snapshot: every
 * process of one systemd unit or container is one group named by it, whatever its program or
 * parent; a process of no service keeps the family rule; by user, one group per effective
 * user; the channels inside a group are counted on it, e opens one, and on the screen C cycles
 * family → service → user → none with the focus kept and cgroups wanted only by service. */
#include <string.h>

#include "layout/graph_by.h"
#include "layout/graph_model.h"
#include "view/graph_view_int.h"
#include "graph_check.h"
#include "../tap.h"

#define NGINX_CG "/system.slice/nginx.service"
#define DOCKER_CG "/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope"
#define SESSION_CG "/user.slice/user-1000.slice/session-2.scope"

static struct proc_info procs[8];
static struct channel chans[8];
static struct endpoint eps[16];
static size_t n_eps;

static void proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm, const char *cg, uid_t uid,
		 const char *user)
{
	procs[s->n_procs++] = (struct proc_info){ .pid = pid, .ppid = ppid, .comm = (char *)comm,
		.cgroup = (char *)cg, .euid = uid, .user = (char *)user };
}

static void pipe_of(struct snapshot *s, const char *id, pid_t w, pid_t r)
{
	struct endpoint *e = &eps[n_eps];
	chans[s->n_chans++] = (struct channel){ .kind = CK_PIPE, .id = (char *)id, .ep = e, .n_ep = 2, .sysv = -1 };
	e[0] = (struct endpoint){ .pid = w, .proc = -1, .fd = 3, .sock = -1, .role = "write" };
	e[1] = (struct endpoint){ .pid = r, .proc = -1, .fd = 4, .sock = -1, .role = "read" };
	n_eps += 2;
}

/* nginx master 10, its worker 11 and an unrelated logger 12, all in nginx.service (user www);
 * a container's db 20 and its sh 21 (user db); in a login session a cli 30 and its child cli
 * 31, and a tool 40 whose cgroup was not read (user me). */
static void build(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	n_eps = 0;
	s->procs = procs;
	s->chans = chans;
	proc(s, 10, 1, "nginx", NGINX_CG, 33, "www");
	proc(s, 11, 10, "nginx", NGINX_CG, 33, "www");
	proc(s, 12, 1, "logger", NGINX_CG, 33, "www");
	proc(s, 20, 1, "db", DOCKER_CG, 999, "db");
	proc(s, 21, 20, "sh", DOCKER_CG, 999, "db");
	proc(s, 30, 1, "cli", SESSION_CG, 1000, "me");
	proc(s, 31, 30, "cli", SESSION_CG, 1000, "me");
	proc(s, 40, 1, "tool", NULL, 1000, "me");
	pipe_of(s, "pipe:1", 10, 11);
	pipe_of(s, "pipe:2", 11, 12);
	pipe_of(s, "pipe:3", 30, 12);
	pipe_of(s, "pipe:4", 21, 20);
	pipe_of(s, "pipe:5", 11, 20);
	pipe_of(s, "pipe:6", 30, 31);
	pipe_of(s, "pipe:7", 40, 30);
}

static bool named(const struct gnode *n, const char *name)
{
	return n->name_len == strlen(name) && memcmp(n->name, name, n->name_len) == 0;
}

static void test_by_service(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true };
	graph_model_build(&g, &s, &o);
	ok(graph_model_node_of_pid(&g, 12) != graph_model_node_of_pid(&g, 10),
	   "by family: the logger is not in nginx's family");
	o.by = GB_SERVICE;
	graph_model_build(&g, &s, &o);
	int ng = graph_model_node_of_pid(&g, 10);
	ok(ng >= 0 && g.nodes[ng].type == GN_GROUP && named(&g.nodes[ng], "nginx.service") && g.nodes[ng].count == 3,
	   "by service: nginx.service's three processes are one group named by the unit (%u)",
	   ng >= 0 ? g.nodes[ng].count : 0);
	ok(graph_model_node_of_pid(&g, 11) == ng && graph_model_node_of_pid(&g, 12) == ng,
	   "by service: the worker and the unrelated logger are in it");
	ok(ng >= 0 && g.nodes[ng].inner == 2, "by service: its two pipes inside are counted on it (%u)",
	   ng >= 0 ? g.nodes[ng].inner : 0);
	int db = graph_model_node_of_pid(&g, 21);
	ok(db >= 0 && graph_model_node_of_pid(&g, 20) == db && named(&g.nodes[db], "docker:0123456789ab") &&
	   g.nodes[db].count == 2, "by service: the container's two processes are one group \"docker:0123456789ab\"");
	int cli = graph_model_node_of_pid(&g, 31);
	ok(cli >= 0 && graph_model_node_of_pid(&g, 30) == cli && g.nodes[cli].type == GN_GROUP &&
	   named(&g.nodes[cli], "cli") && g.nodes[cli].count == 2, "by service: a session's processes fall back to their family");
	int tool = graph_model_node_of_pid(&g, 40);
	ok(tool >= 0 && g.nodes[tool].type == GN_PROC && tool != cli, "by service: a process of no family or service stays alone");
	ok(joined(&g, cli, ng) && joined(&g, ng, db) && joined(&g, tool, cli), "by service: the groups are joined by the pipes between them");
	ok(g.n_nodes == 4 && g.n_edges == 3, "by service: four boxes, three edges (%zu, %zu)", g.n_nodes, g.n_edges);

	struct u64map open;
	u64map_init(&open, 8);
	u64map_put(&open, ng >= 0 ? g.nodes[ng].key : 0, 1);
	uint64_t nkey = ng >= 0 ? g.nodes[ng].key : 0;
	o.expanded = &open;
	graph_model_build(&g, &s, &o);
	int p10 = graph_model_node_of_pid(&g, 10), p12 = graph_model_node_of_pid(&g, 12);
	ok(p10 >= 0 && p12 >= 0 && p10 != p12 && g.nodes[p12].type == GN_PROC && g.nodes[p12].group == nkey,
	   "by service, opened: its processes are boxes knowing their group");
	ok(joined(&g, p10, graph_model_node_of_pid(&g, 11)), "by service, opened: the pipes inside are edges again");
	ok(graph_model_node_of_pid(&g, 20) == graph_model_node_of_pid(&g, 21), "by service, opened: the container stays a group");
	u64map_free(&open);
	graph_model_free(&g);
}

static void test_by_user(void)
{
	struct snapshot s;
	build(&s);
	struct graph_model g = { 0 };
	struct gm_opts o = { .kind_mask = GM_ALL_KINDS, .collapse = true, .by = GB_USER };
	graph_model_build(&g, &s, &o);
	int me = graph_model_node_of_pid(&g, 40), www = graph_model_node_of_pid(&g, 12);
	ok(me >= 0 && graph_model_node_of_pid(&g, 30) == me && graph_model_node_of_pid(&g, 31) == me &&
	   named(&g.nodes[me], "me") && g.nodes[me].count == 3, "by user: the three processes of user me are one group");
	ok(me >= 0 && g.nodes[me].inner == 2, "by user: its two pipes inside are counted on it");
	ok(www >= 0 && named(&g.nodes[www], "www") && g.nodes[www].count == 3, "by user: www's three are another");
	ok(g.n_nodes == 3 && g.n_edges == 2, "by user: three users, three boxes, two edges (%zu, %zu)", g.n_nodes, g.n_edges);
	procs[7].user = NULL;   /* a name not known: the uid */
	graph_model_build(&g, &s, &o);
	me = graph_model_node_of_pid(&g, 40);
	ok(me >= 0 && g.nodes[me].count == 3, "by user: grouped by uid, not by name");
	graph_model_free(&g);
}

/* --merge: one service on two hosts is two groups. */
static void test_by_host(void)
{
	struct snapshot s;
	build(&s);
	for (size_t i = 0; i < s.n_procs; i++)
		procs[i].host = i == 12 - 10 ? "b" : "a";
	struct graph_by by;
	graph_by_find(&s, GB_SERVICE, &by);
	ok(by.key[0] == by.key[1] && by.key[0] != by.key[2] && by.size[0] == 2 && by.size[2] == 1,
	   "by host: nginx.service of host a counts 2, host b's logger is apart");
	ok(by.key[5] == 0 && by.key[7] == 0, "by host: a session or an unread cgroup is no service");
	graph_by_free(&by);
}

/* The screen: C cycles, the status says which, the focus stays on its process's box, and
 * cgroups are wanted by service only. */
static void test_keys(void)
{
	struct snapshot s;
	build(&s);
	struct graph_view *v = graph_view_new();
	pid_t pid = 0;
	graph_view_update(v, &s);
	graph_view_focus(v, 12);
	gv_rebuild(v, &s);
	ok(!strcmp(graph_view_grouping(v), "by family") && !graph_view_wants_cgroup(v), "keys: families at first, no cgroups wanted");
	ok(v->focused && v->focus_key == 12, "keys: the logger is its own box by family");
	static const char *const next[] = { "by service", "by user", "none", "by family" };
	for (int i = 0; i < 4; i++) {
		graph_view_key(v, 'C', &pid);
		gv_rebuild(v, &s);
		ok(!strcmp(graph_view_grouping(v), next[i]) && strstr(v->msg, next[i]),
		   "keys: C → %s (\"%s\")", next[i], v->msg);
		ok(graph_view_wants_cgroup(v) == (i == 0), "keys: cgroups wanted %s", i == 0 ? "by service" : "not");
		int f = graph_model_find(&v->full, v->focus_key);
		int want = graph_model_node_of_pid(&v->full, 12);
		ok(v->focused && f >= 0 && f == want && (i == 2 || i == 3 ? v->focus_key == 12 : v->full.nodes[f].type == GN_GROUP),
		   "keys: %s, the focus is the box holding the logger", next[i]);
	}
	graph_view_free(v);
}

int main(void)
{
	test_by_service();
	test_by_user();
	test_by_host();
	test_keys();
	return tap_done();
}
