/* kernel_names.h — words for the kernel's numbers that screens and exports both print: system
 * calls, signals, capability bits, timerfd clocks, epoll events, process states, scheduling
 * policies, socket families, types and states. Pure tables, below collect/, view/ and export/. NULL means "no name: show the
 * number". */
#ifndef IPCTOP_KERNEL_NAMES_H
#define IPCTOP_KERNEL_NAMES_H

#include <stdint.h>

#include "model/snapshot.h"

/* "read", "epoll_wait"... for this machine's system call numbers, or NULL. */
const char *syscall_name(int64_t nr);
/* Signal number n (1..64) to its name without "SIG" ("HUP", "RTMIN+3"), or NULL. Real-time
 * signals use the kernel's numbering: 32 "RTMIN", 33 "RTMIN+1" (glibc's own two), 34
 * "RTMIN+2" (glibc's SIGRTMIN), 64 "RTMAX" — see signal_names.c. */
const char *signal_name(int n);
/* "CAP_NET_ADMIN"-style name without the prefix ("net_admin") for bit n, or NULL. */
const char *capability_name(int bit);

/* CLOCK_MONOTONIC → "monotonic", "realtime", "boottime", ... (a timerfd's clock), or NULL. */
const char *clock_id_name(int id);
/* One EPOLL* bit → "in", "out", "et", "oneshot", ...; NULL for no bit or an unknown one. */
const char *epoll_event_name(uint32_t bit);

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
