/* helper_sched.c — the lesson roles of `scheduling`: cpu-bound computes without pause, on the
 * first CPU it may use (so that two of them take turns on one CPU, and nice decides their
 * shares); io-bound sleeps 5 ms between short bursts, giving the CPU up on its own. */
#include <sched.h>

#include "lesson/helper.h"

/* Run only on the lowest-numbered CPU of the allowed set; that CPU (-1: left as it was). */
static int pin_first_cpu(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return -1;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &set))
			continue;
		CPU_ZERO(&set);
		CPU_SET(c, &set);
		return sched_setaffinity(0, sizeof(set), &set) == 0 ? c : -1;
	}
	return -1;
}

int role_cpu_bound(void)
{
	helper_record("cpu-bound", "cpu=%d", pin_first_cpu());
	helper_report_done();
	for (volatile unsigned long i = 0;; i++)
		;   /* never sleeps: only the scheduler takes the CPU away (involuntary switches) */
}

int role_io_bound(void)
{
	helper_record("io-bound", "%s", "");
	helper_report_done();
	for (;;) {
		for (volatile unsigned i = 0; i < 10000; i++)
			;
		helper_nap(5);   /* each nap: a voluntary switch */
	}
}
