/* term_input_seq.c — the grammar of terminal input: one event decoded from the bytes at a
 * position. ECMA-48 CSI and SS3 sequences with the xterm, VT220, rxvt, Linux-console and vt100
 * key forms and modifiers, Alt as an ESC prefix, X10 / SGR 1006 / urxvt 1015 mouse reports,
 * the bracketed-paste start marker, control strings, UTF-8 text and control bytes.
 * CSI 25~ .. 34~ (VT220 F13-F20, rxvt Shift-F3 .. Shift-F10) are given as KEY_F(13..20). */
#include "view/term_input_dec.h"

#include <curses.h>
#include <string.h>

#define ESC 0x1b
#define CSI_MAX 64      /* a longer CSI is skipped, not buffered */
#define SS3_PARAM_MAX 8 /* parameter bytes in an SS3 key (ESC O 5 A, ESC O 1;5 A) */
#define NUM_MAX 4       /* numeric parameters in a CSI this grammar reads */

static void decode(const struct dec_view *v, size_t p, struct dec *d);

static void set_res(struct dec *d, enum dec_res r, size_t n)
{
	memset(d, 0, sizeof *d);
	d->r = r;
	d->n = n;
}

static void set_key(struct dec *d, size_t n, int key, unsigned mods)
{
	set_res(d, D_EVENT, n);
	d->ev.type = KEV_KEY;
	d->ev.key = key;
	d->ev.mods = mods;
}

static void set_unknown(struct dec *d, size_t n)
{
	set_res(d, D_EVENT, n);
	d->ev.type = KEV_UNKNOWN;
}

/* ---- numbers and modifiers ---- */

/* The parameter bytes s[0..n) as ';'-separated decimal numbers (-1 for an empty one) into
 * num; false for anything else (':' sub-parameters, private bytes, too many numbers). */
static bool parse_numbers(const unsigned char *s, size_t n, long *num, int *count)
{
	int k = 0;
	long cur = -1;
	*count = 0;
	if (n == 0)
		return true;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == ';') {
			if (k == NUM_MAX)
				return false;
			num[k++] = cur;
			cur = -1;
		} else if (s[i] >= '0' && s[i] <= '9') {
			cur = cur < 0 ? 0 : cur;
			if (cur < 10000000)
				cur = cur * 10 + (s[i] - '0');
		} else {
			return false;
		}
	}
	*count = k;
	return true;
}

/* xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4, meta 8); meta counts as Alt. */
static unsigned xterm_mods(long m)
{
	if (m <= 1)
		return 0;
	m -= 1;
	unsigned mods = (unsigned)m & (KMOD_SHIFT | KMOD_ALT | KMOD_CTRL);
	if (m & 8)
		mods |= KMOD_ALT;
	return mods;
}

/* ---- keys by their final byte or number ---- */

/* CSI N ~ (and rxvt's N ^, N $, N @): the VT220 numbering. 0: not a key. */
static int tilde_key(long n)
{
	switch (n) {
	case 1: case 7: return KEY_HOME;
	case 4: case 8: return KEY_END;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	}
	if (n >= 11 && n <= 15)
		return KEY_F(n - 10);
	if (n >= 17 && n <= 21)
		return KEY_F(n - 11);
	if (n >= 23 && n <= 26)
		return KEY_F(n - 12);           /* F11 F12 F13 F14 */
	if (n == 28 || n == 29)
		return KEY_F(n - 13);           /* F15 F16 */
	if (n >= 31 && n <= 34)
		return KEY_F(n - 14);           /* F17 .. F20 */
	return 0;
}

/* The final byte of CSI 1;M X or SS3 X for cursor, Home/End, F1-F4 and back-tab. 0: none. */
static int letter_key(unsigned char f)
{
	switch (f) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'P': case 'Q': case 'R': case 'S': return KEY_F(f - 'P' + 1);
	case 'Z': return KEY_BTAB;
	}
	return 0;
}

/* rxvt's lower-case arrows: ESC [ a..d shifted, ESC O a..d with Ctrl. */
static int lower_arrow(unsigned char f)
{
	return f >= 'a' && f <= 'd' ? letter_key((unsigned char)(f - 'a' + 'A')) : 0;
}

/* SS3 keys of the vt100 application keypad. 0: none. */
static int keypad_key(unsigned char f)
{
	static const char keys[] = "pqrstuvwxylmnjkoXM";
	static const int vals[] = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
				    ',', '-', '.', '*', '+', '/', '=', '\n' };
	const char *at = f ? strchr(keys, f) : NULL;
	return at ? vals[at - keys] : 0;
}

/* ---- mouse ---- */

/* A mouse report: cb the button byte (without X10's offset), x, y 1-based. */
static void set_mouse(struct dec *d, size_t n, long cb, long x, long y, bool release)
{
	if (cb < 0 || cb >= 128 || x < 1 || y < 1) {
		set_unknown(d, n);
		return;
	}
	unsigned low = (unsigned)cb & 3;
	int btn = low == 3 ? 0 : (int)low + 1;
	enum mouse_kind kind;
	if (cb & 64) {
		if (release || low > 1) {       /* wheel left/right, or a wheel "release" */
			set_unknown(d, n);
			return;
		}
		kind = low == 0 ? MOUSE_WHEEL_UP : MOUSE_WHEEL_DOWN;
		btn = 0;
	} else if (cb & 32) {
		kind = MOUSE_MOTION;
	} else if (release || low == 3) {
		kind = MOUSE_RELEASE;
		if (!release)
			btn = 0;                /* X10 and urxvt do not say which button */
	} else {
		kind = MOUSE_PRESS;
	}
	set_res(d, D_EVENT, n);
	d->ev.type = KEV_MOUSE;
	d->ev.mouse = kind;
	d->ev.button = btn;
	d->ev.mods = (cb & 4 ? KMOD_SHIFT : 0) | (cb & 8 ? KMOD_ALT : 0) | (cb & 16 ? KMOD_CTRL : 0);
	d->ev.x = (int)(x - 1);
	d->ev.y = (int)(y - 1);
}

/* ---- CSI ---- */

/* A complete CSI of n bytes: parameter bytes par[0..npar), ninter intermediates, final fin. */
static void csi_finish(const unsigned char *par, size_t npar, size_t ninter, unsigned char fin,
		       size_t n, struct dec *d)
{
	long num[NUM_MAX];
	int cnt;
	set_unknown(d, n);
	if (npar && par[0] == '<') {                    /* SGR 1006 mouse */
		if (!ninter && (fin == 'M' || fin == 'm') &&
		    parse_numbers(par + 1, npar - 1, num, &cnt) && cnt == 3)
			set_mouse(d, n, num[0], num[1], num[2], fin == 'm');
		return;
	}
	if (ninter || !parse_numbers(par, npar, num, &cnt))
		return;
	int key = 0;
	unsigned mods = 0;
	if (fin == '~' && cnt == 1 && num[0] == 200) {
		set_res(d, D_PASTE, n);
		return;
	}
	if (fin == '~' && (cnt == 1 || cnt == 2)) {
		key = tilde_key(num[0]);
		mods = cnt == 2 ? xterm_mods(num[1]) : 0;
	} else if ((fin == '^' || fin == '$' || fin == '@') && cnt == 1) {
		key = tilde_key(num[0]);
		mods = fin == '^' ? KMOD_CTRL : fin == '$' ? KMOD_SHIFT : KMOD_CTRL | KMOD_SHIFT;
	} else if (fin == 'M' && cnt == 3) {           /* urxvt 1015 mouse */
		set_mouse(d, n, num[0] - 32, num[1], num[2], false);
		return;
	} else if (cnt == 0 && lower_arrow(fin)) {
		key = lower_arrow(fin);
		mods = KMOD_SHIFT;
	} else if (cnt == 0 || (cnt == 2 && num[0] <= 1)) {
		key = letter_key(fin);
		mods = cnt == 2 ? xterm_mods(num[1]) : 0;
		if (key == KEY_BTAB)
			mods &= ~(unsigned)KMOD_SHIFT;
	}
	if (key)
		set_key(d, n, key, mods);
}

static bool all_digits(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* ESC [ [ A..E: the Linux console's F1-F5 (p at ESC). */
static void dec_linux_fkey(const struct dec_view *v, size_t p, struct dec *d)
{
	if (p + 3 >= v->n) {
		set_res(d, D_MORE, 0);
		return;
	}
	unsigned char c = v->b[p + 3];
	if (c >= 'A' && c <= 'E')
		set_key(d, 4, KEY_F(c - 'A' + 1), 0);
	else
		set_unknown(d, c >= 0x40 && c <= 0x7e ? 4 : 3);
}

/* ESC [ M Cb Cx Cy: an X10 / normal mouse report, three raw bytes offset by 32. */
static void dec_x10_mouse(const struct dec_view *v, size_t p, struct dec *d)
{
	if (p + 5 >= v->n) {
		set_res(d, D_MORE, 0);
		return;
	}
	const unsigned char *m = v->b + p + 3;
	set_mouse(d, 6, (long)m[0] - 32, (long)m[1] - 32, (long)m[2] - 32, false);
}

/* ESC [ ...: p at ESC. */
static void dec_csi(const struct dec_view *v, size_t p, struct dec *d)
{
	const unsigned char *b = v->b;
	size_t i = p + 2, end = v->n;
	if (i >= end) {
		set_res(d, D_MORE, 0);
		return;
	}
	if (b[i] == '[') {
		dec_linux_fkey(v, p, d);
		return;
	}
	if (b[i] == 'M') {
		dec_x10_mouse(v, p, d);
		return;
	}
	size_t ps = i;
	while (i < end && b[i] >= 0x30 && b[i] <= 0x3f)
		i++;
	size_t npar = i - ps;
	/* rxvt's shifted keys end in '$', an intermediate byte to ECMA-48: N $ is complete. */
	if (i < end && b[i] == '$' && all_digits(b + ps, npar) && i + 1 - p <= CSI_MAX) {
		csi_finish(b + ps, npar, 0, '$', i + 1 - p, d);
		return;
	}
	size_t is = i;
	while (i < end && b[i] >= 0x20 && b[i] <= 0x2f)
		i++;
	if (i >= end) {
		if (i - p <= CSI_MAX)
			set_res(d, D_MORE, 0);
		else
			set_res(d, i > is ? D_SKIP_CSI_INT : D_SKIP_CSI, i - p);
		return;
	}
	if (b[i] < 0x40 || b[i] > 0x7e) {                /* cannot be inside a CSI: ends it */
		set_unknown(d, i - p);
		return;
	}
	if (i + 1 - p > CSI_MAX)
		set_unknown(d, i + 1 - p);
	else
		csi_finish(b + ps, npar, i - is, b[i], i + 1 - p, d);
}

/* ---- SS3 ---- */

/* ESC O [params] X: p at ESC. */
static void dec_ss3(const struct dec_view *v, size_t p, struct dec *d)
{
	const unsigned char *b = v->b;
	size_t i = p + 2, end = v->n;
	while (i < end && b[i] >= 0x30 && b[i] <= 0x3f) {
		if (i - (p + 2) == SS3_PARAM_MAX) {
			set_unknown(d, i - p);
			return;
		}
		i++;
	}
	if (i >= end) {
		set_res(d, D_MORE, 0);
		return;
	}
	unsigned char f = b[i];
	size_t n = i + 1 - p;
	long num[NUM_MAX];
	int cnt;
	if (f >= 0x20 && f <= 0x2f) {                   /* not a key, but no byte of it may be */
		set_unknown(d, n);
		return;
	}
	if (f < 0x40 || f > 0x7e) {
		set_unknown(d, i - p);
		return;
	}
	set_unknown(d, n);
	if (!parse_numbers(b + p + 2, i - (p + 2), num, &cnt))
		return;
	unsigned mods = cnt ? xterm_mods(num[cnt - 1]) : 0;
	int key = letter_key(f);
	if (key == KEY_BTAB)
		key = 0;
	if (!key && lower_arrow(f)) {
		key = lower_arrow(f);
		mods |= KMOD_CTRL;
	}
	if (!key)
		key = keypad_key(f);
	if (key)
		set_key(d, n, key, mods);
}

/* ---- ESC, text and control bytes ---- */

bool ti_introducer(unsigned char c)
{
	return c == '[' || c == 'O' || c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_';
}

/* ESC followed by the event at p + 1: that event with Alt. */
static void alt_of(const struct dec_view *v, size_t p, struct dec *d)
{
	decode(v, p + 1, d);
	if (d->r == D_MORE)
		return;
	d->n += 1;
	if (d->r == D_EVENT && d->ev.type == KEV_KEY)
		d->ev.mods |= KMOD_ALT;
}

static void dec_esc(const struct dec_view *v, size_t p, struct dec *d)
{
	const unsigned char *b = v->b;
	if (p + 1 >= v->n) {
		if (v->final)
			set_key(d, 1, ESC, 0);
		else
			set_res(d, D_MORE, 0);
		return;
	}
	unsigned char c = b[p + 1];
	if (c == '[') {
		dec_csi(v, p, d);
	} else if (c == 'O') {
		dec_ss3(v, p, d);
	} else if (ti_introducer(c)) {
		set_res(d, D_SKIP_STR, 2);
	} else if (c != ESC) {
		alt_of(v, p, d);
	} else if (p + 2 < v->n && ti_introducer(b[p + 2])) {
		alt_of(v, p, d);                        /* rxvt's Alt+key: ESC ESC [ A */
	} else if (p + 2 < v->n || v->final) {
		set_key(d, 2, ESC, KMOD_ALT);
	} else {
		set_res(d, D_MORE, 0);
	}
}

static int control_key(unsigned char c)
{
	switch (c) {
	case '\r': case '\n': return '\n';
	case 8: case 127: return KEY_BACKSPACE;
	}
	return c;
}

/* A UTF-8 sequence at p (lead byte >= 0x80): its code point, or one unknown byte. */
static void dec_utf8(const struct dec_view *v, size_t p, struct dec *d)
{
	const unsigned char *s = v->b + p;
	size_t avail = v->n - p, need;
	unsigned c = s[0], cp, lo = 0x80, hi = 0xbf;
	if (c < 0xc2 || c > 0xf4) {
		set_unknown(d, 1);
		return;
	}
	if (c < 0xe0) {
		need = 1, cp = c & 0x1f;
	} else if (c < 0xf0) {
		need = 2, cp = c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	} else {
		need = 3, cp = c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= avail) {
			set_res(d, D_MORE, 0);
			return;
		}
		if (s[k] < lo || s[k] > hi) {
			set_unknown(d, 1);
			return;
		}
		cp = cp << 6 | (s[k] & 0x3f);
		lo = 0x80, hi = 0xbf;
	}
	if (cp < 0xa0)          /* a C1 control, not text */
		set_unknown(d, need + 1);
	else
		set_key(d, need + 1, (int)cp, 0);
}

static void dec_plain(const struct dec_view *v, size_t p, struct dec *d)
{
	unsigned char c = v->b[p];
	if (c == 0)
		set_unknown(d, 1);      /* NUL: not a key ipctop could use */
	else if (c < 0x20 || c == 0x7f)
		set_key(d, 1, control_key(c), 0);
	else if (c < 0x80)
		set_key(d, 1, c, 0);
	else
		dec_utf8(v, p, d);
}

/* The longest added sequence at p; true when it decided (an event, or D_MORE when the bytes
 * are a proper prefix of one and more may come). */
static bool dec_added(const struct dec_view *v, size_t p, struct dec *d)
{
	if (!v->ti)
		return false;
	size_t avail = v->n - p;
	const struct ti_seq *best = NULL;
	for (size_t i = 0; i < v->ti->n_seqs; i++) {
		const struct ti_seq *s = &v->ti->seqs[i];
		if (s->len > avail) {
			if (!v->final && memcmp(s->s, v->b + p, avail) == 0) {
				set_res(d, D_MORE, 0);
				return true;
			}
		} else if (memcmp(s->s, v->b + p, s->len) == 0 && (!best || s->len > best->len)) {
			best = s;
		}
	}
	if (best)
		set_key(d, best->len, best->key, best->mods);
	return best != NULL;
}

static void decode(const struct dec_view *v, size_t p, struct dec *d)
{
	if (dec_added(v, p, d))
		return;
	if (v->b[p] == ESC)
		dec_esc(v, p, d);
	else
		dec_plain(v, p, d);
}

void ti_decode(const struct dec_view *v, size_t p, struct dec *d)
{
	decode(v, p, d);
	if (d->r == D_MORE && v->final)
		set_unknown(d, v->n - p);       /* a sequence cut short: drop what came of it */
}
