/* sockdiag_test_util.h — what the live sock_diag tests share: a TAP skip, the inode of a
 * descriptor, the calling thread's network namespace, and a socket found by inode. */
#ifndef IPCTOP_SOCKDIAG_TEST_UTIL_H
#define IPCTOP_SOCKDIAG_TEST_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "model/snapshot.h"
#include "../tap.h"

static inline void tap_skip(const char *why)
{
	printf("ok %d # SKIP %s\n", ++tap_n, why);
}

static inline uint64_t ino_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (uint64_t)st.st_ino : 0;
}

static inline uint64_t thread_netns(void)
{
	struct stat st;
	return stat("/proc/thread-self/ns/net", &st) == 0 ? (uint64_t)st.st_ino : 0;
}

static inline const struct sock_info *find(const struct snapshot *s, uint64_t ino)
{
	for (size_t i = 0; i < s->n_socks; i++)
		if (s->socks[i].ino == ino)
			return &s->socks[i];
	return NULL;
}

#endif
