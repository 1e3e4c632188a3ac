/* fmt_num.h — numbers as text without printf, for text built many times per refresh (channel
 * ids): decimal, hexadecimal and dotted-quad IPv4. Each function writes the digits and a NUL
 * into buf (which must hold the stated maximum) and returns the length without the NUL. The
 * text is exactly what printf's %llu, %lld, %0*llx and inet_ntop(AF_INET) give. */
#ifndef IPCTOP_FMT_NUM_H
#define IPCTOP_FMT_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Room for any result below, NUL included: "-9223372036854775808", "18446744073709551615". */
#define FMT_NUM_MAX 21
/* Room for "255.255.255.255" and the NUL. */
#define FMT_IPV4_MAX 16

/* Decimal, like %llu. */
size_t fmt_u64(char *buf, uint64_t v);
/* Decimal with a leading '-' when negative, like %lld. */
size_t fmt_i64(char *buf, int64_t v);
/* Lowercase hexadecimal, zero-padded to min_digits (at most 16), like %0*llx; no "0x". */
size_t fmt_hex(char *buf, uint64_t v, unsigned min_digits);
/* "a.b.c.d" of the four bytes at addr (network order), like inet_ntop(AF_INET). */
size_t fmt_ipv4(char *buf, const uint8_t addr[4]);

#endif
