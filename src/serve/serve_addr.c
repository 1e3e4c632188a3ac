/* serve_addr.c — parse and print the listening address of --serve (see serve_addr.h). */
#include "serve/serve_addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_port(const char *s, in_port_t *port)
{
	unsigned long v = 0;
	if (!*s || strlen(s) > 5)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > 65535)
		return false;
	*port = htons((uint16_t)v);
	return true;
}

static bool parse_v6(const char *arg, struct sockaddr_storage *ss)
{
	const char *close = strchr(arg, ']');
	char host[INET6_ADDRSTRLEN + 1];
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
	size_t n = close ? (size_t)(close - arg - 1) : 0;
	if (!close || close[1] != ':' || n == 0 || n >= sizeof(host))
		return false;
	memcpy(host, arg + 1, n);
	host[n] = '\0';
	a->sin6_family = AF_INET6;
	return inet_pton(AF_INET6, host, &a->sin6_addr) == 1 && parse_port(close + 2, &a->sin6_port);
}

bool serve_parse_addr(const char *arg, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	char host[INET_ADDRSTRLEN + 1];
	memset(ss, 0, sizeof(*ss));
	if (arg[0] == '[')
		return parse_v6(arg, ss);
	a->sin_family = AF_INET;
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg) {   /* "PORT" or ":PORT": loopback only */
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return parse_port(colon ? colon + 1 : arg, &a->sin_port);
	}
	size_t n = (size_t)(colon - arg);
	if (n >= sizeof(host))
		return false;
	memcpy(host, arg, n);
	host[n] = '\0';
	return inet_pton(AF_INET, host, &a->sin_addr) == 1 && parse_port(colon + 1, &a->sin_port);
}

unsigned serve_addr_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return ntohs(((const struct sockaddr_in *)ss)->sin_port);
}

void serve_format_addr(const struct sockaddr_storage *ss, unsigned port, char *out, size_t n)
{
	char host[INET6_ADDRSTRLEN] = "?";
	if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, host, sizeof(host));
		snprintf(out, n, "[%s]:%u", host, port);
		return;
	}
	inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, host, sizeof(host));
	snprintf(out, n, "%s:%u", host, port);
}
