/* fuzz_nlmsg.h — shared by the sock_diag fuzz targets: turn fuzz bytes into one netlink
 * message in an exactly sized buffer, and check the "untouched on failure" contract. */
#ifndef IPCTOP_FUZZ_NLMSG_H
#define IPCTOP_FUZZ_NLMSG_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "model/snapshot.h"

/* A heap copy of the bytes as a message whose nlmsg_len is the whole input (mnl_cb_run
 * guarantees the parsers that much and no more), or NULL when too short for a header.
 * Built with -DFUZZ_NLMSG_ALIGNED (FUZZ_CFLAGS for run.sh), only lengths that are a multiple
 * of 4 are tried, as the kernel sends them: to explore past a known defect with odd lengths. */
static inline struct nlmsghdr *fuzz_nlmsg(const uint8_t *data, size_t size)
{
#ifdef FUZZ_NLMSG_ALIGNED
	size &= ~(size_t)3;
#endif
	if (size < sizeof(struct nlmsghdr) || size > UINT32_MAX)
		return NULL;
	struct nlmsghdr *nlh = malloc(size);
	memcpy(nlh, data, size);
	nlh->nlmsg_len = (uint32_t)size;
	return nlh;
}

/* A sock_info filled with a pattern, to see whether a failed parse wrote to it. */
static inline void fuzz_sock_mark(struct sock_info *si)
{
	memset(si, 0xA5, sizeof(*si));
}

static inline void fuzz_sock_check_untouched(const struct sock_info *si)
{
	struct sock_info mark;
	fuzz_sock_mark(&mark);
	if (memcmp(si, &mark, sizeof(mark)) != 0)
		abort();
}

#endif
