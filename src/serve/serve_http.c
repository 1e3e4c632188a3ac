/* serve_http.c — ipctop --serve: libmicrohttpd (loaded only here, serve/mhd_load.h), driven
 * by select() in ipctop's main thread, answers every connection without blocking on any (a
 * slow or silent client is dropped after CONN_TIMEOUT_S seconds and cannot hold the others),
 * with a bound on connections and on request size. GET (or HEAD) /metrics gets the
 * OpenMetrics text of a snapshot, reused while younger than -d, and the server's own counters
 * (scrapes, snapshots) of this moment; a client whose Accept names text/plain but not
 * OpenMetrics (promtool's users, curl -H) gets Prometheus's text format instead. Any other
 * path is 404, any other method 405. Snapshots are taken in the main thread, between
 * select() calls, never in a server thread. SIGINT and SIGTERM arrive through a signalfd. */
#include "config.h"

#include "serve/serve_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "collect/collect.h"
#include "export/export_openmetrics.h"
#include "model/snap_filter.h"
#include "serve/mhd_load.h"
#include "serve/serve_addr.h"
#include "util/strbuf.h"
#include "util/mono_clock.h"

enum {
	CONN_LIMIT = 64,            /* connections at once; more are refused at accept */
	CONN_TIMEOUT_S = 10,        /* an idle or half-sent connection is closed after this */
	CONN_MEMORY = 16 * 1024,    /* per connection: bounds the request line and headers */
};

static struct mhd_api mhd;      /* libmicrohttpd's functions, from serve_metrics's mhd_load */

struct serve_state {
	const struct ipctop_opts *o;
	struct strbuf text[2];      /* the last snapshot's metrics, without the end: [0] in
	                             * OpenMetrics, [1] in the text format; or why it failed */
	uint64_t taken_ns;          /* CLOCK_MONOTONIC when it was taken; 0 none yet */
	bool ok;                    /* the last snapshot could be taken */
	uint64_t scrapes, snapshots;   /* since the start: ipctop_scrapes_total, _snapshots_total */
};

/* Take a snapshot unless the last one is younger than -d. */
static void refresh(struct serve_state *st)
{
	uint64_t now = mono_ns(), max_age = (uint64_t)st->o->delay_tenths * 100000000u;
	if (st->taken_ns && now - st->taken_ns < max_age)
		return;
	struct snapshot s;
	struct collect_opts co = { .want_threads = true,    /* ipctop_threads by state */
				   .read_io = true,         /* ipctop_program_io_bytes_total */
				   .want_cgroup = true };   /* ipctop_pair_*'s services */
	snapshot_init(&s);
	int r = snapshot_take(&s, &co);
	uint64_t done = mono_ns();
	sb_reset(&st->text[0]);
	sb_reset(&st->text[1]);
	st->ok = r >= 0;
	if (st->ok) {
		const struct ipctop_opts *o = st->o;
		struct snap_filter flt = { o->pids, o->n_pids, o->has_uid, o->uid, o->kind_mask };
		struct snap_selection sel;
		struct om_opts oo = { o->metrics_pids, done - now, false };
		snap_select(&s, &flt, &sel);
		openmetrics_families(&st->text[0], &s, &sel, &oo);
		oo.prom_text = true;
		openmetrics_families(&st->text[1], &s, &sel, &oo);
		snap_selection_free(&sel);
		st->snapshots++;
	} else {
		sb_printf(&st->text[0], "ipctop: cannot read /proc: %s\n", strerror(-r));
	}
	snapshot_free(&s);
	st->taken_ns = done;
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *type,
                             const char *body, size_t len, bool allow)
{
	struct MHD_Response *resp =
		mhd.create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	mhd.add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (allow)
		mhd.add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	enum MHD_Result r = mhd.queue_response(conn, status, resp);
	mhd.destroy_response(resp);
	return r;
}

#define TEXT_PLAIN "text/plain; charset=utf-8"

/* Prometheus's text format for a client that asks for text/plain and not for OpenMetrics
 * (Prometheus itself asks for both, OpenMetrics first; a client naming neither, as curl's
 * default of any type, gets OpenMetrics). */
static bool wants_text_format(struct MHD_Connection *conn)
{
	const char *acc = mhd.lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	return acc && strcasestr(acc, "text/plain") && !strcasestr(acc, "application/openmetrics-text");
}

/* The page of this scrape: the snapshot's families, the server's counters, the end. */
static enum MHD_Result metrics_page(struct MHD_Connection *conn, struct serve_state *st)
{
	bool prom_text = wants_text_format(conn);
	struct strbuf page = STRBUF_INIT;
	st->scrapes++;
	if (st->text[prom_text].len)
		sb_putn(&page, st->text[prom_text].buf, st->text[prom_text].len);
	openmetrics_serve_counts(&page, st->scrapes, st->snapshots, prom_text);
	openmetrics_end(&page, prom_text);
	enum MHD_Result r = reply(conn, MHD_HTTP_OK,
	                          prom_text ? PROM_TEXT_CONTENT_TYPE : OPENMETRICS_CONTENT_TYPE,
	                          page.buf, page.len, false);
	sb_free(&page);
	return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
	static const char not_found[] = "not found: ipctop serves /metrics only\n";
	static const char not_allowed[] = "method not allowed: GET or HEAD /metrics\n";
	struct serve_state *st = cls;
	(void)version; (void)upload;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, TEXT_PLAIN, not_allowed,
		             sizeof(not_allowed) - 1, true);
	if (!*req_cls) {          /* headers in: answer on the next call, after any body */
		*req_cls = st;
		return MHD_YES;
	}
	if (*upload_size) {       /* a body on a GET: read and ignore it */
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(url, "/metrics"))
		return reply(conn, MHD_HTTP_NOT_FOUND, TEXT_PLAIN, not_found, sizeof(not_found) - 1, false);
	refresh(st);
	if (!st->ok)
		return reply(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, TEXT_PLAIN, st->text[0].buf,
		             st->text[0].len, false);
	return metrics_page(conn, st);
}

static struct MHD_Daemon *start(const struct ipctop_opts *o, struct serve_state *st)
{
	unsigned flags = 0;   /* driven by run(); no error log: serve_metrics says why it cannot
	                       * start, and nothing a client does can fill stderr */
	if (o->serve_addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return mhd.start_daemon(flags, 0, NULL, NULL, on_request, st,
	                        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&o->serve_addr,
	                        MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONN_LIMIT,
	                        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT_S,
	                        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
	                        MHD_OPTION_END);
}

/* Until a signal arrives on sfd: wait for the server's sockets or its next timeout, then let
 * it handle what is ready. Returns 0, or 1 when select fails. */
static int run(struct MHD_Daemon *d, int sfd)
{
	for (;;) {
		fd_set rs, ws, es;
		MHD_socket max = sfd;
		MHD_UNSIGNED_LONG_LONG ms;
		struct timeval tv, *tvp = NULL;
		FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
		FD_SET(sfd, &rs);
		if (mhd.get_fdset2(d, &rs, &ws, &es, &max, FD_SETSIZE) != MHD_YES)
			return 1;
		if (mhd.get_timeout(d, &ms) == MHD_YES) {
			tv.tv_sec = (time_t)(ms / 1000);
			tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
			tvp = &tv;
		}
		if (select(max + 1, &rs, &ws, &es, tvp) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "ipctop: select: %s\n", strerror(errno));
			return 1;
		}
		if (FD_ISSET(sfd, &rs))
			return 0;
		mhd.run_from_select(d, &rs, &ws, &es);
	}
}

int serve_metrics(const struct ipctop_opts *o)
{
	if (mhd_load(&mhd) < 0)
		return 1;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);   /* they arrive on sfd instead */
	signal(SIGPIPE, SIG_IGN);
	int sfd = signalfd(-1, &stop, SFD_CLOEXEC);
	if (sfd < 0) {
		fprintf(stderr, "ipctop: signalfd: %s\n", strerror(errno));
		return 1;
	}
	struct serve_state st = { o, { STRBUF_INIT, STRBUF_INIT }, 0, false, 0, 0 };
	struct MHD_Daemon *d = start(o, &st);
	char where[80];
	if (!d) {
		serve_format_addr(&o->serve_addr, serve_addr_port(&o->serve_addr), where, sizeof(where));
		fprintf(stderr, "ipctop: cannot serve on %s: %s\n", where, strerror(errno));
		close(sfd);
		return 1;
	}
	const union MHD_DaemonInfo *info = mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	serve_format_addr(&o->serve_addr, info ? info->port : 0, where, sizeof(where));
	fprintf(stderr, "ipctop: serving http://%s/metrics\n", where);
	int status = run(d, sfd);
	mhd.stop_daemon(d);
	close(sfd);
	sb_free(&st.text[0]);
	sb_free(&st.text[1]);
	return status;
}
