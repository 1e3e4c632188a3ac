/* channel_id.c — appending the pieces of channel ids to a fixed buffer (see channel_id.h). */
#include "channel/channel_id.h"

#include <string.h>

#include "util/fast_text.h"

static size_t room(const struct id_text *t)
{
	return ID_TEXT_MAX - 1 - t->len;   /* bytes that still fit before the NUL */
}

static void put(struct id_text *t, const char *s, size_t n)
{
	if (n > room(t))
		n = room(t);
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

void idt_str(struct id_text *t, const char *s)
{
	put(t, s, strlen(s));
}

void idt_char(struct id_text *t, char c)
{
	put(t, &c, 1);
}

void idt_u64(struct id_text *t, uint64_t v)
{
	char num[FT_NUM_MAX];
	put(t, num, (size_t)(ft_put_u64(num, v) - num));
}

void idt_i64(struct id_text *t, int64_t v)
{
	if (v < 0)
		idt_char(t, '-');
	idt_u64(t, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

void idt_hex(struct id_text *t, uint64_t v, unsigned min_digits)
{
	char num[FT_NUM_MAX];
	put(t, num, (size_t)(ft_put_radix(num, v, 4, (int)min_digits) - num));
}

void idt_addr_port(struct id_text *t, unsigned family, const uint8_t addr[16], uint16_t port)
{
	char text[FT_ADDR_MAX];
	put(t, text, (size_t)(ft_put_addr_port(text, family, addr, port) - text));
}

char *idt_arena(const struct id_text *t, struct arena *a)
{
	return arena_strndup(a, t->buf, t->len);
}
