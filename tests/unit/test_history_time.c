/* test_history_time.c — the TIME of ipctop --replay --at: epoch seconds (with a fraction),
 * "YYYY-MM-DD HH:MM:SS" (or with a T) and "HH:MM:SS" on the recording's first day, in local
 * time (TZ=UTC here; the expected epochs are date(1)'s: date -u -d '2026-12-07 02:38:33'
 * +%s is 1796611113); anything else is refused. */
#include <stdlib.h>
#include <time.h>

#include "../tap.h"
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
	return tap_done();
}
