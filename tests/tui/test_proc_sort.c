/* test_proc_sort.c — sorting the process list by each kind of column, both directions, ties. */
#include <stdlib.h>

#include "../tap.h"
#include "view/proc_sort.h"

static struct proc_info procs[4];

static void setup(void)
{
	static char *users[] = { "root", "alice", "bob", "alice" };
	static char *cmds[] = { "/sbin/init", "zsh", "bash -l", "awk" };
	int pids[] = { 1, 20, 300, 4000 };
	uint64_t rss[] = { 500, 9000, 100, 9000 };
	for (int i = 0; i < 4; i++) {
		procs[i].pid = pids[i];
		procs[i].user = users[i];
		procs[i].cmdline = cmds[i];
		procs[i].comm = cmds[i];
		procs[i].rss_kib = rss[i];
		procs[i].nice = 10 - 5 * i;
		procs[i].state = "SRSZ"[i];
	}
}

static int order_is(const uint32_t *idx, const int *want_pids)
{
	for (int i = 0; i < 4; i++)
		if (procs[idx[i]].pid != want_pids[i])
			return 0;
	return 1;
}

int main(void)
{
	uint32_t idx[4] = { 3, 1, 0, 2 };
	double cpu[4] = { 0.5, 12.0, 3.0, 12.0 };
	struct proc_rates rates = { .cpu = cpu };
	setup();

	proc_sort(procs, &rates, idx, 4, COL_PID, false);
	ok(order_is(idx, (int[]){ 1, 20, 300, 4000 }), "pid ascending");
	proc_sort(procs, &rates, idx, 4, COL_PID, true);
	ok(order_is(idx, (int[]){ 4000, 300, 20, 1 }), "pid descending");
	proc_sort(procs, &rates, idx, 4, COL_CPU, true);
	ok(order_is(idx, (int[]){ 20, 4000, 300, 1 }), "cpu descending, equal cpu by pid ascending");
	proc_sort(procs, &rates, idx, 4, COL_CPU, false);
	ok(order_is(idx, (int[]){ 1, 300, 20, 4000 }), "cpu ascending, ties still by pid ascending");
	proc_sort(procs, &rates, idx, 4, COL_MEM, true);
	ok(order_is(idx, (int[]){ 20, 4000, 1, 300 }), "resident memory descending");
	proc_sort(procs, &rates, idx, 4, COL_USER, false);
	ok(order_is(idx, (int[]){ 20, 4000, 300, 1 }), "user by name, then pid");
	proc_sort(procs, &rates, idx, 4, COL_COMMAND, false);
	ok(order_is(idx, (int[]){ 1, 4000, 300, 20 }), "command line by bytes");
	proc_sort(procs, &rates, idx, 4, COL_NICE, false);
	ok(order_is(idx, (int[]){ 4000, 300, 20, 1 }), "nice ascending (negative first)");
	proc_sort(procs, NULL, idx, 4, COL_CPU, true);
	ok(order_is(idx, (int[]){ 1, 20, 300, 4000 }), "no cpu figures: all equal, pid order");
	procs[1].user = NULL;
	proc_sort(procs, &rates, idx, 4, COL_USER, false);
	is_int(procs[idx[0]].pid, 20, "a missing user name sorts first, without crashing");
	/* an empty list: nothing to order, so no slot of idx is written */
	uint32_t guard[4] = { 7, 7, 7, 7 };
	proc_sort(procs, &rates, guard, 0, COL_PID, false);
	ok(guard[0] == 7 && guard[1] == 7 && guard[2] == 7 && guard[3] == 7,
	   "empty list: idx left as it was");
	/* one process: its index stays where it is, the slots after it are not written */
	guard[0] = 2;
	proc_sort(procs, &rates, guard, 1, COL_CPU, true);
	ok(guard[0] == 2 && guard[1] == 7, "one-process list: its index alone, unmoved");
	return tap_done();
}
