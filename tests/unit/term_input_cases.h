/* term_input_cases.h — the cases of test_term_input (term_input_cases.c): a byte string, the
 * events it decodes to, described as test_term_input describes them, and its flags. */
#ifndef IPCTOP_TERM_INPUT_CASES_H
#define IPCTOP_TERM_INPUT_CASES_H

#include <stddef.h>

/* PROP: an escape sequence or paste, out of which no action key may come.
 * CUT: incomplete, ended by the flush: nothing may follow it in the context check. */
enum { PROP = 1, CUT = 2 };

struct tcase { const char *s; size_t n; const char *want; int flags; };

extern const struct tcase cases[];
extern const size_t n_cases;

#endif
