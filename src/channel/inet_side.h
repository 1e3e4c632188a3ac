/* inet_side.h — the pieces the TCP/UDP resolver matches sockets by: one side of a connection
 * (address and port, IPv4-mapped IPv6 folded to IPv4), the TCP states that say a side has
 * closed, and an index of a namespace's sockets by their tuples and bound addresses. */
#ifndef IPCTOP_INET_SIDE_H
#define IPCTOP_INET_SIDE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "util/u64map.h"

struct side { uint8_t addr[16]; uint16_t port; bool v4; };

struct side inet_local(const struct sock_info *k);
struct side inet_remote(const struct sock_info *k);
uint64_t side_hash(const struct side *sd);
int side_cmp(const struct side *x, const struct side *y);
bool side_is_loopback(const struct side *sd);

/* The id of the connection k is one side of, "tcp:[netnsN:]A-B" (or "udp:"), A the lower side
 * by side_cmp (address bytes, IPv4 before IPv6, then port): both ends, whichever is read
 * first, give the same id. netns 0 leaves the namespace part out. In a's memory. */
char *inet_conn_id(struct arena *a, const struct sock_info *k, uint64_t netns);

/* TCP or UDP over IPv4/IPv6. */
bool sock_is_inet(const struct sock_info *k);
/* A TCP socket in LISTEN. */
bool inet_is_listener(const struct sock_info *k);
/* A UDP socket bound to a port and connected to nothing. */
bool inet_is_udp_bound(const struct sock_info *k);
/* Connected: TCP other than LISTEN, or UDP with a remote port. */
bool inet_is_connection(const struct sock_info *k);
/* TCP states after this side got the peer's FIN (CLOSE_WAIT, LAST_ACK, CLOSING, CLOSE). */
bool tcp_peer_finished(const struct sock_info *k);
/* TCP states of a side that has closed (FIN_WAIT1/2, TIME_WAIT, LAST_ACK, CLOSING, CLOSE). */
bool tcp_self_closing(const struct sock_info *k);
/* Payload bytes k sent and got acked, and received, without the SYN and FIN the kernel's
 * counters include (0 without tcp_info); inet_payload_bytes is their sum. */
uint64_t inet_tx_bytes(const struct sock_info *k);
uint64_t inet_rx_bytes(const struct sock_info *k);
uint64_t inet_payload_bytes(const struct sock_info *k);

/* The TCP and UDP sockets of a snapshot by tuple and by bound address, and which of them some
 * process holds. */
struct inet_index {
	const struct snapshot *s;
	struct u64map by_tuple;   /* (netns, proto, local, remote) -> sock */
	struct u64map by_bound;   /* (netns, proto, local) of listeners and bound UDP -> sock */
	uint8_t *held;            /* per sock: some visible descriptor holds it */
};

void inet_index_init(struct inet_index *ix, const struct snapshot *s);
void inet_index_free(struct inet_index *ix);
/* The socket whose tuple is k's reversed (its peer in k's namespace), or -1. */
int32_t inet_find_peer(const struct inet_index *ix, const struct sock_info *k);
/* The listener (TCP) or bound unconnected socket (UDP) that accepts at side at of proto in
 * netns, exact address first, then the IPv4 and IPv6 wildcards; or -1. */
int32_t inet_find_bound(const struct inet_index *ix, uint64_t netns, uint8_t proto, const struct side *at);

#endif
