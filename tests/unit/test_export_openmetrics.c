/* test_export_openmetrics.c — the OpenMetrics export of the hand-built snapshot: label value
 * escaping (round trip through the spec's unescaping and text_escape's decoding), HELP and TYPE
 * before each family's samples, "# EOF" last, the counts the fixture was built with (see
 * export_fixture.h), pids only with --metrics-pids, no command lines; the counters of each
 * program and process from figures set here, named as OpenMetrics and as Prometheus's text
 * format name counters. The pairs by service where a process's cgroup names one, else by
 * program. With --dump [--pids] [--text] it prints the text instead, with services (for
 * promtool and a strict OpenMetrics parser in openmetrics.sh; --text: the text format). */
#include <stdlib.h>
#include <string.h>

#include "export/export_openmetrics.h"
#include "export_fixture.h"
#include "util/text_escape.h"
#include "../tap.h"

/* The text of --openmetrics (serve false), or a --serve page as serve_http.c builds it: the
 * families, the server's counters (7 scrapes, 2 snapshots), the end. */
static char *page(const struct snapshot *s, bool pids, bool prom_text, bool serve)
{
	struct snap_filter flt = { 0 };
	struct snap_selection sel;
	struct strbuf sb = STRBUF_INIT;
	struct om_opts o = { pids, 1500000000ull, prom_text };
	snap_select(s, &flt, &sel);
	if (serve) {
		openmetrics_families(&sb, s, &sel, &o);
		openmetrics_serve_counts(&sb, 7, 2, prom_text);
		openmetrics_end(&sb, prom_text);
	} else {
		openmetrics_build(&sb, s, &sel, &o);
	}
	snap_selection_free(&sel);
	return sb.buf;
}

static char *om_text(const struct snapshot *s, bool pids, bool prom_text)
{
	return page(s, pids, prom_text, false);
}

/* The spec's unescaping of a label value (\\ \" \n), written here, not taken from ipctop. */
static bool om_unescape(const char *s, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\n')
			return false;   /* raw quote or newline: the value would end or break */
		if (s[i] != '\\') {
			sb_putc(out, s[i]);
			continue;
		}
		if (++i == n)
			return false;
		if (s[i] == 'n')
			sb_putc(out, '\n');
		else if (s[i] == '\\' || s[i] == '"')
			sb_putc(out, s[i]);
		else
			return false;
	}
	return true;
}

/* Well-formed UTF-8 with no C0 control byte and no DEL. */
static bool is_plain_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_seq_len((const unsigned char *)s + i, n - i, &cp);
		if (!len || cp < 0x20 || cp == 0x7f)
			return false;
		i += len;
	}
	return true;
}

static void test_escaping(void)
{
	static const struct { const char *s; size_t n; } cases[] = {
		{ "plain", 5 }, { "q\"uote", 6 }, { "back\\slash", 10 }, { "new\nline", 8 },
		{ FIX_EVIL_COMM, FIX_EVIL_COMM_LEN }, { "nul\0byte", 8 }, { "\xe2\x80\xae" "rtl", 6 },
		{ "tail\\", 5 }, { "\"", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf v = STRBUF_INIT, un = STRBUF_INIT, back = STRBUF_INIT;
		om_label_value(&v, cases[i].s, cases[i].n);
		bool parsed = om_unescape(v.buf ? v.buf : "", v.len, &un);
		bool decoded = parsed && esc_decode(&back, un.buf ? un.buf : "", un.len);
		ok(parsed && decoded && back.len == cases[i].n && !memcmp(back.buf, cases[i].s, back.len),
		   "label value %zu round-trips (OpenMetrics unescape, then esc_decode)", i);
		ok(is_plain_utf8(un.buf ? un.buf : "", un.len), "label value %zu is UTF-8 with no control byte", i);
		sb_free(&v); sb_free(&un); sb_free(&back);
	}
	struct strbuf v = STRBUF_INIT;
	om_label_value(&v, "a\"b\\c\nd", 7);
	is_str(v.buf, "a\\\"b\\\\\\\\c\\\\x0ad", "quote, backslash and newline escaped as specified");
	sb_free(&v);
}

/* Whether a sample named sample belongs to the family last typed: its name, but in OpenMetrics
 * a counter family's samples add "_total" to it (and in the text format the family's name
 * has it already). */
static bool same_family(const char *sample, const char *typed, const char *type, bool om)
{
	size_t n = strlen(typed);
	if (strcmp(type, "counter"))
		return !strcmp(sample, typed);
	if (om)
		return !strncmp(sample, typed, n) && !strcmp(sample + n, "_total");
	return !strcmp(sample, typed) && n > 6 && !strcmp(typed + n - 6, "_total");
}

/* Every sample's family had "# TYPE" and "# HELP" lines before it; one family at a time; only
 * comments, samples and (OpenMetrics) a last "# EOF". */
static void test_structure(const char *t, const char *what, bool om)
{
	char fam[128] = "", typed[128] = "", helped[128] = "", type[16] = "";
	int bad = 0, eofs = 0, samples = 0;
	const char *line = t;
	while (*line) {
		const char *nl = strchr(line, '\n');
		if (!nl) { bad++; break; }
		int len = (int)(nl - line);
		if (eofs)
			bad++;
		if (sscanf(line, "# TYPE %127s %15s", typed, type) == 2 || sscanf(line, "# HELP %127s", helped) == 1) {
			if (strcmp(typed, helped) && same_family(fam, typed, type, om))
				bad++;   /* a family's metadata after its samples */
		} else if (len == 5 && !strncmp(line, "# EOF", 5)) {
			eofs++;
		} else if (strncmp(line, "# UNIT ", 7) != 0 || !om) {
			size_t n = strcspn(line, "{ ");
			snprintf(fam, sizeof(fam), "%.*s", (int)n, line);
			bad += !same_family(fam, typed, type, om) || strcmp(typed, helped) != 0 || line[0] == '#';
			samples++;
		}
		line = nl + 1;
	}
	ok(!bad && eofs == om && samples > 0, "%s: HELP and TYPE before each family, %s (%d bad lines)",
	   what, om ? "one # EOF last" : "no # EOF", bad);
}

static void has(const char *t, const char *line, const char *what)
{
	char *want = NULL;
	if (asprintf(&want, "\n%s\n", line) < 0)
		exit(99);
	ok(strstr(t, want) != NULL, "%s: %s", what, line);
	free(want);
}

static void test_counts(const char *t)
{
	has(t, "ipctop_channels{kind=\"pipe\"} 2", "channels by kind");
	has(t, "ipctop_channels{kind=\"unix\"} 1", "channels by kind");
	has(t, "ipctop_channels{kind=\"eventfd\"} 1", "channels by kind");
	has(t, "ipctop_channels{kind=\"posix_mq\"} 0", "a kind with no channel is 0, not absent");
	has(t, "ipctop_processes{state=\"sleeping\"} 4", "processes by state");
	has(t, "ipctop_processes{state=\"disk sleep\"} 1", "processes by state");
	has(t, "ipctop_processes{state=\"zombie\"} 1", "processes by state");
	has(t, "ipctop_threads{state=\"sleeping\"} 4", "threads by state (main threads)");
	has(t, "ipctop_threads{state=\"zombie\"} 1", "threads by state (main threads)");
	has(t, "ipctop_threads{state=\"unknown\"} 0", "threads by state: none unread");
	has(t, "ipctop_descriptors{type=\"socket\"} 3", "descriptors by type");
	has(t, "ipctop_descriptors{type=\"pipe\"} 1", "descriptors by type");
	has(t, "ipctop_snapshot_duration_seconds 1.500000000", "snapshot time in seconds");
	has(t, "ipctop_snapshot_timestamp_seconds 1700000000.123", "snapshot timestamp in seconds");
	has(t, "ipctop_snapshot_notes 1", "notes");
	/* the fixture's add_waits: 100 and 200 blocked on pipes, each waiting on the other */
	has(t, "ipctop_blocked_processes{wait=\"fd\"} 2", "blocked processes by wait");
	has(t, "ipctop_blocked_processes{wait=\"lock\"} 0", "a wait no process is in is 0, not absent");
	has(t, "ipctop_wait_cycles 1", "wait cycles");
}

/* Channels between the fixture's processes by direction (export_fixture.h): the two pipes
 * writer→reader (one measured, 17 bytes queued), the unix socket both ways (42 bytes in
 * evil's receive queue), the SysV segment from each writer (100 rw, 300 rw) to each other
 * holder (200 only reads), the SysV queue writer→evil; none for the self-only eventfd, the
 * TCP end whose peer is remote, nor the lone UDP socket. */
static void test_pairs(const char *t)
{
	const char *ev = "ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff";
	char line[256];
	has(t, "ipctop_pair_channels{kind=\"pipe\",from=\"writer\",to=\"reader\"} 2", "pipes writer→reader");
	ok(!strstr(t, "_pair_channels{kind=\"pipe\",from=\"reader\""), "no pipe reader→writer");
	has(t, "ipctop_pair_queued_bytes{kind=\"pipe\",from=\"writer\",to=\"reader\"} 17",
	    "the measured pipe's fill (the other's is unknown)");
	snprintf(line, sizeof line, "ipctop_pair_channels{kind=\"unix\",from=\"reader\",to=\"%s\"} 1", ev);
	has(t, line, "unix reader→evil");
	snprintf(line, sizeof line, "ipctop_pair_channels{kind=\"unix\",from=\"%s\",to=\"reader\"} 1", ev);
	has(t, line, "unix evil→reader");
	snprintf(line, sizeof line, "ipctop_pair_queued_bytes{kind=\"unix\",from=\"reader\",to=\"%s\"} 42", ev);
	has(t, line, "evil's receive queue waits for evil");
	snprintf(line, sizeof line, "ipctop_pair_channels{kind=\"sysv_shm\",from=\"writer\",to=\"%s\"} 1", ev);
	has(t, line, "the segment writer→evil");
	snprintf(line, sizeof line, "ipctop_pair_channels{kind=\"sysv_shm\",from=\"%s\",to=\"writer\"} 1", ev);
	has(t, line, "the segment evil→writer");
	has(t, "ipctop_pair_channels{kind=\"sysv_shm\",from=\"writer\",to=\"reader\"} 1", "the segment writer→reader");
	ok(!strstr(t, "_pair_channels{kind=\"sysv_shm\",from=\"reader\""), "no segment from reader (it maps it read-only)");
	snprintf(line, sizeof line, "ipctop_pair_channels{kind=\"sysv_msg\",from=\"writer\",to=\"%s\"} 1", ev);
	has(t, line, "the queue writer→evil");
	ok(!strstr(t, "from=\"locked\"") && !strstr(t, "_pair_channels{kind=\"tcp\"") &&
	   !strstr(t, "_pair_channels{kind=\"udp\"") && !strstr(t, "_pair_channels{kind=\"eventfd\""),
	   "no pair for the self-only eventfd, the remote TCP peer, the lone UDP socket");
	ok(!strstr(t, "ipctop_pair_sent_bytes{"), "no TCP pair: no sent bytes");
}

/* The fixture with no cgroup read for any process (export_fixture gives reader one): every
 * process is named by its program, as when no process runs in a service. */
static void build_by_program(struct snapshot *s)
{
	export_fixture_build(s);
	for (size_t i = 0; i < s->n_procs; i++)
		s->procs[i].cgroup = NULL;
}

/* The TCP channel's remote end made reader's, with each end's tcp_info counters; reader given
 * two read threads (running, sleeping) of its four. */
static void test_tcp_threads(void)
{
	struct snapshot s;
	build_by_program(&s);
	struct proc_info *r = snapshot_find_proc(&s, 200);
	struct thread_info th[2] = { { .tid = 201, .state = 'R' }, { .tid = 202, .state = 'S' } };
	r->nlwp = 4;
	r->threads = th;
	r->n_threads = 2;
	for (size_t i = 0; i < s.n_chans; i++)
		if (s.chans[i].kind == CK_TCP) {
			struct endpoint *e = s.chans[i].ep;
			e[1] = (struct endpoint){ .pid = 200, .proc = (int32_t)(r - s.procs), .fd = 12,
						  .access = ACC_RW, .sock = -1, .has_bytes = true, .tx_bytes = 500 };
			e[0].has_bytes = true;
			e[0].tx_bytes = 1000;
		}
	char *t = om_text(&s, false, false);
	const char *ev = "ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff";
	char line[256];
	snprintf(line, sizeof line, "ipctop_pair_sent_bytes{kind=\"tcp\",from=\"%s\",to=\"reader\"} 1000", ev);
	has(t, line, "TCP bytes evil sent to reader");
	snprintf(line, sizeof line, "ipctop_pair_sent_bytes{kind=\"tcp\",from=\"reader\",to=\"%s\"} 500", ev);
	has(t, line, "TCP bytes reader sent to evil");
	has(t, "ipctop_threads{state=\"running\"} 1", "threads by state: reader's running thread");
	has(t, "ipctop_threads{state=\"sleeping\"} 5", "threads by state: 4 main threads and one more");
	has(t, "ipctop_threads{state=\"unknown\"} 1", "threads by state: reader's unread fourth");
	test_structure(t, "with TCP pairs and threads", true);
	free(t);
	char *p = om_text(&s, true, false);
	snprintf(line, sizeof line, "ipctop_pair_sent_bytes{kind=\"tcp\",from=\"reader\",to=\"%s\",from_pid=\"200\",to_pid=\"300\"} 500", ev);
	has(p, line, "--metrics-pids: the pids as labels");
	free(p);
	r->threads = NULL;
	r->n_threads = 0;
	snapshot_free(&s);
}

/* The counters' figures: writer (100) 150+50 ticks, 12 and 3 switches (export_fixture.c),
 * 1000 bytes read and 2000 written; locked (400) renamed writer, 7+3 ticks, 5 and 1 switches,
 * its io not read; reader (200) 1 tick, no io. At 100 ticks a second (the fixture's clock). */
static void set_counters(struct snapshot *s)
{
	static char writer[] = "writer";
	struct proc_info *w = snapshot_find_proc(s, 100), *l = snapshot_find_proc(s, 400);
	struct proc_info *r = snapshot_find_proc(s, 200);
	w->utime = 150;
	w->stime = 50;
	w->has_io = true;
	w->io.rchar = 1000;
	w->io.wchar = 2000;
	l->comm = writer;
	l->utime = 7;
	l->stime = 3;
	l->vol_ctxt = 5;
	l->nonvol_ctxt = 1;
	r->utime = 1;
}

static void test_counter_names(const char *om, const char *text)
{
	has(om, "# TYPE ipctop_program_cpu_seconds counter", "OpenMetrics: a counter's TYPE without _total");
	has(om, "# UNIT ipctop_program_cpu_seconds seconds", "OpenMetrics: its UNIT");
	ok(strstr(om, "\n# HELP ipctop_program_cpu_seconds CPU time") && strstr(om, "counter reset"),
	   "OpenMetrics: its HELP, saying a drop is a counter reset");
	has(om, "# TYPE ipctop_scrapes counter", "the server's counters, OpenMetrics");
	has(text, "# TYPE ipctop_program_cpu_seconds_total counter", "text format: TYPE with _total");
	has(text, "# TYPE ipctop_scrapes_total counter", "the server's counters, text format");
	ok(!strstr(text, "# UNIT ") && !strstr(text, "# EOF"), "text format: no UNIT, no # EOF");
	test_structure(text, "a --serve page in the text format, --metrics-pids", false);
}

static void test_counters(void)
{
	struct snapshot s;
	build_by_program(&s);
	set_counters(&s);
	const char *ev = "ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff";
	char line[256];
	char *t = om_text(&s, false, false), *p = om_text(&s, true, false);
	has(t, "ipctop_program_cpu_seconds_total{program=\"writer\"} 2.100000", "CPU: 100's and 400's ticks summed");
	has(t, "ipctop_program_cpu_seconds_total{program=\"reader\"} 0.010000", "CPU: one tick");
	snprintf(line, sizeof line, "ipctop_program_cpu_seconds_total{program=\"%s\"} 0.000000", ev);
	has(t, line, "CPU: the hostile comm escaped");
	has(t, "ipctop_program_context_switches_total{program=\"writer\",kind=\"voluntary\"} 17", "switches summed");
	has(t, "ipctop_program_context_switches_total{program=\"writer\",kind=\"involuntary\"} 4", "switches summed");
	has(t, "ipctop_program_io_bytes_total{program=\"writer\",direction=\"read\"} 1000", "io: 100's only");
	has(t, "ipctop_program_io_bytes_total{program=\"writer\",direction=\"write\"} 2000", "io: 100's only");
	ok(!strstr(t, "io_bytes_total{program=\"reader\""), "io: none for a program whose io was not read");
	ok(!strstr(t, "ipctop_process_cpu") && !strstr(t, "ipctop_scrapes"),
	   "no per-process counters without --metrics-pids, no server counters outside --serve");
	has(p, "ipctop_process_cpu_seconds_total{pid=\"100\",program=\"writer\"} 2.000000", "--metrics-pids: CPU of 100");
	has(p, "ipctop_process_cpu_seconds_total{pid=\"400\",program=\"writer\"} 0.100000", "--metrics-pids: CPU of 400");
	has(p, "ipctop_process_context_switches_total{pid=\"400\",program=\"writer\",kind=\"voluntary\"} 5",
	    "--metrics-pids: switches of 400");
	has(p, "ipctop_process_io_bytes_total{pid=\"100\",program=\"writer\",direction=\"write\"} 2000",
	    "--metrics-pids: io of 100");
	ok(!strstr(p, "io_bytes_total{pid=\"400\""), "--metrics-pids: no io for 400");
	test_structure(p, "with counters, --metrics-pids", true);
	char *om = page(&s, true, false, true), *text = page(&s, true, true, true);
	test_structure(om, "a --serve page, --metrics-pids", true);
	has(om, "ipctop_scrapes_total 7", "--serve: scrapes");
	has(om, "ipctop_snapshots_total 2", "--serve: snapshots");
	test_counter_names(om, text);
	free(t); free(p); free(om); free(text);
	snapshot_free(&s);
}

static void test_pids(const char *plain, const char *pids)
{
	ok(!strstr(plain, "pid=\"") && !strstr(plain, "ipctop_process_channels"),
	   "no pid labels without --metrics-pids");
	has(pids, "ipctop_process_channels{pid=\"100\",program=\"writer\",kind=\"pipe\"} 2", "--metrics-pids");
	has(pids, "ipctop_process_channels{pid=\"100\",program=\"writer\",kind=\"sysv_msg\"} 1", "--metrics-pids");
	has(pids, "ipctop_process_channels{pid=\"400\",program=\"locked\",kind=\"eventfd\"} 1",
	    "--metrics-pids: a channel counts once for a process holding both ends");
	ok(!strstr(pids, "ipctop_process_channels{pid=\"1\",") && !strstr(pids, "\",kind=\"posix_mq\"}"),
	   "--metrics-pids: no zero rows of ipctop_process_channels");
	ok(strstr(pids, "program=\"ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff\"") != NULL,
	   "--metrics-pids: the hostile comm escaped");
	ok(!strstr(plain, "--fast") && !strstr(pids, "--fast"), "no command line in any label");
	ok(!strchr(pids, '\x1b') && !strchr(pids, '\r'), "no control bytes in the output");
}

/* writer (100) in a system service whose name systemd escaped (a backslash to escape in a
 * label); reader (200) and evil (300) in one service "app.service" though two programs; the
 * locked process (400) in a login session's scope (no service: its program). */
static void set_services(struct snapshot *s)
{
	snapshot_find_proc(s, 100)->cgroup = "/system.slice/ipc\\x2dwriter.service";
	snapshot_find_proc(s, 200)->cgroup = "/system.slice/app.service";
	snapshot_find_proc(s, 300)->cgroup = "/system.slice/app.service/sub";
	snapshot_find_proc(s, 400)->cgroup = "/user.slice/user-1000.slice/session-3.scope";
}

/* With services: a series per pair of services (or programs where none): reader and evil's
 * unix socket is one channel app.service→app.service, writer's pipes go to app.service. */
static void test_services(void)
{
	struct snapshot s;
	export_fixture_build(&s);
	set_services(&s);
	char *t = om_text(&s, false, false);
	has(t, "ipctop_pair_channels{kind=\"pipe\",from=\"ipc\\\\\\\\x2dwriter.service\",to=\"app.service\"} 2",
	    "services: the pipes from writer's escaped service to reader's");
	has(t, "ipctop_pair_channels{kind=\"unix\",from=\"app.service\",to=\"app.service\"} 1",
	    "services: the unix socket between two programs of app.service, one channel");
	has(t, "ipctop_pair_channels{kind=\"sysv_shm\",from=\"app.service\",to=\"ipc\\\\\\\\x2dwriter.service\"} 1",
	    "services: the segment from evil (app.service, its writer) to writer");
	ok(!strstr(t, "from=\"writer\"") && !strstr(t, "to=\"reader\"") && !strstr(t, "from=\"reader\""),
	   "services: no pair by the program of a process that has a service");
	test_structure(t, "with services", true);
	free(t);
	snapshot_free(&s);
}

/* A process in a container is named as the SERVICE column names it (model/cgroup_service.h):
 * evil (300) in a docker scope, reader (200) in no service (its program). */
static void test_container(void)
{
	struct snapshot s;
	build_by_program(&s);
	snapshot_find_proc(&s, 300)->cgroup = "/system.slice/docker-"
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope";
	char *t = om_text(&s, false, false);
	has(t, "ipctop_pair_channels{kind=\"unix\",from=\"reader\",to=\"docker:0123456789ab\"} 1",
	    "container: the unix socket reader→evil's container, by engine and short id");
	free(t);
	snapshot_free(&s);
}

int main(int argc, char **argv)
{
	struct snapshot s;
	build_by_program(&s);
	if (argc > 1 && !strcmp(argv[1], "--dump")) {
		bool pids = false, text = false;
		for (int i = 2; i < argc; i++) {
			pids |= !strcmp(argv[i], "--pids");
			text |= !strcmp(argv[i], "--text");
		}
		set_counters(&s);
		set_services(&s);
		char *t = om_text(&s, pids, text);
		fputs(t, stdout);
		free(t);
		snapshot_free(&s);
		return 0;
	}
	test_escaping();
	char *plain = om_text(&s, false, false), *pids = om_text(&s, true, false);
	test_structure(plain, "plain", true);
	test_structure(pids, "--metrics-pids", true);
	test_counts(plain);
	test_pairs(plain);
	test_pids(plain, pids);
	test_tcp_threads();
	test_counters();
	test_services();
	test_container();
	free(plain);
	free(pids);
	snapshot_free(&s);
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
