/* hand_snapshot.c — the builders of hand_snapshot.h. */
#include "hand_snapshot.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/xalloc.h"

void hand_reset(struct snapshot *s, size_t nprocs, uint64_t ipcns)
{
	snapshot_free(s);
	snapshot_init(s);
	s->procs = xcalloc(nprocs, sizeof(*s->procs));
	s->n_procs = s->cap_procs = nprocs;
	for (size_t i = 0; i < nprocs; i++) {
		s->procs[i].pid = (pid_t)(100 + i);
		s->procs[i].comm = "p";
		s->procs[i].netns = 1;
		s->procs[i].ipcns = ipcns;
	}
	s->own_netns = 1;
	s->own_ipcns = ipcns;
}

void hand_free_lists(struct snapshot *s)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		free(s->procs[i].fds);
		free(s->procs[i].maps);
	}
}

struct fd_info *hand_add_fd(struct snapshot *s, size_t pi, int fd, enum fd_kind kind, uint64_t dev,
                            uint64_t ino, uint8_t acc, const char *target)
{
	struct proc_info *p = &s->procs[pi];
	p->fds = xrealloc(p->fds, (p->n_fds + 1) * sizeof(*p->fds));
	struct fd_info *fi = &p->fds[p->n_fds++];
	memset(fi, 0, sizeof(*fi));
	fi->fd = fd;
	fi->kind = kind;
	fi->dev = dev;
	fi->ino = ino;
	fi->access = acc;
	fi->aux = -1;
	fi->sock = -1;
	fi->target = (char *)target;
	return fi;
}

void hand_add_map(struct snapshot *s, size_t pi, const char *path, uint64_t dev, uint64_t ino,
                  const char *perms)
{
	struct proc_info *p = &s->procs[pi];
	p->maps = xrealloc(p->maps, (p->n_maps + 1) * sizeof(*p->maps));
	struct map_info *m = &p->maps[p->n_maps++];
	memset(m, 0, sizeof(*m));
	m->path = (char *)path;
	m->dev = dev;
	m->ino = ino;
	m->seg = SEG_SHM;
	memcpy(m->perms, perms, 4);
}

int32_t hand_add_sock(struct snapshot *s, int family, int type, int proto, uint64_t netns, uint64_t ino)
{
	XGROW(s->socks, s->cap_socks, s->n_socks + 1);
	struct sock_info *k = &s->socks[s->n_socks];
	memset(k, 0, sizeof(*k));
	k->family = (uint8_t)family;
	k->type = (uint8_t)type;
	k->protocol = (uint8_t)proto;
	k->netns = netns;
	k->ino = ino;
	k->state = 1;
	return (int32_t)s->n_socks++;
}

int32_t hand_add_tcp(struct snapshot *s, size_t pi, int fd, uint64_t ino, uint16_t lp, uint16_t rp,
                     const uint8_t *raddr, uint64_t sent, uint64_t rcvd)
{
	static const uint8_t lo[4] = { 127, 0, 0, 1 };
	int32_t k = hand_add_sock(s, AF_INET, SOCK_STREAM, IPPROTO_TCP, 1, ino);
	struct sock_info *sk = &s->socks[k];
	memcpy(sk->laddr, lo, 4);
	memcpy(sk->raddr, raddr, 4);
	sk->lport = lp;
	sk->rport = rp;
	sk->has_tcp_info = true;
	sk->bytes_sent = sk->bytes_acked = sent;
	sk->bytes_received = rcvd;
	hand_add_fd(s, pi, fd, FDK_SOCKET, 0, ino, ACC_RW, "socket")->sock = k;
	return k;
}

int32_t hand_add_unix_pair(struct snapshot *s, size_t pa, size_t pb, int fd, uint64_t ino)
{
	int32_t u1 = hand_add_sock(s, AF_UNIX, SOCK_STREAM, 0, 1, ino);
	int32_t u2 = hand_add_sock(s, AF_UNIX, SOCK_STREAM, 0, 1, ino + 1);
	s->socks[u1].peer = ino + 1;
	s->socks[u2].peer = ino;
	hand_add_fd(s, pa, fd, FDK_SOCKET, 0, ino, ACC_RW, "socket")->sock = u1;
	hand_add_fd(s, pb, fd, FDK_SOCKET, 0, ino + 1, ACC_RW, "socket")->sock = u2;
	return u1;
}

const struct endpoint *hand_ep_of(const struct channel *c, pid_t pid)
{
	for (size_t i = 0; c && i < c->n_ep; i++)
		if (c->ep[i].pid == pid)
			return &c->ep[i];
	return NULL;
}
