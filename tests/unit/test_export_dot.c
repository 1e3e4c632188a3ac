/* test_export_dot.c — the --dot export of the hand-built snapshot: nodes, merged and directed
 * edges, channel nodes, remote peers, the legend, the -p filter, drops on an edge's label
 * and the quoting of hostile names. With --dump [PID...] it prints the graph instead, for dot_accepts.sh. */
#include <errno.h>
#include <stdlib.h>

#include "channel/channel_resolve.h"
#include "export/export_dot.h"
#include "export_fixture.h"
#include "hand_snapshot.h"
#include "../tap.h"
#include "export_checks.h"   /* after tap.h */

/* A comm that ends in a backslash: DOT must not read the closing quote as escaped. */
#define TAIL_COMM "tail\\"

static void build(struct snapshot *s)
{
	export_fixture_build(s);
	snapshot_find_proc(s, 200)->comm = arena_strdup(&s->arena, TAIL_COMM);
}

/* The export as -p PIDs selects (n == 0: everything). */
static int dot_pids(FILE *f, const struct snapshot *s, const pid_t *pids, size_t n)
{
	struct snap_filter flt = { .pids = pids, .n_pids = n };
	struct snap_selection sel;
	snap_select(s, &flt, &sel);
	int rc = export_dot(f, s, &sel);
	snap_selection_free(&sel);
	return rc;
}

static char *dot_text(const struct snapshot *s, const pid_t *pids, size_t n, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	*rc = dot_pids(f, s, pids, n);
	fclose(f);
	return text;
}

/* Every line has an even number of unescaped double quotes, and no control byte but '\n'. */
static void test_quoting(const char *t)
{
	int bad_lines = 0, controls = 0;
	const char *line = t;
	while (*line) {
		int quotes = 0;
		const char *p = line;
		for (; *p && *p != '\n'; p++) {
			if (*p == '\\' && p[1] && p[1] != '\n')
				p++;
			else if (*p == '"')
				quotes++;
			controls += (unsigned char)*p < 0x20;
		}
		bad_lines += quotes % 2;
		line = *p ? p + 1 : p;
	}
	is_int(bad_lines, 0, "every line has balanced quotes");
	is_int(controls, 0, "no control byte inside a line");
}

static void test_full(const struct snapshot *s)
{
	int rc;
	char *t = dot_text(s, NULL, 0, &rc);
	is_int(rc, 0, "export succeeds");
	ok(strncmp(t, "graph ipctop {\n  rankdir=LR;\n", 29) == 0, "undirected graph, left to right");
	is_int(t[strlen(t) - 2], '}', "graph closed");
	has(t, "  p100 [label=\"writer\\npid 100\"];\n", "process node label");
	has(t, "  p300 [label=\"ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff\\npid 300\"];\n",
	    "hostile comm escaped, then DOT-quoted");
	has(t, "  p200 [label=\"tail\\\\\\\\\\npid 200\"];\n", "trailing backslash doubled twice");
	lacks(t, "p1 ", "init holds no channel: no node");
	lacks(t, "p400", "a self-only channel draws nothing");
	has(t, "  p100 -- p200 [color=\"blue\", style=solid, penwidth=1.2, dir=forward, label=\"\xc3\x97" "2\"",
	    "two pipes writer→reader merged into one edge ×2");
	has(t, "  p200 -- p300 [color=\"forestgreen\", style=solid, penwidth=1.2, dir=none, tooltip=\"unix:7001\"];",
	    "unix edge");
	has(t, "  r0 [shape=plaintext, label=\"10.0.0.1:443\"];", "remote peer node");
	has(t, "  p300 -- r0 [color=\"darkorange\", style=bold", "tcp edge to the remote peer");
	has(t, "label=\"sysv_shm\\nkey \\\"0x1234\\\"\"];", "channel node of a three-party shm segment");
	has(t, "  p100 -- c4 [color=\"purple\"", "shm node joined to pid 100");
	has(t, "  p200 -- c4 [color=\"purple\"", "shm node joined to pid 200");
	has(t, "  p300 -- c4 [color=\"purple\"", "shm node joined to pid 300");
	has(t, "  p100 -- p300 [color=\"brown\", style=dotted", "msg queue edge");
	lacks(t, "udp", "a udp socket with no peer draws nothing");
	has(t, "subgraph cluster_legend {", "legend");
	has(t, "legend_pipe -- legend_pipe_end [color=\"blue\", style=solid", "legend shows pipe style");
	lacks(t, "legend_eventfd", "legend lists only kinds drawn");
	test_quoting(t);
	free(t);
}

static void test_filter(const struct snapshot *s)
{
	int rc;
	pid_t evil = 300;
	char *t = dot_text(s, &evil, 1, &rc);
	has(t, "  p200 -- p300 [color=\"forestgreen\"", "-p 300 keeps its unix edge");
	has(t, "  p300 -- r0 ", "-p 300 keeps its tcp peer");
	lacks(t, "p100 -- p200", "-p 300 drops the pipes of 100 and 200");
	lacks(t, "legend_pipe ", "-p 300 legend without pipes");
	free(t);
	pid_t init = 1;
	t = dot_text(s, &init, 1, &rc);
	has(t, "no channels between processes", "a process without channels gives an empty graph");
	lacks(t, "cluster_legend", "no legend for an empty graph");
	free(t);
}

/* The unix edge's label says its sockets' drops where any (both ends summed), none at 0. */
static void test_drops(struct snapshot *s)
{
	struct channel *ch = NULL;
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].kind == CK_UNIX)
			ch = &s->chans[i];
	if (!ok(ch && ch->n_ep == 2 && ch->ep[0].sock >= 0 && ch->ep[1].sock >= 0, "the fixture's unix pair"))
		return;
	struct sock_info *a = &s->socks[ch->ep[0].sock], *b = &s->socks[ch->ep[1].sock];
	int rc;
	a->has_drops = b->has_drops = true;
	char *t = dot_text(s, NULL, 0, &rc);
	has(t, "  p200 -- p300 [color=\"forestgreen\", style=solid, penwidth=1.2, dir=none, tooltip=",
	    "drops 0: no label on the unix edge");
	free(t);
	a->drops = 191;
	b->drops = 9;
	t = dot_text(s, NULL, 0, &rc);
	has(t, "  p200 -- p300 [color=\"forestgreen\", style=solid, penwidth=1.2, dir=none, "
	       "label=\"drops 200\", fontcolor=\"forestgreen\", tooltip=\"unix:7001\"];",
	    "drops 191 and 9 at its ends: the unix edge says drops 200");
	free(t);
	a->has_drops = b->has_drops = false;
	a->drops = b->drops = 0;
}

/* A unix channel of three processes is a channel node labelled with the socket's name, by
 * the rule of the JSON "name": abstract "@x", a path "@x" as "\x40x" (backslash doubled). */
static void test_unix_hub(struct snapshot *s)
{
	struct channel *ch = NULL;
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].kind == CK_UNIX)
			ch = &s->chans[i];
	if (!ok(ch && ch->n_ep == 2 && ch->label_sock1 > 0, "the fixture's unix channel"))
		return;
	struct endpoint *ep = arena_alloc(&s->arena, 3 * sizeof(*ep));
	memcpy(ep, ch->ep, 2 * sizeof(*ep));
	ep[2] = ep[1];
	ep[2].pid = 100;
	ep[2].proc = (int32_t)(snapshot_find_proc(s, 100) - s->procs);
	ch->ep = ep;
	ch->n_ep = 3;
	struct sock_info *k = &s->socks[ch->label_sock1 - 1];
	int rc;
	k->name = arena_memdup(&s->arena, "\0x", 2);
	k->name_len = 2;
	char *t = dot_text(s, NULL, 0, &rc);
	has(t, "label=\"unix\\n@x\"];", "abstract name on the unix channel node: @x");
	free(t);
	k->name = arena_memdup(&s->arena, "@x", 2);
	k->name_len = 2;
	t = dot_text(s, NULL, 0, &rc);
	has(t, "label=\"unix\\n\\\\x40x\"];", "path @x on the unix channel node: \\x40x, DOT-quoted");
	free(t);
}

static void test_write_error(const struct snapshot *s)
{
	FILE *f = full_device();
	if (!f)
		return;
	is_int(dot_pids(f, s, NULL, 0), -ENOSPC, "write error reported");
	fclose(f);
}

/* A far end that is a local peer gone (role "peer closed") says so on its node; an off-host
 * one ("remote") is the bare address (test_full). */
static void test_peer_closed(struct snapshot *s)
{
	struct endpoint *far = NULL;
	for (size_t i = 0; i < s->n_chans; i++)
		for (size_t e = 0; e < s->chans[i].n_ep; e++)
			if (s->chans[i].ep[e].remote)
				far = &s->chans[i].ep[e];
	if (!far) {
		ok(0, "the fixture has a far end");
		return;
	}
	const char *was = far->role;
	far->role = "peer closed";
	int rc;
	char *t = dot_text(s, NULL, 0, &rc);
	has(t, "  r0 [shape=plaintext, label=\"10.0.0.1:443\\n(peer closed)\"];", "a gone local peer is labelled so");
	free(t);
	far->role = was;
}

/* A pipe two processes only write to (leaked into both): a dashed pipe node with a dashed edge
 * to each, never an edge between the two; a pipe with a reader stays a plain edge. */
static void test_one_ended(void)
{
	struct snapshot h;
	snapshot_init(&h);
	hand_reset(&h, 4, 0);
	hand_add_fd(&h, 0, 2, FDK_PIPE, 0, 80, ACC_W, "pipe:[80]");
	hand_add_fd(&h, 1, 2, FDK_PIPE, 0, 80, ACC_W, "pipe:[80]");
	hand_add_fd(&h, 2, 1, FDK_PIPE, 0, 81, ACC_W, "pipe:[81]");
	hand_add_fd(&h, 3, 0, FDK_PIPE, 0, 81, ACC_R, "pipe:[81]");
	channel_resolve(&h);
	int rc;
	char *t = dot_text(&h, NULL, 0, &rc);
	has(t, "  c0 [shape=ellipse, style=\"filled,dashed\"", "one-ended pipe: a dashed channel node");
	has(t, "label=\"pipe (one-ended)", "...labelled one-ended");
	has(t, "  p100 -- c0 [color=\"blue\", style=dashed", "first writer joined to the node, dashed");
	has(t, "  p101 -- c0 [color=\"blue\", style=dashed", "second writer joined to the node, dashed");
	lacks(t, "p100 -- p101", "the two writers are not joined to each other");
	has(t, "  p102 -- p103 [color=\"blue\", style=solid, penwidth=1.2, dir=forward",
	    "a pipe with a reader stays a solid writer-to-reader edge");
	free(t);
	hand_free_lists(&h);
	snapshot_free(&h);
}

int main(int argc, char **argv)
{
	struct snapshot s;
	build(&s);
	if (argc > 1 && strcmp(argv[1], "--dump") == 0) {
		pid_t pids[16];
		size_t n = 0;
		for (int i = 2; i < argc && n < 16; i++)
			pids[n++] = (pid_t)atoi(argv[i]);
		int rc = dot_pids(stdout, &s, pids, n);
		snapshot_free(&s);
		return rc ? 1 : 0;
	}
	test_full(&s);
	test_filter(&s);
	test_drops(&s);
	test_unix_hub(&s);
	test_peer_closed(&s);
	test_one_ended();
	test_write_error(&s);
	snapshot_free(&s);
	return tap_done();
}
