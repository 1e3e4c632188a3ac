/* test_fast_text.c — the export's printf-free writers (src/util/fast_text.h) give the very
 * bytes of printf, of format_addr_port() (inet_ntop) and of a byte-by-byte plain-ASCII test,
 * on edge values and many random ones; each writer fills a heap buffer of exactly its
 * documented maximum, so the sanitizer build catches a write past it. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "util/fast_text.h"
#include "model/format_addr.h"
#include "../tap.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A value of random bit length, so that every digit count comes up often. */
static uint64_t rnd_value(void)
{
	return rnd() >> (rnd() % 64);
}

/* Compare a writer's bytes with what printf made; report the first few mismatches. */
static bool same(const char *want, const char *got, size_t got_len, int *shown)
{
	if (strlen(want) == got_len && memcmp(want, got, got_len) == 0)
		return true;
	if ((*shown)++ < 5)
		printf("#   want \"%s\", got \"%.*s\"\n", want, (int)got_len, got);
	return false;
}

static bool check_u64(uint64_t v, char *buf, int *shown)
{
	char want[32];
	snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
	return same(want, buf, (size_t)(ft_put_u64(buf, v) - buf), shown);
}

static void test_decimal(void)
{
	char *buf = malloc(FT_NUM_MAX);
	int bad = 0, shown = 0;
	uint64_t p = 1;
	for (int i = 0; i < 20; i++, p *= 10) {
		bad += !check_u64(p, buf, &shown);
		bad += !check_u64(p - 1, buf, &shown);
		bad += !check_u64(p + 1, buf, &shown);
	}
	bad += !check_u64(UINT64_MAX, buf, &shown);
	bad += !check_u64(UINT64_MAX - 1, buf, &shown);
	for (int i = 0; i < 200000; i++)
		bad += !check_u64(rnd_value(), buf, &shown);
	is_int(bad, 0, "decimal: powers of 10 and their neighbours, limits, 200000 random values");
	free(buf);
}

static bool check_radix(uint64_t v, unsigned bits, int min_digits, char *buf, int *shown)
{
	char want[48];
	if (bits == 4)
		snprintf(want, sizeof(want), "%0*llx", min_digits, (unsigned long long)v);
	else
		snprintf(want, sizeof(want), "%0*llo", min_digits, (unsigned long long)v);
	return same(want, buf, (size_t)(ft_put_radix(buf, v, bits, min_digits) - buf), shown);
}

static void test_radix(void)
{
	char *buf = malloc(FT_NUM_MAX);
	int bad = 0, shown = 0;
	uint64_t edges[] = { 0, 1, 7, 8, 15, 16, 0777, 01000, 0xffff, 0x10000, UINT32_MAX,
		(uint64_t)1 << 63, UINT64_MAX };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		for (int min = 1; min <= 22; min++) {
			if (min <= 16)
				bad += !check_radix(edges[i], 4, min, buf, &shown);
			bad += !check_radix(edges[i], 3, min, buf, &shown);
		}
	for (int i = 0; i < 100000; i++) {
		uint64_t v = rnd_value();
		bad += !check_radix(v, 4, 1 + (int)(rnd() % 16), buf, &shown);
		bad += !check_radix(v, 3, 1 + (int)(rnd() % 22), buf, &shown);
	}
	is_int(bad, 0, "hex and octal: %%0*llx and %%0*llo for edge and 100000 random values");
	free(buf);
}

static bool check_addr(unsigned family, const uint8_t addr[16], uint16_t port, char *buf,
                       int *shown)
{
	char want[ADDR_PORT_MAX];
	format_addr_port(want, sizeof(want), family, addr, port);
	return same(want, buf, (size_t)(ft_put_addr_port(buf, family, addr, port) - buf), shown);
}

/* An IPv6 address whose groups are zero half of the time, so that runs of zeros of every
 * length and place come up, with 0xffff and small groups among the rest. */
static void rnd_ipv6(uint8_t a[16])
{
	for (int g = 0; g < 8; g++) {
		uint64_t r = rnd();
		unsigned v = (r & 1) ? 0 : (r & 2) ? 0xffff : (r & 4) ? (unsigned)(r >> 8) % 16
		           : (unsigned)(r >> 16) & 0xffff;
		a[2 * g] = (uint8_t)(v >> 8);
		a[2 * g + 1] = (uint8_t)v;
	}
}

static void test_addresses(void)
{
	char *buf = malloc(FT_ADDR_MAX);
	int bad = 0, shown = 0;
	static const char *const texts[] = { "::", "::1", "::2", "1::", "1::1", "::ffff:0:0",
		"::ffff:127.0.0.1", "::ffff:0.0.0.0", "::1.2.3.4", "::0.1.2.3", "::ffff:1:2",
		"1:0:0:1:0:0:0:1", "1:0:0:0:1:0:0:1", "0:1:0:1:0:1:0:1", "fe80::1:2:3:4",
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:255.255.255.255", "64:ff9b::1.2.3.4",
		"0:0:1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::fffe:1.2.3.4" };
	uint8_t a[16];
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (inet_pton(AF_INET6, texts[i], a) != 1) {
			bad++;
			printf("#   test text %s does not parse\n", texts[i]);
			continue;
		}
		bad += !check_addr(AF_INET6, a, 65535, buf, &shown);
		bad += !check_addr(AF_INET6, a, 0, buf, &shown);
	}
	for (int i = 0; i < 100000; i++) {
		rnd_ipv6(a);
		bad += !check_addr(AF_INET6, a, (uint16_t)rnd(), buf, &shown);
		uint64_t r = rnd();
		memcpy(a, &r, 4);
		bad += !check_addr(AF_INET, a, (uint16_t)(rnd() >> (rnd() % 16)), buf, &shown);
	}
	memset(a, 0xff, sizeof(a));
	bad += !check_addr(AF_INET, a, 65535, buf, &shown);
	bad += !check_addr(AF_UNIX, a, 1, buf, &shown);
	is_int(bad, 0, "addresses: as format_addr_port for listed and 100000 random v6 and v4 ones");
	free(buf);
}

static bool plain_by_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
			return false;
	}
	return true;
}

/* Every byte value at every place of plain strings of 0-40 bytes (the word loop, the
 * overlapping tails and the short forms), then random strings of mostly plain bytes. */
static void test_plain_ascii(void)
{
	int bad = 0;
	for (size_t n = 1; n <= 40; n++) {
		char *s = malloc(n);
		for (size_t at = 0; at < n; at++)
			for (int b = 0; b < 256; b++) {
				memset(s, 'a' + (int)(n % 26), n);
				s[at] = (char)b;
				if (ft_plain_ascii(s, n) != plain_by_bytes(s, n) && bad++ < 5)
					printf("#   byte 0x%02x at %zu of %zu\n", b, at, n);
			}
		free(s);
	}
	ok(ft_plain_ascii("", 0), "empty text is plain");
	for (int i = 0; i < 100000; i++) {
		size_t n = rnd() % 48;
		char *s = malloc(n ? n : 1);
		for (size_t k = 0; k < n; k++)
			s[k] = (char)(rnd() % 16 ? 0x20 + rnd() % 0x5f : rnd());
		if (ft_plain_ascii(s, n) != plain_by_bytes(s, n) && bad++ < 5)
			printf("#   random string %d differs\n", i);
		free(s);
	}
	is_int(bad, 0, "plain-ASCII test agrees with a byte-by-byte test everywhere");
}

int main(void)
{
	test_decimal();
	test_radix();
	test_addresses();
	test_plain_ascii();
	return tap_done();
}
