/* test_export_json.c — the --json export of a hand-built snapshot: exact fields, the -p
 * selection, escaping of hostile names, write errors, and every byte against golden files
 * (tests/unit/golden, "@VERSION@" standing for the version). With --dump [--pretty] [PID...]
 * it prints the export instead, for export_json_valid.sh to parse with Python; a deliberate
 * change of the fixture or the schema regenerates the golden files from it. */
#include <errno.h>
#include <stdlib.h>

#include "config.h"
#include "export/export_json.h"
#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "export_fixture.h"
#include "../tap.h"
#include "export_checks.h"   /* after tap.h */

/* The export as -p PIDs selects (n == 0: everything). */
static int json_pids(FILE *f, const struct snapshot *s, const pid_t *pids, size_t n, bool pretty)
{
	struct snap_filter flt = { .pids = pids, .n_pids = n };
	struct snap_selection sel;
	snap_select(s, &flt, &sel);
	int rc = export_json(f, s, &sel, pretty);
	snap_selection_free(&sel);
	return rc;
}

static char *export_text(const struct snapshot *s, const pid_t *pids, size_t n, bool pretty, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	*rc = json_pids(f, s, pids, n, pretty);
	fclose(f);
	return text;
}

static void test_header(const char *t)
{
	has(t, "{\"ipctop\":{\"version\":\"" PACKAGE_VERSION "\",\"schema\":2},\"taken_at_ms\":1700000000123,",
	    "version and schema first");
	has(t, "\"host\":{\"ncpu\":2,\"load\":[0.50,0.25,0.33],\"mem_total_kib\":2048000,"
	       "\"mem_available_kib\":1024000,\"uptime_s\":3600.50,\"clock_ticks\":100}", "host object");
	has(t, "\"viewer\":{\"euid\":1000,\"root\":false,\"netns\":4026531840}", "viewer object");
}

static void test_processes(const char *t)
{
	has(t, "\"comm\":\"ev\\\"il\\\\\\\\n\\\\x0a\\\\x1b[31m\\\\xff\"", "hostile comm escaped, then quoted");
	has(t, "\"cmdline\":\"evil \\\\u202ecod.exe\"", "RLO in cmdline escaped");
	has(t, "\"state\":\"D\",\"state_name\":\"disk sleep\"", "state letter and name");
	has(t, "\"policy\":\"fifo\",\"rt_priority\":50", "policy name");
	has(t, "\"policy\":42,", "unknown policy as its number");
	has(t, "\"uids\":[1000,1000,1000,1000],\"gids\":[1000,1000,1000,1000]", "uids and gids");
	has(t, "\"ctxt_switches\":{\"voluntary\":12,\"involuntary\":3}", "context switches");
	has(t, "\"signals\":{\"pending\":\"0x0000000000004000\",\"blocked\":\"0x0000000400000002\","
	       "\"ignored\":\"0x0000000000000000\",\"caught\":\"0x0000000000010000\"}", "signal masks as hex");
	has(t, "\"netns\":null,\"kthread\":false,\"restricted\":[\"fds\",\"maps\",\"netns_undumped\"],"
	       "\"n_fds\":null,", "restricted marks and denied fds");
	has(t, "\"kthread\":true", "kernel thread marked");
	has(t, "\"n_fds\":5,\"n_channels\":4,\"wait\":{\"tid\":100,\"age_ms\":0,\"kind\":\"fd\","
	       "\"syscall_nr\":1,\"syscall\":\"write\",\"readable\":true,\"fd\":3,"
	       "\"direction\":\"out\",\"futex\":null,\"child\":null,\"sysv_id\":null,\"nfds\":null,"
	       "\"by\":null,\"channel\":\"pipe:5001\",\"peers\":[200],\"watched\":null},"
	       "\"blocked_wait\":{\"tid\":100,\"age_ms\":0,\"kind\":\"fd\",", "pid 100 blocked writing pipe "
	       "5001 to 200, and that is what blocks it");
	has(t, "\"peers\":[200],\"watched\":null},\"tty\":null,", "then the list's columns");
	has(t, "\"started_at_ms\":1699996399623,\"service\":null,\"detail\":{",
	    "the columns (cgroup not read: service null), then its detail");
	has(t, "\"kind\":\"epoll\",\"syscall_nr\":232,\"syscall\":\"epoll_wait\",\"readable\":true,"
	       "\"fd\":9,", "pid 400 in epoll_wait on fd 9");
	has(t, "\"channel\":null,\"peers\":[],\"watched\":[{\"fd\":3,\"events\":25,"
	       "\"channel\":\"eventfd:1\",\"peers\":[]},{\"fd\":12,\"events\":29,\"channel\":null,"
	       "\"peers\":[]}]}", "its watched descriptors, with their channels");
	has(t, "\"tasks\":[{\"tid\":100,\"state\":\"D\",\"wait\":{\"tid\":100,",
	    "detail: the main thread's wait");
	has(t, "{\"tid\":150,\"state\":\"R\",\"wait\":null},", "a running thread waits on nothing");
	has(t, "\"tasks\":[{\"tid\":100,\"state\":\"D\",\"wait\":{\"tid\":100,\"age_ms\":0,",
	    "a wait this snapshot read is 0 ms old");
	has(t, "{\"tid\":160,\"state\":\"S\",\"wait\":{\"tid\":160,\"age_ms\":2500,\"kind\":\"sleep\"",
	    "a thread's wait an earlier refresh read says how old it is");
	has(t, "\"wait_cycles\":[[100,200]]", "the ring of 100 and 200");
	has(t, "\"tty\":\"pts/3\",\"exe\":\"/usr/bin/reader\",\"shr_kib\":512,\"mem_percent\":1.0,"
	       "\"started_at_ms\":1699999999623,\"service\":\"reader.service\"}", "the list's TTY, EXE, SHR, MEM%, START "
	       "and SERVICE of pid 200 (20480 of 2048000 KiB; 3600 s after a boot 3600.5 s before 1700000000123 ms)");
	has(t, "\"tty\":null,\"exe\":\"/tmp/e\\\\x1b[31mvil\",\"shr_kib\":null,\"mem_percent\":0.0,",
	    "no terminal, SHR not read: null; a hostile program path escaped");
	ok(!strstr(t, "cpu_percent") && !strstr(t, "busiest"), "no rate members without --interval");
}

static void test_detail(const char *t)
{
	has(t, "{\"start\":\"0x55550000\",\"end\":\"0x55571000\",\"size_kib\":132,\"perms\":\"rw-p\","
	       "\"offset\":\"0x0\",\"dev\":\"00:00\",\"inode\":0,\"path\":\"[heap]\",\"deleted\":false,"
	       "\"segment\":\"heap\",\"rss_kib\":120,\"pss_kib\":60,\"swap_kib\":0}", "heap mapping");
	has(t, "\"dev\":\"00:01\",\"inode\":65538,\"path\":\"/SYSV00001234\",\"deleted\":true,"
	       "\"segment\":\"shm\",\"rss_kib\":null,\"pss_kib\":null,\"swap_kib\":null}", "shm mapping without smaps");
	has(t, "{\"fd\":3,\"kind\":\"pipe\",\"target\":\"pipe:[5001]\",\"access\":\"w\",\"inode\":5001}", "pipe fd");
	has(t, "{\"fd\":5,\"kind\":\"ptmx\",\"target\":\"/dev/ptmx\",\"access\":\"rw\",\"inode\":88,\"tty_index\":7}", "ptmx fd");
	has(t, "\"socket\":{\"inode\":7003,\"netns\":4026531840,\"family\":\"unix\",\"type\":\"stream\","
	       "\"state\":\"listen\",\"rqueue\":0,\"wqueue\":0,\"rcvbuf\":null,\"sndbuf\":null,"
	       "\"name\":\"/run/x.sock\",\"peer\":null,\"pending\":2}",
	    "listening UNIX socket");
	has(t, "\"family\":\"netlink\",\"type\":\"raw\",\"state\":\"unconnected\",\"rqueue\":0,\"wqueue\":0,"
	       "\"protocol\":0,\"portid\":300}", "netlink socket");
	has(t, "\"sched\":{\"nice\":0,\"priority\":20,\"policy\":\"other\",\"rt_priority\":0,\"affinity\":\"0-1\","
	       "\"processor\":0,\"run_ns\":123456789,\"wait_ns\":4567,\"timeslices\":89,\"wchan\":\"pipe_write\","
	       "\"ctxt_switches\":{\"voluntary\":12,\"involuntary\":3}}", "sched detail");
	has(t, "\"signals\":{\"pending\":[\"TERM\"],\"blocked\":[\"INT\",\"RTMIN+3\"],\"ignored\":[],"
	       "\"caught\":[\"CHLD\"]}", "decoded signals");
}

static void test_channels(const char *t)
{
	has(t, "{\"kind\":\"pipe\",\"id\":\"pipe:5001\",\"label\":null,\"queued\":17,\"queued_bytes\":17,"
	       "\"capacity_bytes\":65536,\"endpoints\":["
	       "{\"pid\":100,\"comm\":\"writer\",\"fd\":3,\"access\":\"w\",\"role\":\"write\"},", "pipe channel");
	has(t, "{\"kind\":\"unix\",\"id\":\"unix:7001\",\"label\":\"@bus\\\\x01\",\"netns\":4026531840,",
	    "unix channel with escaped label");
	has(t, "\"name\":\"@bus\\\\x01\",\"peer\":7002}", "abstract name shown as @ + escaped rest");
	has(t, "\"local\":\"127.0.0.1:5000\",\"remote\":\"10.0.0.1:443\",\"bytes_acked\":1000,"
	       "\"bytes_received\":2000,\"rtt_us\":150}", "tcp socket addresses and tcp_info");
	has(t, "{\"pid\":null,\"comm\":null,\"fd\":null,\"access\":\"\",\"role\":null,\"remote\":\"10.0.0.1:443\"}",
	    "remote endpoint");
	has(t, "\"state\":\"unconnected\",\"rqueue\":0,\"wqueue\":0,\"rcvbuf\":null,\"sndbuf\":null,"
	       "\"local\":\"[::1]:53\",\"remote\":\"[::]:0\"}", "udp6 socket, its buffers unknown (null, not 0)");
	has(t, "\"rqueue\":42,\"wqueue\":0,\"rcvbuf\":212992,\"sndbuf\":425984,\"name\":null,\"peer\":7001}",
	    "unix socket: its queue and its buffers' limits");
	has(t, "\"sysv\":{\"key\":\"0x00001234\",\"id\":65538,\"perms\":\"0600\",\"size\":4096,\"cpid\":100,"
	       "\"lpid\":300,\"nattch\":3,\"uid\":1000,", "sysv shm row in its channel");
	has(t, "\"sysv\":{\"key\":\"0xffffffff\",\"id\":3,\"perms\":\"0644\",\"cbytes\":10,\"qnum\":2,"
	       "\"lspid\":100,\"lrpid\":300,", "sysv msg row in its channel");
	has(t, "\"ipc\":{\"sysv_shm\":[{\"key\":\"0x00001234\"", "ipc section");
	has(t, "\"sysv_sem\":[{\"key\":\"0x00000042\",\"id\":9,\"perms\":\"0666\",\"nsems\":2,", "sem row");
	has(t, "\"notes\":[\"could not read /proc/400/fd: \\\\x1b]0;pwned\\\\x07 denied\"]}\n", "notes escaped, document ends");
}

static void test_full(const struct snapshot *s)
{
	int rc;
	char *t = export_text(s, NULL, 0, false, &rc);
	is_int(rc, 0, "full export succeeds");
	test_header(t);
	test_processes(t);
	test_detail(t);
	test_channels(t);
	size_t controls = 0;
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		controls += *p < 0x20 && *p != '\n';
	is_int(controls, 0, "no control byte in the output");
	is_int(strchr(t, '\n') - t, (long)strlen(t) - 1, "compact output is one line");
	free(t);
}

static void test_pid_form(const struct snapshot *s)
{
	int rc;
	pid_t reader = 200;
	char *t = export_text(s, &reader, 1, false, &rc);
	is_int(rc, 0, "-p 200 export succeeds");
	has(t, "{\"pid\":100,", "writer, a peer of 200, is listed");
	has(t, "{\"pid\":300,", "pid 300, a peer of 200, is listed");
	lacks(t, "{\"pid\":1,", "init holds no channel with 200");
	lacks(t, "{\"pid\":400,", "pid 400 holds no channel with 200");
	lacks(t, "\"detail\"", "peers are shown without detail, and 200 has none collected");
	has(t, "\"id\":\"udp:[::1]:53\"", "a channel of 200 alone is listed");
	lacks(t, "\"kind\":\"tcp\"", "tcp of 300 only is not listed");
	lacks(t, "\"kind\":\"sysv_msg\"", "msg queue between 100 and 300 is not listed");
	free(t);

	pid_t writer = 100;
	t = export_text(s, &writer, 1, false, &rc);
	has(t, "\"detail\":{", "-p 100 shows its detail");
	has(t, "\"kind\":\"sysv_msg\"", "-p 100 lists its msg queue");
	lacks(t, "\"kind\":\"unix\"", "-p 100 does not list the unix channel of 200 and 300");
	free(t);

	pid_t nobody = 999;
	t = export_text(s, &nobody, 1, false, &rc);
	has(t, "\"processes\":[],\"channels\":[],", "a pid not in the snapshot invents nothing");
	free(t);
}

static void test_pretty_and_errors(const struct snapshot *s)
{
	int rc;
	char *t = export_text(s, NULL, 0, true, &rc);
	has(t, "{\n  \"ipctop\": {\n    \"version\": \"", "pretty output is indented");
	free(t);
	FILE *f = full_device();
	if (!f)
		return;
	is_int(json_pids(f, s, NULL, 0, true), -ENOSPC, "write error reported");
	fclose(f);
}

/* A golden file's text with "@VERSION@" replaced by this build's version; NULL if unreadable. */
static char *golden_text(const char *name)
{
	char path[4096];
	const char *src = getenv("TESTS_SRC");
	snprintf(path, sizeof(path), "%s/unit/golden/%s", src && *src ? src : "tests", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_putn(&sb, buf, n);
	fclose(f);
	const char *mark = strstr(sb_str(&sb), "@VERSION@");
	struct strbuf out = STRBUF_INIT;
	if (mark) {
		sb_putn(&out, sb.buf, (size_t)(mark - sb.buf));
		sb_puts(&out, PACKAGE_VERSION);
		sb_puts(&out, mark + strlen("@VERSION@"));
	}
	sb_free(&sb);
	return out.buf;
}

/* The export equals the golden file byte for byte; the first difference is shown. */
static void same_as_golden(const struct snapshot *s, const pid_t *pids, size_t n, bool pretty,
                           const char *name)
{
	int rc;
	char *want = golden_text(name);
	char *got = export_text(s, pids, n, pretty, &rc);
	if (!want) {
		ok(0, "golden %s: file readable, with @VERSION@", name);
		free(got);
		return;
	}
	size_t at = 0;
	while (want[at] && want[at] == got[at])
		at++;
	if (!ok(rc == 0 && want[at] == got[at], "export equals golden %s (%zu bytes)", name, strlen(want)))
		printf("#   first difference at byte %zu: want \"%.40s\"\n#   got \"%.40s\"\n", at,
		       want + at, got + at);
	free(want);
	free(got);
}

static void test_golden(const struct snapshot *s)
{
	pid_t writer = 100, reader = 200;
	same_as_golden(s, NULL, 0, false, "export_full.json");
	same_as_golden(s, NULL, 0, true, "export_full_pretty.json");
	same_as_golden(s, &writer, 1, true, "export_p100_pretty.json");
	same_as_golden(s, &reader, 1, false, "export_p200.json");
}

/* The helpers the TUI shares: unix names, addresses, names of numbers. */
static void test_helpers(void)
{
	struct strbuf sb = STRBUF_INIT;
	format_unix_name(&sb, "@not-abstract", 13);
	is_str(sb_str(&sb), "\\x40not-abstract", "a path starting with @ is told apart from an abstract name");
	sb_reset(&sb);
	format_unix_name(&sb, "\0a\0b", 4);
	is_str(sb_str(&sb), "@a\\x00b", "abstract name: @, then the rest escaped");
	sb_free(&sb);
	char buf[ADDR_PORT_MAX];
	uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1 };
	is_str(format_addr_port(buf, sizeof(buf), 10 /* AF_INET6 */, mapped, 65535),
	       "[::ffff:127.0.0.1]:65535", "IPv4-mapped IPv6 address");
	uint8_t all[16];
	memset(all, 0xff, sizeof(all));
	is_str(format_addr_port(buf, sizeof(buf), 10, all, 65535),
	       "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535", "longest IPv6 address fits");
	is_str(proc_state_name('t'), "tracing stop", "state t");
	ok(proc_state_name('?') == NULL, "unknown state letter has no name");
	is_str(sched_policy_name(6), "deadline", "SCHED_DEADLINE");
	struct sock_info udp = { .family = 2, .type = 2, .protocol = 17, .state = 1 };
	is_str(sock_state_name(&udp), "connected", "connected UDP");
	struct sock_info tcp = { .family = 2, .type = 1, .protocol = 6, .state = 6 };
	is_str(sock_state_name(&tcp), "time_wait", "TCP time_wait");
	tcp.state = 12;
	ok(sock_state_name(&tcp) == NULL, "TCP state 12 has no name");
}

/* The label of a unix channel is its socket's name by the same rule as the socket's "name":
 * an abstract name and a path that begins with '@' never meet. */
static void test_unix_labels(struct snapshot *s)
{
	struct channel *ch = NULL;
	for (size_t i = 0; i < s->n_chans; i++)
		if (s->chans[i].kind == CK_UNIX)
			ch = &s->chans[i];
	struct sock_info *k = ch && ch->label_sock1 > 0 ? &s->socks[ch->label_sock1 - 1] : NULL;
	if (!ok(k != NULL, "the unix channel's label stands for a socket"))
		return;
	int rc;
	k->name = arena_memdup(&s->arena, "\0@x", 3);   /* abstract, its name starts with '@' */
	k->name_len = 3;
	char *t = export_text(s, NULL, 0, false, &rc);
	has(t, "\"label\":\"@@x\",", "abstract name \"@x\": label @@x");
	has(t, "\"name\":\"@@x\",", "...and socket name @@x");
	free(t);
	k->name = arena_memdup(&s->arena, "@x", 2);       /* a path bound as \"@x\" */
	k->name_len = 2;
	t = export_text(s, NULL, 0, false, &rc);
	has(t, "\"label\":\"\\\\x40x\",", "path \"@x\": label \\x40x");
	has(t, "\"name\":\"\\\\x40x\",", "...and socket name \\x40x");
	lacks(t, "\"label\":\"@x\"", "the path is not shown as an abstract name");
	free(t);
}

static int dump(int argc, char **argv)
{
	struct snapshot s;
	bool pretty = argc > 2 && strcmp(argv[2], "--pretty") == 0;
	pid_t pids[16];
	size_t n = 0;
	for (int i = pretty ? 3 : 2; i < argc && n < 16; i++)
		pids[n++] = (pid_t)atoi(argv[i]);
	export_fixture_build(&s);
	int rc = json_pids(stdout, &s, pids, n, pretty);
	snapshot_free(&s);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--dump") == 0)
		return dump(argc, argv);
	struct snapshot s;
	export_fixture_build(&s);
	test_full(&s);
	test_pid_form(&s);
	test_pretty_and_errors(&s);
	test_golden(&s);
	test_helpers();
	test_unix_labels(&s);
	snapshot_free(&s);
	return tap_done();
}
