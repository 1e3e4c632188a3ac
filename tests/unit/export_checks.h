/* export_checks.h — checks shared by the export tests (test_export_json, test_export_dot): a
 * text has or lacks a piece, a stream whose writes fail. Include after tap.h: each check is one
 * counted test of the including program. */
#ifndef IPCTOP_EXPORT_CHECKS_H
#define IPCTOP_EXPORT_CHECKS_H

#include <stdio.h>
#include <string.h>

/* has(text, needle, what): one check, passing when needle is in text; shows it when missing. */
__attribute__((unused))
static void has(const char *text, const char *needle, const char *what)
{
	if (!ok(strstr(text, needle) != NULL, "%s", what))
		printf("#   missing: %s\n", needle);
}

/* lacks(text, needle, what): one check, passing when needle is not in text; shows it when present. */
__attribute__((unused))
static void lacks(const char *text, const char *needle, const char *what)
{
	if (!ok(strstr(text, needle) == NULL, "%s", what))
		printf("#   present: %s\n", needle);
}

/* full_device(): /dev/full, unbuffered, so that the first write fails with ENOSPC; where it
 * cannot be opened, NULL after one skipped check (in place of the caller's one). */
__attribute__((unused))
static FILE *full_device(void)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f) {
		ok(1, "# SKIP /dev/full not available");
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}

#endif
