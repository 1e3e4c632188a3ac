/* fast_text.c — numbers, addresses and the plain-ASCII test without printf (see fast_text.h). */
#include "util/fast_text.h"

#include <string.h>
#include <sys/socket.h>

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Nonzero if some byte of x is below n (n <= 0x80). */
static inline uint64_t byte_below(uint64_t x, unsigned n)
{
	return (x - ONES * n) & ~x & HIGHS;
}

/* Nonzero if some byte of x equals c. */
static inline uint64_t byte_is(uint64_t x, unsigned char c)
{
	return byte_below(x ^ (ONES * c), 1);
}

/* Nonzero if some byte of x is 0x7F or above (adding 1 sets its high bit, or it was set). */
static inline uint64_t byte_above_tilde(uint64_t x)
{
	return ((x + ONES) | x) & HIGHS;
}

static inline bool plain_byte(unsigned char c)
{
	return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
}

/* No byte of the 8 in x needs an escape. */
static inline bool plain_word(uint64_t x)
{
	return !(byte_below(x, 0x20) | byte_above_tilde(x) | byte_is(x, '"') | byte_is(x, '\\'));
}

static inline uint64_t load64(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	return x;
}

static inline uint64_t load32(const char *s)
{
	uint32_t x;
	memcpy(&x, s, 4);
	return x;
}

bool ft_plain_ascii(const char *s, size_t n)
{
	if (n >= 8) {    /* whole words, then the last 8 bytes (overlapping) for the tail */
		for (size_t i = 0; i + 8 <= n; i += 8)
			if (!plain_word(load64(s + i)))
				return false;
		return (n & 7) == 0 || plain_word(load64(s + n - 8));
	}
	if (n >= 4)      /* first and last 4 bytes (overlapping) side by side in one word */
		return plain_word(load32(s) | load32(s + n - 4) << 32);
	for (size_t i = 0; i < n; i++)
		if (!plain_byte((unsigned char)s[i]))
			return false;
	return true;
}

static const char digit_pairs[] =
	"00010203040506070809" "10111213141516171819" "20212223242526272829"
	"30313233343536373839" "40414243444546474849" "50515253545556575859"
	"60616263646566676869" "70717273747576777879" "80818283848586878889"
	"90919293949596979899";

static const uint64_t powers_of_10[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
	100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
	10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
};

/* Number of decimal digits of v: bits * log10(2) (1233 / 4096) is the count or one less. */
static size_t dec_len(uint64_t v)
{
	if (v < 10)
		return 1;
	unsigned bits = 64 - (unsigned)__builtin_clzll(v);
	size_t n = (bits * 1233) >> 12;
	return n + (v >= powers_of_10[n]);
}

char *ft_put_u64(char *o, uint64_t v)
{
	char *end = o + dec_len(v), *p = end;
	while (v >= 100) {
		unsigned pair = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * pair, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	return end;
}

char *ft_put_radix(char *o, uint64_t v, unsigned bits_per_digit, int min_digits)
{
	static const char digits[] = "0123456789abcdef";
	unsigned max_digits = (64 + bits_per_digit - 1) / bits_per_digit;
	unsigned n = 1;
	while (n < max_digits && (v >> (bits_per_digit * n)) != 0)
		n++;
	if (min_digits > (int)n)
		n = (unsigned)min_digits < max_digits ? (unsigned)min_digits : max_digits;
	uint64_t mask = (1u << bits_per_digit) - 1;
	for (unsigned i = n; i-- > 0;) {
		o[i] = digits[v & mask];
		v >>= bits_per_digit;
	}
	return o + n;
}

static char *put_ipv4(char *o, const uint8_t a[4])
{
	for (int i = 0; i < 4; i++) {
		if (i)
			*o++ = '.';
		o = ft_put_u64(o, a[i]);
	}
	return o;
}

/* The longest run of two or more zero groups (the first of equal ones): *start, or -1. */
static int longest_zero_run(const unsigned g[8], int *len)
{
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	*len = best_len;
	return best_len >= 2 ? best : -1;
}

static char *put_ipv6(char *o, const uint8_t a[16])
{
	unsigned g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	int run_len;
	int run = longest_zero_run(g, &run_len);
	if (run == 0 && (run_len == 6 || (run_len == 5 && g[5] == 0xffff))) {
		/* ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped) */
		memcpy(o, "::ffff:", 7);
		o += run_len == 5 ? 7 : 2;
		return put_ipv4(o, a + 12);
	}
	for (int i = 0; i < 8; i++) {
		if (run >= 0 && i >= run && i < run + run_len) {
			if (i == run)
				*o++ = ':';
			continue;
		}
		if (i)
			*o++ = ':';
		o = ft_put_radix(o, g[i], 4, 1);
	}
	if (run >= 0 && run + run_len == 8)
		*o++ = ':';
	return o;
}

char *ft_put_addr_port(char *o, unsigned family, const uint8_t addr[16], uint16_t port)
{
	if (family == AF_INET) {
		o = put_ipv4(o, addr);
	} else if (family == AF_INET6) {
		*o++ = '[';
		o = put_ipv6(o, addr);
		*o++ = ']';
	} else {
		*o++ = '?';
		return o;
	}
	*o++ = ':';
	return ft_put_u64(o, port);
}
