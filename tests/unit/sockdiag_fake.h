/* sockdiag_fake.h — a scripted stand-in for the kernel's NETLINK_SOCK_DIAG socket, swapped in
 * through sockdiag_io_swap(). A script is a list of answers, one per request the collector is
 * to send, in order; each answer is a list of datagrams (built with libmnl) or receive errors.
 * The fake records every request and notes what went off script. One fake per process. */
#ifndef IPCTOP_SOCKDIAG_FAKE_H
#define IPCTOP_SOCKDIAG_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FAKE_PORTID = 4242 };

/* A request the collector sent, as the fake read it. */
struct fake_req {
	uint16_t type, flags;
	uint8_t family, protocol;   /* first two bytes of the request header */
	uint32_t ino;               /* UNIX requests: udiag_ino (a lookup) */
};

/* Empty script, fake in place of the real socket (fake_end puts the real one back). */
void fake_begin(void);
void fake_end(void);
/* open (each connection) or send fails with -err from now on (0: succeeds again). */
void fake_fail_open(int err);
void fake_fail_send(int err);

/* The answer to the next request, which must be of this type, family and protocol (for
 * TCPDIAG_GETSOCK, whose header starts differently, family and protocol are not checked). */
void fake_answer(uint16_t type, uint8_t family, uint8_t protocol);
/* Start the answer's next datagram (the first is started by the first message put, and one
 * after a receive error likewise). */
void fake_dgram(void);
/* Messages appended to the current datagram, a socket's of the type its request had (as the
 * kernel answers); seq is filled in when it is delivered. */
void fake_put_unix(uint32_t ino, uint32_t peer, const char *name);
void fake_put_inet(uint8_t family, uint32_t ino, uint16_t sport);
void fake_put_netlink(uint32_t ino, uint32_t portid);
void fake_put_done(void);
void fake_put_error(int err);   /* NLMSG_ERROR carrying -err (0: an acknowledgement) */
void fake_put_raw(const void *bytes, size_t len);   /* as is: for malformed ones */
/* Change the last message put: its flags are ORed with flags; its seq or portid set. */
void fake_last_flags(uint16_t flags);
void fake_last_seq(uint32_t seq);
void fake_last_portid(uint32_t portid);
/* A receive that fails with -err, in place of a datagram. */
void fake_recv_error(int err);

/* What happened. */
size_t fake_n_requests(void);
const struct fake_req *fake_request(size_t i);
/* NULL when every request matched its answer and every datagram was read, and nothing was
 * read beyond the script; else what went wrong first. */
const char *fake_problem(void);

#endif
