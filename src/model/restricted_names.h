/* restricted_names.h — the words of a process's "restricted" list (JSON) for the proc_flag
 * bits that say what could not be read; one table for the writer and the reader. */
#ifndef IPCTOP_RESTRICTED_NAMES_H
#define IPCTOP_RESTRICTED_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* The i-th restriction (i below restricted_count()): its flag and its word. */
size_t restricted_count(void);
uint32_t restricted_flag(size_t i);
const char *restricted_word(size_t i);
/* The flag of word, 0 when it is none of them. */
uint32_t restricted_flag_of(const char *word);

#endif
