/* test_inet_side.c — which sockets count as TCP/UDP and which TCP states mean "this side has
 * closed", with the state numbers of the C library's <netinet/tcp.h> (the kernel's, as
 * sock_diag reports them) and the TCP state machine of RFC 793: FIN_WAIT1, FIN_WAIT2, CLOSING,
 * TIME_WAIT follow our close; LAST_ACK follows our close after the peer's; CLOSE is closed. */
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "channel/inet_side.h"
#include "../tap.h"

static struct sock_info tcp_in(int state)
{
	return (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = (uint8_t)state };
}

int main(void)
{
	struct sock_info k = { .family = AF_NETLINK, .protocol = NETLINK_XFRM };   /* protocol 6 */
	ok(!sock_is_inet(&k), "a netlink socket whose protocol number is 6 (as TCP's) is not TCP");
	k = (struct sock_info){ .family = AF_INET6, .protocol = IPPROTO_ICMPV6 };
	ok(!sock_is_inet(&k), "an ICMPv6 socket is not TCP/UDP");
	k = (struct sock_info){ .family = AF_INET6, .protocol = IPPROTO_UDP };
	ok(sock_is_inet(&k), "a UDP6 socket is");

	static const struct { int state; bool closing; const char *name; } states[] = {
		{ TCP_ESTABLISHED, false, "ESTABLISHED" }, { TCP_SYN_SENT, false, "SYN_SENT" },
		{ TCP_SYN_RECV, false, "SYN_RECV" }, { TCP_FIN_WAIT1, true, "FIN_WAIT1" },
		{ TCP_FIN_WAIT2, true, "FIN_WAIT2" }, { TCP_TIME_WAIT, true, "TIME_WAIT" },
		{ TCP_CLOSE, true, "CLOSE" }, { TCP_CLOSE_WAIT, false, "CLOSE_WAIT" },
		{ TCP_LAST_ACK, true, "LAST_ACK" }, { TCP_LISTEN, false, "LISTEN" },
		{ TCP_CLOSING, true, "CLOSING" },
	};
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		k = tcp_in(states[i].state);
		ok(tcp_self_closing(&k) == states[i].closing, "TCP %s: %s", states[i].name,
		   states[i].closing ? "this side has closed" : "this side has not closed");
	}
	k = tcp_in(TCP_TIME_WAIT);
	k.protocol = IPPROTO_UDP;
	ok(!tcp_self_closing(&k), "a UDP socket is never a closing TCP one");
	return tap_done();
}
