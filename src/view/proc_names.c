/* proc_names.c — the tables and formatting behind proc_names.h. */
#include <stdio.h>

#include "view/proc_names.h"

const char *state_meaning(char state)
{
	switch (state) {
	case 'R': return "running or runnable (on a run queue)";
	case 'S': return "sleeping, interruptible (waiting for an event)";
	case 'D': return "uninterruptible sleep (usually waiting for I/O)";
	case 'Z': return "zombie (exited, parent has not reaped it)";
	case 'T': return "stopped (by a job-control signal)";
	case 't': return "stopped by a debugger (tracing stop)";
	case 'X': return "dead (being removed)";
	case 'I': return "idle kernel thread";
	case 'P': return "parked kernel thread";
	case 'W': return "paging / waking";
	case 'K': return "wakekill";
	default:  return "unknown";
	}
}

const char *policy_name(int policy)
{
	static const char *const names[] = { "OTHER", "FIFO", "RR", "BATCH", "ISO", "IDLE", "DLINE" };
	return policy >= 0 && policy < (int)(sizeof names / sizeof names[0]) ? names[policy] : "?";
}

void human_kib(uint64_t kib, char *buf, size_t size)
{
	if (kib < 10000)
		snprintf(buf, size, "%lluK", (unsigned long long)kib);
	else if (kib < 1024ull * 1000)
		snprintf(buf, size, "%.1fM", (double)kib / 1024);
	else if (kib < 1024ull * 1024 * 1000)
		snprintf(buf, size, "%.1fG", (double)kib / (1024 * 1024));
	else
		snprintf(buf, size, "%.1fT", (double)kib / (1024.0 * 1024 * 1024));
}

void human_ns(uint64_t ns, char *buf, size_t size)
{
	uint64_t s = ns / 1000000000ull;
	if (s >= 3600)
		snprintf(buf, size, "%lluh%02llum", (unsigned long long)(s / 3600), (unsigned long long)(s / 60 % 60));
	else if (s >= 60)
		snprintf(buf, size, "%llum%02llus", (unsigned long long)(s / 60), (unsigned long long)(s % 60));
	else if (ns >= 1000000000ull)
		snprintf(buf, size, "%.3fs", (double)ns / 1e9);
	else
		snprintf(buf, size, "%llums", (unsigned long long)(ns / 1000000));
}
