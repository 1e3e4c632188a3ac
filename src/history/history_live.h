/* history_live.h — what the recorder keeps in memory of the rows alive at its last sample
 * (history_live.c): each live process's and channel's row, the hash of its last stored state,
 * a process's last counters, a channel's open endpoint rows. A sample is compared with it, and
 * SQLite is touched only for what changed. */
#ifndef IPCTOP_HISTORY_LIVE_H
#define IPCTOP_HISTORY_LIVE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"
#include "util/u64map.h"

/* Members of a process object stored as counters (table proc_counter), not in its state. */
enum { PC_UTIME, PC_STIME, PC_RSS, PC_VSIZE, PC_VCSW, PC_ICSW, PC__COUNT };

/* The counters of a process: a value per member, bit i of have set when member i was there. */
struct hist_counters { int64_t v[PC__COUNT]; unsigned have; };

/* An open endpoint row: its id and the hash of its columns (hist_live_ep_key). */
struct hist_live_ep { int64_t row; uint64_t key; };

struct hist_live_row {
	int64_t row;       /* id in table process or channel */
	uint64_t key;      /* process: hist_live_proc_key; channel: hist_chan_key */
	uint64_t state;    /* hist_state_hash of the state text last stored, 0 none */
	uint64_t stamp;    /* the export's stamp of its object at the last sample, 0 none
	                    * (export_json.h; history_write_skip.c) */
	int64_t seen;      /* the last sample it was in */
	struct hist_counters ctr;   /* a process's last stored counters */
	bool ctr_stored;            /* ... when it has a counter row */
	struct hist_live_ep *eps; size_t n_eps;   /* a channel's open endpoints */
};

struct hist_live_set {
	struct hist_live_row *v; size_t n, cap;
	struct u64map map;   /* key -> index into v */
};

void hist_live_init(struct hist_live_set *set);
void hist_live_free(struct hist_live_set *set);
/* The row of key, or a new zeroed one (row 0) added with it. */
struct hist_live_row *hist_live_get(struct hist_live_set *set, uint64_t key);
/* The row of key, or NULL. */
struct hist_live_row *hist_live_find(struct hist_live_set *set, uint64_t key);
/* Each row not seen at sample: end(row) (which closes it in the database), and forget it.
 * 0, or the first error of end. */
int hist_live_sweep(struct hist_live_set *set, int64_t sample,
                    int (*end)(void *ctx, struct hist_live_row *row), void *ctx);

uint64_t hist_live_proc_key(int64_t pid, int64_t start_ticks);
/* An endpoint's identity: the columns pid, fd, access, role, local, remote (NULL: has_* false,
 * or a NULL text). */
struct hist_ep_cols { bool has_pid, has_fd; int64_t pid, fd; const char *access, *role, *local, *remote; };
uint64_t hist_live_ep_key(const struct hist_ep_cols *c);

#endif
