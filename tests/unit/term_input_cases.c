/* term_input_cases.c — the byte strings test_term_input decodes and the events each must give:
 * the xterm, VT220, rxvt, Linux-console and vt100 forms of the keys, Alt, Esc, mouse reports,
 * pastes, unknown sequences, control strings, control bytes and UTF-8. Expected keys are those
 * the terminals' documentation gives for each sequence (xterm's ctlseqs, rxvt(7),
 * console_codes(4), the vt100 keypad). */
#include "term_input_cases.h"

#define T(lit, want, fl) { lit, sizeof(lit) - 1, want, fl }

const struct tcase cases[] = {
	/* xterm, normal and application cursor keys */
	T("\033[A", "Up", PROP), T("\033[B", "Down", PROP), T("\033[C", "Right", PROP),
	T("\033[D", "Left", PROP), T("\033[H", "Home", PROP), T("\033[F", "End", PROP),
	T("\033OA", "Up", PROP), T("\033OB", "Down", PROP), T("\033OC", "Right", PROP),
	T("\033OD", "Left", PROP), T("\033OH", "Home", PROP), T("\033OF", "End", PROP),
	T("\033OP", "F1", PROP), T("\033OQ", "F2", PROP), T("\033OR", "F3", PROP),
	T("\033OS", "F4", PROP), T("\033[15~", "F5", PROP), T("\033[17~", "F6", PROP),
	T("\033[18~", "F7", PROP), T("\033[19~", "F8", PROP), T("\033[20~", "F9", PROP),
	T("\033[21~", "F10", PROP), T("\033[23~", "F11", PROP), T("\033[24~", "F12", PROP),
	T("\033[2~", "Ins", PROP), T("\033[3~", "Del", PROP), T("\033[5~", "PgUp", PROP),
	T("\033[6~", "PgDn", PROP), T("\033[Z", "BTab", PROP),
	T("\033[1;2P", "S-F1", PROP), T("\033[1;5S", "C-F4", PROP), T("\033[5;5~", "C-PgUp", PROP),
	T("\033[6;3~", "A-PgDn", PROP), T("\033[3;2~", "S-Del", PROP), T("\033[2;5~", "C-Ins", PROP),
	T("\033[15;2~", "S-F5", PROP), T("\033[24;6~", "C-S-F12", PROP),
	T("\033[1;9A", "A-Up", PROP), T("\033[E", "?", PROP), T("\033OE", "?", PROP),
	/* VT220, screen, tmux, Linux console */
	T("\033[1~", "Home", PROP), T("\033[4~", "End", PROP), T("\033[1;5~", "C-Home", PROP),
	T("\033[4;2~", "S-End", PROP), T("\033[[A", "F1", PROP), T("\033[[B", "F2", PROP),
	T("\033[[C", "F3", PROP), T("\033[[D", "F4", PROP), T("\033[[E", "F5", PROP),
	T("\033[[Z", "?", PROP), T("\033[G", "?", PROP),
	/* rxvt */
	T("\033[7~", "Home", PROP), T("\033[8~", "End", PROP), T("\033[11~", "F1", PROP),
	T("\033[12~", "F2", PROP), T("\033[13~", "F3", PROP), T("\033[14~", "F4", PROP),
	T("\033[a", "S-Up", PROP), T("\033[b", "S-Down", PROP), T("\033[c", "S-Right", PROP),
	T("\033[d", "S-Left", PROP), T("\033Oa", "C-Up", PROP), T("\033Ob", "C-Down", PROP),
	T("\033Oc", "C-Right", PROP), T("\033Od", "C-Left", PROP), T("\033[5^", "C-PgUp", PROP),
	T("\033[6^", "C-PgDn", PROP), T("\033[2$", "S-Ins", PROP), T("\033[3$", "S-Del", PROP),
	T("\033[7$", "S-Home", PROP), T("\033[8^", "C-End", PROP), T("\033[3@", "C-S-Del", PROP),
	T("\033[23$", "S-F11", PROP), T("\033[11^", "C-F1", PROP), T("\033[25~", "F13", PROP),
	T("\033[26~", "F14", PROP), T("\033[28~", "F15", PROP), T("\033[29~", "F16", PROP),
	T("\033[31~", "F17", PROP), T("\033[34~", "F20", PROP), T("\033\033[A", "A-Up", PROP),
	T("\033\033OD", "A-Left", PROP), T("\033\033[5~", "A-PgUp", PROP),
	/* vt100: SS3 function keys, old xterm's modifier digit, the application keypad */
	T("\033O5A", "C-Up", PROP), T("\033O2P", "S-F1", PROP), T("\033O1;3B", "A-Down", PROP),
	T("\033OM", "Enter", PROP), T("\033Op", "0", PROP), T("\033Oq", "1", PROP),
	T("\033Ou", "5", PROP), T("\033Oy", "9", PROP), T("\033Ol", ",", PROP),
	T("\033On", ".", PROP), T("\033Oj", "*", PROP), T("\033Oo", "/", PROP),
	T("\033OX", "=", PROP), T("\033Om", "-", 0), T("\033Ok", "+", 0),
	T("\033Oz", "?", PROP), T("\033O x", "? x", PROP),
	/* Alt */
	T("\033k", "A-k", 0), T("\033q", "A-q", 0), T("\033x", "A-x", PROP),
	T("\033\r", "A-Enter", PROP), T("\033\x7f", "A-Bksp", PROP), T("\033\x01", "A-^A", PROP),
	T("\033\xc3\xa9", "A-U+E9", PROP), T("\033\033k", "A-Esc k", 0),
	/* Esc and sequences cut short by the flush */
	T("\033", "Esc", PROP | CUT), T("\033\033", "A-Esc", PROP | CUT),
	T("\033\033\033", "A-Esc Esc", PROP | CUT), T("\033[", "?", PROP | CUT),
	T("\033O", "?", PROP | CUT), T("\033\033[", "?", PROP | CUT),
	T("\033[1;", "?", PROP | CUT), T("\033[M !", "?", PROP | CUT),
	T("\033[[", "?", PROP | CUT), T("\033[<0;1", "?", PROP | CUT),
	T("\033]0;title", "?", PROP | CUT),
	/* unknown sequences, control strings */
	T("\033[99z", "?", PROP), T("\033[?1;2c", "?", PROP), T("\033[>0;95;0c", "?", PROP),
	T("\033[I", "?", PROP), T("\033[O", "?", PROP), T("\033[2 q", "?", PROP),
	T("\033[1;5k", "?", PROP), T("\033[u", "?", PROP), T("\033[g", "?", PROP),
	T("\033[]", "?", PROP), T("\033[[k", "?", PROP), T("\033[5;1$y", "?", PROP),
	T("\033[27;5;107~", "?", PROP), T("\033[1:2A", "?", PROP), T("\033[99~", "?", PROP),
	T("\033]0;title k q [ ]\007", "?", PROP), T("\033]11;rgb:0/0/0\033\\", "?", PROP),
	T("\033P1$r0m\033\\", "?", PROP), T("\033_k q\033\\", "?", PROP),
	T("\033^a g c\007", "?", PROP), T("\033Xu\007", "?", PROP),
	T("\033]0;t\033[A", "? Up", PROP), T("\033Pq\033[5~", "? PgUp", PROP),
	/* mouse: X10 / normal, SGR 1006, urxvt 1015 */
	T("\033[M !!", "press1@0,0", PROP), T("\033[M!+*", "press2@10,9", PROP),
	T("\033[M\"5*", "press3@20,9", PROP), T("\033[M#!!", "release0@0,0", PROP),
	T("\033[M`$%", "wheelup0@3,4", PROP), T("\033[Ma$%", "wheeldown0@3,4", PROP),
	T("\033[M0!!", "C-press1@0,0", PROP), T("\033[M$!!", "S-press1@0,0", PROP),
	T("\033[M(!!", "A-press1@0,0", PROP), T("\033[M@#$", "motion1@2,3", PROP),
	T("\033[M \xff\xc0", "press1@222,159", PROP),
	T("\033[<0;10;5M", "press1@9,4", PROP), T("\033[<0;10;5m", "release1@9,4", PROP),
	T("\033[<2;1;1M", "press3@0,0", PROP), T("\033[<1;300;200m", "release2@299,199", PROP),
	T("\033[<64;3;4M", "wheelup0@2,3", PROP), T("\033[<65;3;4M", "wheeldown0@2,3", PROP),
	T("\033[<32;7;8M", "motion1@6,7", PROP), T("\033[<35;7;8M", "motion0@6,7", PROP),
	T("\033[<20;1;1M", "C-S-press1@0,0", PROP), T("\033[<8;1;1M", "A-press1@0,0", PROP),
	T("\033[<66;1;1M", "?", PROP), T("\033[<0;0;1M", "?", PROP),
	T("\033[32;10;5M", "press1@9,4", PROP), T("\033[35;10;5M", "release0@9,4", PROP),
	T("\033[96;2;2M", "wheelup0@1,1", PROP), T("\033[97;2;2M", "wheeldown0@1,1", PROP),
	T("\033[34;2;3M", "press3@1,2", PROP),
	/* bracketed paste */
	T("\033[200~hello k\r [ ] q\033[201~", "paste(hello k\\x0d [ ] q)", PROP),
	T("\033[200~a\033[Ab\033]0;x\007c\033[200~d\033O\033[201~",
	  "paste(a\\x1b[Ab\\x1b]0;x\\x07c\\x1b[200~d\\x1bO)", PROP),
	T("\033[200~\033[201~", "paste()", PROP),
	T("\033[200~q\033[201", "paste(q\\x1b[201)", PROP | CUT),
	T("\033[200~k g", "paste(k g)", PROP | CUT),
	T("\033[201~", "?", PROP),
	/* control bytes, UTF-8 */
	T("\r", "Enter", 0), T("\n", "Enter", 0), T("\t", "Tab", 0), T("\x7f", "Bksp", 0),
	T("\x08", "Bksp", 0), T("\x01", "^A", 0), T("\x1a", "^Z", 0), T("\0", "?", 0),
	T("k[ ]", "k [ Space ]", 0), T("\xc3\xa9", "U+E9", 0), T("\xe2\x82\xac", "U+20AC", 0),
	T("\xf0\x9f\x98\x80", "U+1F600", 0), T("\xff", "?", 0), T("\xc3(", "? (", 0),
	T("\xe2\x82", "?", CUT), T("\xc0\xaf", "? ?", 0), T("\xed\xa0\x80", "? ? ?", 0),
	T("\xc2\x9b", "?", 0), T("\xf4\x90\x80\x80", "? ? ? ?", 0),
};
const size_t n_cases = sizeof cases / sizeof cases[0];
