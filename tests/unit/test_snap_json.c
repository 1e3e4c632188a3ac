/* test_snap_json.c — the --json snapshot reader (src/source/snap_json*): a hand-written
 * document read into the model field by field, every truncation of it refused with the file's
 * name and a byte offset, malformed and foreign documents refused with the reason and the
 * member's path, and a read snapshot written again holds every value the document gave
 * (compared by jansson with the document's own text) and reads back to the same text. */
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "model/snap_filter.h"
#include "source/snap_json.h"
#include "../tap.h"

/* Two processes (one with a control byte in its name, escaped as the exporter escapes it; one
 * with its SHR, EXE and SERVICE, its threads' waits not examined, and waiting to read the TCP
 * connection), a TCP connection of pid 10 to another host, a wait cycle, a note. */
static const char VALID[] =
	"{\"ipctop\":{\"version\":\"0.1.0\",\"schema\":2},\"taken_at_ms\":1700000000000,"
	"\"host\":{\"ncpu\":2,\"load\":[0.5,0.25,0],\"mem_total_kib\":1000,\"mem_available_kib\":500,"
	"\"uptime_s\":12.5,\"clock_ticks\":100},\"viewer\":{\"euid\":0,\"root\":true,\"netns\":7},"
	"\"processes\":[{\"pid\":11,\"ppid\":1,\"comm\":\"b\",\"cmdline\":\"b -x\",\"state\":\"S\","
	"\"user\":\"root\",\"uids\":[0,0,0,0],\"gids\":[0,0,0,0],\"netns\":7,"
	"\"exe\":\"/usr/bin/b\",\"shr_kib\":64,\"service\":\"cron.service\","
	"\"restricted\":[\"fds\",\"thread_waits\"],"
	"\"wait\":{\"tid\":11,\"kind\":\"fd\",\"syscall_nr\":0,\"readable\":true,\"fd\":3,\"direction\":\"in\","
	"\"futex\":null,\"child\":null,\"sysv_id\":null,\"nfds\":null,\"by\":null,"
	"\"channel\":\"tcp:10.0.0.1:40000-10.0.0.2:80\",\"peers\":[10],\"watched\":null}},"
	"{\"pid\":10,\"ppid\":1,\"comm\":\"a\\\\x01b\",\"cmdline\":\"\",\"state\":\"R\",\"user\":null,"
	"\"uids\":[5,6,7,8],\"gids\":[1,2,3,4],\"netns\":null,\"kthread\":false}],"
	"\"channels\":[{\"kind\":\"tcp\",\"id\":\"tcp:10.0.0.1:40000-10.0.0.2:80\",\"label\":null,"
	"\"netns\":7,\"endpoints\":[{\"pid\":10,\"comm\":\"a\\\\x01b\",\"fd\":3,\"access\":\"rw\",\"role\":\"client\","
	"\"socket\":{\"inode\":99,\"netns\":7,\"family\":\"inet\",\"type\":\"stream\",\"state\":\"established\","
	"\"rqueue\":0,\"wqueue\":4,\"rcvbuf\":131072,\"sndbuf\":16384,\"local\":\"10.0.0.1:40000\","
	"\"remote\":\"10.0.0.2:80\"}},"
	"{\"pid\":null,\"comm\":null,\"fd\":null,\"access\":\"rw\",\"role\":\"remote\",\"remote\":\"10.0.0.2:80\"}]}],"
	"\"ipc\":{\"sysv_shm\":[],\"sysv_msg\":[],\"sysv_sem\":[]},\"wait_cycles\":[[10,11]],\"notes\":[\"n1\"]}";

static int read_doc(const char *doc, size_t len, struct snapshot *s, struct strbuf *err)
{
	snapshot_init(s);
	sb_reset(err);
	return snap_json_read(s, doc, len, "t.json", err);
}

static void check_valid(void)
{
	struct snapshot s;
	struct strbuf err = STRBUF_INIT;
	int rc = read_doc(VALID, strlen(VALID), &s, &err);
	is_int(rc, 0, "the hand-written document reads (%s)", sb_str(&err));
	is_int(s.n_procs, 2, "two processes");
	is_int(s.procs[0].pid, 10, "sorted by pid");
	is_str(s.procs[0].comm, "a\x01" "b", "the escaped control byte is the byte again");
	is_int(s.procs[0].euid, 6, "uids in order real, effective, saved, fs");
	is_int(s.procs[0].sgid, 3, "gids in order");
	is_int(s.procs[1].netns, 7, "netns");
	ok(s.procs[1].exe && !strcmp(s.procs[1].exe, "/usr/bin/b") && (s.procs[1].flags & PF_SHR) &&
	   s.procs[1].shr_kib == 64 && s.procs[1].cgroup && !strcmp(s.procs[1].cgroup, "cron.service"),
	   "its exe, shr_kib and service, for the list's columns");
	ok(!s.procs[0].exe && !(s.procs[0].flags & PF_SHR) && !s.procs[0].cgroup, "absent: not known");
	const struct task_wait *w = s.procs[1].wait;
	ok(w && w->tid == 11 && w->kind == WK_FD && w->state == 'S' && w->fd == 3 && w->dir == ACC_R &&
	   w->syscall_nr == 0 && w->chan == 0 && w->n_peers == 1 && w->peers[0] == 10 && !w->watch_read,
	   "its wait: reading fd 3 of the TCP channel, waiting for pid 10");
	ok(!s.procs[0].wait, "no wait: none");
	ok(s.procs[1].flags & PF_TASKS_UNREAD, "restricted thread_waits: its threads not examined");
	ok(s.n_cycles == 1 && s.cycles[0].n == 2 && s.cycles[0].pids[0] == 10 && s.cycles[0].pids[1] == 11,
	   "the wait cycle 10, 11");
	is_int(s.taken_ms, 1700000000000ull, "taken_at_ms");
	is_int(s.sys.ncpu, 2, "host.ncpu");
	is_int(s.n_chans, 1, "one channel");
	const struct channel *ch = &s.chans[0];
	is_int(ch->kind, CK_TCP, "kind tcp");
	is_int(ch->n_ep, 2, "two endpoints");
	is_int(ch->ep[0].proc, 0, "the endpoint's process found by pid");
	is_int(ch->ep[0].fd, 3, "fd");
	is_int(ch->ep[0].access, ACC_RW, "access rw");
	ok(ch->ep[0].sock >= 0 && s.socks[ch->ep[0].sock].lport == 40000, "local port");
	ok(ch->ep[0].sock >= 0 && memcmp(s.socks[ch->ep[0].sock].raddr, "\x0a\x00\x00\x02", 4) == 0,
	   "remote address");
	ok(ch->ep[0].sock >= 0 && s.socks[ch->ep[0].sock].state == 1 &&
	   s.socks[ch->ep[0].sock].protocol == IPPROTO_TCP, "established TCP");
	ok(ch->ep[0].sock >= 0 && s.socks[ch->ep[0].sock].has_mem && s.socks[ch->ep[0].sock].rcvbuf == 131072 &&
	   s.socks[ch->ep[0].sock].sndbuf == 16384, "the socket's buffers");
	is_str(ch->ep[1].remote, "10.0.0.2:80", "the remote end");
	is_int(ch->ep[1].proc, -1, "the remote end has no process");
	is_int(s.n_notes, 1, "one note");
	snapshot_free(&s);
	sb_free(&err);
}

/* Every proper prefix of the document is refused with the name and a byte offset. */
static void check_truncations(void)
{
	size_t len = strlen(VALID), bad = 0;
	struct strbuf err = STRBUF_INIT;
	for (size_t n = 0; n < len; n++) {
		struct snapshot s;
		int rc = read_doc(VALID, n, &s, &err);
		if (rc == 0 || strncmp(sb_str(&err), "t.json: byte ", 13) != 0)
			bad++;
		snapshot_free(&s);
	}
	is_int(bad, 0, "all %zu truncations refused with 't.json: byte N'", len);
	sb_free(&err);
}

/* VALID with its first from replaced by to. */
static char *edited(const char *from, const char *to)
{
	const char *at = strstr(VALID, from);
	if (!at)
		return NULL;
	size_t head = (size_t)(at - VALID), fl = strlen(from), tl = strlen(to);
	char *d = malloc(sizeof(VALID) + tl);
	memcpy(d, VALID, head);
	memcpy(d + head, to, tl);
	strcpy(d + head + tl, at + fl);
	return d;
}

static void refused(const char *doc, size_t len, const char *want, const char *what)
{
	struct snapshot s;
	struct strbuf err = STRBUF_INIT;
	int rc = doc ? read_doc(doc, len, &s, &err) : 0;
	ok(doc && rc < 0 && strstr(sb_str(&err), want) && strncmp(sb_str(&err), "t.json: ", 8) == 0,
	   "%s: refused with '%s'", what, want);
	if (doc && rc < 0 && !strstr(sb_str(&err), want))
		printf("#   got: %s\n", sb_str(&err));
	if (doc)
		snapshot_free(&s);
	sb_free(&err);
}

static void refused_edit(const char *from, const char *to, const char *want, const char *what)
{
	char *d = edited(from, to);
	refused(d, d ? strlen(d) : 0, want, what);
	free(d);
}

static void check_malformed(void)
{
	refused("[]", 2, "not an ipctop snapshot", "an array");
	refused("{\"a\":1}", 7, "ipctop: missing: not an ipctop snapshot", "a foreign object");
	refused("", 0, "byte 0", "empty input");
	refused("\x89PNG\r\n", 6, "byte 0", "binary input");
	refused("{\"a\":1,\"a\":2}", 13, "byte", "a duplicate key");
	refused("{\"a\":\"x\0y\"}", 11, "byte", "a NUL byte in a string");
	refused("{\"a\":\"\xff\"}", 8, "byte", "invalid UTF-8");
	char deep[200] = "{\"x\":";
	for (int i = 0; i < 40; i++)
		strcat(deep, "[");
	for (int i = 0; i < 40; i++)
		strcat(deep, "]");
	strcat(deep, "}");
	refused(deep, strlen(deep), "nested deeper than", "nesting 40 deep");
	refused_edit("\"schema\":2", "\"schema\":3", "ipctop.schema: 3, this ipctop reads schemas 1 to 2",
	             "a later schema");
	refused_edit("\"schema\":2", "\"schema\":0", "ipctop.schema: 0, this ipctop reads schemas 1 to 2",
	             "schema 0");
	refused_edit("\"pid\":10,", "\"pid\":\"10\",", "processes[1].pid: expected an integer",
	             "a pid as a string");
	refused_edit("\"pid\":10,", "\"pid\":0,", "processes[1].pid: 0 out of range", "pid 0");
	refused_edit("\"pid\":10,", "\"pid\":11,", "pid 11 listed twice", "a pid twice");
	refused_edit("\"kind\":\"tcp\"", "\"kind\":\"tcpx\"", "channels[0].kind: unknown name", "an unknown kind");
	refused_edit("40000\",\"remote\"", "99999\",\"remote\"", "endpoints[0].socket.local: bad port", "port 99999");
	refused_edit("\"local\":\"10.0.0.1", "\"local\":\"10.0.0.300", "bad IPv4 address", "a bad address");
	refused_edit("\"state\":\"S\"", "\"state\":\"SS\"", "processes[0].state: expected one letter", "a long state");
	refused_edit("\"comm\":\"b\"", "\"comm\":\"b\\\\q\"", "processes[0].comm: text that ipctop's escaping",
	             "an escape ipctop never writes");
	refused_edit("\"uids\":[0,0,0,0]", "\"uids\":[0,0,0]", "processes[0].uids: expected 4 ids", "three uids");
	refused_edit("\"load\":[0.5,0.25,0]", "\"load\":[0.5,\"x\",0]", "host.load: expected 3 numbers", "a word as load");
	refused_edit("\"thread_waits\"]", "\"thread_waits\",\"everything\"]",
	             "processes[0].restricted: item 2 is not a known restriction", "an unknown restriction");
	refused_edit("\"thread_waits\"]", "\"thread_waits\",7]",
	             "processes[0].restricted: item 2 is not a known restriction", "a number as restriction");
	refused_edit("\"notes\":[\"n1\"]", "\"notes\":[1]", "notes[0]: expected a string", "a number as note");
	refused_edit("\"processes\":[", "\"processes\":7,\"x\":[", "processes: expected an array", "processes as an object");
	refused_edit("\"endpoints\":[", "\"endpoints\":[7,", "channels[0].endpoints[0]: expected an object", "a number as endpoint");
}

/* A document of schema 1 (its one removed member the reader never took) still reads. */
static void check_schema_one(void)
{
	char *d = edited("\"schema\":2", "\"schema\":1");
	struct snapshot s;
	struct strbuf err = STRBUF_INIT;
	int rc = d ? read_doc(d, strlen(d), &s, &err) : -1;
	is_int(rc, 0, "a schema 1 document still reads (%s)", sb_str(&err));
	if (d)
		snapshot_free(&s);
	free(d);
	sb_free(&err);
}

static char *export_text(struct snapshot *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct snap_filter flt = { 0 };
	struct snap_selection sel;
	snap_select(s, &flt, &sel);
	export_json(f, s, &sel, false);
	snap_selection_free(&sel);
	fclose(f);
	return buf;
}

/* Does got hold every value of want? Objects: each of want's members, with its value held
 * (got may have more members: the exporter writes every key); arrays: each of want's elements
 * held by one of got's, of as many (the exporter sorts processes by pid); numbers by value
 * (0 and 0.00 are one number); the rest equal. On a miss, path says where. */
static bool holds(json_t *want, json_t *got, char *path, size_t cap)
{
	size_t at = strlen(path);
	if (json_is_number(want))
		return json_is_number(got) && json_number_value(want) == json_number_value(got);
	if (json_is_object(want)) {
		const char *k;
		json_t *v;
		json_object_foreach(want, k, v) {
			snprintf(path + at, cap - at, ".%s", k);
			if (!json_is_object(got) || !holds(v, json_object_get(got, k), path, cap))
				return false;
		}
		path[at] = '\0';
		return true;
	}
	if (json_is_array(want)) {
		if (!json_is_array(got) || json_array_size(got) != json_array_size(want))
			return false;
		size_t i, j;
		json_t *v;
		json_array_foreach(want, i, v) {
			snprintf(path + at, cap - at, "[%zu]", i);
			bool found = false;
			for (j = 0; j < json_array_size(got) && !found; j++) {
				char scratch[256] = "";
				found = holds(v, json_array_get(got, j), scratch, sizeof(scratch));
			}
			if (!found)
				return false;
		}
		path[at] = '\0';
		return true;
	}
	return got && json_equal(want, got);
}

/* Read the hand-written document and write it: every value the test wrote into it comes out
 * (parsed by jansson, compared with the test's own text, not with ipctop's output); read and
 * written once more, the text is stable. */
static void check_round_trip(void)
{
	struct snapshot a, b;
	struct strbuf err = STRBUF_INIT;
	size_t la, lb;
	read_doc(VALID, strlen(VALID), &a, &err);
	char *ta = export_text(&a, &la);
	json_t *want = json_loads(VALID, 0, NULL), *got = json_loadb(ta, la, 0, NULL);
	char path[256] = "";
	bool kept = want && got && holds(want, got, path, sizeof(path));
	ok(kept, "every value of the hand-written document is written back");
	if (!kept)
		printf("#   first value lost or changed: %s\n", path[0] ? path : "(document)");
	json_decref(want);
	json_decref(got);
	int rc = read_doc(ta, la, &b, &err);
	is_int(rc, 0, "the reader reads what the exporter wrote (%s)", sb_str(&err));
	char *tb = export_text(&b, &lb);
	ok(la == lb && memcmp(ta, tb, la) == 0, "written again, the same %zu bytes", la);
	free(ta);
	free(tb);
	snapshot_free(&a);
	snapshot_free(&b);
	sb_free(&err);
}

int main(void)
{
	check_valid();
	check_truncations();
	check_malformed();
	check_schema_one();
	check_round_trip();
	return tap_done();
}
