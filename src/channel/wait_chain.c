/* wait_chain.c — waits resolved to channels and peers, chains and deadlock rings. A ring is a
 * cycle in the graph "process -> the peers any of its threads waits on", found by one
 * depth-first walk (each cycle it closes is reported once, smallest pid first). */
#include "channel/wait_chain.h"
#include "model/wait_decode.h"
#include "model/wait_short.h"
#include "util/u64map.h"

#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

/* A growing list of pids in the snapshot's arena (dropped duplicates). */
struct pid_list { pid_t *v; size_t n, cap; };

static void pl_add(struct snapshot *s, struct pid_list *l, pid_t pid)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == pid)
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		pid_t *v = arena_alloc(&s->arena, cap * sizeof(*v));
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = pid;
}

static const struct fd_info *fd_of(const struct proc_info *p, int fd)
{
	for (size_t i = 0; i < p->n_fds; i++)
		if (p->fds[i].fd == fd)
			return &p->fds[i];
	return NULL;
}

/* Whether endpoint e can end a wait in direction dir on a pipe, FIFO or POSIX message queue:
 * a reader's wait only a holder that can write, a writer's only one that can read (two
 * receivers of one queue do not wait for each other). */
static bool can_end(const struct channel *ch, const struct endpoint *e, uint8_t dir)
{
	if (ch->kind != CK_PIPE && ch->kind != CK_FIFO && ch->kind != CK_POSIX_MQ)
		return true;
	if (e->access == ACC_NONE || !dir)
		return true;   /* unknown access: it might */
	return (e->access & (dir == ACC_R ? ACC_W : ACC_R)) != 0;
}

/* The processes other than p holding channel chan that can end a wait in direction dir. */
static void chan_peers(struct snapshot *s, const struct proc_info *p, int32_t chan, uint8_t dir,
                       struct pid_list *l)
{
	const struct channel *ch = &s->chans[chan];
	for (size_t e = 0; e < ch->n_ep; e++)
		if (ch->ep[e].pid > 0 && ch->ep[e].pid != p->pid && can_end(ch, &ch->ep[e], dir))
			pl_add(s, l, ch->ep[e].pid);
}

static void fd_peers(struct snapshot *s, const struct proc_info *p, struct task_wait *w,
                     struct pid_list *l)
{
	const struct fd_info *fi = fd_of(p, w->fd);
	if (!fi || fi->chan < 0 || (size_t)fi->chan >= s->n_chans)
		return;
	w->chan = fi->chan;
	chan_peers(s, p, fi->chan, w->dir, l);
}

/* The owner's descriptor an epoll target names: the same number and inode, else (the number
 * is stale when the fd was closed while a dup keeps the file) another with that inode. */
static const struct fd_info *target_fd(const struct proc_info *p, const struct epoll_target *t)
{
	const struct fd_info *fi = fd_of(p, t->fd);
	if (fi && fi->ino == t->ino)
		return fi;
	for (size_t i = 0; i < p->n_fds; i++)
		if (p->fds[i].ino == t->ino && p->fds[i].chan >= 0)
			return &p->fds[i];
	return NULL;
}

/* epoll_wait: each watched descriptor's channel and peers (in the direction of the events it
 * asks for: EPOLLIN data, EPOLLOUT room); the wait's peers are all of them. */
static void watch_peers(struct snapshot *s, const struct proc_info *p, struct task_wait *w,
                        struct pid_list *all)
{
	for (uint32_t i = 0; i < w->n_watched; i++) {
		struct wait_watch *x = &w->watched[i];
		const struct fd_info *fi = target_fd(p, &x->t);
		struct pid_list l = { 0 };
		x->chan = -1;
		if (fi && fi->chan >= 0 && (size_t)fi->chan < s->n_chans) {
			bool in = x->t.events & EPOLLIN, out = x->t.events & EPOLLOUT;
			x->chan = fi->chan;
			chan_peers(s, p, fi->chan, in && !out ? ACC_R : out && !in ? ACC_W : 0, &l);
		}
		x->peers = l.v;
		x->n_peers = l.n;
		for (size_t k = 0; k < l.n; k++)
			pl_add(s, all, l.v[k]);
	}
}

/* wait4's pid argument: > 0 that child, -1 any, 0 its own group, < -1 group -arg. */
static void child_peers(struct snapshot *s, const struct proc_info *p, const struct task_wait *w,
                        struct pid_list *l)
{
	if (w->arg > 0) {
		if (snapshot_find_proc(s, (pid_t)w->arg))
			pl_add(s, l, (pid_t)w->arg);
		return;
	}
	pid_t group = w->arg == 0 ? p->pgid : (pid_t)-w->arg;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *c = &s->procs[i];
		if (c->ppid == p->pid && (w->arg == -1 || c->pgid == group))
			pl_add(s, l, c->pid);
	}
}

static void lock_peers(struct snapshot *s, const struct proc_info *p, struct task_wait *w,
                       struct pid_list *l)
{
	for (size_t i = 0; i < s->n_lock_waits; i++) {
		const struct lock_wait *lw = &s->lock_waits[i];
		if ((lw->waiter == p->pid || lw->waiter == w->tid) && lw->holder > 0) {
			w->by = lw->holder;
			if (lw->holder != p->pid)
				pl_add(s, l, lw->holder);
			return;
		}
	}
}

/* The channel of a SysV queue by its id (its own channel kind keeps the record index). */
static int32_t sysv_msg_chan(const struct snapshot *s, int64_t msqid)
{
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		if (ch->kind == CK_SYSV_MSG && ch->sysv >= 0 && (size_t)ch->sysv < s->n_msg &&
		    s->msg[ch->sysv].msqid == msqid)
			return (int32_t)c;
	}
	return -1;
}

static void resolve_one(struct snapshot *s, const struct proc_info *p, struct task_wait *w)
{
	struct pid_list l = { 0 };
	w->chan = -1;
	switch (w->kind) {
	case WK_FD: case WK_MQ:
		fd_peers(s, p, w, &l);
		break;
	case WK_EPOLL:
		watch_peers(s, p, w, &l);
		break;
	case WK_CHILD:
		child_peers(s, p, w, &l);
		break;
	case WK_LOCK:
		lock_peers(s, p, w, &l);
		break;
	case WK_TRACED:
		if (w->by > 0)
			pl_add(s, &l, w->by);
		break;
	case WK_SYSV_MSG:
		w->chan = sysv_msg_chan(s, w->arg);
		break;
	default:
		break;
	}
	w->peers = l.v;
	w->n_peers = l.n;
}

/* ---- rings ---- */

struct walk {
	struct snapshot *s;
	uint8_t *color;        /* 0 unseen, 1 on the current path, 2 done */
	size_t *stack;         /* the current path (process indices) */
	size_t depth;
	struct wait_cycle *cycles;
	size_t n_cycles, cap_cycles;
	struct u64map seen;    /* ring_key -> index in cycles (several rings may share a key) */
	pid_t *ring;           /* scratch: the ring being recorded */
};

/* The k-th wait of process p that has edges: its main thread's, then its other threads'. */
static const struct task_wait *edge_wait(const struct proc_info *p, size_t k)
{
	if (wait_has_edges(p->wait) && k-- == 0)
		return p->wait;
	for (size_t t = 0; t < p->n_tasks; t++)
		if (p->tasks[t].tid != p->pid && wait_state(p->tasks[t].state) &&
		    wait_has_edges(&p->tasks[t]) && k-- == 0)
			return &p->tasks[t];
	return NULL;
}

static uint64_t ring_key(const pid_t *pids, size_t n)
{
	uint64_t key = n;
	for (size_t i = 0; i < n; i++)
		key = u64_mix(key, (uint64_t)(uint32_t)pids[i]);
	return key;
}

/* True when the ring pids[0..n) was recorded already (closed again by another edge or another
 * thread's wait); else it is to be recorded as cycle number n_cycles, and noted so. */
static bool ring_seen(struct walk *k, const pid_t *pids, size_t n)
{
	uint64_t key = ring_key(pids, n);
	u64map_make_room(&k->seen);
	size_t i = u64map_home(&k->seen, key);
	for (; k->seen.slots[i].val_plus1; i = u64map_next(&k->seen, i)) {
		const struct wait_cycle *c = &k->cycles[k->seen.slots[i].val_plus1 - 1];
		if (k->seen.slots[i].key == key && c->n == n && !memcmp(c->pids, pids, n * sizeof(*pids)))
			return true;
	}
	u64map_fill(&k->seen, &k->seen.slots[i], key, (int32_t)k->n_cycles);
	return false;
}

/* The path from the position of index `to` up to the top is a ring: record it, smallest pid
 * first (so that the same ring always reads the same). */
static void record_ring(struct walk *k, size_t to)
{
	size_t from = k->depth;
	while (from > 0 && k->stack[from - 1] != to)
		from--;
	if (from == 0)
		return;
	from--;
	size_t n = k->depth - from, low = 0;
	for (size_t i = 0; i < n; i++)
		if (k->s->procs[k->stack[from + i]].pid < k->s->procs[k->stack[from + low]].pid)
			low = i;
	for (size_t i = 0; i < n; i++)
		k->ring[i] = k->s->procs[k->stack[from + (low + i) % n]].pid;
	if (ring_seen(k, k->ring, n))
		return;
	pid_t *pids = arena_memdup(&k->s->arena, k->ring, n * sizeof(*pids));
	if (k->n_cycles == k->cap_cycles) {
		k->cap_cycles = k->cap_cycles ? k->cap_cycles * 2 : 4;
		k->cycles = realloc(k->cycles, k->cap_cycles * sizeof(*k->cycles));
		if (!k->cycles)
			abort();
	}
	k->cycles[k->n_cycles++] = (struct wait_cycle){ pids, n };
}

static void visit(struct walk *k, size_t i)
{
	k->color[i] = 1;
	k->stack[k->depth++] = i;
	const struct task_wait *w;
	for (size_t n = 0; (w = edge_wait(&k->s->procs[i], n)); n++)
		for (size_t e = 0; e < w->n_peers; e++) {
			const struct proc_info *q = snapshot_find_proc(k->s, w->peers[e]);
			if (!q || !edge_wait(q, 0))
				continue;   /* a peer that does not wait ends the chain */
			size_t j = (size_t)(q - k->s->procs);
			if (k->color[j] == 1)
				record_ring(k, j);
			else if (k->color[j] == 0)
				visit(k, j);
		}
	k->depth--;
	k->color[i] = 2;
}

static void find_rings(struct snapshot *s)
{
	struct walk k = { .s = s };
	k.color = calloc(s->n_procs + 1, 1);
	k.stack = malloc((s->n_procs + 1) * sizeof(*k.stack));
	k.ring = malloc((s->n_procs + 1) * sizeof(*k.ring));
	if (!k.color || !k.stack || !k.ring)
		abort();
	u64map_init(&k.seen, 16);
	for (size_t i = 0; i < s->n_procs; i++)
		if (!k.color[i] && edge_wait(&s->procs[i], 0))
			visit(&k, i);
	if (k.n_cycles) {
		s->cycles = arena_memdup(&s->arena, k.cycles, k.n_cycles * sizeof(*k.cycles));
		s->n_cycles = k.n_cycles;
	}
	free(k.cycles);
	free(k.color);
	free(k.stack);
	free(k.ring);
	u64map_free(&k.seen);
}

void wait_resolve(struct snapshot *s)
{
	s->cycles = NULL;
	s->n_cycles = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (p->wait)
			resolve_one(s, p, p->wait);
		for (size_t t = 0; t < p->n_tasks; t++)
			if (wait_state(p->tasks[t].state))
				resolve_one(s, p, &p->tasks[t]);
	}
	find_rings(s);
}

/* ---- chains ---- */

static bool in_list(const pid_t *v, size_t n, pid_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == pid)
			return true;
	return false;
}

const struct task_wait *wait_followed(const struct proc_info *p)
{
	return edge_wait(p, 0);
}

/* The peer to follow: the first that waits on someone itself, else the first. */
static pid_t next_hop(const struct snapshot *s, const struct task_wait *w)
{
	for (size_t e = 0; e < w->n_peers; e++) {
		const struct proc_info *q = snapshot_find_proc(s, w->peers[e]);
		if (q && wait_followed(q))
			return w->peers[e];
	}
	return w->n_peers ? w->peers[0] : 0;
}

size_t wait_chain(const struct snapshot *s, pid_t pid, pid_t *out, size_t cap)
{
	size_t n = 0;
	while (n < cap && pid > 0) {
		bool seen = in_list(out, n, pid);
		out[n++] = pid;
		const struct proc_info *p = snapshot_find_proc(s, pid);
		const struct task_wait *w = p ? wait_followed(p) : NULL;
		if (seen || !w)
			break;
		pid = next_hop(s, w);
	}
	return n;
}
