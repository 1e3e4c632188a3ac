/* test_sock_describe.c — every kind of socket in the words the issue asks for, as ss writes
 * them: tcp and udp by name, unix stream/dgram/seqpacket, netlink by the NETLINK_* constant of
 * the kernel's own header (linux/netlink.h, the oracle for the numbers); an abstract UNIX name
 * as "@name", an unbound one "unnamed"; state and queues; a listener's pending connections and
 * backlog; an unconnected UDP or UNIX datagram socket says so; the buffers' limits where the
 * kernel gave them (sock_diag's meminfo), "?" where not. */
#include <linux/netlink.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "model/sock_describe.h"
#include "../tap.h"

static void says(const struct sock_info *sk, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	sock_describe(&sb, sk, "->");
	ok(strcmp(sb_str(&sb), want) == 0, "%s: %s", what, want);
	if (strcmp(sb_str(&sb), want) != 0)
		printf("# got: %s\n", sb_str(&sb));
	sb_free(&sb);
}

static void test_netlink(void)
{
	static const struct { unsigned proto; const char *word; } nl[] = {
		{ NETLINK_ROUTE, "netlink/route" }, { NETLINK_SOCK_DIAG, "netlink/sock_diag" },
		{ NETLINK_AUDIT, "netlink/audit" }, { NETLINK_KOBJECT_UEVENT, "netlink/kobject_uevent" },
		{ NETLINK_GENERIC, "netlink/generic" }, { NETLINK_NETFILTER, "netlink/netfilter" },
		{ NETLINK_CRYPTO, "netlink/crypto" }, { NETLINK_XFRM, "netlink/xfrm" },
	};
	for (size_t i = 0; i < sizeof nl / sizeof nl[0]; i++) {
		struct sock_info sk = { .family = AF_NETLINK, .type = SOCK_RAW, .protocol = nl[i].proto };
		char buf[32];
		ok(strcmp(sock_proto_word(buf, sizeof buf, &sk), nl[i].word) == 0, "protocol %u is %s",
		   nl[i].proto, nl[i].word);
	}
	struct sock_info sk = { .family = AF_NETLINK, .type = SOCK_RAW, .protocol = NETLINK_ROUTE,
				.portid = 4242, .rqueue = 3 };
	says(&sk, "netlink/route portid 4242 unconnected, rq 3 wq 0", "a route socket");
}

static void test_unix(void)
{
	struct sock_info sk = { .family = AF_UNIX, .type = SOCK_STREAM, .state = 10, .rqueue = 1,
				.wqueue = 128, .name = "\0ipctop-abs", .name_len = 11 };
	says(&sk, "unix stream listen @ipctop-abs, pending 1 of backlog 128", "an abstract listener");
	sk = (struct sock_info){ .family = AF_UNIX, .type = SOCK_DGRAM, .state = 7 };
	says(&sk, "unix dgram unnamed unconnected, rq 0 wq 0 (buffers ?)", "an unbound datagram socket with no peer");
	sk = (struct sock_info){ .family = AF_UNIX, .type = SOCK_DGRAM, .state = 1, .peer = 99 };
	says(&sk, "unix dgram unnamed, peer socket 99 connected, rq 0 wq 0 (buffers ?)", "a connected datagram socket");
	sk = (struct sock_info){ .family = AF_UNIX, .type = SOCK_SEQPACKET, .state = 1, .peer = 7,
				 .name = "/run/x.sock", .name_len = 11 };
	says(&sk, "unix seqpacket /run/x.sock, peer socket 7 established, rq 0 wq 0 (buffers ?)", "a seqpacket end");
}

static void test_inet(void)
{
	struct sock_info sk = { .family = AF_INET, .type = SOCK_DGRAM, .protocol = IPPROTO_UDP,
				.state = 7, .lport = 19500, .rqueue = 832 };
	memcpy(sk.laddr, "\x7f\0\0\x01", 4);
	says(&sk, "udp 127.0.0.1:19500 unconnected, rq 832 wq 0 (buffers ?)", "a bound, unconnected UDP server");
	sk = (struct sock_info){ .family = AF_INET6, .type = SOCK_STREAM, .protocol = IPPROTO_TCP,
				 .state = 8, .lport = 40001, .rport = 19600 };
	sk.laddr[15] = sk.raddr[15] = 1;
	sk.has_mem = true;
	sk.rcvbuf = 131072;
	sk.sndbuf = 16384;
	says(&sk, "tcp [::1]:40001 -> [::1]:19600 close_wait, rq 0 wq 0 (buffers rcv 131072 snd 16384)",
	     "a half-closed TCP client");
}

int main(void)
{
	test_netlink();
	test_unix();
	test_inet();
	return tap_done();
}
