/* history_schema.c — the tables of a recording, and the check that a file is one.
 *
 * meta(key, value)           format = ipctop-history, schema_version, ipctop_version
 * blob(id, hash, json)       JSON texts, each stored once (hash: FNV-1a of the text)
 * sample(id, time, ...)      one row per snapshot: time in epoch seconds, the header's
 *                            changing figures, and header (blob) for the rest of it
 * process(id, pid, start_time, comm, exe, cmdline, uid, user, first_sample, last_sample)
 *                            one row per process life (pid and start time); last_sample is
 *                            NULL while it lives (schema 3; before, moved on at every sample)
 * proc_state(process, sample, blob)   the process's JSON object (counters left out) from
 *                            sample on; a row only when it changed
 * proc_counter(process, sample, utime, stime, rss_kib, vsize, vcsw, icsw)  likewise
 * channel(id, kind, chan_id, label, netns, first_sample, last_sample)
 * chan_state(channel, sample, blob)   the channel's JSON object, endpoints included
 * endpoint(id, channel, process, pid, fd, access, role, local, local_port, remote,
 *          remote_port, first_sample, last_sample)   for SQL: who held which end, when
 * sample_mem(sample, mem_free_kib, ..., swap_cached_kib)   the rest of /proc/meminfo that
 *                            the memory and swap meters show (schema 2)
 * cpu_time(sample, cpu, user, ..., guest_nice)   /proc/stat's ticks, cpu -1 the sum line
 *                            (schema 2)
 * A schema 1 file (no sample_mem, no cpu_time) or 2 (last_sample never NULL) is read as it
 * is, and appended to after it is moved on to schema 3 (its old samples then have no row in
 * the two tables; the rows alive at its last sample opened). */
#include "history/history_int.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"

static const char ddl[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE blob(id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, json TEXT NOT NULL);"
	"CREATE INDEX blob_hash ON blob(hash);"
	"CREATE TABLE sample(id INTEGER PRIMARY KEY, time REAL NOT NULL, load1 REAL, load5 REAL,"
	" load15 REAL, mem_available_kib INTEGER, uptime_s REAL,"
	" header INTEGER NOT NULL REFERENCES blob(id));"
	"CREATE INDEX sample_time ON sample(time);"
	"CREATE TABLE proc_state(process INTEGER NOT NULL REFERENCES process(id),"
	" sample INTEGER NOT NULL REFERENCES sample(id), blob INTEGER NOT NULL REFERENCES blob(id),"
	" PRIMARY KEY(process, sample));"
	"CREATE TABLE proc_counter(process INTEGER NOT NULL REFERENCES process(id),"
	" sample INTEGER NOT NULL REFERENCES sample(id), utime INTEGER, stime INTEGER,"
	" rss_kib INTEGER, vsize INTEGER, vcsw INTEGER, icsw INTEGER, PRIMARY KEY(process, sample));"
	"CREATE TABLE chan_state(channel INTEGER NOT NULL REFERENCES channel(id),"
	" sample INTEGER NOT NULL REFERENCES sample(id), blob INTEGER NOT NULL REFERENCES blob(id),"
	" PRIMARY KEY(channel, sample));";

/* The life rows (schema 3: last_sample NULL while they live). */
static const char ddl_lives[] =
	"CREATE TABLE process(id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, start_time INTEGER,"
	" comm TEXT, exe TEXT, cmdline TEXT, uid INTEGER, user TEXT,"
	" first_sample INTEGER NOT NULL REFERENCES sample(id),"
	" last_sample INTEGER REFERENCES sample(id));"
	"CREATE INDEX process_pid ON process(pid, start_time);"
	"CREATE INDEX process_life ON process(last_sample);"
	"CREATE TABLE channel(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, chan_id TEXT NOT NULL,"
	" label TEXT, netns INTEGER, first_sample INTEGER NOT NULL REFERENCES sample(id),"
	" last_sample INTEGER REFERENCES sample(id));"
	"CREATE INDEX channel_key ON channel(chan_id, last_sample);"
	"CREATE INDEX channel_life ON channel(last_sample);"
	"CREATE TABLE endpoint(id INTEGER PRIMARY KEY, channel INTEGER NOT NULL REFERENCES channel(id),"
	" process INTEGER REFERENCES process(id), pid INTEGER, fd INTEGER, access TEXT, role TEXT,"
	" local TEXT, local_port INTEGER, remote TEXT, remote_port INTEGER,"
	" first_sample INTEGER NOT NULL REFERENCES sample(id),"
	" last_sample INTEGER REFERENCES sample(id));"
	"CREATE INDEX endpoint_chan ON endpoint(channel, last_sample);"
	"CREATE INDEX endpoint_remote ON endpoint(remote_port);"
	"CREATE INDEX endpoint_local ON endpoint(local_port);";

/* Schema 2's tables: what the header's meters need besides the sample row. */
static const char ddl_figures[] =
	"CREATE TABLE sample_mem(sample INTEGER PRIMARY KEY REFERENCES sample(id),"
	" mem_free_kib INTEGER, buffers_kib INTEGER, cached_kib INTEGER, sreclaimable_kib INTEGER,"
	" shmem_kib INTEGER, swap_total_kib INTEGER, swap_free_kib INTEGER, swap_cached_kib INTEGER);"
	"CREATE TABLE cpu_time(sample INTEGER NOT NULL REFERENCES sample(id), cpu INTEGER NOT NULL,"
	" user INTEGER, nice INTEGER, system INTEGER, idle INTEGER, iowait INTEGER, irq INTEGER,"
	" softirq INTEGER, steal INTEGER, guest INTEGER, guest_nice INTEGER,"
	" PRIMARY KEY(sample, cpu)) WITHOUT ROWID;";

static int write_meta(sqlite3 *db, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, "INSERT INTO meta(key, value) VALUES(?1, ?2)", err);
	if (!st)
		return -1;
	char ver[16];
	snprintf(ver, sizeof(ver), "%d", HISTORY_SCHEMA);
	const char *kv[][2] = { { "format", HISTORY_FORMAT }, { "schema_version", ver },
	                        { "ipctop_version", PACKAGE_VERSION } };
	int r = 0;
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]) && r == 0; i++) {
		hist_bind_text(st, 1, kv[i][0]);
		hist_bind_text(st, 2, kv[i][1]);
		r = hist_run(db, st, err);
	}
	sqlite3_finalize(st);
	return r;
}

/* meta's value for key into out (size n): 1 found, 0 not there (or no meta table), -1 error. */
static int meta_get(sqlite3 *db, const char *key, char *out, size_t n, struct strbuf *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) != SQLITE_OK) {
		if (strstr(sqlite3_errmsg(db), "no such table"))
			return 0;
		return hist_fail(db, "reading its meta table", err);
	}
	hist_bind_text(st, 1, key);
	int r = hist_row(db, st, err);
	if (r == 1)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0) ?: "");
	sqlite3_finalize(st);
	return r;
}

int hist_schema_check(sqlite3 *db, int *version, struct strbuf *err)
{
	char fmt[64] = "", ver[32] = "";
	int r = meta_get(db, "format", fmt, sizeof(fmt), err);
	if (r < 0)
		return -1;
	if (r == 0 || strcmp(fmt, HISTORY_FORMAT) != 0) {
		sb_puts(err, "not an ipctop recording (an SQLite database of another program)");
		return -1;
	}
	if (meta_get(db, "schema_version", ver, sizeof(ver), err) < 0)
		return -1;
	if (strlen(ver) != 1 || ver[0] < '0' + HISTORY_SCHEMA_OLDEST || ver[0] > '0' + HISTORY_SCHEMA) {
		sb_printf(err, "a recording of schema version '%s'; this ipctop reads versions %d to %d",
		          ver, HISTORY_SCHEMA_OLDEST, HISTORY_SCHEMA);
		return -1;
	}
	*version = ver[0] - '0';
	/* the whole schema must be there: a foreign file that only copied meta is refused here */
	if (hist_exec(db, "SELECT s.id, s.header, p.id, ps.blob, pc.utime, c.id, cs.blob, e.id"
	              " FROM sample s, process p, proc_state ps, proc_counter pc, channel c,"
	              " chan_state cs, endpoint e LIMIT 0", err) < 0)
		return -1;
	return *version < 2 ? 0 :
		hist_exec(db, "SELECT m.sample, m.swap_cached_kib, t.cpu, t.guest_nice"
		          " FROM sample_mem m, cpu_time t LIMIT 0", err);
}

/* Schema 2 to 3: the life tables made again without NOT NULL on last_sample (SQLite cannot
 * drop a constraint in place; legacy_alter_table keeps the other tables' REFERENCES on the
 * names), and the rows alive at the last sample opened (NULL). */
static const char to3[] =
	"DROP INDEX process_pid; DROP INDEX process_life; DROP INDEX channel_key;"
	" DROP INDEX channel_life; DROP INDEX endpoint_chan; DROP INDEX endpoint_remote;"
	" DROP INDEX endpoint_local;"
	" ALTER TABLE process RENAME TO process_v2; ALTER TABLE channel RENAME TO channel_v2;"
	" ALTER TABLE endpoint RENAME TO endpoint_v2;";
static const char to3_fill[] =
	"INSERT INTO process SELECT * FROM process_v2; INSERT INTO channel SELECT * FROM channel_v2;"
	" INSERT INTO endpoint SELECT * FROM endpoint_v2;"
	" DROP TABLE process_v2; DROP TABLE channel_v2; DROP TABLE endpoint_v2;"
	" UPDATE process SET last_sample = NULL WHERE last_sample = (SELECT MAX(id) FROM sample);"
	" UPDATE channel SET last_sample = NULL WHERE last_sample = (SELECT MAX(id) FROM sample);"
	" UPDATE endpoint SET last_sample = NULL WHERE last_sample = (SELECT MAX(id) FROM sample);";

/* A file of an older schema appended to: moved on to this one, in one transaction. */
static int upgrade(sqlite3 *db, int version, struct strbuf *err)
{
	char set_version[64];
	snprintf(set_version, sizeof(set_version),
	         "UPDATE meta SET value = '%d' WHERE key = 'schema_version'", HISTORY_SCHEMA);
	if (hist_exec(db, "PRAGMA legacy_alter_table=ON", err) < 0 ||
	    hist_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	int r = version < 2 ? hist_exec(db, ddl_figures, err) : 0;
	if (r == 0)
		r = hist_exec(db, to3, err);
	if (r == 0)
		r = hist_exec(db, ddl_lives, err);
	if (r == 0)
		r = hist_exec(db, to3_fill, err);
	if (r == 0 && hist_exec(db, set_version, err) == 0 && hist_exec(db, "COMMIT", err) == 0)
		return hist_exec(db, "PRAGMA legacy_alter_table=OFF", err);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int hist_schema_setup(sqlite3 *db, bool create, struct strbuf *err)
{
	int version = HISTORY_SCHEMA;
	if (!create && hist_schema_check(db, &version, err) < 0)
		return -1;   /* checked first: WAL mode would be written into another program's file */
	/* before any table: pages freed by --record-keep and --record-max-size can be given back */
	if (create && hist_exec(db, "PRAGMA auto_vacuum=INCREMENTAL", err) < 0)
		return -1;
	if (hist_exec(db, "PRAGMA journal_mode=WAL", err) < 0 ||
	    hist_exec(db, "PRAGMA synchronous=NORMAL", err) < 0)
		return -1;
	if (!create)
		return version < HISTORY_SCHEMA ? upgrade(db, version, err) : 0;
	if (hist_exec(db, "BEGIN", err) < 0)
		return -1;
	if (hist_exec(db, ddl, err) < 0 || hist_exec(db, ddl_lives, err) < 0 ||
	    hist_exec(db, ddl_figures, err) < 0 || write_meta(db, err) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return hist_exec(db, "COMMIT", err);
}
