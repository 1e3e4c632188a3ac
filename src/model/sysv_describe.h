/* sysv_describe.h — a shared memory or SysV IPC object of a channel in words: a SysV object as
 * `ipcs` names it (id and key), then its figures (size or queue, attach count, owner and
 * permissions); a shared anonymous region by its size. Shared by the IPC tab, the channel
 * table and the graph. */
#ifndef IPCTOP_SYSV_DESCRIBE_H
#define IPCTOP_SYSV_DESCRIBE_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

/* Append "shm id 3 key 0x00a724c2" for a sysv_shm channel, "msg id 1 key 0x00000000" for a
 * sysv_msg one. Returns false (nothing appended) for another kind or a missing record. */
bool sysv_name(struct strbuf *sb, const struct snapshot *s, const struct channel *c);
/* Append "56 B, 7 attached, uid 101 perms 0600" (shm) or "2 messages 16 B queued, uid 0
 * perms 0600" (msg). Returns false (nothing appended) as sysv_name does. */
bool sysv_figures(struct strbuf *sb, const struct snapshot *s, const struct channel *c);

/* Append "shared anon 23.7 MiB" for an anon_shm channel (its largest mapping; a region named
 * by prctl, "[anon_shmem:NAME]", by that name instead of "shared anon"). Returns false
 * (nothing appended) for another kind. */
bool anon_shm_name(struct strbuf *sb, const struct snapshot *s, const struct channel *c);

#endif
