/* wait_hand.h — the snapshot and the waits the wait tests build by hand (test_wait_chain,
 * test_wait_epoll): process pi (pid 100+pi) blocks in a call, the snapshot is resolved, a
 * wait's peers compared with a list. Each test program has its own copy. */
#ifndef IPCTOP_TEST_WAIT_HAND_H
#define IPCTOP_TEST_WAIT_HAND_H

#include <stdbool.h>

#include "channel/channel_resolve.h"
#include "channel/wait_chain.h"
#include "hand_snapshot.h"

static struct snapshot S;
static struct task_wait W[8];

/* Process pi (pid 100+pi) blocks in kind on fd in direction dir. */
__attribute__((unused)) static void block(size_t pi, uint8_t kind, int fd, uint8_t dir, int64_t arg)
{
	W[pi] = (struct task_wait){ .tid = S.procs[pi].pid, .state = 'S', .kind = kind,
	                            .syscall_nr = 0, .fd = fd, .dir = dir, .arg = arg, .chan = -1 };
	S.procs[pi].state = 'S';
	S.procs[pi].wait = &W[pi];
}

__attribute__((unused)) static void resolve(void)
{
	channel_resolve(&S);
	wait_resolve(&S);
}

__attribute__((unused)) static bool peers_are(const struct task_wait *w, size_t n, const pid_t *want)
{
	if (w->n_peers != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w->peers[i] != want[i])
			return false;
	return true;
}

#endif
