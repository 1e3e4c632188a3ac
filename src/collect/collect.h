/* collect.h — take one snapshot of the machine: the only entry point from the rest of ipctop
 * into the collectors. Everything below src/collect/ reads the kernel; nothing else does. */
#ifndef IPCTOP_COLLECT_H
#define IPCTOP_COLLECT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

#define COLLECT_MAX_THREADS 4

struct collect_opts {
	const pid_t *detail_pids;   /* processes to read in full detail (maps+smaps, sched, ...) */
	size_t n_detail;
	bool no_maps;               /* skip /proc/PID/maps for non-detail processes (no shm/memfd mappings) */
	unsigned threads;           /* worker threads reading processes: 0 picks one per CPU (at
	                             * most COLLECT_MAX_THREADS), 1 reads them all in this thread */
	bool maps_text;             /* read shared mappings from the maps text even where the
	                             * kernel answers PROCMAP_QUERY (tests and comparisons) */
	/* The previous snapshot of a refresh loop, or NULL. A process whose threads have not run
	 * since then (schedstat run time unchanged) cannot have changed its descriptor table or
	 * its mappings: they are carried over instead of read again. */
	const struct snapshot *prev;
	bool refresh_loop;          /* record run times so that this snapshot can be a prev */
	bool want_exe;              /* the program path of every process (/proc/PID/exe) */
	bool want_threads;          /* every thread of every process (/proc/PID/task/TID/stat) */
	bool want_thread_waits;     /* with want_threads: every thread's wait too (the list's WAIT
	                             * column on thread rows) */
	bool want_cgroup;           /* the cgroup path of every process (/proc/PID/cgroup), read anew
	                             * each time: the list while SERVICE is shown or filtered,
	                             * --json, and the pair metrics of --openmetrics and --serve */
	/* root: how full pipes, FIFOs and POSIX queues are (collect_fill.c): those every process
	 * holds, or only those of the detail processes (a refresh loop's cheap choice) */
	enum { PROBE_NONE = 0, PROBE_DETAIL, PROBE_ALL } probe_fill;
	bool read_io;               /* read /proc/PID/io of every process (rates between snapshots) */
	bool full_rescan;           /* ignore prev: read every process in full */
	/* A rotating full read, to stay safe against the rare table shared between processes
	 * (CLONE_FILES without threads) and a signal made pending while the process slept: with
	 * rescan_every above 1, the processes whose pid % rescan_every is rescan_turn are read in
	 * full even if they have not run; so every process is, once in rescan_every refreshes. */
	unsigned rescan_every, rescan_turn;
	bool no_cpu_stat;           /* skip /proc/stat (no CPU meter is shown) */
	bool no_waits;              /* read no task's wait (bench/waits_cost.sh measures the cost) */
};

/* Fill s (initialised by snapshot_init) with processes, descriptors, sockets and SysV IPC,
 * then resolve channels. Returns 0, or -errno when /proc itself cannot be read. Problems
 * with single processes become flags and notes, never errors. */
int snapshot_take(struct snapshot *s, const struct collect_opts *o);
/* When pid started (clock ticks after boot, as proc_info.start_time), read anew: 0, -ESRCH
 * when there is no such process, or -errno. */
int collect_start_time(pid_t pid, uint64_t *ticks);
/* The same from PROC_ROOT/PID/stat (tests give a fake /proc). */
int collect_start_time_in(const char *proc_root, pid_t pid, uint64_t *ticks);
/* Field `field` (2 or more, as proc(5) counts) of a /proc/PID/stat text, a number; -EINVAL. */
int stat_text_field(const char *buf, int field, unsigned long long *out);
/* Release what the collectors keep between snapshots (library handles, user-name cache). */
void collect_shutdown(void);

#endif
