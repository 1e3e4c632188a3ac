/* fuzz_term_input.c — libFuzzer target: the terminal input decoder of view/term_input.h. The
 * first byte of the input chooses how the rest is cut into ti_feed calls. For any bytes: fed in
 * one call or in chunks they decode to the same events; every event is sane (batches in
 * order, mouse cells not negative, pastes within TI_PASTE_MAX); no '[' or 'O' key comes right
 * after an Esc key, also when a flush between chunks cut a sequence after its ESC (then the
 * next chunk is the rest of that sequence); after ti_flush and taking every event nothing
 * waits, also with flushes between the chunks; and nothing crashes. A flush between chunks
 * changes what it cuts (ESC, flush, x is Esc x, not Alt+x): runs with such flushes are checked,
 * not compared. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view/term_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_IN 4096             /* well within TI_BUF: one ti_feed keeps all of it */
#define MAX_EV (MAX_IN + 1)     /* every event takes at least one byte */

struct rec {
	int type, key, mouse, button, x, y;
	unsigned mods;
	size_t text_len;
	uint32_t text_hash;
};

static struct rec whole[MAX_EV], parts[MAX_EV];
static struct term_input ti_a, ti_b;

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void setup(struct term_input *ti)
{
	ti_init(ti);
	ti_add_sequence(ti, "\x02\x03", 1000, 0);
	ti_add_sequence(ti, "\033Ow", 1001, KMOD_CTRL);
	ti_add_sequence(ti, "\033[1;5~", 1002, 0);
}

/* What drain has seen of one decoding so far. */
struct seen {
	unsigned last;          /* the batch of the last event */
	bool esc;               /* the last event was the Esc key */
};

/* Take every complete event into out (from n on, when out is not NULL); the new count. */
static size_t drain(struct term_input *ti, struct rec *out, size_t n, struct seen *sn)
{
	struct key_event ev;
	while (ti_next(ti, &ev)) {
		if (ev.batch < sn->last || ev.batch > ti->batch || (unsigned)ev.type > KEV_UNKNOWN)
			abort();
		bool key = ev.type == KEV_KEY;
		if (sn->esc && key && (ev.key == '[' || ev.key == 'O'))
			abort();
		sn->esc = key && ev.key == 27;
		if (ev.type == KEV_MOUSE && (ev.x < 0 || ev.y < 0 || ev.button < 0 || ev.button > 3))
			abort();
		if (ev.type == KEV_PASTE && (ev.text_len > TI_PASTE_MAX || !ev.text))
			abort();
		sn->last = ev.batch;
		if (!out)
			continue;
		if (n == MAX_EV)
			abort();
		struct rec *r = &out[n++];
		memset(r, 0, sizeof *r);
		r->type = ev.type;
		r->mods = ev.mods;
		if (ev.type == KEV_KEY)
			r->key = ev.key;
		if (ev.type == KEV_MOUSE)
			r->mouse = ev.mouse, r->button = ev.button, r->x = ev.x, r->y = ev.y;
		if (ev.type == KEV_PASTE)
			r->text_len = ev.text_len, r->text_hash = hash(ev.text, ev.text_len);
	}
	return n;
}

/* Feed in chunks drawn from seed, taking the events after each; flush between chunks when
 * flushes. Returns the number of events recorded in out (NULL: none recorded). */
static size_t feed_chunks(struct term_input *ti, const char *s, size_t size, unsigned seed,
			  bool flushes, struct rec *out)
{
	uint32_t r = seed * 2654435761u + 1;
	size_t n = 0;
	struct seen sn = { 0, false };
	setup(ti);
	for (size_t i = 0; i < size;) {
		r = r * 1103515245u + 12345u;
		size_t k = 1 + (r >> 16) % (1 + seed % 32);
		k = k > size - i ? size - i : k;
		ti_feed(ti, s + i, k);
		i += k;
		if (flushes && (r >> 8) % 5 == 0)
			ti_flush(ti);
		n = drain(ti, out, n, &sn);
	}
	ti_flush(ti);
	n = drain(ti, out, n, &sn);
	if (ti_pending(ti) != TI_IDLE || ti->len != 0)
		abort();
	ti_free(ti);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned seed = data[0];
	const char *s = (const char *)data + 1;
	size = size - 1 > MAX_IN ? MAX_IN : size - 1;

	struct seen sn = { 0, false };
	setup(&ti_a);
	ti_feed(&ti_a, s, size);
	size_t n1 = drain(&ti_a, whole, 0, &sn);
	ti_flush(&ti_a);
	n1 = drain(&ti_a, whole, n1, &sn);
	if (ti_pending(&ti_a) != TI_IDLE)
		abort();
	ti_free(&ti_a);

	size_t n2 = feed_chunks(&ti_b, s, size, seed, false, parts);
	if (n1 != n2 || (n1 && memcmp(whole, parts, n1 * sizeof whole[0]) != 0))
		abort();
	(void)feed_chunks(&ti_b, s, size, seed, true, NULL);
	return 0;
}
