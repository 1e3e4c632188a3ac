/* test_proc_tree.c — tree order of the process list: nesting, sibling order, orphans whose
 * parent is hidden, connector masks, parent loops from pid reuse, and parents on the child's own host (--merge). */
#include "../tap.h"
#include "view/proc_tree.h"

static struct proc_info procs[8];

static void mk(int i, pid_t pid, pid_t ppid)
{
	procs[i].pid = pid;
	procs[i].ppid = ppid;
}

static int pids_are(const struct tree_row *r, size_t n, const int *want)
{
	for (size_t i = 0; i < n; i++)
		if (procs[r[i].proc].pid != want[i])
			return 0;
	return 1;
}

int main(void)
{
	struct tree_row rows[8];
	/* 1 ─┬ 10 ─ 100
	 *    └ 20 ─┬ 200
	 *          └ 201        and 50 (parent 7 not shown) */
	mk(0, 1, 0); mk(1, 10, 1); mk(2, 20, 1); mk(3, 100, 10);
	mk(4, 200, 20); mk(5, 201, 20); mk(6, 50, 7);
	uint32_t order[7] = { 0, 1, 2, 3, 4, 5, 6 };
	proc_tree_order(procs, order, 7, rows);
	ok(pids_are(rows, 7, (int[]){ 1, 10, 100, 20, 200, 201, 50 }), "depth-first, children under parents");
	is_int(rows[0].depth, 0, "init is a root");
	is_int(rows[2].depth, 2, "grandchild at depth 2");
	is_int(rows[6].depth, 0, "process whose parent is not listed is a root");
	ok(!rows[1].last && rows[3].last, "10 has a later sibling; 20 is last");
	ok(rows[2].open_mask & 1, "under 10 the line of 1's children stays open");
	ok(!(rows[4].open_mask & 1), "under 20 (last child) it is closed");

	uint32_t rev[7] = { 6, 5, 4, 3, 2, 1, 0 };
	proc_tree_order(procs, rev, 7, rows);
	ok(pids_are(rows, 7, (int[]){ 50, 1, 20, 201, 200, 10, 100 }), "siblings keep the sort order given");

	/* parent loop: 300 -> 301 -> 300 (pid reuse between reads) */
	mk(0, 300, 301); mk(1, 301, 300); mk(2, 5, 0);
	uint32_t loop[3] = { 0, 1, 2 };
	proc_tree_order(procs, loop, 3, rows);
	int seen300 = 0, seen301 = 0, seen5 = 0;
	for (int i = 0; i < 3; i++) {
		seen300 += procs[rows[i].proc].pid == 300;
		seen301 += procs[rows[i].proc].pid == 301;
		seen5 += procs[rows[i].proc].pid == 5;
	}
	ok(seen300 == 1 && seen301 == 1 && seen5 == 1, "a parent loop is broken: every process once");

	/* --merge: two hosts with the same pids, each child under its own host's parent */
	const char *ha = "a", *hb = "b";
	mk(0, 1, 0); mk(1, 1, 0); mk(2, 40, 1); mk(3, 40, 1);
	procs[0].host = procs[2].host = ha;
	procs[1].host = procs[3].host = hb;
	uint32_t two[4] = { 0, 1, 2, 3 };
	proc_tree_order(procs, two, 4, rows);
	ok(rows[0].proc == 0 && rows[1].proc == 2 && rows[2].proc == 1 && rows[3].proc == 3 &&
	   rows[1].depth == 1 && rows[3].depth == 1, "two hosts' pid 40 each under its own host's pid 1");
	for (int i = 0; i < 4; i++)
		procs[i].host = NULL;

	mk(0, 9, 9);
	uint32_t self[1] = { 0 };
	proc_tree_order(procs, self, 1, rows);
	ok(rows[0].depth == 0 && procs[rows[0].proc].pid == 9, "own parent: a root, no loop");
	/* an empty list makes no rows: every row slot keeps what was in it */
	for (int i = 0; i < 8; i++)
		rows[i] = (struct tree_row){ .proc = 77, .depth = -3, .last = true, .open_mask = 5 };
	proc_tree_order(procs, self, 0, rows);
	int untouched = 1;
	for (int i = 0; i < 8; i++)
		untouched &= rows[i].proc == 77 && rows[i].depth == -3 && rows[i].last &&
			     rows[i].open_mask == 5;
	ok(untouched, "empty list: no row written");
	return tap_done();
}
