/* channel_id.h — the text of channel ids, labels and remote addresses, built without printf:
 * pieces are appended to a fixed buffer on the stack, then copied once into the snapshot's
 * arena. Resolution makes one id per channel, thousands per refresh. */
#ifndef IPCTOP_CHANNEL_ID_H
#define IPCTOP_CHANNEL_ID_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* Longer than any id: "tcp:netnsN:" and two "[IPv6]:port" are under 150 bytes. An append that
 * would not fit is cut short (never overflows). */
#define ID_TEXT_MAX 256

struct id_text {
	size_t len;
	char buf[ID_TEXT_MAX];
};

static inline void idt_init(struct id_text *t)
{
	t->len = 0;
	t->buf[0] = '\0';
}

void idt_str(struct id_text *t, const char *s);
void idt_char(struct id_text *t, char c);
void idt_u64(struct id_text *t, uint64_t v);               /* %llu */
void idt_i64(struct id_text *t, int64_t v);                /* %lld */
void idt_hex(struct id_text *t, uint64_t v, unsigned min_digits);  /* %0*llx */
/* "127.0.0.1:80" (AF_INET, address in the first 4 bytes), "[::1]:80" (AF_INET6) or "?",
 * the same text as format_addr_port(). */
void idt_addr_port(struct id_text *t, unsigned family, const uint8_t addr[16], uint16_t port);
/* A copy of the text in the arena. */
char *idt_arena(const struct id_text *t, struct arena *a);

#endif
