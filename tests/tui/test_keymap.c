/* test_keymap.c — the key table (src/view/keymap.c) against itself, the help screen's text and
 * the man page: every key bound once per screen, no action key reachable through Alt or a
 * modifier, every key of every screen in that screen's part of the man page's INTERACTIVE USE,
 * and every key the man page names there in the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "../tap.h"
#include "util/strbuf.h"
#include "view/keymap.h"
#include "view/help_text.h"
#include "view/keymap_text.h"
#include "view/proc_cols.h"
#include "view/term_input.h"

/* The man page subsection of each key-table scope. */
static const char *man_section(const char *scope)
{
	static const struct { const char *scope, *ss; } map[] = {
		{ "*", "Keys on every screen" }, { "list", "Process list" },
		{ "detail", "Process detail" }, { "graph", "Communication graph" },
		{ "chans", "Channel table" }, { "waits", "Waits screen" },
		{ "help", "Help and setup" }, { "setup", "Help and setup" }, { "meters", "Help and setup" },
		{ "menu", "Menus and confirmations" }, { "replay", "Replay" }, { "changes", "Replay" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].scope, scope) == 0)
			return map[i].ss;
	return NULL;
}

/* Roff escapes of the man page as the key names spell them. */
static void unroff(const char *s, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'e') { sb_putc(out, '\\'); i++; }
		else if (s[i] == '\\' && i + 1 < n && s[i + 1] == '-') { sb_putc(out, '-'); i++; }
		else if (s[i] == '\\' && i + 1 < n && s[i + 1] == '&') { i++; }
		else if (s[i] != '"') sb_putc(out, s[i]);
	}
}

/* The bold words of one roff line, each followed by '\n', into out. */
static void bold_words(const char *line, struct strbuf *out)
{
	if (strncmp(line, ".B ", 3) == 0) {
		unroff(line + 3, strlen(line + 3), out);
		sb_putc(out, '\n');
		return;
	}
	if (strncmp(line, ".BR ", 4) == 0 || strncmp(line, ".RB ", 4) == 0) {
		bool bold = line[1] == 'B';
		const char *p = line + 4;
		while (*p) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			const char *start = p;
			size_t len;
			if (*p == '"') {
				const char *end = strchr(p + 1, '"');
				len = end ? (size_t)(end - p - 1) : strlen(p + 1);
				start = p + 1;
				p = end ? end + 1 : p + strlen(p);
			} else {
				len = strcspn(p, " ");
				p += len;
			}
			if (bold) {
				unroff(start, len, out);
				sb_putc(out, '\n');
			}
			bold = !bold;
		}
	}
	for (const char *b = strstr(line, "\\fB"); b; b = strstr(b, "\\fB")) {
		const char *e = strstr(b + 3, "\\f");
		size_t len = e ? (size_t)(e - b - 3) : strlen(b + 3);
		unroff(b + 3, len, out);
		sb_putc(out, '\n');
		b += 3;
	}
}

/* The bold words of each man subsection named ss, one per line; NULL when absent. */
static char *man_bold(const char *man, const char *ss)
{
	struct strbuf out = STRBUF_INIT;
	char head[128];
	snprintf(head, sizeof head, "\n.SS %s\n", ss);
	const char *p = strstr(man, head);
	if (!p)
		return NULL;
	p += strlen(head);
	while (*p && strncmp(p, ".SS ", 4) != 0 && strncmp(p, ".SH ", 4) != 0) {
		size_t n = strcspn(p, "\n");
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
		bold_words(line, &out);
		p += n + (p[n] == '\n');
	}
	sb_putc(&out, '\0');
	return out.buf;
}

/* Whether word is one line of the list. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p++)
		if ((p == list || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

static char *read_man(void)
{
	char path[4096];
	const char *src = getenv("TESTS_SRC");
	snprintf(path, sizeof path, "%s/../man/ipctop.1", src && *src ? src : "tests");
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	sb_putc(&sb, '\n');
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_putn(&sb, buf, n);
	fclose(f);
	sb_putc(&sb, '\0');
	return sb.buf;
}

static void table_is_sound(void)
{
	size_t dup = 0, nohelp = 0;
	for (size_t i = 0; i < keymap_count; i++) {
		for (size_t j = i + 1; j < keymap_count; j++)
			if (keymap[i].key == keymap[j].key && strcmp(keymap[i].scope, keymap[j].scope) == 0) {
				printf("# %s bound twice in %s\n", keymap[i].name, keymap[i].scope);
				dup++;
			}
		if (keymap_binding(keymap[i].scope, keymap[i].action)->help == NULL &&
		    strcmp(keymap_binding(keymap[i].scope, keymap[i].action)->scope, keymap[i].scope) == 0) {
			printf("# action of %s in %s has no help text\n", keymap[i].name, keymap[i].scope);
			nohelp++;
		}
	}
	is_int(dup, 0, "no key is bound twice in one screen");
	is_int(nohelp, 0, "every action's first binding carries its help text");
	is_int(keymap_action("list", 'k', 0), ACT_KILL, "k in the list is kill");
	is_int(keymap_action("list", 'k', KMOD_ALT), ACT_NONE, "Alt+k is no action");
	is_int(keymap_action("list", '[', KMOD_ALT), ACT_NONE, "Alt+[ is no action");
	is_int(keymap_action("list", KEY_HOME, KMOD_CTRL | KMOD_SHIFT), ACT_HOME, "Ctrl-Shift-Home is Home");
	is_int(keymap_action("list", KEY_UP, KMOD_CTRL), ACT_UP, "Ctrl-Up is Up");
	is_int(keymap_action("list", 27, KMOD_ALT), ACT_BACK, "Alt+Esc (ESC ESC) is still Esc");
	is_int(keymap_action("list", 'q', KMOD_CTRL), ACT_NONE, "a control character is not q");
	is_int(keymap_action("graph", 'k', 0), ACT_KIND_CYCLE, "k in the graph cycles kinds");
	is_int(keymap_action("menu", 'q', 0), ACT_BACK, "q in a menu cancels it, it does not quit");
	size_t bad = 0;
	for (size_t i = 0; i < keymap_count; i++)
		if (action_is_destructive(keymap[i].action) && strcmp(keymap[i].scope, "list") != 0)
			bad++;
	is_int(bad, 0, "actions on processes are bound in the list only");
}

/* Whether the help line's keys ("F9, k") list name as one whole item. */
static bool keys_list_has(const char *keys, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = keys; (p = strstr(p, name)) != NULL; p++) {
		bool starts = p == keys || (p >= keys + 2 && p[-2] == ',' && p[-1] == ' ');
		bool ends = p[len] == '\0' || (p[len] == ',' && p[len + 1] == ' ');
		if (starts && ends)
			return true;
	}
	return false;
}

static void help_lists_every_key(void)
{
	struct keymap_line lines[64];
	size_t missing = 0;
	for (size_t i = 0; i < keymap_count; i++) {
		bool found = false;
		for (size_t s = 0; s < keymap_section_count() && !found; s++) {
			if (strcmp(keymap_section_scope(s), keymap[i].scope) != 0)
				continue;
			size_t n = keymap_section_lines(s, lines, 64);
			for (size_t k = 0; k < n && !found; k++) {
				found = keys_list_has(lines[k].keys, keymap[i].name) &&
					keymap_binding(keymap[i].scope, keymap[i].action)->help == lines[k].help;
			}
		}
		if (!found) {
			printf("# help screen lacks %s (%s)\n", keymap[i].name, keymap[i].scope);
			missing++;
		}
	}
	is_int(missing, 0, "the help screen lists every binding under its screen and action");
}

static void man_agrees(void)
{
	char *man = read_man();
	ok(man != NULL, "man/ipctop.1 is readable");
	if (!man)
		return;
	size_t missing = 0, sections = 0;
	for (size_t i = 0; i < keymap_count; i++) {
		const char *ss = man_section(keymap[i].scope);
		char *bold = ss ? man_bold(man, ss) : NULL;
		if (!bold || !has_word(bold, keymap[i].name)) {
			printf("# man page section \"%s\" does not name key %s\n", ss ? ss : "?", keymap[i].name);
			missing++;
		}
		free(bold);
	}
	is_int(missing, 0, "the man page names every key of the table in its screen's section");
	/* The other way: each bold word of the key sections that is a key name is bound there. */
	static const char *const scopes[] = { "*", "list", "detail", "graph", "chans", "waits", "menu" };
	size_t unbound = 0;
	for (size_t s = 0; s < sizeof(scopes) / sizeof(scopes[0]); s++) {
		char *bold = man_bold(man, man_section(scopes[s]));
		sections += bold != NULL;
		for (char *w = bold; w && *w;) {
			char *nl = strchr(w, '\n');
			*nl = '\0';
			bool known = false, bound = false;
			for (size_t i = 0; i < keymap_count; i++)
				if (strcmp(keymap[i].name, w) == 0) {
					known = true;
					bound |= strcmp(keymap[i].scope, scopes[s]) == 0 || strcmp(keymap[i].scope, "*") == 0;
				}
			if (known && !bound) {
				printf("# man page names %s under \"%s\", the table does not bind it there\n", w, man_section(scopes[s]));
				unbound++;
			}
			w = nl + 1;
		}
		free(bold);
	}
	is_int(sections, 7, "the man page has a key section for every screen");
	is_int(unbound, 0, "every key the man page names in a screen's section is bound there");
	free(man);
}

/* '?' and F1 explain every column of the process list: each has a col.NAME entry, titled as
 * the column's header. */
static void every_column_explained(void)
{
	int missing = 0;
	for (int c = 0; c < COL__COUNT; c++) {
		char key[32];
		snprintf(key, sizeof key, "col.%s", col_name((enum col_id)c));
		const struct help_entry *e = help_lookup(key);
		if (!e || !e->text || strcmp(e->name, col_title((enum col_id)c)) != 0) {
			diag("column %s has no explanation under its title", key);
			missing++;
		}
	}
	is_int(missing, 0, "every column of the list is explained under its title");
}

int main(void)
{
	table_is_sound();
	every_column_explained();
	help_lists_every_key();
	man_agrees();
	return tap_done();
}
