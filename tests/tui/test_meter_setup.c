/* test_meter_setup.c — the header meters' layout in the settings file: the default, the
 * "meters=" value read back to the same layout, bad values refused whole, and the F2 page's
 * operations (show/hide, move within a column). */
#include "../tap.h"
#include "view/settings.h"

static char *format(const struct settings *s)
{
	struct strbuf sb = STRBUF_INIT;
	settings_format(s, &sb);
	return sb.buf;
}

static void test_round_trip(void)
{
	struct settings a, b;
	settings_default(&a);
	ok(meter_setup_find(&a.meters, METER_CPUS) == 0 && a.meters.slot[0].column == METER_LEFT &&
	   a.meters.slot[0].mode == METER_BAR, "default: CPUs first, left, as bars");
	ok(meter_setup_find(&a.meters, METER_CPU_AVG) < 0, "default: no separate average bar");
	const char *v = "swap:right:text,cpu:left:bar,chans:left:text";
	const char *line = "meters=swap:right:text,cpu:left:bar,chans:left:text\n";
	is_int(settings_parse(line, strlen(line), &a, NULL), 0, "a meters line is accepted");
	is_int(a.meters.n, 3, "three meters");
	ok(a.meters.slot[0].id == METER_SWAP && a.meters.slot[0].column == METER_RIGHT && a.meters.slot[0].mode == METER_TEXT,
	   "swap on the right as text");
	ok(a.meters.slot[2].id == METER_CHANS && a.meters.slot[2].column == METER_LEFT, "channels moved left");
	char *text = format(&a);
	ok(strstr(text, "\nmeters=") && strstr(text, v), "written back as it was read: %s", text);
	settings_default(&b);
	is_int(settings_parse(text, strlen(text), &b, NULL), 0, "the written file reads back without a warning");
	ok(b.meters.n == a.meters.n && !memcmp(b.meters.slot, a.meters.slot, sizeof(a.meters.slot[0]) * (size_t)a.meters.n),
	   "to the same layout");
	free(text);
	is_int(settings_parse("meters=\n", 8, &b, NULL), 0, "an empty value: no meters");
	is_int(b.meters.n, 0, "none shown");
}

static void test_bad(void)
{
	static const char *const bad[] = {
		"meters=cpus:left\n", "meters=cpus:middle:bar\n", "meters=disk:left:bar\n",
		"meters=tasks:left:bar\n", "meters=cpus:left:bar,cpus:right:bar\n", "meters=cpus:left:bar,\n",
		"meters=mem:left:bar:x\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct settings s;
		settings_default(&s);
		struct strbuf warn = STRBUF_INIT;
		int n = settings_parse(bad[i], strlen(bad[i]), &s, &warn);
		ok(n == 1 && s.meters.n == 7 && warn.len > 0, "refused whole, with a warning: %.*s", (int)strlen(bad[i]) - 1, bad[i]);
		sb_free(&warn);
	}
}

static void test_ops(void)
{
	struct meter_setup m;
	meter_setup_default(&m);
	meter_setup_toggle(&m, METER_SWAP);
	ok(meter_setup_find(&m, METER_SWAP) < 0 && m.n == 6, "toggle hides swap");
	meter_setup_toggle(&m, METER_SWAP);
	int i = meter_setup_find(&m, METER_SWAP);
	ok(i == 6 && m.slot[i].column == METER_LEFT && m.slot[i].mode == METER_BAR, "and shows it again at the end, left, as a bar");
	meter_setup_toggle(&m, METER_LOAD);
	meter_setup_toggle(&m, METER_LOAD);
	i = meter_setup_find(&m, METER_LOAD);
	ok(m.slot[i].mode == METER_TEXT, "load, which has no bar, comes back as text");
	/* Left column now: cpus, mem, swap; right: tasks, uptime, chans; load left last. */
	int mem = meter_setup_find(&m, METER_MEM);
	meter_setup_move(&m, mem, -1);
	ok(meter_setup_find(&m, METER_MEM) == 0 && meter_setup_find(&m, METER_CPUS) == 1, "mem moved above cpus");
	int sw = meter_setup_find(&m, METER_SWAP);
	meter_setup_move(&m, sw, 1);
	ok(meter_setup_find(&m, METER_SWAP) > meter_setup_find(&m, METER_LOAD), "swap moves past the next left meter (load), skipping the right ones");
	ok(meters_need_cpu_stat(&m), "the CPU bars need /proc/stat");
	meter_setup_toggle(&m, METER_CPUS);
	ok(!meters_need_cpu_stat(&m), "without them it is not read");
	meter_setup_toggle(&m, METER_CPU_AVG);
	ok(meters_need_cpu_stat(&m), "the average bar needs it too");
	meter_setup_toggle(&m, METER_CPU_AVG);
	meter_setup_toggle(&m, METER_CPUS);
	int t = meter_setup_find(&m, METER_TASKS);
	meter_setup_move(&m, t, -1);
	is_int(meter_setup_find(&m, METER_TASKS), t, "tasks, first of the right column, stays");
}

int main(void)
{
	test_round_trip();
	test_bad();
	test_ops();
	return tap_done();
}
