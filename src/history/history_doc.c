/* history_doc.c — a snapshot as the exporter's compact --json text, cut into its header
 * (its figures of the moment taken out) and the texts of its process and channel objects (left
 * as text: the recorder compares them with the previous sample's by hash, and parses only what
 * is new). The text is our own exporter's; a layout other than expected is an error, never a
 * guess. */
#include "history/history_doc.h"
#include "history/history_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "util/xalloc.h"

/* Whether b[0, at) ends with key and b[end] is the array's ']'. */
static bool array_at(const char *b, size_t len, const char *key, size_t at, size_t end)
{
	size_t k = strlen(key);
	return at >= k && at <= end && end < len && memcmp(b + at - k, key, k) == 0 && b[end] == ']';
}

/* m's value as a number, read by jansson as the writer before did (null or none: 0). */
static double number_of(const struct htext_member *m)
{
	json_error_t je;
	json_t *v = json_loadb(m->val, m->val_len, JSON_DECODE_ANY, &je);
	double x = json_number_value(v);
	json_decref(v);
	return x;
}

/* "load":[1,5,15] into d->load (a missing or null figure: 0). */
static void take_load(struct hist_doc *d, const struct htext_member *m)
{
	json_error_t je;
	json_t *v = json_loadb(m->val, m->val_len, 0, &je);
	for (int i = 0; i < 3; i++)
		d->load[i] = json_number_value(json_array_get(v, (size_t)i));
	json_decref(v);
}

/* The member "host" into d->head without load, mem_available_kib and uptime_s, taken into d. */
static bool take_host(struct hist_doc *d, const struct htext_member *host)
{
	size_t at = 1, from;
	bool bad = false;
	struct htext_member m;
	sb_putn(&d->head, host->key - 1, host->key_len + 3);   /* "host": */
	sb_putc(&d->head, '{');
	from = d->head.len;
	while (hist_text_member(host->val, host->val_len, &at, &m, &bad)) {
		if (hist_text_is(&m, "load"))
			take_load(d, &m);
		else if (hist_text_is(&m, "mem_available_kib"))
			hist_text_int(&m, &d->mem_available_kib);
		else if (hist_text_is(&m, "uptime_s"))
			d->uptime_s = number_of(&m);
		else
			hist_text_put(&d->head, from, &m);
	}
	sb_putc(&d->head, '}');
	return !bad;
}

/* The header's text hdr (an object) into d->head, less taken_at_ms and host's figures. */
static bool cut_header(struct hist_doc *d, const char *hdr, size_t len)
{
	size_t at = 1;
	bool bad = len == 0 || hdr[0] != '{';
	struct htext_member m;
	sb_putc(&d->head, '{');
	while (!bad && hist_text_member(hdr, len, &at, &m, &bad)) {
		if (hist_text_is(&m, "taken_at_ms"))
			continue;
		if (!hist_text_is(&m, "host") || m.val[0] != '{') {
			hist_text_put(&d->head, 1, &m);
			continue;
		}
		if (d->head.len > 1)
			sb_putc(&d->head, ',');
		bad = !take_host(d, &m);
	}
	sb_putc(&d->head, '}');
	while (!bad && at + 1 < len && hdr[len - 1] == '\n')
		len--;
	return !bad && at + 1 == len;
}

/* The two arrays where the exporter says they are; the rest (the header) cut as text. */
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
	bool ok = cut_header(d, hdr.buf, hdr.len);
	sb_free(&hdr);
	return ok;
}

int hist_doc_make(struct hist_doc *d, const struct snapshot *s, const struct snap_selection *sel,
                  struct strbuf *err)
{
	memset(d, 0, sizeof(*d));
	FILE *f = open_memstream(&d->buf, &d->len);
	if (!f) {
		sb_printf(err, "%s", strerror(errno));
		return -1;
	}
	struct export_json_marks marks;
	int r = export_json_marked(f, s, sel, false, &marks);
	if (fclose(f) != 0 || r < 0 || !split(d, &marks)) {
		sb_puts(err, "the snapshot could not be written as JSON");
		hist_doc_free(d);
		return -1;
	}
	return 0;
}

void hist_doc_free(struct hist_doc *d)
{
	sb_free(&d->head);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}
