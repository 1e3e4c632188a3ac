/* history_time.h — times given to --replay --at, and times shown in its messages. */
#ifndef IPCTOP_HISTORY_TIME_H
#define IPCTOP_HISTORY_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* s as epoch seconds; first: the recording's first sample (the day of "HH:MM:SS"). */
bool hist_parse_time(const char *s, double first, double *out);
/* "YYYY-MM-DD HH:MM:SS", local time. */
void hist_format_time(double t, char *out, size_t n);

#endif
