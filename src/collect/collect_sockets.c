/* collect_sockets.c — sockets of every network namespace that a process holds sockets in,
 * dumped through sock_diag inside that namespace, then each socket fd linked to its socket by
 * (namespace, inode), so that equal inodes or addresses in two namespaces never meet. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/collect_sockdiag.h"
#include "collect/proc_read.h"
#include "util/u64map.h"

static bool holds_socket(const struct proc_info *p)
{
	for (size_t i = 0; i < p->n_fds; i++)
		if (p->fds[i].kind == FDK_SOCKET)
			return true;
	return false;
}

static void mark_netns(struct snapshot *s, uint64_t netns, uint32_t flag)
{
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].netns == netns)
			s->procs[i].flags |= flag;
}

/* Dump the namespace of process p (root only: setns). */
static void dump_foreign(struct snapshot *s, struct scan_ctx *c, const struct proc_info *p)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/ns/net", (int)p->pid);
	int nsfd = openat(c->proc_fd, path, O_RDONLY | O_CLOEXEC);
	int r = nsfd < 0 ? -errno : sockdiag_dump_in(s, p->netns, nsfd);
	if (nsfd >= 0)
		close(nsfd);
	if (r < 0) {
		mark_netns(s, p->netns, PF_NETNS_UNDUMPED);
		snapshot_note(s, "network namespace %llu (pid %d): sockets not resolved: %s",
			      (unsigned long long)p->netns, (int)p->pid, strerror(-r));
	}
}

static void dump_namespaces(struct snapshot *s, struct scan_ctx *c)
{
	struct u64map seen;
	u64map_init(&seen, 16);
	u64map_put(&seen, s->own_netns, 0);
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (!p->netns || p->netns == s->own_netns)
			continue;
		p->flags |= PF_NETNS_FOREIGN;
		if (u64map_get(&seen, p->netns) >= 0 || !holds_socket(p))
			continue;
		u64map_put(&seen, p->netns, 0);
		dump_foreign(s, c, p);
	}
	u64map_free(&seen);
}

static void link_fds(struct snapshot *s)
{
	struct u64map by_key;
	u64map_init(&by_key, s->n_socks);
	for (size_t i = 0; i < s->n_socks; i++)
		u64map_put(&by_key, u64_mix(s->socks[i].netns, s->socks[i].ino), (int32_t)i);
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		for (size_t j = 0; j < p->n_fds; j++) {
			struct fd_info *fi = &p->fds[j];
			if (fi->kind != FDK_SOCKET || !p->netns)
				continue;
			int32_t k = u64map_get(&by_key, u64_mix(p->netns, fi->ino));
			/* guard against a hash collision: check the key itself */
			if (k >= 0 && s->socks[k].ino == fi->ino && s->socks[k].netns == p->netns)
				fi->sock = k;
		}
	}
	u64map_free(&by_key);
}

void collect_sockets(struct snapshot *s, struct scan_ctx *c)
{
	char link[64];
	if (readlink_at(AT_FDCWD, "/proc/thread-self/ns/net", link, sizeof(link)) > 0)
		s->own_netns = ns_link_inode(link);
	int r = sockdiag_dump_current(s, s->own_netns);
	if (r < 0)
		snapshot_note(s, "sock_diag dump failed: %s", strerror(-r));
	dump_namespaces(s, c);
	link_fds(s);
}
