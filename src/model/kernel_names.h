/* kernel_names.h — names for the kernel's numbers that screens and exports both print:
 * system calls, signals and capability bits. Pure tables, below collect/, view/ and export/. */
#ifndef IPCTOP_KERNEL_NAMES_H
#define IPCTOP_KERNEL_NAMES_H

#include <stdint.h>

/* "read", "epoll_wait"... for this machine's system call numbers, or NULL. */
const char *syscall_name(int64_t nr);
/* Signal number n (1..64) to its name without "SIG" ("HUP", "RTMIN+3"), or NULL. Real-time
 * signals use the kernel's numbering: 32 "RTMIN", 33 "RTMIN+1" (glibc's own two), 34
 * "RTMIN+2" (glibc's SIGRTMIN), 64 "RTMAX" — see signal_names.c. */
const char *signal_name(int n);
/* "CAP_NET_ADMIN"-style name without the prefix ("net_admin") for bit n, or NULL. */
const char *capability_name(int bit);

#endif
