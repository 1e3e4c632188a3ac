/* test_channel_merge.c — --merge on hand-made snapshots of "hosts": processes kept apart by
 * host even with the same pids; a connection seen from both hosts joined into one channel;
 * loopback, an end at its own host's address, an end that matches nothing and a tuple two
 * hosts claim all left as they were. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../tap.h"
#include "channel/channel_merge.h"
#include "hand_snapshot.h"
#include "util/xalloc.h"

/* Process pi of s holds a socket from l:lp to r:rp (IPv6 when l has a colon), seen as a
 * channel with a "remote" end. */
static void conn(struct snapshot *s, size_t pi, int proto, const char *l, uint16_t lp,
                 const char *r, uint16_t rp)
{
	int af = strchr(l, ':') ? AF_INET6 : AF_INET;
	int32_t k = hand_add_sock(s, af, proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM, proto,
	                          1, 1000 + s->n_socks);
	struct sock_info *sk = &s->socks[k];
	inet_pton(af, l, sk->laddr);
	inet_pton(af, r, sk->raddr);
	sk->lport = lp;
	sk->rport = rp;
	XGROW(s->chans, s->cap_chans, s->n_chans + 1);
	struct channel *ch = &s->chans[s->n_chans++];
	memset(ch, 0, sizeof(*ch));
	ch->kind = proto == IPPROTO_TCP ? CK_TCP : CK_UDP;
	ch->id = arena_printf(&s->arena, "tcp:%s:%u-%s:%u", l, lp, r, rp);
	ch->sysv = -1;
	ch->n_ep = 2;
	ch->ep = arena_alloc(&s->arena, 2 * sizeof(*ch->ep));
	memset(ch->ep, 0, 2 * sizeof(*ch->ep));
	ch->ep[0] = (struct endpoint){ .pid = s->procs[pi].pid, .proc = (int32_t)pi, .fd = 3,
	                               .access = ACC_RW, .sock = k };
	ch->ep[1] = (struct endpoint){ .pid = 0, .proc = -1, .fd = -1, .access = ACC_RW,
	                               .remote = arena_printf(&s->arena, "%s:%u", r, rp), .sock = -1 };
}

/* Merge hosts[0..n) (2 processes each, pids 100 and 101) named h0, h1, ... into m. */
static void merge(struct snapshot *m, struct snapshot *hosts, size_t n)
{
	static const char *names[] = { "h0", "h1", "h2" };
	struct merge_input in[3];
	for (size_t i = 0; i < n; i++)
		in[i] = (struct merge_input){ &hosts[i], names[i] };
	snapshot_init(m);
	snap_merge(m, in, n);
}

static void reset(struct snapshot *hosts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		snapshot_init(&hosts[i]);
		hand_reset(&hosts[i], 2, 5);
	}
}

/* Two fresh hosts, process pi of each holding one side of a connection a:ap <-> b:bp
 * (h0 sees it from a, h1 from b), merged into m. */
static void merge_pair(struct snapshot *m, struct snapshot *h, size_t pi, int proto,
                       const char *a, uint16_t ap, const char *b, uint16_t bp)
{
	reset(h, 2);
	conn(&h[0], pi, proto, a, ap, b, bp);
	conn(&h[1], pi, proto, b, bp, a, ap);
	merge(m, h, 2);
}

static void done(struct snapshot *m, struct snapshot *hosts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		snapshot_free(&hosts[i]);
	snapshot_free(m);
}

static size_t remote_ends(const struct channel *ch)
{
	size_t n = 0;
	for (size_t e = 0; e < ch->n_ep; e++)
		n += ch->ep[e].remote != NULL;
	return n;
}

static void check_pair(int proto, const char *what)
{
	struct snapshot h[2], m;
	merge_pair(&m, h, 1, proto, "10.0.0.1", 40000, "10.0.0.2", 80);
	is_int(m.n_procs, 4, "%s: the processes of both hosts, same pids kept apart", what);
	is_int(m.n_chans, 1, "%s: the two sides are one channel", what);
	const struct channel *ch = &m.chans[0];
	is_int(ch->n_ep, 2, "%s: two ends, the remote placeholders gone", what);
	is_int(remote_ends(ch), 0, "%s: no remote end left", what);
	if (ch->n_ep == 2) {
		const struct endpoint *a = &ch->ep[0], *b = &ch->ep[1];
		ok(a->proc >= 0 && b->proc >= 0 && a->proc != b->proc, "%s: two different processes", what);
		ok(a->proc >= 0 && m.procs[a->proc].pid == 101 && strcmp(m.procs[a->proc].host, "h0") == 0,
		   "%s: one end is h0's pid 101", what);
		ok(b->proc >= 0 && m.procs[b->proc].pid == 101 && strcmp(m.procs[b->proc].host, "h1") == 0,
		   "%s: the other end is h1's pid 101", what);
		is_str(b->host, "h1", "%s: the endpoint names its host", what);
	}
	is_str(ch->id, proto == IPPROTO_TCP ? "tcp:10.0.0.1:40000-10.0.0.2:80" : "udp:10.0.0.1:40000-10.0.0.2:80",
	       "%s: the id of the connection, lower side first", what);
	done(&m, h, 2);
}

static void check_loopback(void)
{
	struct snapshot h[2], m;
	merge_pair(&m, h, 0, IPPROTO_TCP, "127.0.0.1", 40000, "127.0.0.1", 80);
	is_int(m.n_chans, 2, "loopback: never paired across hosts");
	ok(m.n_chans == 2 && remote_ends(&m.chans[0]) == 1 && remote_ends(&m.chans[1]) == 1,
	   "loopback: both keep their remote ends");
	done(&m, h, 2);
	merge_pair(&m, h, 0, IPPROTO_TCP, "::1", 40000, "::1", 80);
	is_int(m.n_chans, 2, "IPv6 loopback (::1): never paired across hosts");
	done(&m, h, 2);
	merge_pair(&m, h, 0, IPPROTO_TCP, "fd00::1", 40000, "fd00::2", 80);
	ok(m.n_chans == 1 && m.chans[0].n_ep == 2 && remote_ends(&m.chans[0]) == 0,
	   "IPv6 addresses that are not loopback: the two sides joined (%zu channels)", m.n_chans);
	done(&m, h, 2);
}

static void check_unmatched(void)
{
	struct snapshot h[2], m;
	reset(h, 2);
	conn(&h[0], 0, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.9", 443);
	conn(&h[1], 0, IPPROTO_TCP, "10.0.0.2", 80, "10.0.0.1", 40001);   /* another port */
	merge(&m, h, 2);
	is_int(m.n_chans, 2, "unmatched: nothing joined");
	ok(m.n_chans == 2 && remote_ends(&m.chans[0]) == 1 && m.chans[0].n_ep == 2,
	   "unmatched: the remote end stays remote");
	ok(m.n_chans == 2 && m.chans[0].ep[1].remote && strcmp(m.chans[0].ep[1].remote, "10.0.0.9:443") == 0,
	   "unmatched: with its address");
	done(&m, h, 2);
}

/* Sixteen channels, as many as the merged array holds (its capacity grows 16, 32, ...): each
 * read stays inside it (the sanitizer build reports a read one past). */
static void check_full_array(void)
{
	struct snapshot h[2], m;
	reset(h, 2);
	for (uint16_t i = 0; i < 16; i++)
		conn(&h[0], 0, IPPROTO_TCP, "10.0.0.1", (uint16_t)(40000 + i), "10.0.0.9", 443);
	merge(&m, h, 2);
	is_int(m.cap_chans, 16, "a full array: the merge's channels fill it");
	size_t remote = 0;
	for (size_t c = 0; c < m.n_chans; c++)
		remote += remote_ends(&m.chans[c]);
	ok(m.n_chans == 16 && remote == 16, "a full array: 16 unmatched channels, each with its remote end");
	done(&m, h, 2);
}

/* h0 itself has 10.0.0.2 (a socket bound to it): its end towards 10.0.0.2 is local to h0,
 * whatever h1 holds; the same when that bound socket is the snapshot's first. */
static void check_own_address(void)
{
	static const char *what[] = { "own address: an end at its host's own address is not paired",
	                              "own address from the snapshot's first socket: not paired either" };
	for (int bound_first = 0; bound_first < 2; bound_first++) {
		struct snapshot h[2], m;
		reset(h, 2);
		if (bound_first)
			conn(&h[0], 1, IPPROTO_TCP, "10.0.0.2", 5555, "10.0.0.7", 40000);
		conn(&h[0], 0, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80);
		if (!bound_first)
			conn(&h[0], 1, IPPROTO_TCP, "10.0.0.2", 5555, "10.0.0.7", 40000);
		conn(&h[1], 0, IPPROTO_TCP, "10.0.0.2", 80, "10.0.0.1", 40000);
		merge(&m, h, 2);
		is_int(m.n_chans, 3, "%s", what[bound_first]);
		done(&m, h, 2);
	}
}

/* The same tuple on h0 and h2 (two hosts behind the same private addresses): h1's reverse
 * cannot tell which, so none is joined. */
static void check_ambiguous(void)
{
	struct snapshot h[3], m;
	reset(h, 3);
	conn(&h[0], 0, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80);
	conn(&h[2], 0, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80);
	conn(&h[1], 0, IPPROTO_TCP, "10.0.0.2", 80, "10.0.0.1", 40000);
	merge(&m, h, 3);
	is_int(m.n_chans, 3, "ambiguous: a tuple claimed twice is not joined");
	is_int(m.n_procs, 6, "ambiguous: three hosts' processes");
	done(&m, h, 3);
}

/* The same connection seen twice on one host (both ends local there) is not a cross-host pair. */
static void check_same_host(void)
{
	struct snapshot h[1], m;
	reset(h, 1);
	conn(&h[0], 0, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80);
	conn(&h[0], 1, IPPROTO_TCP, "10.0.0.2", 80, "10.0.0.1", 40000);
	merge(&m, h, 1);
	is_int(m.n_chans, 2, "one host: the merge pairs only across hosts");
	done(&m, h, 1);
}

/* A process with thread waits: the merge holds its own copy of them, with no kept syscall
 * descriptor (those stay the source snapshot's, closed with it), the source's untouched. In
 * the sanitizer build a write one past the copy (the newest block of the arena) is reported. */
static void check_tasks_copied(void)
{
	struct snapshot hosts[1], m;
	reset(hosts, 1);
	struct task_wait t[2] = { { .tid = 150, .state = 'S', .call_fd1 = 6, .chan = -1 },
	                          { .tid = 151, .state = 'S', .call_fd1 = 7, .chan = -1 } };
	hosts[0].procs[0].tasks = t;
	hosts[0].procs[0].n_tasks = 2;
	conn(&hosts[0], 1, IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.9", 5432);
	merge(&m, hosts, 1);
	const struct proc_info *p = m.n_procs == 2 ? &m.procs[0] : NULL;
	ok(p && p->n_tasks == 2 && p->tasks != t && p->tasks[0].tid == 150 && p->tasks[1].tid == 151 &&
	   !p->tasks[0].call_fd1 && !p->tasks[1].call_fd1,
	   "thread waits copied, without the source's kept descriptors");
	ok(t[0].call_fd1 == 6 && t[1].call_fd1 == 7, "the source's thread waits keep theirs");
	const struct channel *ch = m.n_chans == 1 ? &m.chans[0] : NULL;
	ok(ch && ch->n_ep == 2 && ch->ep[0].proc == 1 && !strcmp(ch->ep[0].host, "h0") &&
	   ch->ep[1].proc == -1, "the channel's ends: process 1 of h0, and the remote end");
	hosts[0].procs[0].tasks = NULL;
	hosts[0].procs[0].n_tasks = 0;
	done(&m, hosts, 1);
}

int main(void)
{
	check_pair(IPPROTO_TCP, "tcp");
	check_pair(IPPROTO_UDP, "udp");
	check_loopback();
	check_unmatched();
	check_full_array();
	check_own_address();
	check_ambiguous();
	check_same_host();
	check_tasks_copied();
	return tap_done();
}
