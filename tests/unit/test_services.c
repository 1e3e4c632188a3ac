/* test_services.c — the port-name table (model/services.h): /etc/services-form text with
 * comments, aliases and malformed lines; the first name of a port wins; the ephemeral range
 * has no names; the machine's /etc/services against the C library's getservbyport; and the
 * socket decode naming a port only while names are shown (services_set_shown), by number at
 * first. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/services.h"
#include "model/sock_describe.h"
#include "../tap.h"

static const char sample[] =
	"# Network services, Internet style\n"
	"\n"
	"ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol\n"
	"domain\t\t53/tcp\n"
	"domain\t\t53/udp\n"
	"postgresql\t5432/tcp\tpostgres\n"
	"postgres-dup\t5432/tcp\n"
	"http-alt\t8080/tcp\twebcache\n"
	"broken 22tcp\n"
	"zero 0/tcp\n"
	"huge 70000/tcp\n"
	"sctp-only 9999/sctp\n"
	"noport /tcp\n"
	"   \t# only a comment\n"
	"fido\t\t60179/tcp\n"
	"lastline 9000/udp";   /* no final newline */

static void test_sample(void)
{
	is_int((long)services_parse(sample, strlen(sample)), 7,
	       "7 entries kept (the duplicate and 5 malformed lines dropped; 60179 kept, not named)");
	ok(service_name(22, false) && !strcmp(service_name(22, false), "ssh"), "22/tcp ssh");
	ok(!service_name(22, true), "22/udp: none");
	ok(service_name(53, true) && !strcmp(service_name(53, true), "domain"), "53/udp domain");
	ok(service_name(5432, false) && !strcmp(service_name(5432, false), "postgresql"),
	   "5432/tcp: the first name, not its alias or a later line");
	ok(!service_name(70000 & 0xffff, false), "a port above 65535 is not kept modulo 65536");
	ok(!service_name(9999, false) && !service_name(9999, true), "sctp lines skipped");
	ok(!service_name(60179, false), "a port of the ephemeral range gets no name");
	ok(service_name(9000, true) && !strcmp(service_name(9000, true), "lastline"), "last line without newline");
	is_int((long)services_parse(sample, 47), 1, "cut after \"ssh 22/tcp\": one entry");
	is_int((long)services_parse(sample, 45), 0, "cut inside \"22/tcp\": none (len bounds the text)");
	services_clear();
	ok(!service_name(22, false), "cleared: no names");
	is_int((long)services_parse(NULL, 0), 0, "no text: empty table");
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Every port outside the ephemeral range: our name is getservbyport's (the first line of the
 * port in /etc/services; the C library reads the same file through nsswitch "files"). */
static void test_against_libc(void)
{
	size_t len;
	char *text = read_all("/etc/services", &len);
	if (!text) {
		skip(2, "no /etc/services on this machine");
		return;
	}
	size_t kept = services_parse(text, len);
	ok(kept > 50, "/etc/services: %zu entries", kept);
	int wrong = 0, named = 0;
	for (unsigned port = 1; port <= 65535; port++) {
		if (port >= 32768 && port <= 60999)
			continue;
		for (int udp = 0; udp < 2; udp++) {
			struct servent *se = getservbyport(htons((uint16_t)port), udp ? "udp" : "tcp");
			const char *ours = service_name((uint16_t)port, udp);
			named += ours != NULL;
			if ((se == NULL) != (ours == NULL) || (se && strcmp(se->s_name, ours))) {
				if (wrong++ < 5)
					printf("# port %u/%s: libc %s, ours %s\n", port, udp ? "udp" : "tcp",
					     se ? se->s_name : "(none)", ours ? ours : "(none)");
			}
		}
	}
	endservent();
	is_int(wrong, 0, "every port's name as getservbyport gives it (%d named)", named);
	free(text);
}

/* The decode gives ports by number at first; once names are shown it names a listener's port
 * as getservbyport does, and not an ephemeral client port; hidden again, numbers only. */
static void test_describe(void)
{
	struct servent *se = getservbyport(htons(5432), "tcp");
	if (!se) {
		skip(3, "5432/tcp has no name here");
		return;
	}
	char named[64];
	const char *plain = "tcp 127.0.0.1:40000 -> 127.0.0.1:5432 established";
	snprintf(named, sizeof named, "127.0.0.1:40000 -> 127.0.0.1:5432 (%s) established", se->s_name);
	struct sock_info sk = { .family = AF_INET, .type = SOCK_STREAM, .protocol = IPPROTO_TCP,
				.state = 1, .lport = 40000, .rport = 5432 };
	memcpy(sk.laddr, "\x7f\0\0\x01", 4);
	memcpy(sk.raddr, "\x7f\0\0\x01", 4);
	const char *want[3] = { plain, named, plain };
	const char *what[3] = { "at first, by number", "names shown", "names hidden again" };
	for (int i = 0; i < 3; i++) {
		if (i > 0)
			services_set_shown(i == 1);
		struct strbuf sb = STRBUF_INIT;
		sock_describe(&sb, &sk, "->");
		ok(strstr(sb_str(&sb), want[i]) != NULL, "decode %s: %s", what[i], want[i]);
		if (!strstr(sb_str(&sb), want[i]))
			printf("# got: %s\n", sb_str(&sb));
		sb_free(&sb);
	}
}

int main(void)
{
	test_sample();
	test_against_libc();
	test_describe();
	services_clear();
	return tap_done();
}
