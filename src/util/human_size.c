/* human_size.c — byte counts in binary units (see human_size.h). */
#include "util/human_size.h"

#include <math.h>
#include <stdio.h>

void human_bytes(char *out, size_t n, double v)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	int u = 0;
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", v, units[u]);
}

void human_short(char *out, size_t n, double v)
{
	static const char units[] = "KMGTP";
	if (isnan(v) || v < 0) {
		snprintf(out, n, "?");
		return;
	}
	if (v < 1000) {
		snprintf(out, n, "%.0f", v);
		return;
	}
	int u = -1;
	while ((v >= 1000 || u < 0) && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(out, n, v < 99.95 ? "%.1f%c" : "%.0f%c", v, units[u]);
}
