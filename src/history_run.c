/* history_run.c — ipctop --record FILE: a snapshot every -d tenths of a second appended to the
 * recording until SIGINT, SIGTERM or SIGHUP (the sample being written is finished, the file
 * closed cleanly); ipctop --replay FILE --at TIME --json|--dot: the snapshot of that time,
 * written by the same exporters as a live one; and ipctop --replay FILE [--at TIME]: the
 * screens on the recording. Exit 2 when the file cannot be used. */
#include "history_run.h"
#include "export_run.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/collect.h"
#include "history/history.h"
#include "source/source.h"
#include "view/tui.h"

#define RECORD_RESCAN_EVERY 20   /* a rotating full read, as the live loop's (collect.h) */

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* The stop signals are blocked but while waiting between samples (ppoll unblocks them
 * atomically: one sent just before the wait still ends it); threads that collectors start
 * inherit the block, so the main thread takes them. */
static sigset_t wait_mask;

static void catch_stop_signals(void)
{
	sigset_t stops;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;   /* no SA_RESTART: the sleep between samples ends at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void sleep_tenths(int tenths)
{
	struct timespec ts = { tenths / 10, (long)(tenths % 10) * 100000000L };
	if (!stop_signal)
		ppoll(NULL, 0, &ts, &wait_mask);
}

/* One sample: a snapshot (from prev where given) appended. 0, or 1 after a printed error. */
static int record_one(struct history_writer *w, struct snapshot *s, const struct snapshot *prev,
                      unsigned n)
{
	struct collect_opts co = { .prev = prev, .refresh_loop = true, .probe_fill = PROBE_ALL,
	                           .rescan_every = RECORD_RESCAN_EVERY,
	                           .rescan_turn = n % RECORD_RESCAN_EVERY,
	                           .want_exe = true };   /* process.exe (a new process's only:
	                                                  * an old one's is carried over) */
	struct strbuf err = STRBUF_INIT;
	snapshot_init(s);
	int r = snapshot_take(s, &co);
	if (r < 0)
		fprintf(stderr, "ipctop: --record: cannot read /proc: %s\n", strerror(-r));
	else if (history_append(w, s, &err) < 0)
		fprintf(stderr, "ipctop: --record: %s (recording stopped)\n", sb_str(&err));
	int status = r < 0 || err.len ? 1 : 0;
	sb_free(&err);
	return status;
}

int record_run(const struct ipctop_opts *o)
{
	struct strbuf err = STRBUF_INIT;
	struct history_writer *w = NULL;
	if (history_create(o->record_file, &w, &err) < 0 ||
	    history_limit(w, o->record_keep_s, o->record_max_bytes, &err) < 0) {
		fprintf(stderr, "ipctop: --record: %s\n", sb_str(&err));
		sb_free(&err);
		history_close(w);
		return 2;
	}
	sb_free(&err);
	catch_stop_signals();
	struct snapshot snaps[2];
	int status = 0, cur = 0;
	bool have_prev = false;
	for (unsigned n = 0; !stop_signal && status == 0; n++) {
		status = record_one(w, &snaps[cur], have_prev ? &snaps[!cur] : NULL, n);
		if (have_prev)
			snapshot_free(&snaps[!cur]);
		have_prev = true;
		cur = !cur;
		if (status == 0)
			sleep_tenths(o->delay_tenths);
	}
	if (have_prev)
		snapshot_free(&snaps[!cur]);
	history_close(w);
	return status;
}

/* The screens on the recording, from --at (or its first sample). */
static int replay_tui(const struct ipctop_opts *o)
{
	struct strbuf err = STRBUF_INIT;
	struct source src;
	if (source_replay_init(&src, o->replay_file, o->at, &err) < 0) {
		fprintf(stderr, "ipctop: --replay: %s\n", sb_str(&err));
		sb_free(&err);
		return 2;
	}
	sb_free(&err);
	struct tui_hooks hooks = { .src = &src };   /* the TUI stops it */
	return tui_run(o, &hooks);
}

int replay_run(const struct ipctop_opts *o)
{
	if (o->mode == MODE_TUI)
		return replay_tui(o);
	struct strbuf err = STRBUF_INIT;
	struct history_reader *r = NULL;
	int64_t sample;
	struct snapshot s;
	snapshot_init(&s);
	int status = 2;
	if (history_open(o->replay_file, &r, &err) == 0 && history_find(r, o->at, &sample, &err) == 0 &&
	    history_rebuild(r, sample, &s, &err) == 0) {
		struct snap_filter flt = { NULL, 0, false, 0, o->kind_mask };
		status = export_run_write(o, &s, &flt, 0);
	} else {
		fprintf(stderr, "ipctop: --replay: %s\n", sb_str(&err));
	}
	snapshot_free(&s);
	history_close_reader(r);
	sb_free(&err);
	return status;
}
