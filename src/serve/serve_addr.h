/* serve_addr.h — the ADDR:PORT of --serve: "PORT" or ":PORT" (on 127.0.0.1), "A.B.C.D:PORT",
 * "[IPv6]:PORT"; numeric addresses only (no name lookups), port 0 to 65535 (0: any free one). */
#ifndef IPCTOP_SERVE_ADDR_H
#define IPCTOP_SERVE_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Parse arg into ss; false when it is none of the forms above. */
bool serve_parse_addr(const char *arg, struct sockaddr_storage *ss);
/* The port of ss (host byte order). */
unsigned serve_addr_port(const struct sockaddr_storage *ss);
/* "127.0.0.1:9100" or "[::1]:9100" of ss with the given port, in out (NUL-terminated). */
void serve_format_addr(const struct sockaddr_storage *ss, unsigned port, char *out, size_t n);

#endif
