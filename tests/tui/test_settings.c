/* test_settings.c — the ipctoprc file: strict parsing (malformed lines, unknown keys, bad
 * values), round trip, and loading rules (missing file, not a regular file, owner check). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "view/settings.h"

static int parse(const char *text, struct settings *s, struct strbuf *warn)
{
	settings_default(s);
	sb_reset(warn);
	return settings_parse(text, strlen(text), s, warn);
}

static void test_parse(void)
{
	struct settings s;
	struct strbuf warn = STRBUF_INIT;
	is_int(parse("sort_column=mem\nsort_direction=asc\ntree=1\ndelay=30\n", &s, &warn), 0, "valid file: no warnings");
	ok(s.sort_col == COL_MEM && !s.sort_desc && s.tree && s.delay_tenths == 30, "valid values applied");
	is_int(parse("# comment\n\n  tree = yes  \r\n", &s, &warn), 0, "comments, blank lines, spaces, CRLF");
	ok(s.tree, "spaced value read");
	is_int(parse("colour=red\nsort_column=bogus\ndelay=0\ndelay=9999\ndelay=1e3\njust words\n", &s, &warn), 6,
	       "unknown key, bad column, out-of-range and non-numeric delay, no '=': six ignored");
	is_int(s.delay_tenths, 15, "ignored lines leave defaults");
	ok(strstr(sb_str(&warn), "line 6") != NULL, "warnings name the line");
	is_int(parse("tree=1\n$(rm -rf /)=1\ndelay=`reboot`\n", &s, &warn), 2, "shell-looking lines are data, ignored");
	ok(s.tree, "good line before them still applied");
	is_int(parse("columns=pid,cpu,command\n", &s, &warn), 0, "columns list");
	ok(s.visible[COL_CPU] && !s.visible[COL_USER] && s.visible[COL_PID], "only listed columns (and pid) visible");
	is_int(parse("columns=pid,,cpu\n", &s, &warn), 1, "empty column name rejected");
	ok(s.visible[COL_USER], "rejected columns line changes nothing");
	is_int(parse("columns=pid,cpu,cpu\n", &s, &warn), 1, "a column named twice rejected");
	is_int(parse("columns=time,command,pid,virt\n", &s, &warn), 0, "columns in another order");
	ok(s.order[0] == COL_TIME && s.order[1] == COL_PID && s.order[2] == COL_VIRT,
	   "the listed columns come first, in the listed order");
	ok(s.order[3] == COL_USER && s.order[COL__COUNT - 1] == COL_COMMAND,
	   "then the others in the default order, Command last");
	ok(s.visible[COL_TIME] && s.visible[COL_VIRT] && !s.visible[COL_CPU], "listed ones shown, others hidden");
	is_int(parse("columns=!cpu,pid,!,user\n", &s, &warn), 1, "a lone ! rejected");
	is_int(parse("columns=!cpu,pid,user\n", &s, &warn), 0, "a hidden column keeps its place");
	ok(s.order[0] == COL_CPU && !s.visible[COL_CPU] && s.visible[COL_USER], "!cpu: first, and hidden");
	char bin[] = "tree=1\0garbage\ndelay=20\n";
	settings_default(&s);
	is_int(settings_parse(bin, sizeof bin - 1, &s, &warn), 1, "line with a NUL byte ignored");
	is_int(s.delay_tenths, 20, "next line still read");
	is_int(parse("theme=contrast\n", &s, &warn), 0, "theme=contrast read");
	ok(s.theme == UI_THEME_CONTRAST, "the contrast theme applied");
	is_int(parse("theme=colourblind\n", &s, &warn), 0, "theme=colourblind (British spelling) read");
	ok(s.theme == UI_THEME_COLORBLIND, "the colour-blind theme applied");
	is_int(parse("theme=neon\ntheme=\n", &s, &warn), 2, "an unknown or empty theme ignored");
	ok(s.theme == UI_THEME_DEFAULT, "the default theme stays");
	parse("delay=5\x1b[2J\n", &s, &warn);
	ok(strchr(sb_str(&warn), '\x1b') == NULL, "control bytes of the file are escaped in warnings");
	sb_free(&warn);
}

/* Field by field: the struct has padding, which neither settings_default nor parsing sets. */
static bool same_settings(const struct settings *a, const struct settings *b)
{
	return a->sort_col == b->sort_col && a->sort_desc == b->sort_desc && a->tree == b->tree &&
	       a->delay_tenths == b->delay_tenths && a->kthreads == b->kthreads && a->threads == b->threads &&
	       a->program_path == b->program_path && a->service_names == b->service_names &&
	       a->theme == b->theme && !memcmp(a->visible, b->visible, sizeof(a->visible)) && !memcmp(a->order, b->order, sizeof(a->order));
}

static void test_round_trip(void)
{
	struct settings a, b;
	struct strbuf text = STRBUF_INIT;
	settings_default(&a);
	a.sort_col = COL_FDS;
	a.sort_desc = false;
	a.tree = true;
	a.delay_tenths = 7;
	a.theme = UI_THEME_COLORBLIND;
	a.visible[COL_POLICY] = false;
	a.visible[COL_EXE] = a.visible[COL_VCSW] = true;
	a.kthreads = true;
	a.threads = true;
	a.program_path = false;
	ok(!a.service_names, "ports by number by default (no service names)");
	a.service_names = true;
	ok(settings_move_col(&a, COL_EXE, -1) && settings_move_col(&a, 0, 1), "two moves");
	ok(!settings_move_col(&a, COL__COUNT - 2, 1) && !settings_move_col(&a, 0, -1), "nothing moves past Command or the start");
	ok(a.order[COL_EXE - 1] == COL_EXE && a.order[1] == COL_PID, "the moved columns changed places");
	settings_format(&a, &text);
	settings_default(&b);
	is_int(settings_parse(text.buf, text.len, &b, NULL), 0, "formatted text parses cleanly");
	ok(same_settings(&a, &b), "round trip gives the same settings");
	ok(b.service_names && strstr(text.buf, "\nservice_names=1\n"), "service_names=1 saved and read back");
	sb_free(&text);
}

static void test_load(void)
{
	char dir[] = "/tmp/ipctop-settings-XXXXXX";
	struct settings s;
	struct strbuf warn = STRBUF_INIT;
	ok(mkdtemp(dir) != NULL, "temporary directory");
	char path[256];
	snprintf(path, sizeof path, "%s/sub/ipctoprc", dir);
	settings_default(&s);
	is_int(settings_load(path, getuid(), &s, &warn), 0, "missing file is fine");
	s.delay_tenths = 42;
	is_int(settings_save(path, &s), 0, "save creates the directory and file");
	struct settings r;
	settings_default(&r);
	is_int(settings_load(path, getuid(), &r, &warn), 0, "load what was saved");
	is_int(r.delay_tenths, 42, "saved value read back");
	struct stat st;
	stat(path, &st);
	if (st.st_uid != 0) {
		settings_default(&r);
		is_int(settings_load(path, 0, &r, &warn), 1, "as root, a file not owned by root is ignored");
		is_int(r.delay_tenths, 15, "and nothing from it applied");
	} else {
		ok(chown(path, 1, 1) == 0, "give the file to another owner");
		settings_default(&r);
		is_int(settings_load(path, 0, &r, &warn), 1, "as root, a file not owned by root is ignored");
		is_int(r.delay_tenths, 15, "and nothing from it applied");
	}
	ok(strstr(sb_str(&warn), "not owned by root") != NULL, "with a warning saying why");
	char sub[256];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	settings_default(&r);
	is_int(settings_load(sub, getuid(), &r, &warn), 1, "a directory is not a settings file");
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	sb_free(&warn);
}

int main(void)
{
	test_parse();
	test_round_trip();
	test_load();
	return tap_done();
}
