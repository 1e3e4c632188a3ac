/* refresh_profile.c — the interactive refresh alone, for a profile of it: bench/run runs it at
 * 2000 processes under callgrind (user-space instructions per function) and under strace -c
 * (system calls), so that the report can name where one refresh goes.
 *
 *   refresh_profile [--no-waits] [--full] [--tui] WARMUP COUNT [DELAY_MS]
 *
 * --no-waits reads no task's wait (collect_opts no_waits), --full makes every measured refresh
 * a full rescan (nothing carried over: the worst case); bench/waits_cost.sh compares them.
 * --tui gives every refresh, measured or not, --record's rotating full read of a twentieth of
 * the processes (collect_opts rescan_every; the TUI reads a sixtieth; bench/record_cost.sh:
 * the plain refresh that recording is set against).
 *
 * Refreshes as the TUI takes them (src/view/tui.c, take_snapshot): a snapshot with the current
 * one as prev, then the old one freed and malloc_trim. The view's own work (CPU%, the list,
 * drawing) is not here. WARMUP refreshes first (the first reads everything, as in the TUI),
 * then COUNT measured ones, DELAY_MS (default 1000) apart so that idle processes stay idle and
 * are carried over. None of the measured refreshes is a full rescan (unless --full): the
 * profile is of the steady idle refresh. Under callgrind
 * (--instr-atstart=no) only the measured refreshes are instrumented.
 *
 * Prints "refreshes N processes P reused R kept K user_ms U sys_ms S calls_kept C": the
 * measured refreshes, and per refresh (means) the processes in the snapshot, those carried over
 * from the previous one, those whose schedstat was kept open, the CPU time (all threads;
 * meaningless under valgrind or strace, which slow the program down), and the syscall files
 * of waiting tasks kept open (main threads' and other threads'). */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "collect/collect.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION do { } while (0)
#define CALLGRIND_STOP_INSTRUMENTATION do { } while (0)
#endif

static struct snapshot snaps[2];
static struct snapshot *cur;
static bool no_waits, all_full, tui_rescans;

/* Apart from snapshot_take so that the profile shows the cost of freeing the old snapshot
 * (snapshot_free is also called inside snapshot_take, on the workers' private snapshots). */
__attribute__((noinline)) static void free_old_snapshot(struct snapshot *old)
{
	snapshot_free(old);
	malloc_trim(0);
}

/* Refresh number k (0: the first, which reads everything). */
static int refresh(bool full_rescan, unsigned k)
{
	struct snapshot *next = cur == &snaps[0] ? &snaps[1] : &snaps[0];
	struct collect_opts o = { .prev = cur, .refresh_loop = true, .full_rescan = full_rescan,
				  .no_waits = no_waits };
	if (tui_rescans) {
		o.rescan_every = 20;   /* as src/history_run.c */
		o.rescan_turn = k % 20;
	}
	snapshot_init(next);
	int rc = snapshot_take(next, &o);
	if (rc < 0) {
		snapshot_free(next);
		return rc;
	}
	struct snapshot *old = cur;
	cur = next;
	if (old)
		free_old_snapshot(old);
	return 0;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static bool parse_count(const char *s, unsigned *v)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (errno || end == s || *end || n > 1000000)
		return false;
	*v = (unsigned)n;
	return true;
}

static double cpu_ms(bool sys)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return 0;
	const struct timeval *t = sys ? &ru.ru_stime : &ru.ru_utime;
	return (double)t->tv_sec * 1e3 + (double)t->tv_usec / 1e3;
}

static size_t kept_open(const struct snapshot *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		n += s->procs[i].runtime_fd1 > 0;
	return n;
}

/* The syscall files kept open: main threads' (/proc/PID/syscall) and other threads'. */
static size_t calls_open(const struct snapshot *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		n += p->syscall_fd1 > 0;
		for (size_t t = 0; t < p->n_tasks; t++)
			n += p->tasks[t].call_fd1 > 0;
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned warmup, count, delay = 1000;
	for (; argc > 1 && !strncmp(argv[1], "--", 2); argc--, argv++)
		if (!strcmp(argv[1], "--no-waits"))
			no_waits = true;
		else if (!strcmp(argv[1], "--full"))
			all_full = true;
		else if (!strcmp(argv[1], "--tui"))
			tui_rescans = true;
		else
			argc = 0;   /* unknown option: usage */
	if (argc < 3 || argc > 4 || !parse_count(argv[1], &warmup) || warmup < 1 ||
	    !parse_count(argv[2], &count) || (argc == 4 && !parse_count(argv[3], &delay))) {
		fprintf(stderr, "usage: refresh_profile [--no-waits] [--full] [--tui] WARMUP COUNT [DELAY_MS]"
			"  (WARMUP at least 1)\n");
		return 2;
	}
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	for (unsigned k = 0; k < warmup; k++) {
		if (k)
			sleep_ms(delay);
		int rc = refresh(false, k);
		if (rc < 0) {
			fprintf(stderr, "refresh_profile: snapshot: %s\n", strerror(-rc));
			return 1;
		}
	}
	size_t procs = 0, reused = 0, kept = 0, calls = 0;
	double user = 0, sys = 0;
	for (unsigned k = 0; k < count; k++) {
		sleep_ms(delay);
		double u0 = cpu_ms(false), s0 = cpu_ms(true);
		CALLGRIND_START_INSTRUMENTATION;
		int rc = refresh(all_full, warmup + k);
		CALLGRIND_STOP_INSTRUMENTATION;
		user += cpu_ms(false) - u0;
		sys += cpu_ms(true) - s0;
		if (rc < 0) {
			fprintf(stderr, "refresh_profile: snapshot: %s\n", strerror(-rc));
			return 1;
		}
		procs += cur->n_procs;
		reused += cur->n_reused;
		kept += kept_open(cur);
		calls += calls_open(cur);
	}
	if (count == 0) {
		procs = cur->n_procs;
		reused = cur->n_reused;
		kept = kept_open(cur);
		calls = calls_open(cur);
	}
	unsigned div = count ? count : 1;
	printf("refreshes %u processes %zu reused %zu kept %zu user_ms %.1f sys_ms %.1f calls_kept %zu\n",
	       count, (procs + div / 2) / div, (reused + div / 2) / div, (kept + div / 2) / div,
	       user / div, sys / div, (calls + div / 2) / div);
	free_old_snapshot(cur);
	collect_shutdown();
	return 0;
}
