/* test_history_time.c — the DURATION of --record-keep and the SIZE of --record-max-size, and
 * the TIME of ipctop --replay --at: epoch seconds (with a fraction),
 * "YYYY-MM-DD HH:MM:SS" (or with a T) and "HH:MM:SS" on the recording's first day, in local
 * time (TZ=UTC here; the expected epochs are date(1)'s: date -u -d '2026-12-07 02:38:33'
 * +%s is 1796611113); anything else is refused. */
#include <stdlib.h>
#include <time.h>

#include "../tap.h"
#include "history/history.h"
#include "history/history_time.h"

static void accepts(const char *text, double first, double want)
{
	double got = -1;
	bool r = hist_parse_time(text, first, &got);
	ok(r && got == want, "'%s' is %.3f (got %s %.3f)", text, want, r ? "" : "refused,", got);
}

static void refuses(const char *text)
{
	double got = -1;
	ok(!hist_parse_time(text, 1796611113.0, &got), "'%s' is refused", text);
}

/* --record-keep DURATION and --record-max-size SIZE */
static void amounts(void)
{
	static const struct { const char *s; double want; } dur[] = {
		{ "90", 90 }, { "90s", 90 }, { "10m", 600 }, { "2h", 7200 }, { "7d", 604800 },
	};
	for (size_t i = 0; i < sizeof(dur) / sizeof(dur[0]); i++) {
		double got = -1;
		bool r = hist_parse_duration(dur[i].s, &got);
		ok(r && got == dur[i].want, "--record-keep '%s' is %.0f s (got %.0f)", dur[i].s, dur[i].want, got);
	}
	static const struct { const char *s; int64_t want; } size[] = {
		{ "65536", 65536 }, { "64K", 65536 }, { "10M", 10485760 }, { "2G", 2147483648LL },
	};
	for (size_t i = 0; i < sizeof(size) / sizeof(size[0]); i++) {
		int64_t got = -1;
		bool r = hist_parse_size(size[i].s, &got);
		ok(r && got == size[i].want, "--record-max-size '%s' is %lld bytes (got %lld)", size[i].s,
		   (long long)size[i].want, (long long)got);
	}
	const char *bad_dur[] = { "", "0", "0s", "5x", "1.5h", "-1", "m", "5mm", " 5", "5 " };
	for (size_t i = 0; i < sizeof(bad_dur) / sizeof(bad_dur[0]); i++) {
		double got;
		ok(!hist_parse_duration(bad_dur[i], &got), "--record-keep '%s' is refused", bad_dur[i]);
	}
	const char *bad_size[] = { "", "1K", "65535", "63K", "5T", "1.5M", "-64K", "64k", "64KB" };
	for (size_t i = 0; i < sizeof(bad_size) / sizeof(bad_size[0]); i++) {
		int64_t got;
		ok(!hist_parse_size(bad_size[i], &got), "--record-max-size '%s' is refused", bad_size[i]);
	}
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	accepts("1796611113", 0, 1796611113.0);
	accepts("1796611113.25", 0, 1796611113.25);
	accepts("2026-12-07 02:38:33", 0, 1796611113.0);
	accepts("2026-12-07T02:38:33", 0, 1796611113.0);
	/* the first sample late on 7 December: HH:MM:SS is on that day, not on the day of now */
	accepts("02:38:33", 1796685000.5, 1796611113.0);
	accepts("00:00:00", 1796611113.0, 1796601600.0);
	const char *bad[] = { "", "x", "25:99:99", "12:00", "2026-13-01 00:00:00", "1e9", "-5",
	                      "123abc", " 123", "1.", "02:38:33 ", "2026-12-07", "9999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refuses(bad[i]);
	char text[64];
	hist_format_time(1796611113.9, text, sizeof(text));
	is_str(text, "2026-12-07 02:38:33", "a time is shown as local YYYY-MM-DD HH:MM:SS");
	amounts();
	return tap_done();
}
