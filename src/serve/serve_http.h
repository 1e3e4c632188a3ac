/* serve_http.h — ipctop --serve: /metrics over HTTP for Prometheus (libmicrohttpd). */
#ifndef IPCTOP_SERVE_HTTP_H
#define IPCTOP_SERVE_HTTP_H

#include "options.h"

/* Serve GET /metrics on o->serve_addr until SIGINT or SIGTERM: a snapshot per scrape, but at
 * most one per o->delay_tenths (a scrape sooner gets the last one). Returns the exit status. */
int serve_metrics(const struct ipctop_opts *o);

#endif
