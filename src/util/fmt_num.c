/* fmt_num.c — decimal, hexadecimal and IPv4 text without printf (see fmt_num.h). */
#include "util/fmt_num.h"

#include <string.h>

/* "00" "01" ... "99": two digits per division. */
static const char two_digits[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

size_t fmt_u64(char *buf, uint64_t v)
{
	char tmp[FMT_NUM_MAX];
	char *p = tmp + sizeof(tmp);
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, two_digits + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, two_digits + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	size_t n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

size_t fmt_i64(char *buf, int64_t v)
{
	if (v >= 0)
		return fmt_u64(buf, (uint64_t)v);
	buf[0] = '-';
	/* the magnitude in unsigned arithmetic, so INT64_MIN does not overflow */
	return 1 + fmt_u64(buf + 1, 0 - (uint64_t)v);
}

size_t fmt_hex(char *buf, uint64_t v, unsigned min_digits)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	size_t n = 0;
	do {
		tmp[n++] = digits[v & 15];
		v >>= 4;
	} while (v);
	while (n < min_digits && n < sizeof(tmp))
		tmp[n++] = '0';
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

/* One byte in decimal, no leading zeros. */
static char *put_byte(char *p, unsigned b)
{
	if (b >= 100) {
		*p++ = (char)('0' + b / 100);
		b %= 100;
		*p++ = (char)('0' + b / 10);
	} else if (b >= 10) {
		*p++ = (char)('0' + b / 10);
	}
	*p++ = (char)('0' + b % 10);
	return p;
}

size_t fmt_ipv4(char *buf, const uint8_t addr[4])
{
	char *p = buf;
	for (int i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p = put_byte(p, addr[i]);
	}
	*p = '\0';
	return (size_t)(p - buf);
}
