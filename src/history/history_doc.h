/* history_doc.h — a snapshot's --json text cut into header, processes and channels for the
 * recording's writer (history_doc.c). */
#ifndef IPCTOP_HISTORY_DOC_H
#define IPCTOP_HISTORY_DOC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snap_filter.h"
#include "model/snapshot.h"
#include "util/strbuf.h"

struct hist_doc {
	char *buf; size_t len;       /* the compact document */
	size_t procs[2], chans[2];   /* the items of "processes" and "channels": [start, end) */
	/* the rest, the header: its figures of the moment (null in the text: 0), and its text
	 * without them nor taken_at_ms (the sample row has them in columns) */
	double load[3], uptime_s;
	int64_t mem_available_kib;
	struct strbuf head;
};

/* The document of what sel lists and keeps of s. 0, or -1 with err. */
int hist_doc_make(struct hist_doc *d, const struct snapshot *s, const struct snap_selection *sel,
                  struct strbuf *err);
void hist_doc_free(struct hist_doc *d);

#endif
