/* sysv_describe.h — a SysV IPC object of a channel in the words `ipcs` uses: its name (id and
 * key), then its figures (size or queue, attach count, owner and permissions). Shared by the
 * IPC tab and the channel table. */
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

#endif
