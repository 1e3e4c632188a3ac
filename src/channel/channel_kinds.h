/* channel_kinds.h — the resolvers of each channel kind, run in turn by channel_resolve(). */
#ifndef IPCTOP_CHANNEL_KINDS_H
#define IPCTOP_CHANNEL_KINDS_H

#include "channel/channel_table.h"

/* pipe, fifo, posix_shm, posix_mq, memfd, pty, eventfd held by descriptors */
void resolve_fd_objects(struct chan_table *t);
/* SysV shm, POSIX shm and memfd held as mappings; SysV tables cross-checked */
void resolve_mappings(struct chan_table *t);
void resolve_sysv_msg(struct chan_table *t);
/* UNIX sockets joined through their peers */
void resolve_unix(struct chan_table *t);
/* TCP and UDP joined by reversed address tuples within one network namespace */
void resolve_inet(struct chan_table *t);

/* An endpoint of process index pi holding fd (or -1). */
struct endpoint make_ep(const struct snapshot *s, size_t pi, int fd, uint8_t access, const char *role);

#endif
