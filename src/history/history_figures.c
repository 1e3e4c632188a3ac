/* history_figures.c — the header meters' figures of a sample (schema 2): the rest of
 * /proc/meminfo (buffers, cache, swap) in sample_mem, and /proc/stat's CPU times in cpu_time
 * (cpu -1 the sum line, then one row per online CPU), written with the sample and read back
 * into the rebuilt snapshot, so that a replay's CPU, memory and swap meters show what they
 * showed live (CPU use between a sample and the one before it). */
#include "history/history_int.h"

#include <stdbool.h>

#include "util/arena.h"

#define CPU_MAX 65536   /* a higher CPU number is a damaged file, not a machine */

/* The meminfo fields of sample_mem, in its column order. */
static uint64_t *mem_field(struct sys_info *si, int i)
{
	uint64_t *f[] = { &si->mem_free_kib, &si->buffers_kib, &si->cached_kib, &si->sreclaimable_kib,
	                  &si->shmem_kib, &si->swap_total_kib, &si->swap_free_kib, &si->swap_cached_kib };
	return f[i];
}
enum { MEM_FIELDS = 8 };

static int write_cpu(struct history_writer *w, int cpu, const struct cpu_times *t,
                     struct strbuf *err)
{
	sqlite3_stmt *st = w->st[WS_CPU_INS];
	sqlite3_bind_int64(st, 1, w->sample);
	sqlite3_bind_int(st, 2, cpu);
	for (int f = 0; f < CPUF__COUNT; f++)
		sqlite3_bind_int64(st, 3 + f, (int64_t)t->t[f]);
	return hist_run(w->db, st, err);
}

int hist_write_figures(struct history_writer *w, const struct snapshot *s, struct strbuf *err)
{
	struct sys_info si = s->sys;   /* a copy: mem_field takes a writable one */
	sqlite3_stmt *st = w->st[WS_MEM_INS];
	sqlite3_bind_int64(st, 1, w->sample);
	for (int i = 0; i < MEM_FIELDS; i++)
		sqlite3_bind_int64(st, 2 + i, (int64_t)*mem_field(&si, i));
	if (hist_run(w->db, st, err) < 0)
		return -1;
	if (s->sys.n_cpu_slots <= 0)
		return 0;     /* /proc/stat was not read: no times, as live */
	if (write_cpu(w, -1, &s->sys.cpu_all, err) < 0)
		return -1;
	for (int i = 0; i < s->sys.n_cpu_slots; i++)
		if (s->sys.cpus[i].online && write_cpu(w, i, &s->sys.cpus[i], err) < 0)
			return -1;
	return 0;
}

static int damaged(const char *what, struct strbuf *err)
{
	sb_printf(err, "damaged recording: %s", what);
	return -1;
}

/* Column i of st's row as a count into *out; false when it is not one (damaged). */
static bool count_at(sqlite3_stmt *st, int i, uint64_t *out)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	if (sqlite3_column_type(st, i) != SQLITE_INTEGER || v < 0)
		return false;
	*out = (uint64_t)v;
	return true;
}

static int read_mem(sqlite3 *db, int64_t sample, struct sys_info *si, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, "SELECT mem_free_kib, buffers_kib, cached_kib,"
	                             " sreclaimable_kib, shmem_kib, swap_total_kib, swap_free_kib,"
	                             " swap_cached_kib FROM sample_mem WHERE sample = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sample);
	int r = hist_row(db, st, err);
	for (int i = 0; r == 1 && i < MEM_FIELDS; i++)
		if (!count_at(st, i, mem_field(si, i)))
			r = damaged("a memory figure is not a count", err);
	sqlite3_finalize(st);
	return r;
}

/* The times of one row into t (online); -1 when one is not a count. */
static int cpu_row(sqlite3_stmt *st, struct cpu_times *t, struct strbuf *err)
{
	t->online = true;
	for (int f = 0; f < CPUF__COUNT; f++)
		if (!count_at(st, 1 + f, &t->t[f]))
			return damaged("a CPU time is not a count", err);
	return 0;
}

static int read_cpus(sqlite3 *db, int64_t sample, struct snapshot *s, struct strbuf *err)
{
	sqlite3_stmt *st = hist_prep(db, "SELECT cpu, user, nice, system, idle, iowait, irq, softirq,"
	                             " steal, guest, guest_nice FROM cpu_time WHERE sample = ?1"
	                             " ORDER BY cpu DESC", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sample);
	struct sys_info *si = &s->sys;
	int r;
	bool sum = false;
	while ((r = hist_row(db, st, err)) == 1) {
		sqlite3_int64 cpu = sqlite3_column_int64(st, 0);
		if (cpu < -1 || cpu >= CPU_MAX) {
			r = damaged("a CPU number out of range", err);
			break;
		}
		if (cpu >= 0 && !si->cpus) {   /* the highest first: the slots up to it */
			si->n_cpu_slots = (int)cpu + 1;
			si->cpus = arena_alloc(&s->arena, (size_t)si->n_cpu_slots * sizeof(*si->cpus));
		}
		sum |= cpu < 0;
		if (cpu_row(st, cpu < 0 ? &si->cpu_all : &si->cpus[cpu], err) < 0) {
			r = -1;
			break;
		}
	}
	sqlite3_finalize(st);
	if (r == 0 && si->n_cpu_slots > 0 && !sum)
		r = damaged("CPU times without the sum line", err);
	return r;
}

int hist_read_figures(sqlite3 *db, int64_t sample, struct snapshot *s, struct strbuf *err)
{
	struct sys_info si = s->sys;
	int r = read_mem(db, sample, &si, err);
	if (r <= 0)
		return r;     /* none: a sample of a schema 1 file appended to, still partial */
	s->sys = si;
	s->sys.figures_partial = false;
	return read_cpus(db, sample, s, err) < 0 ? -1 : 0;
}
