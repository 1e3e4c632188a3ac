/* mono_clock.h — the CLOCK_MONOTONIC time in nanoseconds, for durations and the age of a
 * reading (never a wall-clock time). */
#ifndef IPCTOP_MONO_CLOCK_H
#define IPCTOP_MONO_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#endif
