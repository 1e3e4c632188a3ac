/* proc_figures.c — a process's terminal name, wall-clock start and memory share (see
 * proc_figures.h). */
#include "model/proc_figures.h"

#include <math.h>
#include <stdio.h>

void tty_name(int tty_nr, char *buf, size_t size)
{
	unsigned major = ((unsigned)tty_nr >> 8) & 0xfff;
	unsigned minor = ((unsigned)tty_nr & 0xff) | (((unsigned)tty_nr >> 12) & 0xfff00);
	if (tty_nr == 0)
		snprintf(buf, size, "-");
	else if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else
		snprintf(buf, size, "%u:%u", major, minor);
}

uint64_t proc_started_ms(const struct snapshot *s, const struct proc_info *p)
{
	long hz = s->sys.ticks_per_sec > 0 ? s->sys.ticks_per_sec : 100;
	if (s->sys.uptime_s <= 0 || s->taken_ms == 0)
		return 0;
	double boot_ms = (double)s->taken_ms - s->sys.uptime_s * 1000.0;
	double ms = boot_ms + (double)p->start_time * 1000.0 / (double)hz;
	return ms > 0 ? (uint64_t)(ms + 0.5) : 0;
}

double proc_mem_percent(const struct snapshot *s, const struct proc_info *p)
{
	uint64_t total = s->sys.mem_total_kib;
	return total ? (double)p->rss_kib * 100.0 / (double)total : NAN;
}
