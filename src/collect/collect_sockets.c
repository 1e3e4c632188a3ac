/* collect_sockets.c — sockets of every network namespace that a process holds sockets in,
 * dumped through sock_diag inside that namespace, then each socket fd linked to its socket by
 * (namespace, inode), so that equal inodes or addresses in two namespaces never meet.
 * ipctop's own namespace needs no process to be known: it is dumped on a thread of its own
 * while the processes are read, into a private snapshot merged afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/collect_sockdiag.h"
#include "collect/proc_read.h"
#include "util/u64map.h"
#include "util/xalloc.h"

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

static void *dump_own(void *arg)
{
	struct own_dump *d = arg;
	d->result = sockdiag_dump_current(&d->shadow, d->netns);
	return NULL;
}

void collect_sockets_start(struct own_dump *d)
{
	char link[64];
	memset(d, 0, sizeof(*d));
	snapshot_init(&d->shadow);
	if (readlink_at(AT_FDCWD, "/proc/thread-self/ns/net", link, sizeof(link)) > 0)
		d->netns = ns_link_inode(link);
	d->started = pthread_create(&d->tid, NULL, dump_own, d) == 0;
	if (!d->started)
		dump_own(d);   /* no thread to be had: dump now, in this one */
}

/* The own namespace's sockets become the first of s's (s has none yet). */
static void merge_own(struct snapshot *s, struct own_dump *d)
{
	if (d->started)
		pthread_join(d->tid, NULL);
	s->own_netns = d->netns;
	s->socks = d->shadow.socks;
	s->n_socks = d->shadow.n_socks;
	s->cap_socks = d->shadow.cap_socks;
	d->shadow.socks = NULL;
	d->shadow.n_socks = d->shadow.cap_socks = 0;
	snapshot_adopt(s, &d->shadow);
	snapshot_free(&d->shadow);
	if (d->result < 0)
		snapshot_note(s, "sock_diag dump failed: %s", strerror(-d->result));
}

enum { MAX_LOOKUPS = 4096 };   /* per snapshot: a bound for processes holding many sockets
                                 * of families no dump lists (packet, vsock, ...) */

/* Socket fds of ipctop's namespace that no dump listed, each inode once. */
static size_t missed_inodes(const struct snapshot *s, uint64_t *out, size_t cap)
{
	struct u64map seen;
	u64map_init(&seen, 64);
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs && n < cap; i++) {
		const struct proc_info *p = &s->procs[i];
		if (p->netns != s->own_netns)
			continue;
		for (size_t j = 0; j < p->n_fds && n < cap; j++) {
			const struct fd_info *fi = &p->fds[j];
			if (fi->kind != FDK_SOCKET || fi->sock >= 0 || u64map_get(&seen, fi->ino) >= 0)
				continue;
			u64map_put(&seen, fi->ino, 0);
			out[n++] = fi->ino;
		}
	}
	u64map_free(&seen);
	return n;
}

/* A dump is not atomic: a socket closed while it ran can make the kernel skip another, and a
 * socket made while it ran may be held by a process read after it. The UNIX sockets a process
 * holds but the dump missed are asked for one by one; TCP and UDP once more, in one dump, for
 * what is still missing (other families, packet or vsock, are never found: the cost is one
 * TCP and UDP dump per snapshot while such a socket is open). */
static void find_missed(struct snapshot *s)
{
	uint64_t *inos = xmalloc(MAX_LOOKUPS * sizeof(*inos));
	size_t n = missed_inodes(s, inos, MAX_LOOKUPS);
	if (n > 0 && sockdiag_lookup_unix(s, s->own_netns, inos, n) > 0) {
		link_fds(s);
		n = missed_inodes(s, inos, MAX_LOOKUPS);
	}
	if (n > 0 && sockdiag_lookup_inet(s, s->own_netns, inos, n) > 0)
		link_fds(s);
	free(inos);
}

void collect_sockets(struct snapshot *s, struct scan_ctx *c, struct own_dump *d)
{
	merge_own(s, d);
	dump_namespaces(s, c);
	link_fds(s);
	find_missed(s);
}
