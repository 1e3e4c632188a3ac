/* hand_snapshot.h — snapshots built by hand for the channel tests: processes 100, 101, ... and
 * the descriptors, mappings and sockets a test gives them; no kernel needed. Strings are the
 * test's own (never copied or freed); the descriptor and mapping lists are freed by
 * hand_free_lists, the rest by snapshot_free. */
#ifndef IPCTOP_HAND_SNAPSHOT_H
#define IPCTOP_HAND_SNAPSHOT_H

#include "model/snapshot.h"

/* Free s, then give it nprocs processes with pids 100, 101, ..., comm "p", network namespace 1
 * and IPC namespace ipcns (also the viewer's). */
void hand_reset(struct snapshot *s, size_t nprocs, uint64_t ipcns);
/* Free the descriptor and mapping lists of s's processes. */
void hand_free_lists(struct snapshot *s);
/* Process pi gets descriptor fd on the object (kind, dev, ino) with access acc; no aux value, no
 * socket. */
struct fd_info *hand_add_fd(struct snapshot *s, size_t pi, int fd, enum fd_kind kind, uint64_t dev,
                            uint64_t ino, uint8_t acc, const char *target);
/* Process pi maps path (dev, ino) as a shared segment with the 4-letter perms. */
void hand_add_map(struct snapshot *s, size_t pi, const char *path, uint64_t dev, uint64_t ino,
                  const char *perms);
/* A connected socket (state 1) in network namespace netns; its index in s->socks. */
/* The endpoint of pid in channel c (NULL-safe), or NULL. */
const struct endpoint *hand_ep_of(const struct channel *c, pid_t pid);
/* A connected UNIX stream pair (inodes ino and ino + 1, namespace 1), process pa holding the
 * first on descriptor fd and pb the second; the first's index in s->socks (the second's + 1). */
int32_t hand_add_unix_pair(struct snapshot *s, size_t pa, size_t pb, int fd, uint64_t ino);
int32_t hand_add_sock(struct snapshot *s, int family, int type, int proto, uint64_t netns, uint64_t ino);
/* An established TCP socket 127.0.0.1:lp -> raddr:rp (4 bytes) in namespace 1 with tcp_info's
 * byte counters (sent, received), held by process pi on descriptor fd; its index in s->socks. */
int32_t hand_add_tcp(struct snapshot *s, size_t pi, int fd, uint64_t ino, uint16_t lp, uint16_t rp,
                     const uint8_t *raddr, uint64_t sent, uint64_t rcvd);

#endif
