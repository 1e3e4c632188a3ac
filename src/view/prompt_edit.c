/* prompt_edit.c — the text of a one-line prompt, edited by keys and pastes (see prompt_edit.h). */
#include "view/prompt_edit.h"

#include <string.h>

#include <curses.h>

#include "util/text_escape.h"

/* Append text (typed or pasted) to buf: printable characters only. */
static void prompt_append(char *buf, size_t size, const char *text, size_t n)
{
	size_t len = strlen(buf);
	for (size_t i = 0; i < n && len + 1 < size; i++)
		if ((unsigned char)text[i] >= 32 && text[i] != 127)
			buf[len++] = text[i];
	buf[len] = '\0';
}

bool prompt_edit(char *buf, size_t size, const struct key_event *ev)
{
	size_t len = strlen(buf);
	if (ev->type == KEV_PASTE) {
		prompt_append(buf, size, ev->text, ev->text_len);
	} else if (ev->type != KEV_KEY) {
		return false;
	} else if (ev->key == KEY_BACKSPACE) {
		while (len && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
			len--;          /* a whole UTF-8 character */
		buf[len ? len - 1 : 0] = '\0';
	} else if (ev->key >= 32 && ev->key < KEY_MIN && !(ev->mods & (KMOD_ALT | KMOD_CTRL))) {
		char u[4];
		prompt_append(buf, size, u, utf8_encode((unsigned)ev->key, u));
	} else {
		return false;
	}
	return true;
}

bool prompt_filter_key(char *buf, size_t size, bool *open, const struct key_event *ev)
{
	if (ev->type == KEV_KEY && (ev->key == 27 || ev->key == '\n')) {
		if (ev->key == 27)
			buf[0] = '\0';
		*open = false;
		return true;
	}
	return prompt_edit(buf, size, ev);
}
