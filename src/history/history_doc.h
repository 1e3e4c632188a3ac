/* history_doc.h — a snapshot's --json text cut into header, processes and channels for the
 * recording's writer (history_doc.c). */
#ifndef IPCTOP_HISTORY_DOC_H
#define IPCTOP_HISTORY_DOC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

struct hist_doc {
	char *buf; size_t len;       /* the compact document */
	size_t procs[2], chans[2];   /* the items of "processes" and "channels": [start, end) */
	json_t *header;              /* the rest: every member but those two arrays */
};

int hist_doc_make(struct hist_doc *d, const struct snapshot *s, struct strbuf *err);
void hist_doc_free(struct hist_doc *d);

#endif
