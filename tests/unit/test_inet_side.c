/* test_inet_side.c — which sockets count as TCP/UDP and which TCP states mean "this side has
 * closed", with the state numbers of the C library's <netinet/tcp.h> (the kernel's, as
 * sock_diag reports them) and the TCP state machine of RFC 793: FIN_WAIT1, FIN_WAIT2, CLOSING,
 * TIME_WAIT follow our close; LAST_ACK follows our close after the peer's; CLOSE is closed.
 * The index of bound sockets holds hashes: a hit is checked against the socket itself, so
 * that a UDP socket of another namespace whose (namespace, protocol) hash collides with the
 * one looked for (a collision built by inverting the hash) is not taken for a TCP listener. */
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "channel/inet_side.h"
#include "model/snapshot.h"
#include "util/u64map.h"
#include "../tap.h"

static struct sock_info tcp_in(int state)
{
	return (struct sock_info){ .family = AF_INET, .protocol = IPPROTO_TCP, .state = (uint8_t)state };
}

/* The inverse of the 64-bit finalizer u64_mix applies last (x ^= x >> 33; x *= M1; ...;
 * murmur3's fmix64); the inverses of its odd multipliers mod 2^64 by Newton's iteration. */
static uint64_t mul_inverse(uint64_t a)
{
	uint64_t x = a;   /* right in 3 bits for odd a; each step doubles them */
	for (int i = 0; i < 5; i++)
		x *= 2 - a * x;
	return x;
}

static uint64_t unmix(uint64_t x)
{
	x ^= x >> 33;
	x *= mul_inverse(0xc4ceb9fe1a85ec53ULL);
	x ^= x >> 33;
	x *= mul_inverse(0xff51afd7ed558ccdULL);
	x ^= x >> 33;
	return x;
}

/* u64_mix(a, b) = f(a ^ g(b)) with f invertible: u64_mix(0, b) gives g(b) through f's inverse,
 * and namespace n ^ g(TCP) ^ g(UDP) with UDP mixes as n with TCP. A UDP socket bound at
 * 0.0.0.0:5000 in that namespace, a TCP listener looked for at the same place in n: none. */
static void test_bound_collision(void)
{
	uint64_t n = 0x1234, other = n ^ unmix(u64_mix(0, IPPROTO_TCP)) ^ unmix(u64_mix(0, IPPROTO_UDP));
	ok(other != n && u64_mix(n, IPPROTO_TCP) == u64_mix(other, IPPROTO_UDP),
	   "(namespace %#llx, TCP) and (%#llx, UDP) hash alike", (unsigned long long)n,
	   (unsigned long long)other);
	struct sock_info udp = { .family = AF_INET, .protocol = IPPROTO_UDP, .netns = other, .lport = 5000 };
	struct snapshot s;
	snapshot_init(&s);
	s.socks = &udp;
	s.n_socks = 1;
	struct inet_index ix;
	inet_index_init(&ix, &s);
	struct side at = inet_local(&udp);
	is_int(inet_find_bound(&ix, other, IPPROTO_UDP, &at), 0, "the UDP socket is found as itself");
	is_int(inet_find_bound(&ix, n, IPPROTO_TCP, &at), -1,
	       "a TCP listener at the same place in the colliding namespace: none");
	inet_index_free(&ix);
	/* a socket bound at one IPv4 address, the snapshot's first: found at that address */
	struct sock_info lo = { .family = AF_INET, .protocol = IPPROTO_TCP, .netns = n, .lport = 5001,
	                        .state = TCP_LISTEN, .laddr = { 127, 0, 0, 1 } };
	s.socks = &lo;
	inet_index_init(&ix, &s);
	at = inet_local(&lo);
	is_int(inet_find_bound(&ix, n, IPPROTO_TCP, &at), 0,
	       "a listener at 127.0.0.1:5001, the first socket, is found at its own address");
	inet_index_free(&ix);
	s.socks = NULL;
	s.n_socks = 0;
	snapshot_free(&s);
}

int main(void)
{
	test_bound_collision();
	struct sock_info k = { .family = AF_NETLINK, .protocol = NETLINK_XFRM };   /* protocol 6 */
	ok(!sock_is_inet(&k), "a netlink socket whose protocol number is 6 (as TCP's) is not TCP");
	k = (struct sock_info){ .family = AF_INET6, .protocol = IPPROTO_ICMPV6 };
	ok(!sock_is_inet(&k), "an ICMPv6 socket is not TCP/UDP");
	k = (struct sock_info){ .family = AF_INET6, .protocol = IPPROTO_UDP };
	ok(sock_is_inet(&k), "a UDP6 socket is");

	/* closing: this side sent its FIN (or is gone); finished: the peer's FIN came (RFC 793) */
	static const struct { int state; bool closing, finished; const char *name; } states[] = {
		{ TCP_ESTABLISHED, false, false, "ESTABLISHED" },
		{ TCP_SYN_SENT, false, false, "SYN_SENT" }, { TCP_SYN_RECV, false, false, "SYN_RECV" },
		{ TCP_FIN_WAIT1, true, false, "FIN_WAIT1" }, { TCP_FIN_WAIT2, true, false, "FIN_WAIT2" },
		{ TCP_TIME_WAIT, true, true, "TIME_WAIT" }, { TCP_CLOSE, true, true, "CLOSE" },
		{ TCP_CLOSE_WAIT, false, true, "CLOSE_WAIT" }, { TCP_LAST_ACK, true, true, "LAST_ACK" },
		{ TCP_LISTEN, false, false, "LISTEN" }, { TCP_CLOSING, true, true, "CLOSING" },
	};
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		k = tcp_in(states[i].state);
		ok(tcp_self_closing(&k) == states[i].closing, "TCP %s: %s", states[i].name,
		   states[i].closing ? "this side has closed" : "this side has not closed");
		ok(tcp_peer_finished(&k) == states[i].finished, "TCP %s: %s", states[i].name,
		   states[i].finished ? "the peer has closed" : "the peer has not closed");
	}
	k = tcp_in(TCP_CLOSE_WAIT);
	k.protocol = IPPROTO_UDP;
	ok(!tcp_peer_finished(&k), "a UDP socket's peer never finished a TCP close");
	k = tcp_in(TCP_TIME_WAIT);
	k.protocol = IPPROTO_UDP;
	ok(!tcp_self_closing(&k), "a UDP socket is never a closing TCP one");
	/* bytes_received counts the peer's FIN once it came (CLOSE_WAIT): one less is payload;
	 * a peer that sent nothing but its FIN counts 1, and one whose count is 0 stays 0 */
	k = tcp_in(TCP_CLOSE_WAIT);
	k.has_tcp_info = true;
	k.bytes_received = 11;
	ok(inet_rx_bytes(&k) == 10, "CLOSE_WAIT, 11 received: 10 bytes of payload (%llu)",
	   (unsigned long long)inet_rx_bytes(&k));
	k.bytes_received = 0;
	ok(inet_rx_bytes(&k) == 0, "CLOSE_WAIT, 0 received: 0, not one less (%llu)",
	   (unsigned long long)inet_rx_bytes(&k));
	return tap_done();
}
