/* term_input_dec.h — inside the terminal input decoder: the grammar (term_input_seq.c) that
 * decodes one event from the bytes at a position, used by term_input.c. Not for the TUI. */
#ifndef IPCTOP_TERM_INPUT_DEC_H
#define IPCTOP_TERM_INPUT_DEC_H

#include "view/term_input.h"

enum dec_res {
	D_MORE,         /* the bytes are the start of a sequence: wait for more */
	D_EVENT,        /* ev, from the first n bytes */
	D_SKIP_CSI,     /* n bytes of an over-long CSI (parameters so far): skip to its end */
	D_SKIP_CSI_INT, /* the same, its intermediate bytes begun */
	D_SKIP_STR,     /* n bytes opened a control string (OSC, DCS ...): skip to BEL or ST */
	D_PASTE,        /* n bytes were the start marker of a bracketed paste */
};

/* The values of term_input.skip: what is being skipped. */
enum { TI_SKIP_NONE, TI_SKIP_CSI, TI_SKIP_CSI_INT, TI_SKIP_STR };

/* Bytes b[0..n) to decode; final: no byte will follow them (a flush); ti: its added
 * sequences are tried first (NULL: the built-in grammar only). */
struct dec_view {
	const unsigned char *b;
	size_t n;
	bool final;
	const struct term_input *ti;
};

struct dec {
	enum dec_res r;
	size_t n;
	struct key_event ev;   /* D_EVENT; its batch is left to the caller */
};

/* c, after ESC, opens a CSI, an SS3 or a control string. */
bool ti_introducer(unsigned char c);

/* Decode the event that starts at b[p]. Never D_MORE when v->final. */
void ti_decode(const struct dec_view *v, size_t p, struct dec *d);

#endif
