/* term_input.h — the terminal's input bytes decoded into keys, mouse reports and pastes,
 * whatever TERM says: the xterm, VT220, rxvt, Linux-console and vt100 forms of the editing
 * and function keys, modifiers, Alt+key, X10 / SGR / urxvt mouse reports and bracketed paste.
 * An escape sequence it does not know is one KEV_UNKNOWN event, dropped whole: none of its
 * bytes ever reaches a screen as a key. Pure: no terminal, no ncurses calls (the KEY_* codes
 * only), so it is unit-tested on byte strings. */
#ifndef IPCTOP_TERM_INPUT_H
#define IPCTOP_TERM_INPUT_H

#include <stdbool.h>
#include <stddef.h>

enum kev_type {
	KEV_KEY,        /* key: a Unicode code point (Enter '\n', Tab '\t', Esc 27, Ctrl-A 1 ...)
	                 * or an ncurses KEY_* code (KEY_UP, KEY_F(n), KEY_BTAB, KEY_BACKSPACE ...) */
	KEV_MOUSE,      /* button, mouse, x, y */
	KEV_PASTE,      /* text, text_len: a bracketed paste, never to be taken as keys */
	KEV_UNKNOWN,    /* an escape sequence (or invalid byte) that is not a key: drop it */
};

enum { KMOD_SHIFT = 1, KMOD_ALT = 2, KMOD_CTRL = 4 };

enum mouse_kind { MOUSE_PRESS, MOUSE_RELEASE, MOUSE_MOTION, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN };

struct key_event {
	enum kev_type type;
	int key;                 /* KEV_KEY */
	unsigned mods;           /* KMOD_* (keys and mouse) */
	enum mouse_kind mouse;   /* KEV_MOUSE */
	int button;              /* KEV_MOUSE: 1 left, 2 middle, 3 right, 0 unknown/none */
	int x, y;                /* KEV_MOUSE: 0-based screen cell */
	const char *text;        /* KEV_PASTE: the pasted bytes (valid until the next ti_ call) */
	size_t text_len;
	unsigned batch;          /* the ti_feed() call that brought the event's first byte */
};

#define TI_MAX_SEQS 64       /* sequences added with ti_add_sequence */
#define TI_BUF 8192          /* bytes waiting to be decoded */
#define TI_PASTE_MAX 65536   /* longer pastes are cut to this many bytes */

struct ti_seq { char s[16]; unsigned char len; int key; unsigned mods; };

struct term_input {
	unsigned char buf[TI_BUF];
	size_t len;                            /* bytes in buf */
	unsigned batch;                        /* ti_feed calls so far */
	unsigned buf_batch[TI_BUF];            /* batch of each byte in buf */
	struct ti_seq seqs[TI_MAX_SEQS];
	size_t n_seqs;
	bool in_paste;                         /* between CSI 200~ and CSI 201~ */
	unsigned paste_batch;
	char *paste; size_t paste_len, paste_cap;
	bool paste_ready;                      /* a complete paste waits to be returned */
	size_t off;                            /* bytes of buf already decoded */
	bool flush;                            /* ti_flush put an end after the next flush_len */
	size_t flush_len;                      /* bytes (from off): decode them as final */
	unsigned char skip;                    /* inside a long CSI or a control string */
	unsigned skip_batch;                   /* batch of that sequence's first byte */
	unsigned flush_batch;                  /* ti->batch at the last ti_flush */
	bool esc_cont;                         /* a flush made a lone ESC the Esc key: ... */
	unsigned esc_cont_batch;               /* ... this batch may hold the rest of it */
};

enum ti_pending { TI_IDLE, TI_ESCAPE, TI_PASTE };

void ti_init(struct term_input *ti);
void ti_free(struct term_input *ti);
/* Also decode seq (as terminfo describes this terminal's keys) as key with mods; exact
 * matches of these are tried before the built-in grammar. Ignored when full or too long, when
 * it starts with a printable character, and when the grammar reads it as the start of
 * something longer (terminfo's kmous "\E[M" or "\E[<", a paste marker, a control string):
 * taken as a key, it would leave the rest of a mouse report to be read as keys. */
void ti_add_sequence(struct term_input *ti, const char *seq, int key, unsigned mods);
/* Bytes read from the terminal in one read(): one batch. Bytes beyond TI_BUF are dropped. */
void ti_feed(struct term_input *ti, const char *bytes, size_t n);
/* The next complete event; false when none is complete (more bytes are needed, or none). */
bool ti_next(struct term_input *ti, struct key_event *ev);
/* What waits for more bytes: TI_ESCAPE (an escape or incomplete sequence: call ti_flush
 * after the escape delay, ~25 ms, without new bytes), TI_PASTE (an open paste: flush after
 * about a second without bytes), or TI_IDLE. */
enum ti_pending ti_pending(const struct term_input *ti);
/* No more bytes came: a lone ESC becomes the Esc key, ESC ESC Esc with KMOD_ALT, an
 * incomplete sequence one KEV_UNKNOWN, an open paste a KEV_PASTE of what it holds.
 * Then ti_next returns them.
 * The delay may also have cut a sequence after its ESC (a slow link, a busy machine). So when
 * a flush made a lone ESC the Esc key (or ESC ESC Alt+Esc), the batch right after that flush
 * (the next ti_feed; no event comes between; the TUI waits for it one more escape delay, see
 * ti_cont_open), if it begins with '[', 'O', ']', 'P', 'X', '^'
 * or '_', is read as the rest of that ESC's sequence: ESC, flush, "[A" is Esc then Up; an
 * unknown one is KEV_UNKNOWN, an incomplete one waits (TI_ESCAPE) for more bytes or the next
 * flush; never a '[' or 'O' key. The Esc key is not taken back: it only means "back". A batch
 * of the one byte '[' or 'O' is taken so too, though a person may have typed it after Esc: it
 * is ambiguous, and a '[' key out of an arrow key would open an action menu. Any other batch,
 * or a later one, decodes as before: ESC, flush, "x", "[A" is Esc x [ A. */
void ti_flush(struct term_input *ti);
/* True while the next batch may still be read as the rest of a flushed ESC's sequence (see
 * ti_flush). The TUI ends that with ti_cont_end after one more escape delay without bytes: the
 * rest of a cut sequence comes at once, and a key typed later (P after Esc) is a key. */
bool ti_cont_open(const struct term_input *ti);
void ti_cont_end(struct term_input *ti);

#endif
