/* strbuf.h — growable byte buffer for building output text. */
#ifndef IPCTOP_STRBUF_H
#define IPCTOP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;     /* always NUL-terminated once anything was added */
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_reset(struct strbuf *sb);            /* len = 0, keeps memory */
void sb_free(struct strbuf *sb);
/* Make room for extra more bytes and the NUL (the slow path of the appends below). */
void sb_grow(struct strbuf *sb, size_t extra);

/* Appends are inline: exports call them for every value of a snapshot. */
static inline void sb_putn(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static inline void sb_puts(struct strbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

static inline void sb_putc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
const char *sb_str(struct strbuf *sb);       /* "" when empty */

#endif
