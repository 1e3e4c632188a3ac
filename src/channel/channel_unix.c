/* channel_unix.c — UNIX socket channels. Sockets are joined through their peer inodes (and a
 * listener to its not-yet-accepted connections) with a union-find, so a stream connection is a
 * channel of two, and a datagram server with many connected clients (/dev/log) is one channel
 * with many endpoints. Socket inodes are unique machine-wide, so peers in two network
 * namespaces (a path socket reached through a bind mount) still meet. */
#include <stdlib.h>
#include <sys/socket.h>

#include "channel/channel_id.h"
#include "channel/channel_kinds.h"
#include "util/u64map.h"
#include "util/xalloc.h"

struct dsu { int32_t *parent; };

static int32_t dsu_find(struct dsu *d, int32_t x)
{
	while (d->parent[x] != x) {
		d->parent[x] = d->parent[d->parent[x]];
		x = d->parent[x];
	}
	return x;
}

static void dsu_union(struct dsu *d, int32_t a, int32_t b)
{
	a = dsu_find(d, a);
	b = dsu_find(d, b);
	if (a != b)
		d->parent[a > b ? a : b] = a < b ? a : b;
}

static void join_peers(const struct snapshot *s, struct dsu *d, const struct u64map *by_ino,
		       int32_t *linked)
{
	for (size_t i = 0; i < s->n_socks; i++) {
		const struct sock_info *k = &s->socks[i];
		if (k->family != AF_UNIX)
			continue;
		int32_t j = k->peer ? u64map_get(by_ino, k->peer) : -1;
		if (k->peer)
			linked[i] = 1;
		if (j >= 0) {
			dsu_union(d, (int32_t)i, j);
			linked[j] = 1;
		}
		for (size_t c = 0; c < k->n_icons; c++) {
			int32_t e = u64map_get(by_ino, k->icons[c]);
			if (e >= 0) {
				dsu_union(d, (int32_t)i, e);
				linked[i] = linked[e] = 1;
			}
		}
	}
}

/* The label is the name of socket k: label_sock1 points at it, so that outputs show the exact
 * name by its rule (format_chan_label); the text label, for readers of a plain string, has
 * '@' for each NUL byte of an abstract name. */
static void name_channel(struct snapshot *s, struct channel *ch, const struct sock_info *k)
{
	if (ch->label || !k->name || !k->name_len)
		return;
	char *l = arena_strndup(&s->arena, k->name, k->name_len);
	for (size_t i = 0; i < k->name_len; i++)
		if (l[i] == '\0')
			l[i] = '@';
	ch->label = l;
	ch->label_sock1 = (int32_t)(k - s->socks) + 1;
}

static void add_socket_fd(struct chan_table *t, struct dsu *d, size_t pi, struct fd_info *fi)
{
	struct snapshot *s = t->s;
	int32_t root = dsu_find(d, fi->sock);
	bool created;
	int32_t c = chan_table_get(t, (struct chan_key){ CK_UNIX, 0, s->socks[root].ino }, &created);
	struct channel *ch = &s->chans[c];
	if (created) {
		struct id_text id;
		idt_init(&id);
		idt_str(&id, "unix:");
		idt_u64(&id, s->socks[root].ino);
		ch->id = idt_arena(&id, &s->arena);
		ch->netns = s->socks[root].netns;   /* of the socket the id names (peers may differ) */
	}
	const struct sock_info *k = &s->socks[fi->sock];
	name_channel(s, ch, k);
	ch->queued += k->rqueue;
	ch->queued_known = true;
	struct endpoint ep = make_ep(s, pi, fi->fd, ACC_RW, k->name_len ? "server" : NULL);
	ep.sock = fi->sock;
	chan_table_add_ep(t, c, &ep);
	fi->chan = c;
}

void resolve_unix(struct chan_table *t)
{
	struct snapshot *s = t->s;
	struct u64map by_ino;
	u64map_init(&by_ino, s->n_socks);
	for (size_t i = 0; i < s->n_socks; i++)
		if (s->socks[i].family == AF_UNIX)
			u64map_put(&by_ino, s->socks[i].ino, (int32_t)i);
	struct dsu d = { xmalloc((s->n_socks + 1) * sizeof(int32_t)) };
	int32_t *linked = xcalloc(s->n_socks + 1, sizeof(int32_t));
	for (size_t i = 0; i < s->n_socks; i++)
		d.parent[i] = (int32_t)i;
	join_peers(s, &d, &by_ino, linked);
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++) {
			struct fd_info *fi = &p->fds[j];
			if (fi->kind == FDK_SOCKET && fi->sock >= 0 &&
			    s->socks[fi->sock].family == AF_UNIX && linked[fi->sock])
				add_socket_fd(t, &d, pi, fi);
		}
	}
	free(linked);
	free(d.parent);
	u64map_free(&by_ino);
}
