/* fast_text.h — text of numbers and socket addresses without printf or inet_ntop, and a
 * word-at-a-time test for plain printable ASCII: the pieces the JSON export and the channel
 * ids run for nearly every value of a snapshot. Each writer stores its bytes at `o` (no NUL) and returns the end;
 * the bytes are exactly those of the printf format (or of format_addr_port) named with it. */
#ifndef IPCTOP_FAST_TEXT_H
#define IPCTOP_FAST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most bytes any writer here stores (a 64-bit octal number with its digits). */
#define FT_NUM_MAX 24
/* Bytes the address writer may store: "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535". */
#define FT_ADDR_MAX 54

/* True if every byte is printable ASCII (0x20-0x7E) other than '"' and '\\': such text is
 * left unchanged by the escaping rule and by JSON quoting. */
bool ft_plain_ascii(const char *s, size_t n);

/* "%llu" of v (1-20 bytes). */
char *ft_put_u64(char *o, uint64_t v);
/* "%0*llx" (bits_per_digit 4) or "%0*llo" (3) of v: at least min_digits digits, lower case. */
char *ft_put_radix(char *o, uint64_t v, unsigned bits_per_digit, int min_digits);
/* "a.b.c.d:port" for AF_INET (address in the first 4 bytes), "[v6 text]:port" for AF_INET6 in
 * the form inet_ntop gives (longest run of two or more zero groups as "::", IPv4-mapped and
 * IPv4-compatible addresses with a dotted tail), "?" for another family. */
char *ft_put_addr_port(char *o, unsigned family, const uint8_t addr[16], uint16_t port);

#endif
