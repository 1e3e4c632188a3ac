/* format_addr.h — socket addresses and names of the model as text, for channels, JSON, DOT and the TUI. */
#ifndef IPCTOP_FORMAT_ADDR_H
#define IPCTOP_FORMAT_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

/* Enough for "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535". */
#define ADDR_PORT_MAX 56

/* "127.0.0.1:80" for AF_INET (address in the first 4 bytes), "[::1]:80" for AF_INET6,
 * "?" for another family. Returns buf. */
char *format_addr_port(char *buf, size_t size, unsigned family, const uint8_t addr[16],
                       uint16_t port);
/* Local or remote address of an INET socket. */
char *format_sock_local(char *buf, size_t size, const struct sock_info *sk);
char *format_sock_remote(char *buf, size_t size, const struct sock_info *sk);

/* Append the shown form of a UNIX socket name (raw bytes, name_len long) by the escaping
 * rule: an abstract name (first byte NUL) is "@" followed by the rest escaped; a path name is
 * escaped, and a path that itself starts with "@" shows it as "\x40" so the two never meet. */
void format_unix_name(struct strbuf *sb, const char *name, size_t name_len);
/* Append the shown form of a channel's label: a UNIX socket's name by format_unix_name, any
 * other label escaped by the rule; nothing when it has none. Returns false for no label. */
bool format_chan_label(struct strbuf *sb, const struct snapshot *s, const struct channel *ch);

#endif
