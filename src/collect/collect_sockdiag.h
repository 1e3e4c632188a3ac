/* collect_sockdiag.h — the NETLINK_SOCK_DIAG collector: every UNIX, TCP, UDP (IPv4 and IPv6)
 * and netlink socket of a network namespace, appended to a snapshot. */
#ifndef IPCTOP_COLLECT_SOCKDIAG_H
#define IPCTOP_COLLECT_SOCKDIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "collect/sockdiag_parse.h"
#include "model/snapshot.h"

/* Dump every UNIX, TCP (IPv4+IPv6), UDP (IPv4+IPv6) and NETLINK socket of the calling
 * thread's current network namespace, appending to s->socks, each with .netns = netns.
 * Strings and arrays (unix names, icons) go into s->arena. TIME-WAIT sockets are left out;
 * other TCP sockets without an inode (not yet accepted, orphans closing) are kept with inode
 * 0: no process holds them, but they are the other ends of held ones.
 * A family the kernel refuses (diag module missing) or a dump interrupted twice becomes a
 * note in s, not an error. Returns the number of sockets added, or -errno (then none are). */
int sockdiag_dump_current(struct snapshot *s, uint64_t netns);

/* The same inside the network namespace open at nsfd (an fd of /proc/PID/ns/net): setns()
 * into it, open the netlink socket (it stays bound to that namespace), setns() back to the
 * original namespace at once, then dump. Returns -EPERM (or the setns errno) when not
 * permitted. The calling thread always ends up in its original namespace: should the way
 * back ever fail, the process aborts rather than go on collecting the wrong namespace. */
int sockdiag_dump_in(struct snapshot *s, uint64_t netns, int nsfd);

/* UNIX sockets of the calling thread's namespace looked up one by one by inode, appended to
 * s->socks like a dump's: for socket descriptors a dump missed (a dump is not atomic: sockets
 * closed while it runs can make it skip others). Inodes that are no UNIX socket are passed
 * over, and an answer refused or broken off midway adds nothing. Returns the number found, or
 * -errno when the netlink socket failed before any was found. */
int sockdiag_lookup_unix(struct snapshot *s, uint64_t netns, const uint64_t *inos, size_t n);

/* TCP and UDP sockets of the calling thread's namespace whose inodes are among inos, found by
 * dumping TCP and UDP again (inet_diag looks sockets up by address, not by inode): for socket
 * descriptors the first dump missed, such as one end of a connection made while it ran.
 * Returns the number appended, or -errno. */
int sockdiag_lookup_inet(struct snapshot *s, uint64_t netns, const uint64_t *inos, size_t n);

/* TCP is dumped with one request for IPv4 and IPv6 (TCPDIAG_GETSOCK), or, where the kernel
 * refused that or after sockdiag_split_tcp(true), with one request per family. Returns
 * whether it was split before. */
bool sockdiag_split_tcp(bool split);

#endif
