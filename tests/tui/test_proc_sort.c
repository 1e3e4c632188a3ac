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

/* The columns F2 adds: sizes, times and ids from the snapshot, switch rates from the rates. */
static void test_new_columns(uint32_t *idx)
{
	uint64_t vsize[] = { 300, 100, 400, 200 }, ut[] = { 5, 50, 1, 7 }, st[] = { 5, 0, 0, 1 };
	uint64_t start[] = { 9, 8, 7, 6 };
	pid_t ppid[] = { 0, 1, 1, 20 };
	char *exe[] = { "/sbin/init", NULL, "/bin/bash", "/usr/bin/awk" };
	double vcsw[] = { 1, 0, 30, 2 }, icsw[] = { 0, 4, 0, 9 };
	struct proc_rates r = { .vcsw = vcsw, .icsw = icsw };
	for (int i = 0; i < 4; i++) {
		procs[i].vsize = vsize[i];
		procs[i].utime = ut[i];
		procs[i].stime = st[i];
		procs[i].start_time = start[i];
		procs[i].ppid = ppid[i];
		procs[i].exe = exe[i];
	}
	proc_sort(procs, &r, idx, 4, COL_VIRT, true);
	ok(order_is(idx, (int[]){ 300, 1, 4000, 20 }), "VIRT descending");
	proc_sort(procs, &r, idx, 4, COL_TIME, true);
	ok(order_is(idx, (int[]){ 20, 1, 4000, 300 }), "TIME+ (utime + stime) descending");
	proc_sort(procs, &r, idx, 4, COL_START, false);
	ok(order_is(idx, (int[]){ 4000, 300, 20, 1 }), "START ascending: the oldest first");
	proc_sort(procs, &r, idx, 4, COL_PPID, false);
	ok(order_is(idx, (int[]){ 1, 20, 300, 4000 }), "PPID ascending, ties by pid");
	proc_sort(procs, &r, idx, 4, COL_VCSW, true);
	ok(order_is(idx, (int[]){ 300, 4000, 1, 20 }), "VCSW/s descending");
	proc_sort(procs, &r, idx, 4, COL_ICSW, true);
	ok(order_is(idx, (int[]){ 4000, 20, 1, 300 }), "ICSW/s descending");
	proc_sort(procs, &r, idx, 4, COL_EXE, false);
	ok(order_is(idx, (int[]){ 20, 300, 1, 4000 }), "EXE by path, a missing one first");
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
	test_new_columns(idx);
	return tap_done();
}
