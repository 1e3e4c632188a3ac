/* test_serve_addr.c — the ADDR:PORT forms of --serve: PORT and :PORT on loopback only, IPv4,
 * bracketed IPv6, port bounds, and everything else refused (names, missing parts, signs). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "serve/serve_addr.h"
#include "../tap.h"

/* arg parses, and prints back as want (address and port as the kernel would bind them). */
static void good(const char *arg, const char *want)
{
	struct sockaddr_storage ss;
	char out[80] = "";
	bool parsed = serve_parse_addr(arg, &ss);
	if (parsed)
		serve_format_addr(&ss, serve_addr_port(&ss), out, sizeof(out));
	ok(parsed && !strcmp(out, want), "'%s' is %s (got %s)", arg, want, parsed ? out : "an error");
}

static void bad(const char *arg)
{
	struct sockaddr_storage ss;
	ok(!serve_parse_addr(arg, &ss), "'%s' is refused", arg);
}

int main(void)
{
	good("9900", "127.0.0.1:9900");
	good(":9900", "127.0.0.1:9900");
	good("0", "127.0.0.1:0");
	good("0.0.0.0:65535", "0.0.0.0:65535");
	good("10.1.2.3:80", "10.1.2.3:80");
	good("[::1]:9900", "[::1]:9900");
	good("[::]:1", "[::]:1");
	const char *refused[] = { "", ":", "x", "65536", "99999999", "-1", "+80", " 80", "80 ",
		"1.2.3:80", "1.2.3.4:", "1.2.3.4:x", "localhost:80", "::1:80", "[::1]", "[::1]80",
		"[]:80", "[::1]:", "[1.2.3.4]:80", "1.2.3.4:80:90" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		bad(refused[i]);
	struct sockaddr_storage ss;
	ok(serve_parse_addr("9900", &ss) && ss.ss_family == AF_INET &&
	   ((struct sockaddr_in *)&ss)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	   "a port alone binds IPv4 loopback");
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
