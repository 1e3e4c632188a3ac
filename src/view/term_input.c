/* term_input.c — the state of the terminal input decoder: the buffer ti_feed fills, the events
 * ti_next takes from its head (their grammar is in term_input_seq.c), bracketed pastes
 * collected apart from keys, over-long sequences and control strings skipped without
 * buffering them, the end ti_flush puts after the bytes that came so far, and the rest of a
 * sequence that flush cut after its ESC.
 * Keys with KMOD_ALT come from ESC + key: a TUI that acts on plain keys must not take them. */
#include "view/term_input.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/term_input_dec.h"

static const unsigned char paste_end[] = "\033[201~";
#define PASTE_END_LEN (sizeof paste_end - 1)

void ti_init(struct term_input *ti)
{
	memset(ti, 0, sizeof *ti);
}

void ti_free(struct term_input *ti)
{
	free(ti->paste);
	ti->paste = NULL;
	ti->paste_len = ti->paste_cap = 0;
}

void ti_add_sequence(struct term_input *ti, const char *seq, int key, unsigned mods)
{
	size_t n = seq ? strlen(seq) : 0;
	if (n == 0 || n > sizeof ti->seqs[0].s)
		return;
	unsigned char c0 = (unsigned char)seq[0];
	if (c0 >= 0x20 && c0 < 0x7f)
		return;                 /* it would take typed text */
	/* Refuse what the grammar reads as the start of something longer (a mouse report's
	 * "ESC [ M", "ESC [ <"), a paste marker or a control string: taking it as a key would
	 * leave the rest of that report or string to be read as keys. */
	struct dec_view v = { (const unsigned char *)seq, n, false, NULL };
	struct dec d;
	ti_decode(&v, 0, &d);
	if (d.r != D_EVENT)
		return;
	size_t i = 0;
	while (i < ti->n_seqs && !(ti->seqs[i].len == n && memcmp(ti->seqs[i].s, seq, n) == 0))
		i++;
	if (i == TI_MAX_SEQS)
		return;
	struct ti_seq *s = &ti->seqs[i];
	memcpy(s->s, seq, n);
	s->len = (unsigned char)n;
	s->key = key;
	s->mods = mods;
	if (i == ti->n_seqs)
		ti->n_seqs++;
}

/* The end of the bytes that may be decoded now: a flush's end, or all of them. */
static size_t decode_end(const struct term_input *ti)
{
	return ti->flush ? ti->off + ti->flush_len : ti->len;
}

static void consume(struct term_input *ti, size_t n)
{
	ti->off += n;
	if (ti->flush)
		ti->flush_len = ti->flush_len > n ? ti->flush_len - n : 0;
	if (ti->off == ti->len)
		ti->off = ti->len = 0;
}

static void compact(struct term_input *ti)
{
	if (!ti->off)
		return;
	size_t n = ti->len - ti->off;
	memmove(ti->buf, ti->buf + ti->off, n);
	memmove(ti->buf_batch, ti->buf_batch + ti->off, n * sizeof ti->buf_batch[0]);
	ti->len = n;
	ti->off = 0;
}

/* ---- bracketed paste ---- */

static void paste_add(struct term_input *ti, const unsigned char *s, size_t n)
{
	size_t room = TI_PASTE_MAX - ti->paste_len;
	if (n > room)
		n = room;               /* cut: the rest is still scanned for the end marker */
	if (!n)
		return;
	if (ti->paste_len + n > ti->paste_cap) {
		size_t cap = ti->paste_cap ? ti->paste_cap * 2 : 4096;
		while (cap < ti->paste_len + n)
			cap *= 2;
		if (cap > TI_PASTE_MAX)
			cap = TI_PASTE_MAX;
		ti->paste = xrealloc(ti->paste, cap);
		ti->paste_cap = cap;
	}
	memcpy(ti->paste + ti->paste_len, s, n);
	ti->paste_len += n;
}

static void paste_close(struct term_input *ti)
{
	ti->in_paste = false;
	ti->paste_ready = true;
}

/* Move the paste's bytes from the head of buf into it: up to the end marker (the paste is then
 * ready), or up to a tail that may be the start of the marker; at a flush's end, all. */
static void paste_absorb(struct term_input *ti)
{
	const unsigned char *b = ti->buf;
	size_t lim = decode_end(ti), i;
	for (i = ti->off; i < lim; i++) {
		if (b[i] != 0x1b)
			continue;
		size_t k = lim - i < PASTE_END_LEN ? lim - i : PASTE_END_LEN;
		if (memcmp(b + i, paste_end, k) != 0)
			continue;
		if (k == PASTE_END_LEN) {
			paste_add(ti, b + ti->off, i - ti->off);
			consume(ti, i + PASTE_END_LEN - ti->off);
			paste_close(ti);
			return;
		}
		break;                  /* the marker may be arriving */
	}
	if (ti->flush)
		i = lim;
	paste_add(ti, b + ti->off, i - ti->off);
	consume(ti, i - ti->off);
	if (ti->flush)
		paste_close(ti);
}

static void paste_event(struct term_input *ti, struct key_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->type = KEV_PASTE;
	ev->text = ti->paste ? ti->paste : "";
	ev->text_len = ti->paste_len;
	ev->batch = ti->paste_batch;
	ti->paste_ready = false;
}

/* ---- skipping long sequences ---- */

static void unknown_event(struct key_event *ev, unsigned batch)
{
	memset(ev, 0, sizeof *ev);
	ev->type = KEV_UNKNOWN;
	ev->batch = batch;
}

/* How the skipped sequence takes byte c: 1 it goes on, 2 c ends it (taken), 0 it ended
 * before c. A control string's ESC is looked at with the byte after it (skip_run). */
static int skip_takes(unsigned char skip, unsigned char c)
{
	if (skip == TI_SKIP_STR)
		return c == 7 ? 2 : 1;
	if (c >= 0x40 && c <= 0x7e)
		return 2;
	if (c >= 0x20 && c <= 0x2f)
		return 1;
	return skip == TI_SKIP_CSI && c >= 0x30 && c <= 0x3f ? 1 : 0;
}

/* Consume the skipped sequence's bytes; true (one KEV_UNKNOWN in ev) when it ended. */
static bool skip_run(struct term_input *ti, struct key_event *ev)
{
	for (;;) {
		size_t left = decode_end(ti) - ti->off, take;
		bool ends;
		if (!left) {
			if (!ti->flush)
				return false;
			break;
		}
		const unsigned char *b = ti->buf + ti->off;
		if (ti->skip == TI_SKIP_STR && b[0] == 0x1b) {
			if (left == 1 && !ti->flush)
				return false;   /* ESC \ (ST) may be arriving */
			ends = true;            /* ESC ends the string; not ST: it starts what follows */
			take = left == 1 ? 1 : b[1] == '\\' ? 2 : 0;
		} else {
			int t = skip_takes(ti->skip, b[0]);
			ends = t != 1;
			take = t ? 1 : 0;
			if (ti->skip == TI_SKIP_CSI && b[0] >= 0x20 && b[0] <= 0x2f)
				ti->skip = TI_SKIP_CSI_INT;
		}
		consume(ti, take);
		if (ends)
			break;
	}
	ti->skip = TI_SKIP_NONE;
	unknown_event(ev, ti->skip_batch);
	return true;
}

/* ---- the rest of a sequence cut after its ESC by a flush ---- */

/* d, decoded from the flushed bytes at off (v), is the Esc key that a lone ESC at their end
 * became (Alt+Esc from ESC ESC). */
static bool is_flushed_esc(const struct term_input *ti, const struct dec_view *v,
			   const struct dec *d)
{
	return v->final && d->r == D_EVENT && d->n == v->n && d->n <= 2 &&
	       ti->buf[ti->off + d->n - 1] == 0x1b && d->ev.type == KEV_KEY && d->ev.key == 0x1b;
}

/* That Esc is taken (consumed, the last flushed bytes). If the batch after the flush is
 * here and opens a sequence, step back onto the ESC, whose byte is still in buf before it, to
 * decode the two as one sequence; if nothing came yet, ti_feed will look at that batch. */
static void esc_flushed(struct term_input *ti)
{
	unsigned next = ti->flush_batch + 1;
	ti->flush = false;                      /* the flushed bytes are all decoded */
	if (ti->off == ti->len) {
		ti->esc_cont = true;
		ti->esc_cont_batch = next;
	} else if (ti->buf_batch[ti->off] == next && ti_introducer(ti->buf[ti->off])) {
		ti->off--;                      /* off > 0: the ESC was consumed just now */
		ti->buf_batch[ti->off] = next;
	}
}

/* ---- feeding and taking events ---- */

/* Add bytes to buf as batch ti->batch, as many as fit; an open paste takes them. */
static void append(struct term_input *ti, const char *bytes, size_t n)
{
	while (n > 0) {
		compact(ti);
		size_t k = TI_BUF - ti->len;
		if (k == 0)
			return;         /* full: the rest is dropped */
		if (k > n)
			k = n;
		memcpy(ti->buf + ti->len, bytes, k);
		for (size_t i = 0; i < k; i++)
			ti->buf_batch[ti->len + i] = ti->batch;
		ti->len += k;
		bytes += k;
		n -= k;
		if (ti->in_paste)
			paste_absorb(ti);
	}
}

void ti_feed(struct term_input *ti, const char *bytes, size_t n)
{
	ti->batch++;
	bool cont = ti->esc_cont && ti->esc_cont_batch == ti->batch && n > 0 &&
		    ti_introducer((unsigned char)bytes[0]);
	ti->esc_cont = false;
	if (cont)
		append(ti, "\033", 1);  /* the ESC again, before the rest of its sequence */
	append(ti, bytes, n);
}

/* Act on one decoded step d of the bytes at off; true when it gave an event. */
static bool take(struct term_input *ti, const struct dec *d, struct key_event *ev)
{
	unsigned batch = ti->buf_batch[ti->off];
	consume(ti, d->n);
	switch (d->r) {
	case D_EVENT:
		*ev = d->ev;
		ev->batch = batch;
		return true;
	case D_PASTE:
		ti->in_paste = true;
		ti->paste_len = 0;
		ti->paste_batch = batch;
		paste_absorb(ti);
		return false;
	case D_SKIP_CSI: case D_SKIP_CSI_INT: case D_SKIP_STR:
		ti->skip = d->r == D_SKIP_STR ? TI_SKIP_STR :
			   d->r == D_SKIP_CSI ? TI_SKIP_CSI : TI_SKIP_CSI_INT;
		ti->skip_batch = batch;
		return false;
	case D_MORE:
		break;
	}
	return false;
}

bool ti_next(struct term_input *ti, struct key_event *ev)
{
	for (;;) {
		if (ti->paste_ready) {
			paste_event(ti, ev);
			return true;
		}
		if (ti->in_paste) {
			paste_absorb(ti);
			if (!ti->paste_ready)
				return false;
			continue;
		}
		if (ti->skip) {
			if (skip_run(ti, ev))
				return true;
			return false;
		}
		size_t avail = decode_end(ti) - ti->off;
		if (avail == 0) {
			if (!ti->flush)
				return false;
			ti->flush = false;      /* the flushed bytes are all decoded */
			continue;
		}
		struct dec_view v = { ti->buf + ti->off, avail, ti->flush, ti };
		struct dec d;
		ti_decode(&v, 0, &d);
		if (d.r == D_MORE)
			return false;
		bool esc = is_flushed_esc(ti, &v, &d);
		if (take(ti, &d, ev)) {
			if (esc)
				esc_flushed(ti);
			return true;
		}
	}
}

enum ti_pending ti_pending(const struct term_input *ti)
{
	if (ti->in_paste)
		return TI_PASTE;
	if (ti->skip)
		return TI_ESCAPE;
	/* What follows a flush's end, decoded as far as it goes (normally nothing: the TUI
	 * asks after taking every event). */
	size_t from = ti->flush ? ti->off + ti->flush_len : ti->off;
	struct dec_view v = { ti->buf + from, ti->len - from, false, ti };
	struct dec d;
	for (size_t p = 0; p < v.n; p += d.n) {
		ti_decode(&v, p, &d);
		if (d.r == D_PASTE)
			return TI_PASTE;
		if (d.r != D_EVENT)
			return TI_ESCAPE;
	}
	return TI_IDLE;
}

bool ti_cont_open(const struct term_input *ti)
{
	return ti->esc_cont;
}

void ti_cont_end(struct term_input *ti)
{
	ti->esc_cont = false;
}

void ti_flush(struct term_input *ti)
{
	ti->flush_batch = ti->batch;
	if (ti->in_paste) {
		paste_add(ti, ti->buf + ti->off, ti->len - ti->off);
		consume(ti, ti->len - ti->off);
		paste_close(ti);
		return;
	}
	ti->flush = true;
	ti->flush_len = ti->len - ti->off;
}
