/* services.h — service names of ports, from text in the form of /etc/services ("postgresql
 * 5432/tcp"), for the socket decode ("tcp 127.0.0.1:5432 (postgresql)") on request: ports by
 * number unless the user asks for names (the TUI's N key, --services), as ss -r. The table
 * lives here, below the screens and exports; a collector loads it once (collect_services_load). */
#ifndef IPCTOP_SERVICES_H
#define IPCTOP_SERVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Replace the table by the entries of text (len bytes): "NAME PORT/tcp|udp [ALIASES] [# ...]";
 * comments, blank lines and malformed lines (no slash, port 0 or above 65535, another
 * protocol) are skipped; for a port and protocol named twice the first name counts, as in
 * getservbyport. Returns the number of entries kept. Not thread-safe: call it before readers
 * run (the collector does so once, under pthread_once). */
size_t services_parse(const char *text, size_t len);
/* Drop the table. */
void services_clear(void);
/* The service name of port for TCP (udp false) or UDP, or NULL: none, or a port of the
 * ephemeral range 32768-60999 (there a name is a coincidence: such a port is a client's). */
const char *service_name(uint16_t port, bool udp);
/* Whether the screens name ports (off at first: numbers only). */
void services_set_shown(bool on);
bool services_shown(void);
/* service_name while names are shown, else NULL: what every screen's socket words use. */
const char *service_word(uint16_t port, bool udp);

#endif
