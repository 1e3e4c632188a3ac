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

/* A pipe or FIFO with writers only or readers only. An end of unknown access (ACC_NONE) might be
 * either, so such a channel is never marked. */
static bool is_one_ended(const struct channel *ch)
{
	if (ch->kind != CK_PIPE && ch->kind != CK_FIFO)
		return false;
	uint8_t any = 0;
	for (size_t e = 0; e < ch->n_ep; e++) {
		if (ch->ep[e].access == ACC_NONE)
			return false;
		any |= ch->ep[e].access;
	}
	return ch->n_ep > 0 && any != ACC_RW;
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
	for (size_t c = 0; c < s->n_chans; c++)
		s->chans[c].one_ended = is_one_ended(&s->chans[c]);
}
