/* history_busy.c — how much changed at each sample of a recording (births, ends, channels
 * opened and closed), counted from the life rows of table process and channel, for the time
 * bar's marks of busy moments. */
#include <stdlib.h>

#include "history/history.h"
#include "history/history_int.h"
#include "util/xalloc.h"

struct id_at { int64_t id; size_t i; };

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct id_at *)a)->id, y = ((const struct id_at *)b)->id;
	return (x > y) - (x < y);
}

/* Add each group's count (sample id, count) of sql to out[index of the id + shift]. */
static int add_counts(struct history_reader *r, const char *sql, const struct id_at *ids, size_t n,
                      size_t shift, unsigned *out, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(r->db, sql, err);
	int q;
	if (!st)
		return -1;
	while ((q = hist_row(r->db, st, err)) == 1) {
		struct id_at key = { sqlite3_column_int64(st, 0), 0 };
		const struct id_at *at = bsearch(&key, ids, n, sizeof(*ids), by_id);
		if (at && at->i + shift < n)
			out[at->i + shift] += (unsigned)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return q < 0 ? -1 : 0;
}

int history_changes(struct history_reader *r, const struct history_sample *v, size_t n,
                    unsigned *out, struct strbuf *err)
{
	static const struct { const char *sql; size_t shift; } groups[] = {
		{ "SELECT first_sample, COUNT(*) FROM process GROUP BY first_sample", 0 },
		{ "SELECT first_sample, COUNT(*) FROM channel GROUP BY first_sample", 0 },
		{ "SELECT last_sample, COUNT(*) FROM process GROUP BY last_sample", 1 },
		{ "SELECT last_sample, COUNT(*) FROM channel GROUP BY last_sample", 1 },
	};
	struct id_at *ids = xcalloc(n ? n : 1, sizeof(*ids));
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		ids[i] = (struct id_at){ v[i].id, i };
		out[i] = 0;
	}
	qsort(ids, n, sizeof(*ids), by_id);
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]) && rc == 0; g++)
		rc = add_counts(r, groups[g].sql, ids, n, groups[g].shift, out, err);
	if (n > 0)
		out[0] = 0;
	free(ids);
	return rc;
}
