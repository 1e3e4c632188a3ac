/* history_write_chan.c — one sample's channels into the recording. A channel whose object
 * text hashes as it did at the last sample costs nothing; one that is new or changed is parsed,
 * gets its row (when new) and a state row, and its endpoints are matched with its open
 * endpoint rows: a row for each new hold, last_sample for each that ended. A channel not seen
 * again gets its last_sample, and so do its open endpoints. */
#include "history/history_int.h"
#include "history/history_doc.h"
#include "history/history_text.h"

#include <stdlib.h>
#include <string.h>

#include "export/json_writer.h"
#include "util/word_hash.h"
#include "util/xalloc.h"

/* The key of a channel from the JSON texts of its kind and id, quotes included, in sb. */
static uint64_t key_of(const struct strbuf *sb)
{
	return wh_feed(wh_start(sb->len), sb->buf, sb->len);
}

bool hist_chan_key(const char *obj, size_t len, uint64_t *key, size_t *obj_len)
{
	size_t at = 1;
	bool bad = false;
	struct htext_member m, kind = { 0 }, id = { 0 };
	while (len > 0 && obj[0] == '{' && hist_text_member(obj, len, &at, &m, &bad))
		if (hist_text_is(&m, "kind"))
			kind = m;
		else if (hist_text_is(&m, "id"))
			id = m;
	if (bad || !kind.val || !id.val || at >= len)
		return false;
	*obj_len = at + 1;
	/* the two texts as they are in JSON, quotes included: neither holds a byte 0 */
	struct strbuf sb = STRBUF_INIT;
	sb_putn(&sb, kind.val, kind.val_len);
	sb_putc(&sb, '\n');
	sb_putn(&sb, id.val, id.val_len);
	*key = key_of(&sb);
	sb_free(&sb);
	return true;
}

uint64_t hist_chan_struct_key(struct strbuf *scratch, const struct channel *ch)
{
	const char *kind = chan_kind_name(ch->kind);
	sb_reset(scratch);   /* the texts hist_chan_key reads, as the exporter writes them */
	json_append_quoted(scratch, kind, strlen(kind));
	sb_putc(scratch, '\n');
	if (ch->id)
		json_append_untrusted(scratch, ch->id, strlen(ch->id));
	else
		sb_puts(scratch, "null");
	return key_of(scratch);
}

/* "127.0.0.1:5432" -> 5432; NULL or no port -> bound NULL. */
static void bind_port(sqlite3_stmt *st, int i, const char *addr)
{
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;
	if (colon && colon[1] && *end == '\0' && port >= 0 && port <= 65535)
		sqlite3_bind_int64(st, i, port);
	else
		sqlite3_bind_null(st, i);
}

/* The columns that tell an endpoint from another. */
static struct hist_ep_cols ep_cols(json_t *e)
{
	json_t *sock = json_object_get(e, "socket");
	json_t *pid = json_object_get(e, "pid"), *fd = json_object_get(e, "fd");
	return (struct hist_ep_cols){
		.has_pid = json_is_integer(pid), .pid = json_integer_value(pid),
		.has_fd = json_is_integer(fd), .fd = json_integer_value(fd),
		.access = hist_jstr(e, "access"), .role = hist_jstr(e, "role"),
		.local = hist_jstr(sock, "local") ?: hist_jstr(sock, "name"),
		.remote = hist_jstr(e, "remote") ?: hist_jstr(sock, "remote"),
	};
}

static int64_t endpoint_row(struct history_writer *w, int64_t chan, const struct hist_ep_cols *c,
                            struct strbuf *err)
{
	sqlite3_stmt *st = w->st[WS_EP_INS];
	sqlite3_bind_int64(st, 1, chan);
	if (c->has_pid)
		sqlite3_bind_int64(st, 2, c->pid);
	else
		sqlite3_bind_null(st, 2);
	if (c->has_fd)
		sqlite3_bind_int64(st, 3, c->fd);
	else
		sqlite3_bind_null(st, 3);
	hist_bind_text(st, 4, c->access);
	hist_bind_text(st, 5, c->role);
	hist_bind_text(st, 6, c->local);
	hist_bind_text(st, 7, c->remote);
	sqlite3_bind_int64(st, 8, w->sample);
	int64_t proc = c->has_pid ? hist_proc_row_of(w, c->pid) : 0;
	if (proc > 0)
		sqlite3_bind_int64(st, 9, proc);
	else
		sqlite3_bind_null(st, 9);
	bind_port(st, 10, c->local);
	bind_port(st, 11, c->remote);
	return hist_run(w->db, st, err) < 0 ? -1 : sqlite3_last_insert_rowid(w->db);
}

/* The channel's endpoints now against its open rows: each open row matched at most once by an
 * endpoint with the same columns goes on; the others end; an endpoint matched by none begins. */
static int write_endpoints(struct history_writer *w, struct hist_live_row *r, json_t *eps,
                           struct strbuf *err)
{
	size_t n = json_array_size(eps);
	struct hist_live_ep *now = xcalloc(n ? n : 1, sizeof(*now));
	bool *kept = xcalloc(r->n_eps ? r->n_eps : 1, sizeof(*kept));
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct hist_ep_cols c = ep_cols(json_array_get(eps, i));
		now[i].key = hist_live_ep_key(&c);
		for (size_t k = 0; k < r->n_eps && now[i].row == 0; k++)
			if (!kept[k] && r->eps[k].key == now[i].key) {
				kept[k] = true;
				now[i].row = r->eps[k].row;
			}
		if (now[i].row == 0 && (now[i].row = endpoint_row(w, r->row, &c, err)) < 0)
			rc = -1;
	}
	for (size_t k = 0; k < r->n_eps && rc == 0; k++)
		if (!kept[k])
			rc = hist_end_row(w, WS_EP_END, r->eps[k].row, err);
	free(kept);
	free(r->eps);
	r->eps = now;
	r->n_eps = rc == 0 ? n : 0;
	return rc;
}

static int64_t channel_row(struct history_writer *w, json_t *c, struct strbuf *err)
{
	sqlite3_stmt *st = w->st[WS_CHAN_INS];
	hist_bind_text(st, 1, hist_jstr(c, "kind"));
	hist_bind_text(st, 2, hist_jstr(c, "id"));
	hist_bind_text(st, 3, hist_jstr(c, "label"));
	json_t *netns = json_object_get(c, "netns");
	if (json_is_integer(netns))
		sqlite3_bind_int64(st, 4, json_integer_value(netns));
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, w->sample);
	return hist_run(w->db, st, err) < 0 ? -1 : sqlite3_last_insert_rowid(w->db);
}

/* A new or changed channel: parsed, its row when new, its state, its endpoints. */
static int write_changed(struct history_writer *w, struct hist_live_row *r, const char *text,
                         size_t len, uint64_t hash, struct strbuf *err)
{
	json_error_t je;
	json_t *c = json_loads(text, 0, &je);
	int rc = -1;
	if (!json_is_object(c))
		sb_puts(err, "a channel's JSON could not be read back");
	else if (r->row != 0 || (r->row = channel_row(w, c, err)) > 0)
		rc = hist_write_state(w, WS_CSTATE_INS, r, text, len, hash, err);
	if (rc == 0)
		rc = write_endpoints(w, r, json_object_get(c, "endpoints"), err);
	json_decref(c);
	return rc;
}

static int write_chan(struct history_writer *w, const char *o, size_t avail, size_t *len,
                      struct strbuf *err)
{
	uint64_t key;
	if (!hist_chan_key(o, avail, &key, len)) {
		sb_puts(err, "a channel's JSON is not as expected");
		return -1;
	}
	struct hist_live_row *r = hist_live_get(&w->chans, key);
	if (r->seen == w->sample)
		return 0;   /* twice in one snapshot (never: ids are unique): kept once */
	r->seen = w->sample;
	uint64_t hash = hist_state_hash(o, *len);
	if (r->row != 0 && hash == r->state)
		return 0;
	sb_reset(&w->text);
	sb_putn(&w->text, o, *len);
	return write_changed(w, r, sb_str(&w->text), w->text.len, hash, err);
}

static int end_chan(void *ctx, struct hist_live_row *r)
{
	struct hist_end_ctx *e = ctx;
	int rc = hist_end_row(e->w, WS_CHAN_END, r->row, e->err);
	for (size_t k = 0; k < r->n_eps && rc == 0; k++)
		rc = hist_end_row(e->w, WS_EP_END, r->eps[k].row, e->err);
	return rc;
}

int hist_write_chans(struct history_writer *w, struct hist_doc *d, struct strbuf *err)
{
	return hist_write_each(w, d, d->chans, write_chan, &w->chans, end_chan, err);
}
