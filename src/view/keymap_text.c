/* keymap_text.c — the key table as text: the sections of the help screen (and what a test
 * compares with the man page): per screen, each action with every key bound to it. */
#include "view/keymap_text.h"

#include <stdio.h>
#include <string.h>

static const struct { const char *scope, *title; } sections[] = {
	{ "*", "Everywhere" }, { "list", "Process list" }, { "detail", "Process detail" },
	{ "graph", "Communication graph" }, { "chans", "Channel table" },
	{ "waits", "Waits" }, { "help", "Help" }, { "setup", "Setup" },
	{ "meters", "Setup: meters" },
	{ "menu", "Menus and confirmations" },
	{ "replay", "Replay (--replay)" }, { "changes", "Replay: what changed" },
};

size_t keymap_section_count(void)
{
	return sizeof(sections) / sizeof(sections[0]);
}

const char *keymap_section_scope(size_t i) { return sections[i].scope; }
const char *keymap_section_title(size_t i) { return sections[i].title; }

/* Every key of action a in scope, joined with ", ". */
static void keys_of(const char *scope, enum action a, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < keymap_count; i++) {
		const struct key_binding *k = &keymap[i];
		if (k->action != a || strcmp(k->scope, scope) != 0)
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", k->name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
}

size_t keymap_section_lines(size_t sec, struct keymap_line *out, size_t max)
{
	const char *scope = sections[sec].scope;
	size_t n = 0;
	for (size_t i = 0; i < keymap_count && n < max; i++) {
		const struct key_binding *k = &keymap[i];
		if (!k->help || strcmp(k->scope, scope) != 0)
			continue;
		keys_of(scope, k->action, out[n].keys, sizeof out[n].keys);
		out[n].help = k->help;
		n++;
	}
	return n;
}
