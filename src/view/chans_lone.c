/* chans_lone.c — the channel table's rows for listeners that are no channel: a TCP or UNIX
 * listener with no client waiting and held by one process (a shared listener, or one with a
 * client waiting, is a channel of channel/). As `ss -a` lists every listening socket, the
 * table shows each such listener as a row of its own, kind tcp or unix, state listen, its
 * holders as ends with role "listen". The rows are built here from the snapshot's descriptors
 * and sockets; the snapshot is not changed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "util/xalloc.h"
#include "view/chans_int.h"

void chans_lone_free(struct chans_state *t)
{
	for (size_t i = 0; i < t->n_lone; i++) {
		free(t->lone[i].ep);
		free(t->lone[i].id);
	}
	t->n_lone = 0;
}

/* The lone row of socket k, made (with its id "tcp:listen:ADDR:PORT" or "unix:listen:INODE")
 * when there is none yet. */
static struct channel *lone_of(struct chans_state *t, const struct snapshot *s, int32_t k)
{
	for (size_t i = 0; i < t->n_lone; i++)
		if (t->lone[i].label_sock1 == k + 1)
			return &t->lone[i];
	const struct sock_info *sk = &s->socks[k];
	XGROW(t->lone, t->cap_lone, t->n_lone + 1);
	struct channel *c = &t->lone[t->n_lone++];
	*c = (struct channel){ .kind = sk->family == AF_UNIX ? CK_UNIX : CK_TCP, .label_sock1 = k + 1,
			       .netns = sk->netns, .sysv = -1, .capacity = -1 };
	char buf[ADDR_PORT_MAX + 32];
	if (sk->family == AF_UNIX)
		snprintf(buf, sizeof buf, "unix:listen:%llu", (unsigned long long)sk->ino);
	else
		snprintf(buf, sizeof buf, "tcp:listen:%s", format_sock_local(buf + 16, sizeof buf - 16, sk));
	c->id = xstrdup(buf);
	return c;
}

static bool is_lone_listener(const struct snapshot *s, const struct fd_info *f)
{
	if (f->kind != FDK_SOCKET || f->chan >= 0 || f->sock < 0 || (size_t)f->sock >= s->n_socks)
		return false;
	const struct sock_info *sk = &s->socks[f->sock];
	return sock_is_listener(sk) && (sk->family == AF_UNIX || sk->family == AF_INET || sk->family == AF_INET6);
}

void chans_lone_build(struct chans_state *t, const struct snapshot *s)
{
	chans_lone_free(t);
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		const struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++) {
			if (!is_lone_listener(s, &p->fds[j]))
				continue;
			struct channel *c = lone_of(t, s, p->fds[j].sock);
			c->ep = xrealloc(c->ep, (c->n_ep + 1) * sizeof(*c->ep));
			c->ep[c->n_ep++] = (struct endpoint){ .pid = p->pid, .proc = (int32_t)pi, .fd = p->fds[j].fd,
							      .access = ACC_RW, .sock = p->fds[j].sock, .role = "listen",
							      .tx_per_s = NAN, .rx_per_s = NAN };   /* no bytes: rate "-" */
		}
	}
}
