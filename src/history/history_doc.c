/* history_doc.c — a snapshot as the exporter's compact --json text, cut into its header
 * (parsed) and the texts of its process and channel objects (left as text: the recorder
 * compares them with the previous sample's by hash, and parses only what is new). The text is
 * our own exporter's; a layout other than expected is an error, never a guess. */
#include "history/history_doc.h"
#include "history/history_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "model/snap_filter.h"
#include "util/xalloc.h"

/* The items of the array whose key text (with its '[') is at b[*at]: [*at, *end) after, with
 * *end at the closing ']'. */
static bool find_array(const char *b, size_t len, const char *key, size_t *at, size_t *end)
{
	size_t k = strlen(key);
	if (*at + k > len || memcmp(b + *at, key, k) != 0)
		return false;
	size_t i = *at + k - 1;   /* the '[' */
	size_t e = hist_text_skip(b, len, i);
	if (e == 0)
		return false;
	*at = i + 1;
	*end = e - 1;
	return true;
}

static bool split(struct hist_doc *d)
{
	const char *b = d->buf;
	const char *p = memmem(b, d->len, ",\"processes\":[", 14);   /* the header before has no text
	                                                              * of a process */
	if (!p)
		return false;
	size_t head_end = (size_t)(p - b);
	d->procs[0] = head_end + 1;
	if (!find_array(b, d->len, "\"processes\":[", &d->procs[0], &d->procs[1]))
		return false;
	d->chans[0] = d->procs[1] + 1;
	if (!find_array(b, d->len, ",\"channels\":[", &d->chans[0], &d->chans[1]))
		return false;
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
	int r = export_json(f, s, &sel, false);
	snap_selection_free(&sel);
	if (fclose(f) != 0 || r < 0 || !split(d)) {
		sb_puts(err, "the snapshot could not be written as JSON");
		hist_doc_free(d);
		return -1;
	}
	return 0;
}

bool hist_doc_next(struct hist_doc *d, size_t *at, size_t end, const char **obj, size_t *len,
                   struct strbuf *err)
{
	if (*at >= end)
		return false;
	size_t e = d->buf[*at] == '{' ? hist_text_skip(d->buf, end, *at) : 0;
	if (e == 0) {
		sb_puts(err, "the snapshot's JSON could not be cut into its objects");
		*at = end;
		return false;
	}
	*obj = d->buf + *at;
	*len = e - *at;
	*at = e < end && d->buf[e] == ',' ? e + 1 : e;
	return true;
}

void hist_doc_free(struct hist_doc *d)
{
	json_decref(d->header);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}
