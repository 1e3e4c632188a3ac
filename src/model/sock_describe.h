/* sock_describe.h — a socket in the words `ss` uses: protocol and type, local and remote
 * address or UNIX name, state, queues, a listener's backlog and pending connections. Shared by the IPC tab, the channel table and the graph's edge line. */
#ifndef IPCTOP_SOCK_DESCRIBE_H
#define IPCTOP_SOCK_DESCRIBE_H

#include "model/snapshot.h"
#include "util/strbuf.h"

/* "tcp", "udp", "unix stream", "unix dgram", "netlink/route", "raw"...: what ss's first
 * column says, with the UNIX type spelled out. Returns buf. */
const char *sock_proto_word(char *buf, size_t size, const struct sock_info *sk);
/* Append "tcp 127.0.0.1:40000 ARROW 127.0.0.1:5432 (postgresql) established, rq 0 wq 0
 * (buffers rcv 131072 snd 16384)" (a port's service name, when shown, from model/services.h;
 * the buffers' limits of a TCP, UDP or UNIX socket, "(buffers ?)" where unknown); for a listener
 * "tcp listen 127.0.0.1:5432, pending 0 of backlog 128"; UNIX names escaped ("@abstract", a
 * path, or "unnamed"). No byte counts: the socket's own include SYN and FIN. */
void sock_describe(struct strbuf *sb, const struct sock_info *sk, const char *arrow);
/* The same without the protocol word nor the buffers (the graph's one status line keeps to the
 * queues): " listen 127.0.0.1:5432, pending 0 of backlog 128",
 * " 127.0.0.1:40000 ARROW 127.0.0.1:5432 (postgresql) established, rq 0 wq 0". */
void sock_describe_rest(struct strbuf *sb, const struct sock_info *sk, const char *arrow);
/* Append "established, rq 0 wq 0": the state in words (or "state N") and the queues, and
 * ", drops 191" for a UDP or UNIX socket that dropped packets. */
void sock_state_queues(struct strbuf *sb, const struct sock_info *sk);
/* Append " (postgresql)" when names are shown (services_shown) and port has a service name for
 * sk's protocol (TCP or UDP). */
void sock_port_service(struct strbuf *sb, const struct sock_info *sk, uint16_t port);
/* The listener a TCP connection was accepted through (sock_info.listener1), or NULL. */
const struct sock_info *sock_listener(const struct snapshot *s, const struct sock_info *sk);
/* Append ", accepted on 127.0.0.1:8080 (http-alt)" for a connection accepted through a listener;
 * nothing otherwise. */
void sock_accepted_on(struct strbuf *sb, const struct snapshot *s, const struct sock_info *sk);
/* Append "redis-server accepts on 127.0.0.1:6379 (redis)": comm (escaped; NULL: "1 process")
 * is the one process that holds TCP listener sk. */
void sock_one_listener(struct strbuf *sb, const char *comm, const struct sock_info *sk);
/* Append "nginx master + 2 workers accept on 127.0.0.1:18081 (http)" for a channel whose TCP
 * listener several processes hold (the master: the holder that is the parent of all the
 * others; else "3 processes accept on ..."), or "redis-server accepts on ..." when one
 * process holds it; names escaped. False, nothing appended, for any other channel. */
bool sock_shared_listener(struct strbuf *sb, const struct snapshot *s, const struct channel *c);
/* Packets the UDP and UNIX sockets of channel c dropped (a socket its ends share counted
 * once), or -1 when the kernel gave drops for none of them. */
int64_t chan_drops(const struct snapshot *s, const struct channel *c);
/* Their drops per second (ends whose rate is known), or NAN when no end's is. */
double chan_drops_rate(const struct snapshot *s, const struct channel *c);
/* The socket of a descriptor of the snapshot, or NULL when sock_diag did not report it. */
const struct sock_info *snapshot_fd_sock(const struct snapshot *s, const struct fd_info *f);

#endif
