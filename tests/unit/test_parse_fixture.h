/* test_parse_fixture.h — helpers for the parser unit tests: fixture files from
 * tests/fixtures/proc and literal text copied into buffers of exactly their length (no NUL
 * after them), so that the sanitizer build catches any read past len. */
#ifndef IPCTOP_TEST_PARSE_FIXTURE_H
#define IPCTOP_TEST_PARSE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures/proc"
#endif

/* A malloc'd copy of n bytes with nothing after them. */
__attribute__((unused))
static char *exact_copy(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);
	if (!p)
		abort();
	if (n)
		memcpy(p, s, n);
	return p;
}

/* A copy of n bytes that ends where an inaccessible page begins: a parser that reads past n
 * is killed by SIGSEGV in any build, not only under the sanitizers. Free with guard_free. */
__attribute__((unused))
static char *guard_copy(const char *s, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), span = (n + page - 1) / page * page + page;
	char *base = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED || mprotect(base + span - page, page, PROT_NONE) != 0)
		abort();
	char *p = base + span - page - n;
	if (n)
		memcpy(p, s, n);
	return p;
}

__attribute__((unused))
static void guard_free(char *p, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), span = (n + page - 1) / page * page + page;
	munmap(p + n + page - span, span);
}

/* The fixture's bytes (not NUL-terminated) and their count; exits with "Bail out!" if the
 * file cannot be read. $TESTS_SRC (set by make check) wins over the compiled-in directory. */
__attribute__((unused))
static char *fixture(const char *name, size_t *len)
{
	char path[4096];
	const char *src = getenv("TESTS_SRC");
	if (src && *src)
		snprintf(path, sizeof(path), "%s/fixtures/proc/%s", src, name);
	else
		snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("Bail out! cannot open fixture %s\n", path);
		exit(1);
	}
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf)
		abort();
	char *exact = exact_copy(buf, n);
	free(buf);
	*len = n;
	return exact;
}

/* A fixture as a NUL-terminated string, with a trailing newline removed. */
__attribute__((unused))
static char *fixture_line(const char *name)
{
	size_t n;
	char *raw = fixture(name, &n);
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, raw, n);
	s[n] = '\0';
	if (n && s[n - 1] == '\n')
		s[n - 1] = '\0';
	free(raw);
	return s;
}

#endif
