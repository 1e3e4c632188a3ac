/* channel_resolve.c — run each kind's resolver over the snapshot and pack the result. */
#include "channel/channel_resolve.h"

#include "channel/channel_kinds.h"

struct endpoint make_ep(const struct snapshot *s, size_t pi, int fd, uint8_t access, const char *role)
{
	struct endpoint ep = {
		.pid = s->procs[pi].pid, .proc = (int32_t)pi, .fd = fd, .access = access,
		.remote = NULL, .sock = -1, .role = role,
	};
	return ep;
}

void channel_resolve(struct snapshot *s)
{
	struct chan_table t;
	chan_table_init(&t, s);
	resolve_fd_objects(&t);
	resolve_mappings(&t);
	resolve_sysv_msg(&t);
	resolve_unix(&t);
	resolve_inet(&t);
	chan_table_finish(&t);
}
