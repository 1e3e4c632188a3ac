/* sockdiag_parse.h — pure parsers of one NETLINK_SOCK_DIAG reply (SOCK_DIAG_BY_FAMILY) into a
 * struct sock_info. No I/O: the caller owns the message; every length in it is checked here. */
#ifndef IPCTOP_SOCKDIAG_PARSE_H
#define IPCTOP_SOCKDIAG_PARSE_H

#include <stdint.h>
#include <linux/netlink.h>

#include "model/snapshot.h"
#include "util/arena.h"

/* Each returns 0 and fills *out (netns left 0 for the caller), or -1 when the message is
 * malformed (payload too short, wrong family, an attribute of a bad length or one that overruns
 * the message); *out is then left untouched and nothing is taken from the arena.
 * nlh->nlmsg_len is trusted to lie within the caller's buffer (mnl_cb_run checks that). */

/* UNIX: name (raw bytes: a path name without the NUL the kernel stores after it, an abstract
 * name whole with its leading NUL; NUL-terminated for convenience, name_len not counting that),
 * peer, icons (pending connections), queues, and the socket file's device (userspace dev_t,
 * comparable with st_dev) and inode. */
int sockdiag_parse_unix(const struct nlmsghdr *nlh, struct sock_info *out, struct arena *a);
/* TCP or UDP over IPv4/IPv6; protocol is the IPPROTO_* the dump asked for. tcp_info of any
 * length (older or newer kernels) is accepted; fields it does not reach stay 0. */
int sockdiag_parse_inet(const struct nlmsghdr *nlh, struct sock_info *out, uint8_t protocol);
int sockdiag_parse_netlink(const struct nlmsghdr *nlh, struct sock_info *out);

#endif
