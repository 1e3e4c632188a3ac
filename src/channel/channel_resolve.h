/* channel_resolve.h — turn a collected snapshot into channels: which endpoints share an object.
 * Pure: reads only the snapshot (processes, fds, maps, sockets, SysV tables), never /proc. */
#ifndef IPCTOP_CHANNEL_RESOLVE_H
#define IPCTOP_CHANNEL_RESOLVE_H

#include "model/snapshot.h"

/* Fill s->chans and each process's n_channels. Linear in processes, fds, maps and sockets:
 * every lookup goes through hash tables keyed by (kind, device, inode), socket inode or the
 * address tuple of a connection. */
void channel_resolve(struct snapshot *s);

#endif
