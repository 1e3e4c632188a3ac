/* test_kind_glyphs.c — every channel kind has a line of its own in each glyph set (UTF-8 and
 * ASCII, horizontal and vertical), so the graph and its legend read without colour; each line
 * glyph is one terminal cell, and the ASCII set is printable ASCII and never a box corner,
 * tee or arrow. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../tap.h"
#include "view/ui.h"

static bool one_cell(const char *s)
{
	wchar_t wc[4];
	size_t n = mbstowcs(wc, s, 4);
	return n == 1 && wcwidth(wc[0]) == 1;
}

static void check_set(bool ascii, bool vertical, const char *what)
{
	int same = 0, wide = 0, bad_ascii = 0;
	for (int a = 0; a < CK__COUNT; a++) {
		const char *ga = ui_kind_line_of((enum chan_kind)a, ascii, vertical);
		wide += !one_cell(ga);
		if (ascii)
			bad_ascii += strlen(ga) != 1 || ga[0] < '!' || ga[0] > '~' || strchr("+<>^v", ga[0]) != NULL;
		for (int b = a + 1; b < CK__COUNT; b++)
			if (strcmp(ga, ui_kind_line_of((enum chan_kind)b, ascii, vertical)) == 0) {
				diag("%s: %s and %s share \"%s\"", what, chan_kind_name((enum chan_kind)a),
				     chan_kind_name((enum chan_kind)b), ga);
				same++;
			}
	}
	is_int(same, 0, "%s: all %d kinds have distinct glyphs", what, CK__COUNT);
	is_int(wide, 0, "%s: each glyph is one cell wide", what);
	if (ascii)
		is_int(bad_ascii, 0, "%s: printable ASCII, none a corner, tee or arrow", what);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("Bail out! no C.UTF-8 locale\n");
		return 1;
	}
	check_set(false, false, "UTF-8 horizontal");
	check_set(false, true, "UTF-8 vertical");
	check_set(true, false, "ASCII horizontal");
	check_set(true, true, "ASCII vertical");
	return tap_done();
}
