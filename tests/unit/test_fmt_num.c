/* test_fmt_num.c — the printf-free number formatters give exactly printf's and inet_ntop's text:
 * edge values by name, then many pseudo-random values against the C library. */
#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>

#include "tap.h"
#include "util/fmt_num.h"

static char buf[64];

static void check_u64(uint64_t v, const char *want)
{
	size_t n = fmt_u64(buf, v);
	is_str(buf, want, "fmt_u64 %s", want);
	is_int(n, strlen(want), "fmt_u64 %s: length", want);
}

static void check_i64(int64_t v, const char *want)
{
	size_t n = fmt_i64(buf, v);
	is_str(buf, want, "fmt_i64 %s", want);
	is_int(n, strlen(want), "fmt_i64 %s: length", want);
}

static void check_hex(uint64_t v, unsigned digits, const char *want)
{
	size_t n = fmt_hex(buf, v, digits);
	is_str(buf, want, "fmt_hex %s", want);
	is_int(n, strlen(want), "fmt_hex %s: length", want);
}

static void check_ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, const char *want)
{
	const uint8_t addr[4] = { a, b, c, d };
	size_t n = fmt_ipv4(buf, addr);
	is_str(buf, want, "fmt_ipv4 %s", want);
	is_int(n, strlen(want), "fmt_ipv4 %s: length", want);
}

static void test_edges(void)
{
	check_u64(0, "0");
	check_u64(9, "9");
	check_u64(10, "10");
	check_u64(12345, "12345");
	check_u64(UINT64_MAX, "18446744073709551615");
	check_u64(10000000000000000000ULL, "10000000000000000000");
	check_i64(0, "0");
	check_i64(-1, "-1");
	check_i64(INT64_MAX, "9223372036854775807");
	check_i64(INT64_MIN, "-9223372036854775808");
	check_hex(0, 0, "0");
	check_hex(0, 8, "00000000");
	check_hex(0x1234, 8, "00001234");
	check_hex(0xffffffffu, 8, "ffffffff");
	check_hex(0xabcdef012ULL, 8, "abcdef012");
	check_hex(UINT64_MAX, 16, "ffffffffffffffff");
	check_hex(1, 40, "0000000000000001");   /* padding stops at 16 digits */
	check_ipv4(0, 0, 0, 0, "0.0.0.0");
	check_ipv4(255, 255, 255, 255, "255.255.255.255");
	check_ipv4(127, 0, 0, 1, "127.0.0.1");
	check_ipv4(10, 100, 9, 199, "10.100.9.199");
}

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Values of every length: a random word shifted right by a random amount. */
static void test_against_libc(void)
{
	int bad_u = 0, bad_i = 0, bad_h = 0, bad_a = 0;
	char want[64];
	for (int i = 0; i < 200000; i++) {
		uint64_t v = rnd() >> (rnd() % 64);
		unsigned width = (unsigned)(rnd() % 17);
		fmt_u64(buf, v);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		bad_u += strcmp(buf, want) != 0;
		int64_t sv = (rnd() & 1) ? (int64_t)v : -(int64_t)(v >> 1);
		fmt_i64(buf, sv);
		snprintf(want, sizeof(want), "%lld", (long long)sv);
		bad_i += strcmp(buf, want) != 0;
		fmt_hex(buf, v, width);
		snprintf(want, sizeof(want), "%0*llx", (int)width, (unsigned long long)v);
		bad_h += strcmp(buf, want) != 0;
		uint8_t addr[4];
		uint32_t w = (uint32_t)rnd();
		memcpy(addr, &w, 4);
		fmt_ipv4(buf, addr);
		inet_ntop(AF_INET, addr, want, sizeof(want));
		bad_a += strcmp(buf, want) != 0;
	}
	is_int(bad_u, 0, "fmt_u64 equals %%llu for 200000 values");
	is_int(bad_i, 0, "fmt_i64 equals %%lld for 200000 values");
	is_int(bad_h, 0, "fmt_hex equals %%0*llx for 200000 values");
	is_int(bad_a, 0, "fmt_ipv4 equals inet_ntop for 200000 addresses");
}

int main(void)
{
	test_edges();
	test_against_libc();
	return tap_done();
}
