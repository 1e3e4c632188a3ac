/* history_time.c — the TIME of --replay --at: "YYYY-MM-DD HH:MM:SS" (or with a T), "HH:MM:SS"
 * on the day the recording starts (local time, as the recorder's clock showed it), or epoch
 * seconds (with a fraction if wished). */
#include "history/history_time.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool parse_epoch(const char *s, double *out)
{
	size_t digits = strspn(s, "0123456789");
	if (digits == 0 || digits > 12)
		return false;
	if (s[digits] == '.' && (s[digits + 1] == '\0' || strspn(s + digits + 1, "0123456789") !=
	                         strlen(s + digits + 1)))
		return false;
	if (s[digits] != '\0' && s[digits] != '.')
		return false;
	*out = strtod(s, NULL);
	return true;
}

/* strptime with fmt over all of s. */
static bool parse_whole(const char *s, const char *fmt, struct tm *tm)
{
	const char *end = strptime(s, fmt, tm);
	return end && *end == '\0';
}

static bool local_epoch(struct tm *tm, double *out)
{
	tm->tm_isdst = -1;
	time_t t = mktime(tm);
	if (t == (time_t)-1)
		return false;
	*out = (double)t;
	return true;
}

bool hist_parse_time(const char *s, double first, double *out)
{
	struct tm tm;
	if (parse_epoch(s, out))
		return true;
	memset(&tm, 0, sizeof(tm));
	if (parse_whole(s, "%Y-%m-%d %H:%M:%S", &tm) || parse_whole(s, "%Y-%m-%dT%H:%M:%S", &tm))
		return local_epoch(&tm, out);
	struct tm hms;
	memset(&hms, 0, sizeof(hms));
	if (!isdigit((unsigned char)s[0]) || !parse_whole(s, "%H:%M:%S", &hms))
		return false;
	time_t day = (time_t)floor(first);
	if (!localtime_r(&day, &tm))
		return false;
	tm.tm_hour = hms.tm_hour;
	tm.tm_min = hms.tm_min;
	tm.tm_sec = hms.tm_sec;
	return local_epoch(&tm, out);
}

void hist_format_time(double t, char *out, size_t n)
{
	time_t sec = (time_t)floor(t);
	struct tm tm;
	if (!localtime_r(&sec, &tm) || !strftime(out, n, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(out, n, "%.3f", t);
}
