/* test_proc_cpu.c — CPU% from tick counters of two snapshots. */
#include <math.h>

#include "../tap.h"
#include "view/proc_cpu.h"

static int near(double a, double b) { return fabs(a - b) < 1e-9; }

int main(void)
{
	ok(near(cpu_percent(100, 250, 1.5, 100), 100.0), "150 ticks in 1.5 s at 100 Hz is one full CPU");
	ok(near(cpu_percent(0, 25, 1.0, 100), 25.0), "quarter of a CPU");
	ok(near(cpu_percent(0, 400, 2.0, 100), 200.0), "two CPUs (threads) give 200");
	ok(near(cpu_percent(50, 40, 1.0, 100), 0.0), "counter going back gives 0");
	ok(near(cpu_percent(0, 10, 0.0, 100), 0.0), "no time elapsed gives 0");
	ok(near(cpu_percent(0, 10, 1.0, 0), 0.0), "unknown hz gives 0");

	struct snapshot a, b;
	snapshot_init(&a);
	snapshot_init(&b);
	struct proc_info pa[2] = { { .pid = 10, .utime = 100, .stime = 50, .start_time = 7 },
				   { .pid = 20, .utime = 5, .start_time = 8 } };
	struct proc_info pb[3] = { { .pid = 10, .utime = 130, .stime = 70, .start_time = 7 },
				   { .pid = 20, .utime = 500, .start_time = 99 },
				   { .pid = 30, .utime = 900, .start_time = 9 } };
	a.procs = pa; a.n_procs = 2; a.taken_ms = 1000; a.sys.ticks_per_sec = 100;
	b.procs = pb; b.n_procs = 3; b.taken_ms = 3000; b.sys.ticks_per_sec = 100;
	double out[3];
	cpu_compute(&a, &b, out);
	ok(near(out[0], 25.0), "50 ticks over 2 s = 25%%");
	ok(near(out[1], 0.0), "reused pid (other start time) gives 0, not a jump");
	ok(near(out[2], 0.0), "new process gives 0");
	cpu_compute(NULL, &b, out);
	ok(near(out[0], 0.0), "first snapshot: all 0");
	a.procs = NULL; b.procs = NULL;
	snapshot_free(&a);
	snapshot_free(&b);
	return tap_done();
}
