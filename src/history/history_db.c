/* history_db.c — small helpers over sqlite3 statements, with errors as text, and the blob
 * store (each JSON text once). */
#include "history/history_int.h"

#include <string.h>

#include "util/u64map.h"

int hist_fail(sqlite3 *db, const char *what, struct strbuf *err)
{
	sb_printf(err, "%s: %s", what, sqlite3_errmsg(db));
	return -1;
}

int hist_exec(sqlite3 *db, const char *sql, struct strbuf *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	sb_printf(err, "%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

sqlite3_stmt *hist_prep(sqlite3 *db, const char *sql, struct strbuf *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		hist_fail(db, "preparing a statement", err);
		return NULL;
	}
	return st;
}

int hist_run(sqlite3 *db, sqlite3_stmt *st, struct strbuf *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return hist_fail(db, "writing", err);
}

int hist_row(sqlite3 *db, sqlite3_stmt *st, struct strbuf *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return hist_fail(db, "reading", err);
}

void hist_bind_text(sqlite3_stmt *st, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *hist_jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int64_t hist_blob_put(sqlite3 *db, sqlite3_stmt *find, sqlite3_stmt *ins, const char *json,
                      struct strbuf *err)
{
	int64_t hash = (int64_t)u64_text_hash(json);
	sqlite3_bind_int64(find, 1, hash);
	hist_bind_text(find, 2, json);
	int r = hist_row(db, find, err);
	int64_t id = r == 1 ? sqlite3_column_int64(find, 0) : -1;
	sqlite3_reset(find);
	if (r != 0)
		return r < 0 ? -1 : id;
	sqlite3_bind_int64(ins, 1, hash);
	hist_bind_text(ins, 2, json);
	if (hist_run(db, ins, err) < 0)
		return -1;
	return sqlite3_last_insert_rowid(db);
}
