/* tap.h — minimal TAP producer for the C unit tests: each check is one counted test. */
#ifndef IPCTOP_TAP_H
#define IPCTOP_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got %lld, want %lld\n", g_, w_); \
} while (0)
#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_; \
	if (!tap_ok(same_, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

__attribute__((format(printf, 4, 5), unused))
static int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	printf("%s %d - ", pass ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
	return pass;
}

/* skip(n, why): n checks that cannot run here, counted as skipped. */
__attribute__((unused))
static void skip(int n, const char *why)
{
	for (int i = 0; i < n; i++)
		printf("ok %d # SKIP %s\n", ++tap_n, why);
}

/* ci_is_on(): CI=true in the environment (.ci/run exports it). */
__attribute__((unused))
static int ci_is_on(void)
{
	const char *ci = getenv("CI");
	return ci && strcmp(ci, "true") == 0;
}

/* ci_skip(n, why): n checks whose set-up must work on CI's machine (root, Debian 12): skipped
 * normally, failed when CI=true, so that a broken set-up cannot pass there as a skip. */
__attribute__((unused))
static void ci_skip(int n, const char *why)
{
	if (!ci_is_on()) {
		skip(n, why);
		return;
	}
	for (int i = 0; i < n; i++) {
		printf("not ok %d - set-up failed, not skipped on CI: %s\n", ++tap_n, why);
		tap_failed++;
	}
}

/* diag(fmt, ...): a comment line in the TAP output. */
__attribute__((format(printf, 1, 2), unused))
static void diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* ci_skip_all(why): the whole test cannot run (a plan of 0, skipped), or under CI=true one
 * failed check; returns the exit status for main. */
__attribute__((unused))
static int ci_skip_all(const char *why)
{
	if (ci_is_on()) {
		ci_skip(1, why);
		return tap_done();
	}
	printf("1..0 # SKIP %s\n", why);
	return 0;
}

#endif
