/* test_collect_sysinfo.c — the header's machine figures read from the live kernel: MemTotal
 * and SwapTotal as /proc/meminfo says (read here independently), one CPU slot per number up
 * to the highest cpuN line of /proc/stat, none when no CPU meter wants /proc/stat, and the two
 * files kept open between refreshes: a second reading opens no descriptor, and
 * collect_sysinfo_close closes them. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_internal.h"
#include "../tap.h"

static long open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	long n = 0;
	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* The number after key in file (the test's own reading). */
static unsigned long long file_value(const char *path, const char *key)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	const char *p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

static int stat_lines;

/* 1 + the highest N of a cpuN line of /proc/stat; stat_lines: how many there are. */
static int stat_slots(void)
{
	FILE *f = fopen("/proc/stat", "r");
	char line[4096];
	int top = -1, n;
	while (f && fgets(line, sizeof line, f))
		if (line[3] >= '0' && line[3] <= '9' && sscanf(line, "cpu%d ", &n) == 1) {
			stat_lines++;
			top = n > top ? n : top;
		}
	if (f)
		fclose(f);
	return top + 1;
}

static void read_once(struct snapshot *s, bool no_cpu_stat)
{
	struct collect_opts o = { .no_cpu_stat = no_cpu_stat };
	struct scan_ctx c;
	memset(&c, 0, sizeof(c));
	c.opts = &o;
	snapshot_init(s);
	collect_sysinfo(s, &c);
	scan_ctx_free(&c);
}

int main(void)
{
	struct snapshot s;
	long before = open_fds();
	read_once(&s, false);
	long after_one = open_fds();
	is_int(s.sys.mem_total_kib, file_value("/proc/meminfo", "MemTotal:"), "MemTotal as /proc/meminfo says");
	is_int(s.sys.swap_total_kib, file_value("/proc/meminfo", "SwapTotal:"), "SwapTotal as /proc/meminfo says");
	ok(s.sys.mem_free_kib > 0 && s.sys.mem_free_kib <= s.sys.mem_total_kib, "MemFree read and below the total");
	is_int(s.sys.n_cpu_slots, stat_slots(), "a slot per CPU number up to the highest cpuN line");
	ok(s.sys.cpu_all.online && s.sys.cpu_all.t[CPUF_IDLE] > 0, "the sum line, with idle time");
	int online = 0;
	for (int i = 0; i < s.sys.n_cpu_slots; i++)
		online += s.sys.cpus[i].online;
	is_int(online, stat_lines, "a CPU online for each cpuN line");
	is_int(after_one - before, 2, "/proc/stat and /proc/meminfo kept open");
	snapshot_free(&s);
	read_once(&s, false);
	is_int(open_fds(), after_one, "a second reading opens nothing more");
	snapshot_free(&s);
	read_once(&s, true);
	is_int(s.sys.n_cpu_slots, 0, "no CPU meter: /proc/stat not read, no CPU slots");
	ok(s.sys.mem_total_kib > 0, "memory still read");
	snapshot_free(&s);
	collect_sysinfo_close();
	is_int(open_fds(), before, "collect_sysinfo_close closes both");
	return tap_done();
}
