/* ipctop.c — command-line options and dispatch: one snapshot as JSON or DOT, or the
 * interactive screens. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect.h"
#include "demo_run.h"
#include "export_run.h"
#include "lesson/lesson.h"
#include "model/rates.h"
#include "model/snap_filter.h"
#include "history_run.h"
#include "merge_run.h"
#include "history/history.h"
#include "layout/graph_model.h"
#include "options.h"
#include "serve/serve_addr.h"
#include "serve/serve_http.h"
#include "util/xalloc.h"
#include "view/tui.h"
#include "view/ui_theme.h"
#include "util/mono_clock.h"

enum { OPT_JSON = 256, OPT_DOT, OPT_ASCII, OPT_NO_COLOR, OPT_DEMO, OPT_READONLY, OPT_PRETTY, OPT_KIND,
       OPT_OPENMETRICS, OPT_PROMETHEUS, OPT_METRICS_PIDS, OPT_SERVE, OPT_INTERVAL, OPT_MERGE,
       OPT_RECORD, OPT_REPLAY, OPT_AT, OPT_LESSON, OPT_GROUPS, OPT_FOCUS, OPT_HOPS, OPT_RECORD_KEEP,
       OPT_RECORD_MAX, OPT_SERVICES, OPT_THEME };

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dot", no_argument, NULL, OPT_DOT },
	{ "groups", optional_argument, NULL, OPT_GROUPS },
	{ "focus", required_argument, NULL, OPT_FOCUS },
	{ "hops", required_argument, NULL, OPT_HOPS },
	{ "pretty", no_argument, NULL, OPT_PRETTY },
	{ "openmetrics", no_argument, NULL, OPT_OPENMETRICS },
	{ "prometheus", no_argument, NULL, OPT_PROMETHEUS },
	{ "metrics-pids", no_argument, NULL, OPT_METRICS_PIDS },
	{ "serve", required_argument, NULL, OPT_SERVE },
	{ "pid", required_argument, NULL, 'p' },
	{ "user", required_argument, NULL, 'u' },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "delay", required_argument, NULL, 'd' },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "services", no_argument, NULL, OPT_SERVICES },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "no-colour", no_argument, NULL, OPT_NO_COLOR },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "lesson", required_argument, NULL, OPT_LESSON },
	{ "readonly", no_argument, NULL, OPT_READONLY },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "record-keep", required_argument, NULL, OPT_RECORD_KEEP },
	{ "record-max-size", required_argument, NULL, OPT_RECORD_MAX },
	{ "replay", required_argument, NULL, OPT_REPLAY },
	{ "at", required_argument, NULL, OPT_AT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("Usage: ipctop [options]\n"
	      "       ipctop --merge [--json|--dot] FILE...\n"
	      "       ipctop --record FILE [-d TENTHS] [--record-keep DURATION]\n"
	      "              [--record-max-size SIZE]\n"
	      "       ipctop --replay FILE [--at TIME] [--json|--dot]\n"
	      "Show processes, their memory and scheduling, and which processes talk to which.\n\n"
	      "  --json               print one snapshot as JSON and exit\n"
	      "  --pretty             indent the JSON\n"
	      "  --dot                print the communication graph as Graphviz DOT and exit\n"
	      "      --groups[=BY]    --dot: a parent and its children of one program as one node,\n"
	      "                       as the graph screen draws them; BY service: a systemd unit\n"
	      "                       or container as one node; user: one node per user\n"
	      "      --focus PID      --dot: only PID and its neighbours, as the screen's focus\n"
	      "      --hops N         --dot --focus: neighbours up to N hops (1-9, default 1)\n"
	      "  --openmetrics        print one snapshot as OpenMetrics (Prometheus) text and exit\n"
	      "  --prometheus         the same in Prometheus's text format 0.0.4 (for node_exporter's\n"
	      "                       textfile collector and promtool)\n"
	      "  --serve ADDR:PORT    serve OpenMetrics on http://ADDR:PORT/metrics (PORT alone:\n"
	      "                       127.0.0.1); a snapshot per scrape, at most one per -d\n"
	      "  --metrics-pids       OpenMetrics: channels and counters of each process, with pid\n"
	      "                       labels\n"
	      "  -p, --pid PID[,PID]  JSON: full detail for these processes and their peers;\n"
	      "                       interactive: show only these processes\n"
	      "  -u, --user USER      show only USER's processes (and their channels)\n"
	      "      --kind KIND[,KIND]\n"
	      "                       only channels of these kinds (pipe, unix, ...)\n"
	      "      --interval MS    --json, --dot: two snapshots MS milliseconds apart, with\n"
	      "                       traffic rates between them\n"
	      "  -d, --delay TENTHS   refresh delay in tenths of a second (default 15)\n"
	      "      --ascii          draw with ASCII instead of UTF-8 box drawing\n"
	      "      --no-color       no colours (NO_COLOR in the environment does the same)\n"
	      "      --theme NAME     colours: default, contrast (for a projector: white on black,\n"
	      "                       bold text, heavy lines; also without colour) or colorblind\n"
	      "                       (no red against green); saved in ipctoprc\n"
	      "      --services       name ports from /etc/services (5432 (postgresql)) on the\n"
	      "                       screens; numbers only by default (the N key switches)\n"
	      "      --demo           start example processes that talk, and show them\n"
	      "      --lesson NAME    run a classroom lesson ('--lesson list' lists them)\n"
	      "      --readonly       offer no actions (kill, renice)\n"
	      "      --merge FILE...  join snapshots of several hosts (their --json, '-' for\n"
	      "                       standard input) into one, written with --json or --dot\n"
	      "                       or shown (one snapshot: no refresh, kill or renice)\n"
	      "      --record FILE    no screens: append a snapshot to the recording FILE (SQLite,\n"
	      "                       created mode 0600) every -d (default 100: 10 s) until\n"
	      "                       SIGINT or SIGTERM\n"
	      "      --record-keep DURATION\n"
	      "                       drop samples older than DURATION (30s, 10m, 2h, 7d)\n"
	      "      --record-max-size SIZE\n"
	      "                       drop the oldest samples to keep FILE under SIZE (bytes, or\n"
	      "                       K, M, G; at least 64K)\n"
	      "      --replay FILE [--at TIME]\n"
	      "                       show the recording FILE on the screens from TIME (or its\n"
	      "                       first sample); with --json or --dot (and --at): print the\n"
	      "                       snapshot at TIME (YYYY-MM-DD HH:MM:SS, HH:MM:SS, or epoch\n"
	      "                       seconds)\n"
	      "  -h, --help           this help\n"
	      "  -V, --version        version\n\n"
	      "See ipctop(1) for the screens, the JSON fields and the escaping of names.\n", f);
}

__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "ipctop: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry 'ipctop --help'.\n");
	va_end(ap);
	exit(2);
}

/* A decimal number in [min, max]: digits only (strtol alone would take spaces and a sign). */
static bool parse_number(const char *s, long min, long max, long *out)
{
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* --groups[=family|service|user]: what --dot's groups are (no value: families). */
static int parse_group_by(const char *s)
{
	static const char *const names[] = { [GB_FAMILY] = "family", [GB_SERVICE] = "service", [GB_USER] = "user" };
	for (int i = 0; s && i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	if (s)
		die("invalid --groups '%s' (family, service or user)", s);
	return GB_FAMILY;
}

/* --theme NAME: the screens' colours (view/ui_theme.h). */
static void parse_theme(struct ipctop_opts *o, const char *s)
{
	int t = ui_theme_from_name(s, strlen(s));
	if (t < 0)
		die("invalid --theme '%s' (default, contrast or colorblind)", s);
	o->theme = t + 1;
}

/* -p PID[,PID...]: every item a PID; an empty item (",5", "5,,6") is an error. */
static void parse_pids(struct ipctop_opts *o, const char *arg)
{
	char *copy = xstrdup(arg), *tok = copy;
	for (;;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		long v;
		if (!parse_number(tok, 1, INT_MAX, &v))
			die(*tok ? "invalid pid '%s'" : "invalid pid list '%s': empty pid", *tok ? tok : arg);
		o->pids = xrealloc(o->pids, (o->n_pids + 1) * sizeof(*o->pids));
		o->pids[o->n_pids++] = (pid_t)v;
		if (!comma)
			break;
		tok = comma + 1;
	}
	free(copy);
}

/* -u USER: a name the system knows, or a numeric UID (which may have no name). */
static void parse_user(struct ipctop_opts *o, const char *arg)
{
	if (!snap_filter_parse_user(arg, &o->uid))
		die("unknown user '%s'", arg);
	o->user = arg;
	o->has_uid = true;
}

/* --kind KIND[,KIND...]: channel kinds by the names the outputs use. */
static void parse_kinds(struct ipctop_opts *o, const char *arg)
{
	char bad[64], names[256] = "";
	uint32_t mask;
	if (snap_filter_parse_kinds(arg, &mask, bad, sizeof(bad))) {
		o->kind_mask |= mask;
		return;
	}
	if (!bad[0])
		die("empty kind in list '%s'", arg);
	for (int k = 0; k < CK__COUNT; k++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", k ? ", " : "",
		         chan_kind_name((enum chan_kind)k));
	die("unknown channel kind '%s' (kinds: %s)", bad, names);
}

/* getopt_long's error (opterr is off, so it printed none): say which option, in our form. */
__attribute__((noreturn))
static void bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1];
	int name_len = (int)strcspn(arg, "=");
	if (strncmp(arg, "--", 2) != 0) {   /* a short option, perhaps in a cluster such as -Vz */
		if (c == ':')
			die("option '-%c' needs an argument", optopt);
		die("unknown option '-%c'", optopt);
	}
	if (c == ':')
		die("option '%s' needs an argument", arg);
	if (optopt)   /* known by name: it was given an argument it does not take */
		die("option '%.*s' takes no argument", name_len, arg);
	die("unknown or ambiguous option '%.*s'", name_len, arg);
}

static void set_mode(struct ipctop_opts *o, enum run_mode m)
{
	if (o->mode != MODE_TUI && o->mode != m)
		die("--json, --dot, --openmetrics, --serve and --record cannot be used together");
	o->mode = m;
}

/* Options that only one mode uses are errors in another, not silently ignored. */
static void check_modes(const struct ipctop_opts *o, bool delay_given)
{
	bool export = o->mode != MODE_TUI && o->mode != MODE_SERVE && o->mode != MODE_RECORD;
	if (o->pretty && o->mode != MODE_JSON)
		die("--pretty applies to --json only");
	if (o->metrics_pids && o->mode != MODE_OPENMETRICS && o->mode != MODE_SERVE)
		die("--metrics-pids applies to --openmetrics and --serve only");
	if (o->mode == MODE_SERVE && o->demo)
		die("--demo is interactive; it cannot be used with --serve");
	if (export && o->demo)
		die("--demo is interactive; it cannot be used with --json, --dot or --openmetrics");
	if (o->theme && o->mode != MODE_TUI)
		die("--theme applies to the interactive screens only");
	if (export && delay_given)
		die("-d applies to the interactive screens only, not to --json, --dot or --openmetrics");
	if (o->interval_ms && o->mode != MODE_JSON && o->mode != MODE_DOT)
		die("--interval applies to --json and --dot only");
	if ((o->dot_groups || o->dot_focus || o->dot_hops) && o->mode != MODE_DOT)
		die("--groups, --focus and --hops apply to --dot only");
	if (o->dot_hops && !o->dot_focus)
		die("--hops applies to --focus only");
	if (o->dot_focus && o->merge)
		die("--merge cannot be used with --focus (pids are per host)");
	if (o->demo && o->n_pids)
		die("--demo shows its own processes; it cannot be used with -p");
	if (o->lesson && (o->mode != MODE_TUI || o->demo || o->n_pids || o->has_uid || o->merge))
		die("--lesson shows its own processes on the screens; it cannot be used with "
		    "--json, --dot, --openmetrics, --serve, --merge, --demo, -p or -u");
}

/* --record and --replay: one file, nothing that names local processes or a second mode. */
static void check_history(struct ipctop_opts *o, bool delay_given)
{
	if (o->mode == MODE_RECORD) {
		if (o->n_pids || o->has_uid || o->kind_mask || o->demo || o->at || o->replay_file || o->merge)
			die("--record records every process: it takes only -d (and no -p, -u, --kind, --demo, --at, --replay or --merge)");
		if (!delay_given)
			o->delay_tenths = 100;
		return;
	}
	if (o->record_keep_s > 0 || o->record_max_bytes > 0)
		die("--record-keep and --record-max-size apply to --record only");
	if (!o->replay_file) {
		if (o->at)
			die("--at applies to --replay only");
		return;
	}
	if (o->mode != MODE_JSON && o->mode != MODE_DOT && o->mode != MODE_TUI)
		die("--replay writes --json or --dot, or shows the interactive screens");
	if (!o->at && o->mode != MODE_TUI)
		die("--replay needs --at TIME (YYYY-MM-DD HH:MM:SS, HH:MM:SS, or epoch seconds)");
	if (o->interval_ms || o->n_pids || o->has_uid || o->merge || o->demo || o->lesson)
		die("--replay cannot be used with --interval, -p, -u, --merge, --demo or --lesson");
}

/* --merge: files to read, an export to write them with (or the screens), no filter that names
 * local pids. */
static void check_merge(const struct ipctop_opts *o)
{
	if (o->n_merge == 0)
		die("--merge needs the snapshot files to join ('-' for standard input)");
	if (o->mode != MODE_JSON && o->mode != MODE_DOT && o->mode != MODE_TUI)
		die("--merge writes --json or --dot, or shows the interactive screens");
	if (o->demo)
		die("--demo shows its own processes; it cannot be used with --merge");
	if (o->interval_ms)
		die("--merge cannot be used with --interval (rates come from each host's own snapshots)");
	if (o->n_pids || o->has_uid)
		die("--merge cannot be used with -p or -u (pids and users are per host)");
	size_t stdin_uses = 0;
	for (size_t i = 0; i < o->n_merge; i++)
		stdin_uses += strcmp(o->merge_files[i], "-") == 0;
	if (stdin_uses > 1)
		die("--merge can read standard input ('-') only once");
}

__attribute__((noreturn))
static void print_or_fail(void (*print)(FILE *))
{
	print(stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ipctop: write error: %s\n", strerror(errno));
		exit(1);
	}
	exit(0);
}

static void print_version(FILE *f)
{
	fprintf(f, "ipctop %s\n", PACKAGE_VERSION);
}

static void parse_args(int argc, char **argv, struct ipctop_opts *o)
{
	int c;
	bool delay_given = false;
	long v;
	o->delay_tenths = 15;
	o->no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:u:d:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: set_mode(o, MODE_JSON); break;
		case OPT_DOT: set_mode(o, MODE_DOT); break;
		case OPT_PRETTY: o->pretty = true; break;
		case OPT_OPENMETRICS: set_mode(o, MODE_OPENMETRICS); break;
		case OPT_PROMETHEUS: set_mode(o, MODE_OPENMETRICS); o->prom_text = true; break;
		case OPT_METRICS_PIDS: o->metrics_pids = true; break;
		case OPT_SERVE:
			set_mode(o, MODE_SERVE);
			if (!serve_parse_addr(optarg, &o->serve_addr))
				die("invalid address '%s' for --serve (PORT, ADDR:PORT or [ADDR6]:PORT)", optarg);
			break;
		case 'p': parse_pids(o, optarg); break;
		case 'u': parse_user(o, optarg); break;
		case OPT_KIND: parse_kinds(o, optarg); break;
		case OPT_INTERVAL:
			if (!parse_number(optarg, 1, 600000, &v))
				die("invalid interval '%s' (milliseconds, 1-600000)", optarg);
			o->interval_ms = v;
			break;
		case 'd':
			if (!parse_number(optarg, 1, 36000, &v))
				die("invalid delay '%s' (tenths of a second, 1-36000)", optarg);
			o->delay_tenths = (int)v;
			delay_given = true;
			break;
		case OPT_ASCII: o->ascii = true; break;
		case OPT_SERVICES: o->services = true; break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_THEME: parse_theme(o, optarg); break;
		case OPT_DEMO: o->demo = true; break;
		case OPT_LESSON:
			if (strcmp(optarg, "list") != 0 && !lesson_find(optarg))
				die("unknown lesson '%s' ('ipctop --lesson list' lists them)", optarg);
			o->lesson = optarg;
			break;
		case OPT_READONLY: o->readonly = true; break;
		case OPT_GROUPS: o->dot_groups = true; o->dot_group_by = parse_group_by(optarg); break;
		case OPT_FOCUS:
			if (!parse_number(optarg, 1, INT32_MAX, &v))
				die("invalid pid '%s' for --focus", optarg);
			o->dot_focus = (pid_t)v;
			break;
		case OPT_HOPS:
			if (!parse_number(optarg, 1, 9, &v))
				die("invalid hops '%s' (1-9)", optarg);
			o->dot_hops = (int)v;
			break;
		case OPT_MERGE: o->merge = true; break;
		case OPT_RECORD: set_mode(o, MODE_RECORD); o->record_file = optarg; break;
		case OPT_REPLAY: o->replay_file = optarg; break;
		case OPT_AT: o->at = optarg; break;
		case OPT_RECORD_KEEP:
			if (!hist_parse_duration(optarg, &o->record_keep_s))
				die("invalid --record-keep '%s' (N seconds, or Ns, Nm, Nh, Nd)", optarg);
			break;
		case OPT_RECORD_MAX:
			if (!hist_parse_size(optarg, &o->record_max_bytes))
				die("invalid --record-max-size '%s' (N bytes, or NK, NM, NG; at least 64K)", optarg);
			break;
		case 'h': print_or_fail(usage);
		case 'V': print_or_fail(print_version);
		default: bad_option(c, argv);
		}
	}
	if (optind < argc && !o->merge)
		die("unexpected argument '%s'", argv[optind]);
	o->merge_files = argv + optind;
	o->n_merge = (size_t)(argc - optind);
	check_modes(o, delay_given);
	check_history(o, delay_given);
	if (o->merge)
		check_merge(o);
}

/* The snapshot to export: one, or with --interval a second one MS after the first (its prev),
 * with the rates between them. 0, or -errno when /proc cannot be read. */
static int take_export(const struct ipctop_opts *o, struct snapshot *s)
{
	struct collect_opts co = { .detail_pids = o->pids, .n_detail = o->mode == MODE_JSON ? o->n_pids : 0,
				   .read_io = o->interval_ms > 0 || o->mode == MODE_OPENMETRICS,
				   .probe_fill = PROBE_ALL,
				   .want_threads = o->mode == MODE_OPENMETRICS,
				   /* the EXE and SERVICE columns' values (JSON OUTPUT) */
				   .want_exe = o->mode == MODE_JSON,
				   /* SERVICE, and the pair metrics' service */
				   .want_cgroup = o->mode == MODE_JSON || o->mode == MODE_OPENMETRICS ||
				                  (o->dot_groups && o->dot_group_by == GB_SERVICE) };
	snapshot_init(s);
	if (!o->interval_ms)
		return snapshot_take(s, &co);
	struct snapshot before;
	snapshot_init(&before);
	struct collect_opts first = co;
	first.probe_fill = PROBE_NONE;   /* only the second snapshot's fill is written */
	int r = snapshot_take(&before, &first);
	if (r == 0) {
		struct timespec ts = { o->interval_ms / 1000, (o->interval_ms % 1000) * 1000000L };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
		}
		co.prev = &before;   /* a process of many threads: the threads the first did not read */
		r = snapshot_take(s, &co);
	}
	if (r == 0)
		snapshot_rates(s, &before);
	snapshot_free(&before);
	return r;
}

/* One snapshot, written by the export of the chosen mode. */
static int run_export(const struct ipctop_opts *o)
{
	struct snapshot s;
	uint64_t t0 = mono_ns();
	int r = take_export(o, &s);
	uint64_t take_ns = mono_ns() - t0;
	if (r < 0) {
		fprintf(stderr, "ipctop: cannot read /proc: %s\n", strerror(-r));
		snapshot_free(&s);
		return 1;
	}
	size_t found = 0;   /* a listed process that has gone is a note; none left is an error */
	for (size_t i = 0; i < o->n_pids; i++) {
		if (snapshot_find_proc(&s, o->pids[i])) {
			found++;
			continue;
		}
		fprintf(stderr, "ipctop: process %d not found (exited?)\n", (int)o->pids[i]);
		snapshot_note(&s, "process %d not found (exited?)", (int)o->pids[i]);
	}
	if (o->n_pids && !found) {
		fprintf(stderr, "ipctop: none of the processes given with -p exists\n");
		snapshot_free(&s);
		return 1;
	}
	struct snap_filter flt = { o->pids, o->n_pids, o->has_uid, o->uid, o->kind_mask };
	int status = export_run_write(o, &s, &flt, take_ns);
	snapshot_free(&s);
	return status;
}

struct lesson_hook {
	struct lesson_run run;
	struct ipctop_opts *o;
};

static int reap_lesson(void *arg, char *msg, size_t n)
{
	return lesson_reap(&((struct lesson_hook *)arg)->run, msg, n);
}

/* The step's processes become the -p the screens are limited to. */
static bool step_lesson(void *arg, int dir, struct tui_step *out)
{
	struct lesson_hook *h = arg;
	if (!lesson_step(&h->run, dir, out))
		return false;
	h->o->pids = xrealloc(h->o->pids, (out->n_pids ? out->n_pids : 1) * sizeof(pid_t));
	memcpy(h->o->pids, out->pids, out->n_pids * sizeof(pid_t));
	h->o->n_pids = out->n_pids;
	return true;
}

/* --lesson NAME: start its processes, show its steps, end them all when the screens close. */
static int run_lesson(struct ipctop_opts *o)
{
	if (strcmp(o->lesson, "list") == 0) {
		lesson_list(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	char helper[4096];
	if (!lesson_interactive_start("--lesson", helper, sizeof(helper)))
		return 1;
	struct lesson_hook *h = xcalloc(1, sizeof(*h));
	h->o = o;
	int status = 1;
	if (lesson_start(&h->run, lesson_find(o->lesson), helper) == 0) {
		struct tui_hooks hooks = { .reap = reap_lesson, .arg = h, .step = step_lesson };
		struct tui_step first;
		step_lesson(h, 0, &first);   /* the first snapshot is limited to the lesson already */
		status = tui_run(o, &hooks);
		lesson_stop(&h->run);
	}
	free(h);
	return status;
}

int main(int argc, char **argv)
{
	/* A snapshot's big arrays (procs, sockets, channels: 0.5 to 3 MiB each at 2000
	 * processes) are to be mmapped and so given back whole when freed. glibc's default
	 * threshold rises to the size of each such block freed, after which the next ones come
	 * from a thread's heap, whose free top malloc_trim does not return: resident memory
	 * drifted up by a few MiB and its peak by 4 (issue 17). Setting it fixes it. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	struct ipctop_opts o;
	memset(&o, 0, sizeof(o));
	parse_args(argc, argv, &o);
	int status;
	if (o.merge) {
		status = merge_run(&o);
	} else if (o.mode == MODE_RECORD) {
		status = record_run(&o);
	} else if (o.replay_file) {
		status = replay_run(&o);
	} else if (o.mode != MODE_TUI && o.mode != MODE_SERVE) {
		status = run_export(&o);
	} else if (o.mode == MODE_SERVE) {
		status = serve_metrics(&o);
	} else if (o.demo) {
		status = demo_run(&o);
	} else if (o.lesson) {
		status = run_lesson(&o);
	} else {
		status = tui_run(&o, NULL);
	}
	collect_shutdown();
	free(o.pids);
	return status;
}
