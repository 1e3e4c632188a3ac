/* test_term_input.c — the terminal input decoder on byte strings: the xterm, VT220, rxvt,
 * Linux-console and vt100 forms of the keys with their modifiers, Alt, Esc, mouse reports,
 * bracketed paste, unknown and over-long sequences, control strings, UTF-8, added sequences
 * and batch numbers; every case fed whole, a byte at a time and in other chunk sizes; no
 * action key out of any escape sequence or paste, also when the escape delay's flush cut it
 * after its ESC; random bytes never crash or stall it.
 * The cases and their expected events are in term_input_cases.c. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "term_input_cases.h"
#include "view/term_input.h"

#define S(lit) lit, sizeof(lit) - 1

static char out[1 << 17];       /* the events of the last decode, described */
static size_t out_len;

static void put(const char *s)
{
	size_t n = strlen(s);
	if (out_len + n + 2 < sizeof out) {
		if (out_len)
			out[out_len++] = ' ';
		memcpy(out + out_len, s, n + 1);
		out_len += n;
	}
}

static void modsname_of(char *b, unsigned mods)
{
	sprintf(b, "%s%s%s", mods & KMOD_CTRL ? "C-" : "", mods & KMOD_ALT ? "A-" : "",
		mods & KMOD_SHIFT ? "S-" : "");
}

static void keyname_of(char *b, int key)
{
	static const struct { int key; const char *name; } names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" }, { KEY_IC, "Ins" }, { KEY_DC, "Del" },
		{ KEY_BTAB, "BTab" }, { KEY_BACKSPACE, "Bksp" }, { '\n', "Enter" },
		{ '\t', "Tab" }, { 27, "Esc" }, { ' ', "Space" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			strcpy(b, names[i].name);
			return;
		}
	if (key >= KEY_F(1) && key <= KEY_F(63))
		sprintf(b, "F%d", key - KEY_F0);
	else if (key > 0 && key < 32)
		sprintf(b, "^%c", key + 64);
	else if (key > 32 && key < 127)
		sprintf(b, "%c", key);
	else
		sprintf(b, "U+%X", key);
}

static void describe(const struct key_event *ev)
{
	static const char *kinds[] = { "press", "release", "motion", "wheelup", "wheeldown" };
	char b[64], m[16], k[32];
	modsname_of(m, ev->mods);
	if (ev->type == KEV_KEY) {
		keyname_of(k, ev->key);
		snprintf(b, sizeof b, "%s%s", m, k);
	} else if (ev->type == KEV_MOUSE) {
		snprintf(b, sizeof b, "%s%s%d@%d,%d", m, kinds[ev->mouse], ev->button, ev->x, ev->y);
	} else if (ev->type == KEV_UNKNOWN) {
		strcpy(b, "?");
	} else {
		static char p[1024];
		size_t n = 0;
		n += sprintf(p, "paste(");
		for (size_t i = 0; i < ev->text_len && n < sizeof p - 16; i++) {
			unsigned char c = (unsigned char)ev->text[i];
			n += sprintf(p + n, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
		}
		sprintf(p + n, ")");
		put(p);
		return;
	}
	put(b);
}

/* Every event of s fed in chunks of `chunk` bytes (0: at once), taken after each ti_feed,
 * then a flush: their descriptions, space-separated. */
static const char *run(const char *s, size_t n, size_t chunk)
{
	struct term_input ti;
	struct key_event ev;
	ti_init(&ti);
	out_len = 0;
	out[0] = 0;
	for (size_t i = 0; i < n || i == 0;) {
		size_t k = chunk && n - i > chunk ? chunk : n - i;
		ti_feed(&ti, s + i, k);
		i += k;
		while (ti_next(&ti, &ev))
			describe(&ev);
		if (n == 0)
			break;
	}
	ti_flush(&ti);
	while (ti_next(&ti, &ev))
		describe(&ev);
	ti_free(&ti);
	return out;
}

/* s decodes to want fed at once, a byte at a time and in chunks of 2 .. 7 bytes. */
static void check(const char *s, size_t n, const char *want, const char *what)
{
	is_str(run(s, n, 0), want, "%s: one chunk", what);
	bool same = true;
	for (size_t chunk = 1; chunk <= 7 && same; chunk++)
		same = strcmp(run(s, n, chunk), want) == 0;
	if (!ok(same, "%s: the same in chunks of 1 .. 7 bytes", what))
		diag("got \"%s\"", out);
}

static bool is_action(int key)
{
	return key > 0 && key < 128 && strchr("[]k qugca+-", key);
}

/* No key event of s is an action character, with or without modifiers. */
static bool no_action_key(const char *s, size_t n, size_t chunk)
{
	struct term_input ti;
	struct key_event ev;
	bool clean = true;
	ti_init(&ti);
	for (size_t i = 0; i < n; i += chunk) {
		ti_feed(&ti, s + i, n - i < chunk ? n - i : chunk);
		while (ti_next(&ti, &ev))
			clean &= ev.type != KEV_KEY || !is_action(ev.key);
	}
	ti_flush(&ti);
	while (ti_next(&ti, &ev))
		clean &= ev.type != KEV_KEY || !is_action(ev.key);
	ti_free(&ti);
	return clean;
}

/* ---- a sequence cut after its ESC by a flush ---- */

struct step { const char *s; size_t n; };       /* one batch; s NULL: a flush */
#define B(lit) { lit, sizeof(lit) - 1 }
#define FL { NULL, 0 }
#define PLAY(...) play((const struct step[]){ __VA_ARGS__ }, \
		       sizeof((const struct step[]){ __VA_ARGS__ }) / sizeof(struct step), NULL)

/* The steps played in order, the events taken after each, then a flush: their descriptions;
 * *clean (unless NULL): no action key among them. */
static const char *play(const struct step *st, size_t n_st, bool *clean)
{
	struct term_input ti;
	struct key_event ev;
	bool cl = true;
	ti_init(&ti);
	out_len = 0;
	out[0] = 0;
	for (size_t i = 0; i <= n_st; i++) {
		if (i == n_st || !st[i].s)
			ti_flush(&ti);
		else
			ti_feed(&ti, st[i].s, st[i].n);
		while (ti_next(&ti, &ev)) {
			describe(&ev);
			cl &= ev.type != KEV_KEY || !is_action(ev.key);
		}
	}
	ti_free(&ti);
	if (clean)
		*clean = cl;
	return out;
}

/* s fed as s[0..at), a flush, then the rest in chunks of chunk bytes (0: at once). */
static const char *split_run(const char *s, size_t n, size_t at, size_t chunk, bool *clean)
{
	struct step st[256];
	size_t k = 0;
	st[k++] = (struct step){ s, at };
	st[k++] = (struct step){ NULL, 0 };
	for (size_t i = at; i < n && k < sizeof st / sizeof st[0]; i += chunk ? chunk : n) {
		size_t len = chunk && n - i > chunk ? chunk : n - i;
		st[k++] = (struct step){ s + i, len };
	}
	return play(st, k, clean);
}

/* Case c cut by a flush after each ESC it begins with, the rest fed whole or a byte at a
 * time: no action key; when an introducer follows its one ESC: Esc, then what it decodes to. */
static bool split_ok(const struct tcase *c)
{
	bool good = true, clean;
	char want[512];
	snprintf(want, sizeof want, "Esc %s", c->want);
	for (size_t at = 1; at < c->n && c->s[at - 1] == '\033'; at++)
		for (size_t chunk = 0; chunk <= 1; chunk++) {
			split_run(c->s, c->n, at, chunk, &clean);
			good &= clean;
			if (at == 1 && strchr("[O]PX^_", c->s[1]))
				good &= strcmp(out, want) == 0;
		}
	return good;
}

static void test_cases(void)
{
	for (size_t i = 0; i < n_cases; i++) {
		char what[96];
		snprintf(what, sizeof what, "case %zu (want %.40s)", i, cases[i].want);
		check(cases[i].s, cases[i].n, cases[i].want, what);
	}
	size_t bad = 0, ctx_bad = 0, split_bad = 0;
	for (size_t i = 0; i < n_cases; i++) {
		if (!(cases[i].flags & PROP))
			continue;
		if (!no_action_key(cases[i].s, cases[i].n, cases[i].n) ||
		    !no_action_key(cases[i].s, cases[i].n, 1)) {
			diag("case %zu gives an action key", i);
			bad++;
		}
		if (cases[i].s[0] == '\033' && !split_ok(&cases[i])) {
			diag("case %zu cut after its ESC: got \"%s\"", i, out);
			split_bad++;
		}
		if (cases[i].flags & CUT)
			continue;
		/* Between two keys, it decodes the same and leaves them alone. */
		char s[256], want[512];
		snprintf(s, sizeof s, "x%.*sz", (int)cases[i].n, cases[i].s);
		snprintf(want, sizeof want, "x %s z", cases[i].want);
		if (strcmp(run(s, cases[i].n + 2, 0), want) != 0 ||
		    strcmp(run(s, cases[i].n + 2, 1), want) != 0) {
			diag("case %zu in context: got \"%s\"", i, out);
			ctx_bad++;
		}
	}
	is_int(bad, 0, "no action key out of any escape sequence or paste (whole, bytewise)");
	is_int(ctx_bad, 0, "each sequence between two keys leaves them alone");
	is_int(split_bad, 0, "cut after its ESC by a flush: Esc, then the same, no action key");
}

/* Every arrow and Home/End with each xterm modifier 2..8, from xterm's table. */
static void test_xterm_modifiers(void)
{
	static const char *prefix[] = { "S-", "A-", "A-S-", "C-", "C-S-", "C-A-", "C-A-S-" };
	static const char *names[] = { "Up", "Down", "Right", "Left", "Home", "End" };
	static const char finals[] = "ABCDHF";
	size_t bad = 0;
	for (int f = 0; f < 6; f++)
		for (int m = 2; m <= 8; m++) {
			char s[32], want[32];
			size_t n = (size_t)sprintf(s, "\033[1;%d%c", m, finals[f]);
			snprintf(want, sizeof want, "%s%s", prefix[m - 2], names[f]);
			bad += strcmp(run(s, n, 0), want) != 0 || strcmp(run(s, n, 1), want) != 0;
			n = (size_t)sprintf(s, "\033[%d;%d~", f == 4 ? 1 : 4, m);
			if (f >= 4)
				bad += strcmp(run(s, n, 0), want) != 0;
		}
	is_int(bad, 0, "arrows, Home and End with every xterm modifier, in CSI 1;M X and N;M ~");
}

/* A CSI of more than 64 bytes is one unknown up to its final byte, however it arrives. */
static void test_long_csi(void)
{
	char s[400];
	size_t n = 0;
	n += (size_t)sprintf(s, "a\033[");
	for (int i = 0; i < 120; i++)
		s[n++] = i % 4 == 3 ? ';' : (char)('0' + i % 10);
	n += (size_t)sprintf(s + n, " k q");   /* intermediate ' ', final 'k', then " q" keys */
	check(s, n, "a ? Space q", "over-long CSI with an intermediate: one unknown");
	n = (size_t)sprintf(s, "\033[");
	for (int i = 0; i < 200; i++)
		s[n++] = '5';
	n += (size_t)sprintf(s + n, "$q");
	check(s, n, "?", "over-long digits and '$' are an intermediate there, not rxvt's key");
	n = (size_t)sprintf(s, "\033[");
	for (int i = 0; i < 100; i++)
		s[n++] = '1';
	n += (size_t)sprintf(s + n, " \033[Au");
	check(s, n, "? Up u", "an ESC ends an over-long CSI");
	n = (size_t)sprintf(s, "\033[");
	for (int i = 0; i < 100; i++)
		s[n++] = '2';
	n += (size_t)sprintf(s + n, "!5A");
	check(s, n, "? 5 A", "a parameter byte after an intermediate ends an over-long CSI");
}

static void test_esc_timing(void)
{
	struct term_input ti;
	struct key_event ev;
	ti_init(&ti);
	ti_feed(&ti, S("\033"));
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_ESCAPE, "a lone ESC waits");
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.type == KEV_KEY && ev.key == 27 && ev.mods == 0,
	   "then after the flush it is Esc");
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_IDLE, "and nothing waits");
	ti_feed(&ti, S("k"));
	ok(ti_next(&ti, &ev) && ev.key == 'k' && ev.mods == 0, "a key after the flush is plain");

	ti_feed(&ti, S("\033"));
	ok(!ti_next(&ti, &ev), "ESC waits again");
	ti_feed(&ti, S("k"));
	ok(ti_next(&ti, &ev) && ev.key == 'k' && ev.mods == KMOD_ALT && ev.batch == 3,
	   "ESC then k in a later batch, no flush between: Alt+k, batch of the ESC");

	ti_feed(&ti, S("\033\033x"));
	ok(ti_next(&ti, &ev) && ev.key == 27 && ev.mods == KMOD_ALT, "ESC ESC x: Alt+Esc at once");
	ok(ti_next(&ti, &ev) && ev.key == 'x' && ev.mods == 0, "then x");

	ti_feed(&ti, S("\033"));
	ti_flush(&ti);
	ti_feed(&ti, S("[A"));
	ok(ti_next(&ti, &ev) && ev.key == 27 && ev.mods == 0, "flushed ESC, bytes after: Esc");
	ok(ti_next(&ti, &ev) && ev.key == KEY_UP && ev.batch == 7,
	   "then the batch after the flush is the rest of its sequence, with that batch");
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_IDLE, "all of it");

	ti_feed(&ti, S("\033"));
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.key == 27 && !ti_next(&ti, &ev), "a flushed ESC: Esc");
	ti_feed(&ti, S("["));
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_ESCAPE, "a '[' batch after it waits");
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.type == KEV_UNKNOWN && !ti_next(&ti, &ev),
	   "and at the next flush is one unknown, not the '[' key");

	ti_feed(&ti, S("\033"));
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.key == 27 && ti_cont_open(&ti), "a flushed ESC: Esc, its rest may come");
	ti_cont_end(&ti);
	ti_feed(&ti, S("Pq"));
	ok(ti_next(&ti, &ev) && ev.key == 'P' && ti_next(&ti, &ev) && ev.key == 'q' && !ti_cont_open(&ti),
	   "after ti_cont_end (a delay without bytes), P q typed after Esc are two keys, no sequence");
	ti_free(&ti);
}

/* A sequence cut after its ESC by a flush: the batch right after the flush completes it. */
static void test_esc_cut(void)
{
	is_str(PLAY(B("\033"), FL, B("[A")), "Esc Up", "ESC, flush, [A: Esc Up");
	is_str(PLAY(B("\033"), FL, B("[5~")), "Esc PgUp", "ESC, flush, [5~: Esc PgUp");
	is_str(PLAY(B("\033"), FL, B("OB")), "Esc Down", "ESC, flush, OB: Esc Down");
	is_str(PLAY(B("\033"), FL, B("["), FL), "Esc ?", "ESC, flush, [, flush: Esc, unknown");
	is_str(PLAY(B("\033"), FL, B("O"), FL), "Esc ?", "ESC, flush, O, flush: Esc, unknown");
	is_str(PLAY(B("\033"), FL, B("[99z")), "Esc ?", "ESC, flush, [99z: Esc, unknown");
	is_str(PLAY(B("\033"), FL, B("k")), "Esc k", "ESC, flush, k: Esc k (a key after Esc)");
	is_str(PLAY(B("\033"), FL, B("x"), B("[A")), "Esc x [ A",
	       "ESC, flush, x, [A: only the batch right after the flush continues the ESC");
	is_str(PLAY(B("\033"), FL, B("["), B("1;5"), B("C")), "Esc C-Right",
	       "ESC, flush, the rest in three batches: Esc C-Right");
	is_str(PLAY(B("\033"), FL, B("[A[A")), "Esc Up [ A",
	       "only the start of that batch continues the ESC");
	is_str(PLAY(B("\033"), FL, B("]0;t k\007q")), "Esc ? q",
	       "ESC, flush, the rest of a control string: Esc, one unknown");
	is_str(PLAY(B("\033"), FL, B("[200~a[b\033[201~")), "Esc paste(a[b)",
	       "ESC, flush, the rest of a paste marker: Esc, the paste");
	is_str(PLAY(B("k\033"), FL, B("[B")), "k Esc Down", "k ESC, flush, [B: k Esc Down");
	is_str(PLAY(B("\033\033"), FL, B("[D")), "A-Esc Left",
	       "ESC ESC, flush, [D: Alt+Esc, Left");
	is_str(PLAY(B("\033\033x"), FL, B("[A")), "A-Esc x [ A",
	       "not after a flushed ESC: [A decodes as keys");
	is_str(PLAY(B("\033"), FL, B("\033[A")), "Esc Up", "ESC, flush, ESC [A: Esc Up");
}

static void test_paste(void)
{
	struct term_input ti;
	struct key_event ev;
	static char big[4096];
	ti_init(&ti);
	memset(big, 'k', sizeof big);
	ti_feed(&ti, S("\033[200~"));
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_PASTE, "an open paste is pending");
	size_t fed = 0;
	while (fed < TI_PASTE_MAX + 10000) {
		ti_feed(&ti, big, sizeof big);
		fed += sizeof big;
		if (ti_next(&ti, &ev))
			break;
	}
	ok(fed >= TI_PASTE_MAX + 10000 && ti_pending(&ti) == TI_PASTE,
	   "%zu bytes of paste: no event yet", fed);
	ti_feed(&ti, S("\033[201"));
	ok(!ti_next(&ti, &ev), "half an end marker: still open");
	ti_feed(&ti, S("~x"));
	bool all_k = ti_next(&ti, &ev) && ev.type == KEV_PASTE;
	is_int(ev.text_len, TI_PASTE_MAX, "a long paste is cut to TI_PASTE_MAX");
	for (size_t i = 0; all_k && i < ev.text_len; i++)
		all_k = ev.text[i] == 'k';
	ok(all_k && ev.batch == 1, "it holds the pasted bytes, batch of its start");
	ok(ti_next(&ti, &ev) && ev.type == KEV_KEY && ev.key == 'x',
	   "the end marker found past the cut; a key after it");

	ti_feed(&ti, S("\033[200~abc\033[20"));
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_PASTE, "open paste");
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.type == KEV_PASTE && ev.text_len == 7 &&
	   memcmp(ev.text, "abc\033[20", 7) == 0, "the flush gives it as a paste, with its tail");
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_IDLE, "then nothing waits");
	ti_free(&ti);
}

static void test_batches(void)
{
	struct term_input ti;
	struct key_event ev;
	unsigned b[8];
	int n = 0;
	ti_init(&ti);
	ti_feed(&ti, S("k\r"));                         /* batch 1 */
	ti_feed(&ti, S("\033["));                       /* batch 2 */
	ti_feed(&ti, S("A\033]0;"));                    /* batch 3 */
	ti_feed(&ti, S("x\007\033[200~ab"));            /* batch 4 */
	ti_feed(&ti, S("c\033[201~\033[<0;1;1M"));      /* batch 5 */
	while (n < 8 && ti_next(&ti, &ev))
		b[n++] = ev.batch;
	is_int(n, 6, "six events");
	ok(n == 6 && b[0] == 1 && b[1] == 1 && b[2] == 2 && b[3] == 3 && b[4] == 4 && b[5] == 5,
	   "each event carries the batch of its first byte");
	ti_free(&ti);
}

static void test_added(void)
{
	struct term_input ti;
	struct key_event ev;
	ti_init(&ti);
	ti_add_sequence(&ti, "\033[1~", KEY_END, 0);
	ti_add_sequence(&ti, "\033[1~", KEY_HOME, 0);    /* replaces it */
	ti_add_sequence(&ti, "\x02", KEY_F(31), 0);
	ti_add_sequence(&ti, "\x02\x03", KEY_F(32), 0);
	ti_add_sequence(&ti, "\033\x01\x02", KEY_F(30), KMOD_CTRL);
	ti_add_sequence(&ti, "\033[M", KEY_MOUSE, 0);               /* refused: a mouse prefix */
	ti_add_sequence(&ti, "\033[<", KEY_MOUSE, 0);
	ti_add_sequence(&ti, "\033[200~", KEY_F(40), 0);
	ti_add_sequence(&ti, "\033]", KEY_F(41), 0);
	ti_add_sequence(&ti, "q", KEY_F(42), 0);                    /* refused: typed text */
	ti_add_sequence(&ti, "\033[11111111111111~", KEY_F(43), 0); /* refused: 17 bytes */
	ti_add_sequence(&ti, "\033[99z", KEY_F(44), KMOD_SHIFT);
	is_int(ti.n_seqs, 5, "five sequences kept");
	for (int i = 0; i < 100; i++) {
		char s[32];
		snprintf(s, sizeof s, "\033[%d;3z", i);
		ti_add_sequence(&ti, s, KEY_F(50), 0);
	}
	is_int(ti.n_seqs, TI_MAX_SEQS, "a full table takes no more");

	const char in[] = "\033[1~\033[99z\x02\x03\x02x\033\x01\x02\033[M !!\033[<0;1;1Mq";
	ti_feed(&ti, in, sizeof in - 1);
	out_len = 0;
	while (ti_next(&ti, &ev))
		describe(&ev);
	ti_flush(&ti);
	while (ti_next(&ti, &ev))
		describe(&ev);
	is_str(out, "Home S-F44 F32 F31 x C-F30 press1@0,0 press1@0,0 q",
	       "added sequences first, longest first; mouse and text untouched");

	ti_feed(&ti, S("\033\x01"));
	ok(!ti_next(&ti, &ev) && ti_pending(&ti) == TI_ESCAPE, "a prefix of an added one waits");
	ti_feed(&ti, S("\x02"));
	ok(ti_next(&ti, &ev) && ev.key == KEY_F(30) && ev.mods == KMOD_CTRL, "and completes it");
	ti_feed(&ti, S("\033\x01"));
	ti_flush(&ti);
	ok(ti_next(&ti, &ev) && ev.key == 1 && ev.mods == KMOD_ALT,
	   "cut short by the flush: the grammar's Alt+Ctrl-A");
	ti_feed(&ti, S("\033[200~\033]\033[201~"));
	ok(ti_next(&ti, &ev) && ev.type == KEV_PASTE && ev.text_len == 2, "paste still works");
	ti_free(&ti);
}

static void test_full_buffer(void)
{
	static char a[TI_BUF + 100];
	struct term_input ti;
	struct key_event ev;
	ti_init(&ti);
	memset(a, 'a', sizeof a);
	memcpy(a + TI_BUF - 2, "\033[A", 3);
	ti_feed(&ti, a, sizeof a);
	size_t n = 0;
	while (ti_next(&ti, &ev))
		n++;
	is_int(n, TI_BUF - 2, "a full buffer keeps TI_BUF bytes and drops the rest");
	ti_feed(&ti, S("z\033[Bk"));
	ok(ti_next(&ti, &ev) && ev.type == KEV_UNKNOWN, "the cut sequence ends as unknown");
	ok(ti_next(&ti, &ev) && ev.key == KEY_DOWN, "and the next is decoded again");
	ok(ti_next(&ti, &ev) && ev.key == 'k' && ti_pending(&ti) == TI_IDLE, "all of it");
	ti_free(&ti);
}

static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rnd_state >> 33) % n;
}

/* Random bytes, weighted to the ones sequences are made of. */
static size_t random_input(char *s, size_t cap)
{
	static const char alpha[] = "\033\033\033[[[OOO]M<;;0123456789~$^@ABCDHFZPabqk\007\\\r\x7f"
				    "\xc3\xa9\xe2\x82\x80\xff\x90 mu~";
	size_t n = 1 + rnd((unsigned)cap);
	for (size_t i = 0; i < n; i++)
		s[i] = rnd(8) ? alpha[rnd(sizeof alpha - 1)] : (char)rnd(256);
	if (rnd(4) == 0 && n > 20)
		memcpy(s + rnd((unsigned)n - 12), "\033[200~", 6);
	return n;
}

static void test_random(void)
{
	static char s[3000], whole[1 << 16];
	size_t differ = 0, stalls = 0, bad = 0;
	for (int round = 0; round < 400; round++) {
		size_t n = random_input(s, sizeof s);
		snprintf(whole, sizeof whole, "%s", run(s, n, 0));
		size_t chunk = 1 + rnd(round % 2 ? 3 : 40);
		if (strcmp(whole, run(s, n, chunk)) != 0) {
			if (differ++ < 3)
				diag("round %d, chunks of %zu: \"%.200s\" vs \"%.200s\"", round, chunk,
				     whole, out);
		}
		/* Chunks of random sizes with random flushes: no crash, no stall, sane events. */
		struct term_input ti;
		struct key_event ev;
		unsigned last = 0;
		ti_init(&ti);
		for (size_t i = 0; i < n;) {
			size_t k = 1 + rnd(64);
			k = k > n - i ? n - i : k;
			ti_feed(&ti, s + i, k);
			i += k;
			if (rnd(5) == 0)
				ti_flush(&ti);
			while (ti_next(&ti, &ev)) {
				bad += ev.batch < last || ev.batch > ti.batch || ev.type > KEV_UNKNOWN ||
				       (ev.type == KEV_MOUSE && (ev.x < 0 || ev.y < 0 || ev.button > 3)) ||
				       (ev.type == KEV_PASTE && ev.text_len > TI_PASTE_MAX);
				last = ev.batch;
			}
		}
		ti_flush(&ti);
		while (ti_next(&ti, &ev))
			;
		stalls += ti_pending(&ti) != TI_IDLE || ti.len != 0;
		ti_free(&ti);
	}
	is_int(differ, 0, "random input: the same events whole and in chunks");
	is_int(bad, 0, "random input: batches in order, sane mouse and paste events");
	is_int(stalls, 0, "random input: nothing waits after a flush");
}

int main(void)
{
	test_cases();
	test_xterm_modifiers();
	test_long_csi();
	test_esc_timing();
	test_esc_cut();
	test_paste();
	test_batches();
	test_added();
	test_full_buffer();
	test_random();
	return tap_done();
}
