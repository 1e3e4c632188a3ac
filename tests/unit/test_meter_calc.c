/* test_meter_calc.c — the header meters' arithmetic on fixed /proc/stat and /proc/meminfo
 * text: CPU shares between two readings (guest inside user, irq and softirq in system, steal),
 * a CPU taken offline or brought online between readings, counters going backwards, and the
 * memory and swap breakdown; the tasks meter's counts of a hand-built process table. Expected
 * values are worked out by hand from the text. */
#include "../tap.h"
#include "collect/parse_sysstat.h"
#include "model/meter_calc.h"

static struct arena ar;

static struct sys_info stat_of(const char *text)
{
	struct sys_info si = { 0 };
	int n = parse_proc_stat(text, strlen(text), &ar, &si);
	if (n < 0)
		si.n_cpu_slots = 0;
	return si;
}

static bool near(double a, double b) { return a - b < 1e-9 && b - a < 1e-9; }

static void test_parse(void)
{
	const char *t = "cpu  10 20 30 40 50 60 70 80 90 100\ncpu0 1 2 3 4 5 6 7 8 9 10\n"
		"cpu2 11 12 13 14\nintr 5 0 0\nctxt 99\ncpuX 1 2 3 4\ncpu3\n";
	struct sys_info si = { 0 };
	is_int(parse_proc_stat(t, strlen(t), &ar, &si), 2, "two cpuN lines with enough fields");
	is_int(si.n_cpu_slots, 3, "slots up to the highest CPU number listed (cpu3 has no fields)");
	ok(si.cpu_all.online && si.cpu_all.t[CPUF_GUEST_NICE] == 100 && si.cpu_all.t[CPUF_USER] == 10, "the sum line, all ten fields");
	ok(si.cpus[0].online && si.cpus[0].t[CPUF_STEAL] == 8, "cpu0 steal is its eighth field");
	ok(!si.cpus[1].online, "cpu1, not listed, is offline");
	ok(si.cpus[2].online && si.cpus[2].t[CPUF_IDLE] == 14 && si.cpus[2].t[CPUF_IOWAIT] == 0, "an old kernel's four fields, the rest 0");
	struct sys_info bad = { 0 };
	is_int(parse_proc_stat("intr 1\n", 7, &ar, &bad), -1, "no cpu line: an error");
	is_int(parse_proc_stat("cpu 1 2\n", 8, &ar, &bad), -1, "a cpu line of two fields: an error");
}

static void test_delta(void)
{
	/* 1000 ticks pass on cpu0: user 300 (100 of it guest), nice 50 (20 guest_nice), system
	 * 100 + irq 10 + softirq 40, idle 400, iowait 60, steal 40. */
	struct sys_info a = stat_of("cpu  0 0 0 0 0 0 0 0 0 0\ncpu0 1000 500 200 9000 70 5 6 7 100 30\n");
	struct sys_info b = stat_of("cpu  0 0 0 0 0 0 0 0 0 0\ncpu0 1300 550 300 9400 130 15 46 47 200 50\n");
	int n;
	struct cpu_usage *u = cpu_usage_between(&a, &b, &n);
	is_int(n, 2, "the machine and one CPU");
	ok(u[1].state == CPU_KNOWN, "cpu0 known");
	ok(near(u[1].part[CPU_P_USER], 0.2), "user less guest: 200/1000 (%g)", u[1].part[CPU_P_USER]);
	ok(near(u[1].part[CPU_P_NICE], 0.03), "nice less guest_nice: 30/1000 (%g)", u[1].part[CPU_P_NICE]);
	ok(near(u[1].part[CPU_P_SYSTEM], 0.15), "system with irq and softirq: 150/1000");
	ok(near(u[1].part[CPU_P_IOWAIT], 0.06), "I/O wait 60/1000");
	ok(near(u[1].part[CPU_P_STEAL], 0.04), "steal 40/1000");
	ok(near(u[1].part[CPU_P_GUEST], 0.12), "guest and guest_nice 120/1000");
	ok(near(u[1].busy, 0.54), "busy: all but idle and I/O wait, 540/1000 (%g)", u[1].busy);
	ok(u[0].state == CPU_UNKNOWN, "the sum line did not move: no time passed, unknown");
	free(u);
	u = cpu_usage_between(NULL, &b, &n);
	ok(u[0].state == CPU_UNKNOWN && u[1].state == CPU_UNKNOWN, "no reading before: unknown");
	free(u);
}

static void test_hotplug(void)
{
	/* cpu1 goes offline, cpu2 comes online; the sum line's idle goes backwards. */
	struct sys_info a = stat_of("cpu  100 0 100 5000 0 0 0 0 0 0\ncpu0 50 0 50 2000 0 0 0 0 0 0\n"
		"cpu1 50 0 50 3000 0 0 0 0 0 0\n");
	struct sys_info b = stat_of("cpu  200 0 100 4900 0 0 0 0 0 0\ncpu0 100 0 50 2050 0 0 0 0 0 0\n"
		"cpu2 10 0 10 10 0 0 0 0 0 0\n");
	int n;
	struct cpu_usage *u = cpu_usage_between(&a, &b, &n);
	is_int(n, 4, "slots for cpu0..cpu2 and the machine");
	ok(u[1].state == CPU_KNOWN && near(u[1].busy, 0.5), "cpu0: 50 of 100 ticks busy");
	ok(u[2].state == CPU_OFFLINE, "cpu1, gone from the second reading, is offline");
	ok(u[3].state == CPU_UNKNOWN, "cpu2, not in the first reading, is unknown");
	ok(u[0].state == CPU_KNOWN && near(u[0].part[CPU_P_USER], 1.0),
	   "the machine: idle went back, counted as 0, user 100 of 100 (%g)", u[0].part[CPU_P_USER]);
	free(u);
	struct sys_info c = stat_of("cpu  300 0 100 5000 0 0 0 0 0 0\ncpu0 120 0 50 2080 0 0 0 0 0 0\n");
	u = cpu_usage_between(&b, &c, &n);
	is_int(n, 2, "fewer slots when the highest CPU went away");
	ok(u[1].state == CPU_KNOWN && near(u[1].busy, 20.0 / 50), "cpu0: 20 of 50 ticks busy");
	free(u);
	/* Every counter of a CPU going back (a reset): nothing passed, unknown rather than 0%. */
	struct sys_info d = stat_of("cpu  1 0 1 1 0 0 0 0 0 0\ncpu0 1 0 1 1 0 0 0 0 0 0\n");
	u = cpu_usage_between(&c, &d, &n);
	ok(u[1].state == CPU_UNKNOWN && u[0].state == CPU_UNKNOWN, "counters reset: unknown, no negative share");
	free(u);
}

static void test_mem(void)
{
	const char *t = "MemTotal:        8000000 kB\nMemFree:         1000000 kB\nMemAvailable:    5000000 kB\n"
		"Buffers:          200000 kB\nCached:          3000000 kB\nSwapCached:        10000 kB\n"
		"Active:          1 kB\nShmem:            300000 kB\nSReclaimable:     400000 kB\n"
		"SwapTotal:       2000000 kB\nSwapFree:        1500000 kB\n";
	struct sys_info si = { 0 };
	parse_meminfo(t, strlen(t), &si);
	ok(si.mem_total_kib == 8000000 && si.swap_cached_kib == 10000 && si.cached_kib == 3000000,
	   "Cached and SwapCached told apart");
	struct mem_usage m;
	mem_usage_calc(&si, &m);
	is_int(m.total, 8000000, "total");
	is_int(m.used, 8000000 - 1000000 - 200000 - 3000000 - 400000, "used: total - free - buffers - cached - sreclaimable");
	is_int(m.buffers, 200000, "buffers");
	is_int(m.cache, 3000000 + 400000 - 300000, "cache: cached + sreclaimable - shmem");
	is_int(m.swap_used, 2000000 - 1500000 - 10000, "swap used less swap cache");
	is_int(m.swap_cache, 10000, "swap cache");
	/* A file whose parts exceed the total: used falls back to total - free, parts clipped. */
	const char *odd = "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 500 kB\nCached: 900 kB\n";
	parse_meminfo(odd, strlen(odd), &si);
	mem_usage_calc(&si, &m);
	is_int(m.used, 900, "parts beyond the total: used is total - free");
	ok(m.used + m.buffers + m.cache <= m.total, "and the bar never overflows (%llu %llu)",
	   (unsigned long long)m.buffers, (unsigned long long)m.cache);
	is_int(m.swap_total, 0, "keys absent from the second text are 0, not the first text's");
}

/* Five processes by hand: two kernel threads, a process of 4 threads running, one in disk
 * wait, a zombie, one stopped. */
static void test_tasks(void)
{
	struct proc_info p[7] = {
		{ .state = 'S', .nlwp = 1, .flags = PF_KTHREAD }, { .state = 'I', .nlwp = 1, .flags = PF_KTHREAD },
		{ .state = 'R', .nlwp = 4 }, { .state = 'D', .nlwp = 1 }, { .state = 'Z', .nlwp = 1 },
		{ .state = 'T', .nlwp = 2 }, { .state = 'S', .nlwp = 0 },
	};
	struct snapshot s = { .procs = p, .n_procs = 7 };
	struct task_counts t;
	task_counts_calc(&s, &t);
	ok(t.procs == 5 && t.kthreads == 2, "5 processes and 2 kernel threads, counted apart (%zu, %zu)",
	   t.procs, t.kthreads);
	is_int(t.threads, 4, "threads besides the main ones: 3 + 1, none for nlwp 0");
	ok(t.running == 1 && t.disk == 1 && t.zombie == 1 && t.stopped == 1 && t.traced == 0,
	   "by state: a kernel thread's state is not a process's");
}

int main(void)
{
	arena_init(&ar);
	test_tasks();
	test_parse();
	test_delta();
	test_hotplug();
	test_mem();
	arena_free(&ar);
	return tap_done();
}
