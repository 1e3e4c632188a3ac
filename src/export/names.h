/* names.h — words for kernel numbers shown by every output (JSON, DOT, TUI): process states,
 * scheduling policies, socket families, types and states. NULL means "no name: show the number". */
#ifndef IPCTOP_NAMES_H
#define IPCTOP_NAMES_H

#include <stdint.h>

#include "model/snapshot.h"

/* 'R' → "running", 'S' → "sleeping", ... ; NULL for a letter the kernel does not document. */
const char *proc_state_name(char state);
/* SCHED_OTHER → "other", "fifo", "rr", "batch", "idle", "deadline"; NULL otherwise. */
const char *sched_policy_name(int policy);
/* AF_UNIX → "unix", "inet", "inet6", "netlink"; NULL otherwise. */
const char *sock_family_name(unsigned family);
/* SOCK_STREAM → "stream", "dgram", "seqpacket", "raw"; NULL otherwise. */
const char *sock_type_name(unsigned type);
/* State of a socket in words: TCP names ("established", "listen", ...) for TCP and UNIX,
 * "unconnected"/"connected" for UDP and netlink; NULL for a number with no name. */
const char *sock_state_name(const struct sock_info *sk);
/* True for a socket that waits for connections (TCP or UNIX listen state). */
int sock_is_listener(const struct sock_info *sk);

#endif
