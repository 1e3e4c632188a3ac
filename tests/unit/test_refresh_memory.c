/* test_refresh_memory.c — a refresh loop does not grow: the memory in use with the current and
 * previous snapshot held is the same after 1000 refreshes as after 10 (mallinfo2; skipped
 * where the allocator does not report it, as under AddressSanitizer, whose leak checker covers
 * that build at exit instead). */
#include <malloc.h>
#include <stdlib.h>

#include "collect/collect.h"
#include "../tap.h"

static struct snapshot snaps[2];
static struct snapshot *cur;
static size_t most_procs;   /* the most processes any snapshot held: tables keep that size */

static void refresh(unsigned k)
{
	struct snapshot *next = cur == &snaps[0] ? &snaps[1] : &snaps[0];
	snapshot_free(next);   /* the one before cur */
	snapshot_init(next);
	struct collect_opts o = { .prev = cur, .refresh_loop = true, .full_rescan = k % 10 == 0 };
	snapshot_take(next, &o);
	cur = next;
	if (cur->n_procs > most_procs)
		most_procs = cur->n_procs;
}

static size_t in_use(void)
{
	malloc_trim(0);
	return mallinfo2().uordblks;
}

int main(void)
{
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	unsigned k = 0;
	for (; k < 10; k++)
		refresh(k);
	size_t early = in_use(), early_procs = cur->n_procs;
	if (early == 0) {
		printf("1..0 # SKIP the allocator reports no usage (sanitizer build)\n");
		return 0;
	}
	for (; k < 1000; k++)
		refresh(k);
	size_t late = in_use();
	/* Other processes come and go meanwhile (make check runs tests side by side): allow a
	 * quarter, and twice the early cost per process for each process more than then at the
	 * busiest refresh (the snapshot before the last may have been it, and hash tables keep
	 * the size they grew to). A leak grows with the refreshes, not with a burst. */
	size_t per_proc = early_procs ? early / early_procs : 0;
	size_t more = most_procs > early_procs ? most_procs - early_procs : 0;
	size_t allowed = early / 4 + 512 * 1024 + 2 * per_proc * more;
	ok(late <= early + allowed, "in use after 10 refreshes %zu KiB (%zu processes), after 1000 %zu KiB "
	   "(%zu; at most %zu)", early / 1024, early_procs, late / 1024, cur->n_procs, most_procs);
	ok(cur->n_procs > 0, "the last snapshot is complete (%zu processes)", cur->n_procs);
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	collect_shutdown();
	ok(in_use() < early, "everything given back after the loop");
	return tap_done();
}
