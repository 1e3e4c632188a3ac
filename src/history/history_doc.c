/* history_doc.c — a snapshot as the exporter's compact --json text, cut into its header
 * (parsed) and the texts of its process and channel objects (left as text: the recorder
 * compares them with the previous sample's by hash, and parses only what is new). The text is
 * our own exporter's; a layout other than expected is an error, never a guess. */
#include "history/history_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "model/snap_filter.h"
#include "util/xalloc.h"

/* Whether b[0, at) ends with key and b[end] is the array's ']'. */
static bool array_at(const char *b, size_t len, const char *key, size_t at, size_t end)
{
	size_t k = strlen(key);
	return at >= k && at <= end && end < len && memcmp(b + at - k, key, k) == 0 && b[end] == ']';
}

/* The two arrays where the exporter says they are; the rest (the header) parsed. */
static bool split(struct hist_doc *d, const struct export_json_marks *m)
{
	const char *b = d->buf;
	if (!array_at(b, d->len, ",\"processes\":[", m->procs[0], m->procs[1]) ||
	    !array_at(b, d->len, ",\"channels\":[", m->chans[0], m->chans[1]) ||
	    m->chans[0] != m->procs[1] + 14)
		return false;
	memcpy(d->procs, m->procs, sizeof(d->procs));
	memcpy(d->chans, m->chans, sizeof(d->chans));
	size_t head_end = m->procs[0] - 14;
	struct strbuf hdr = STRBUF_INIT;   /* the header, then what follows the channels */
	sb_putn(&hdr, b, head_end);
	sb_putn(&hdr, b + d->chans[1] + 1, d->len - d->chans[1] - 1);
	json_error_t je;
	d->header = json_loadb(hdr.buf, hdr.len, JSON_REJECT_DUPLICATES, &je);
	sb_free(&hdr);
	return json_is_object(d->header);
}

int hist_doc_make(struct hist_doc *d, const struct snapshot *s, struct strbuf *err)
{
	memset(d, 0, sizeof(*d));
	FILE *f = open_memstream(&d->buf, &d->len);
	if (!f) {
		sb_printf(err, "%s", strerror(errno));
		return -1;
	}
	struct snap_filter flt = { NULL, 0, false, 0, 0 };
	struct snap_selection sel;
	snap_select(s, &flt, &sel);
	struct export_json_marks marks;
	int r = export_json_marked(f, s, &sel, false, &marks);
	snap_selection_free(&sel);
	if (fclose(f) != 0 || r < 0 || !split(d, &marks)) {
		sb_puts(err, "the snapshot could not be written as JSON");
		hist_doc_free(d);
		return -1;
	}
	return 0;
}

void hist_doc_free(struct hist_doc *d)
{
	json_decref(d->header);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}
