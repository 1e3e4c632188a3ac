/* test_channel.c — channel resolution on snapshots built by hand: every kind joins exactly the
 * endpoints that share an object, and nothing else. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_resolve.h"
#include "hand_snapshot.h"
#include "../tap.h"
#include "util/xalloc.h"

static struct snapshot S;

static struct fd_info *add_fd(size_t pi, int fd, enum fd_kind kind, uint64_t ino, uint8_t acc)
{
	return hand_add_fd(&S, pi, fd, kind, 0, ino, acc, "x");
}

static const struct channel *only(enum chan_kind k)
{
	const struct channel *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].kind == k) {
			found = &S.chans[i];
			n++;
		}
	return n == 1 ? found : NULL;
}

static const struct channel *by_id(const char *id)
{
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].id && strcmp(S.chans[i].id, id) == 0)
			return &S.chans[i];
	return NULL;
}

static void test_pipe(void)
{
	hand_reset(&S, 3, 0);
	add_fd(0, 3, FDK_PIPE, 77, ACC_R);
	add_fd(1, 4, FDK_PIPE, 77, ACC_W);
	add_fd(2, 5, FDK_PIPE, 78, ACC_R);   /* another pipe, reader only */
	add_fd(2, 6, FDK_PIPE, 78, ACC_W);   /* same process holds both ends */
	channel_resolve(&S);
	is_int(S.n_chans, 2, "two pipes, two channels");
	const struct channel *c = &S.chans[0];
	is_str(c->id, "pipe:77", "pipe id");
	is_int(c->n_ep, 2, "pipe joins its two processes");
	ok(hand_ep_of(c, 100) && hand_ep_of(c, 100)->access == ACC_R && hand_ep_of(c, 100)->fd == 3, "reader end");
	is_str(hand_ep_of(c, 101) ? hand_ep_of(c, 101)->role : NULL, "write", "writer role");
	c = &S.chans[1];
	is_int(c->n_ep, 1, "both ends in one process: one endpoint");
	ok(c->ep[0].access == ACC_RW && c->ep[0].role == NULL && c->ep[0].fd == 5, "merged rw, lowest fd, no role");
	is_int(S.procs[2].n_channels, 1, "n_channels counts channels, not fds");
	ok(S.procs[2].fds[0].chan == 1 && S.procs[2].fds[1].chan == 1 && S.procs[0].fds[0].chan == 0,
	   "every descriptor knows its channel, not only the endpoint's first");
	hand_free_lists(&S);
}

/* A pipe's fill comes from the first holder measured: pipe 70's first end was not measured, its
 * second says 7 of 65536 queued; pipe 71's two ends were measured at two moments (3, then 9):
 * the first measurement stays. */
static void test_pipe_fill(void)
{
	hand_reset(&S, 2, 0);
	add_fd(0, 3, FDK_PIPE, 70, ACC_R);
	struct fd_info *f = add_fd(1, 4, FDK_PIPE, 70, ACC_W);
	f->has_fill = true, f->fill_queued = 7, f->fill_capacity = 65536;
	f = add_fd(0, 5, FDK_PIPE, 71, ACC_R);
	f->has_fill = true, f->fill_queued = 3, f->fill_capacity = 4096;
	f = add_fd(1, 6, FDK_PIPE, 71, ACC_W);
	f->has_fill = true, f->fill_queued = 9, f->fill_capacity = 8192;
	channel_resolve(&S);
	const struct channel *a = by_id("pipe:70"), *b = by_id("pipe:71");
	ok(a && a->queued_known && a->queued == 7 && a->capacity == 65536,
	   "fill from the measured holder, not the unmeasured first (%llu of %lld)",
	   a ? (unsigned long long)a->queued : 0ULL, a ? (long long)a->capacity : -9LL);
	ok(b && b->queued_known && b->queued == 3 && b->capacity == 4096,
	   "two measured holders: the first measurement kept (%llu of %lld)",
	   b ? (unsigned long long)b->queued : 0ULL, b ? (long long)b->capacity : -9LL);
	hand_free_lists(&S);
}

/* Descriptor 0 is a descriptor like any other: a pipe read as stdin (fd 0) and through a dup
 * (fd 7) is one endpoint at fd 0; a memfd mapped and held as fd 0 is one endpoint at fd 0. */
static void test_fd_zero(void)
{
	hand_reset(&S, 2, 0);
	add_fd(0, 0, FDK_PIPE, 95, ACC_R);
	add_fd(0, 7, FDK_PIPE, 95, ACC_R);
	hand_add_map(&S, 1, "/memfd:z", 1, 96, "rw-s");
	add_fd(1, 0, FDK_MEMFD, 96, ACC_RW)->dev = 1;
	channel_resolve(&S);
	const struct channel *p = only(CK_PIPE), *m = only(CK_MEMFD);
	ok(p && p->n_ep == 1 && p->ep[0].fd == 0, "stdin and its dup: one endpoint, fd 0 (%d)",
	   p && p->n_ep ? p->ep[0].fd : -9);
	ok(m && m->n_ep == 1 && m->ep[0].fd == 0, "a memfd mapped and held as fd 0: one endpoint, fd 0 (%d)",
	   m && m->n_ep ? m->ep[0].fd : -9);
	hand_free_lists(&S);
}

/* One process's descriptors of one pipe met highest first (the lower one is then preferred):
 * a write end 9 and a read end 4 of pipe 90 merge to fd 4, read and write, no role; two read
 * ends 8 and 3 of pipe 91 (a dup) merge to fd 3 and keep the role "read". */
static void test_pipe_lower_fd_later(void)
{
	hand_reset(&S, 1, 0);
	add_fd(0, 9, FDK_PIPE, 90, ACC_W);
	add_fd(0, 4, FDK_PIPE, 90, ACC_R);
	add_fd(0, 8, FDK_PIPE, 91, ACC_R);
	add_fd(0, 3, FDK_PIPE, 91, ACC_R);
	channel_resolve(&S);
	const struct channel *a = S.n_chans == 2 ? &S.chans[0] : NULL, *b = a ? &S.chans[1] : NULL;
	ok(a && a->n_ep == 1 && a->ep[0].fd == 4 && a->ep[0].access == ACC_RW && !a->ep[0].role,
	   "both ends met highest first: lowest fd, read and write, no role");
	ok(b && b->n_ep == 1 && b->ep[0].fd == 3 && b->ep[0].access == ACC_R && b->ep[0].role &&
	   !strcmp(b->ep[0].role, "read"), "two read ends met highest first: lowest fd, role read kept");
	hand_free_lists(&S);
}

/* Writers only, readers only: one-ended; both directions, or an end of unknown access: not. */
static void test_one_ended(void)
{
	hand_reset(&S, 4, 0);
	add_fd(0, 2, FDK_PIPE, 80, ACC_W);   /* a pipe leaked into two services, writers only */
	add_fd(1, 2, FDK_PIPE, 80, ACC_W);
	add_fd(2, 0, FDK_PIPE, 81, ACC_R);   /* readers only */
	add_fd(3, 0, FDK_PIPE, 81, ACC_R);
	add_fd(0, 5, FDK_FIFO, 82, ACC_W);   /* a FIFO one process writes and another reads */
	add_fd(1, 5, FDK_FIFO, 82, ACC_RW);
	add_fd(2, 6, FDK_PIPE, 83, ACC_W);
	add_fd(3, 6, FDK_PIPE, 83, ACC_NONE);   /* access unknown: might be the reader */
	add_fd(2, 7, FDK_EVENTFD, 9, ACC_W)->aux = 4;   /* not a pipe: never one-ended */
	channel_resolve(&S);
	const struct channel *w = by_id("pipe:80"), *r = by_id("pipe:81"), *f = by_id("fifo:0:82"),
		*u = by_id("pipe:83"), *ev = only(CK_EVENTFD);
	ok(w && w->one_ended && w->n_ep == 2 && r && r->one_ended, "writers only and readers only: one-ended");
	ok(f && !f->one_ended && u && !u->one_ended,
	   "a FIFO with a reader, a pipe with an end of unknown access: not one-ended");
	ok(ev && !ev->one_ended, "an eventfd is never one-ended");
	hand_free_lists(&S);
}

static void test_eventfd_pty(void)
{
	hand_reset(&S, 4, 0);
	add_fd(0, 3, FDK_EVENTFD, 9, ACC_RW)->aux = 5;
	add_fd(1, 3, FDK_EVENTFD, 9, ACC_RW)->aux = 5;
	add_fd(2, 3, FDK_EVENTFD, 9, ACC_RW)->aux = 6;   /* same anon inode, other eventfd */
	add_fd(3, 3, FDK_EVENTFD, 9, ACC_RW);            /* id unknown: no channel */
	add_fd(0, 4, FDK_PTMX, 0, ACC_RW)->aux = 3;
	struct fd_info *pts = add_fd(2, 0, FDK_PTS, 0, ACC_RW);
	pts->aux = 3;
	pts->target = "/dev/pts/3";
	channel_resolve(&S);
	size_t n_ev = 0;
	for (size_t i = 0; i < S.n_chans; i++)
		n_ev += S.chans[i].kind == CK_EVENTFD;
	is_int(n_ev, 2, "eventfds are told apart by eventfd-id, never by the shared inode");
	const struct channel *pty = only(CK_PTY);
	ok(pty && pty->n_ep == 2, "pty master joins /dev/pts/N");
	ok(S.procs[3].fds[0].chan == -1, "an eventfd with no id holds no channel");
	is_str(pty ? pty->label : NULL, "/dev/pts/3", "pty labelled by its slave");
	is_str(hand_ep_of(pty, 100) ? hand_ep_of(pty, 100)->role : NULL, "master", "master role");
	hand_free_lists(&S);
}

static int32_t add_sock(int family, int type, int proto, uint64_t netns, uint64_t ino)
{
	return hand_add_sock(&S, family, type, proto, netns, ino);
}

static void hold(size_t pi, int fd, int32_t sock)
{
	add_fd(pi, fd, FDK_SOCKET, S.socks[sock].ino, ACC_RW)->sock = sock;
}

static void test_unix(void)
{
	hand_reset(&S, 5, 0);
	int32_t a = add_sock(AF_UNIX, SOCK_STREAM, 0, 1, 10), b = add_sock(AF_UNIX, SOCK_STREAM, 0, 1, 11);
	S.socks[a].peer = 11;
	S.socks[b].peer = 10;
	hold(0, 3, a);
	hold(1, 3, b);
	/* a datagram server with three connected clients: one channel, four endpoints */
	int32_t srv = add_sock(AF_UNIX, SOCK_DGRAM, 0, 1, 20);
	S.socks[srv].name = "/dev/log";
	S.socks[srv].name_len = 8;
	hold(2, 3, srv);
	for (int i = 0; i < 3; i++) {
		int32_t c = add_sock(AF_UNIX, SOCK_DGRAM, 0, 1, 21 + (uint64_t)i);
		S.socks[c].peer = 20;
		hold(i == 1 ? 4 : 3, 5 + i, c);   /* process 3 holds two clients */
	}
	int32_t lonely = add_sock(AF_UNIX, SOCK_STREAM, 0, 1, 30);   /* a listener alone */
	S.socks[lonely].state = 10;
	hold(0, 9, lonely);
	channel_resolve(&S);
	is_int(S.n_chans, 2, "a stream pair and a datagram hub; a lone listener is no channel");
	const struct channel *hub = NULL;
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].label && !strcmp(S.chans[i].label, "/dev/log"))
			hub = &S.chans[i];
	ok(hub != NULL, "hub labelled by the server's name");
	ok(hub && hub->label_sock1 == srv + 1, "the label stands for the server socket's exact name");
	is_int(hub ? hub->n_ep : 0, 3, "hub: server process plus two client processes (one holds two)");
	hand_free_lists(&S);
}

static void set_inet(int32_t k, const char *l, uint16_t lp, const char *r, uint16_t rp)
{
	struct sock_info *s = &S.socks[k];
	if (s->family == AF_INET) {
		memcpy(s->laddr, l, 4);
		memcpy(s->raddr, r, 4);
	} else {
		memcpy(s->laddr, l, 16);
		memcpy(s->raddr, r, 16);
	}
	s->lport = lp;
	s->rport = rp;
}

static void test_inet(void)
{
	static const char lo[4] = { 127, 0, 0, 1 }, far[4] = { 10, 1, 2, 3 };
	static const char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (char)0xff, (char)0xff, 127, 0, 0, 1 };
	hand_reset(&S, 6, 0);
	S.procs[4].netns = 2;
	S.procs[5].netns = 2;
	int32_t c = add_sock(AF_INET, SOCK_STREAM, IPPROTO_TCP, 1, 40), s = add_sock(AF_INET6, SOCK_STREAM, IPPROTO_TCP, 1, 41);
	set_inet(c, lo, 40000, lo, 80);
	set_inet(s, mapped, 80, mapped, 40000);   /* IPv4-mapped IPv6 server side meets IPv4 client */
	hold(0, 3, c);
	hold(1, 4, s);
	int32_t out = add_sock(AF_INET, SOCK_STREAM, IPPROTO_TCP, 1, 42);
	set_inet(out, lo, 50000, far, 443);
	hold(2, 3, out);
	/* same tuple as the first pair, but in namespace 2: must not meet namespace 1 */
	int32_t n2 = add_sock(AF_INET, SOCK_STREAM, IPPROTO_TCP, 2, 43);
	set_inet(n2, lo, 40000, lo, 80);
	hold(4, 3, n2);
	int32_t u1 = add_sock(AF_INET, SOCK_DGRAM, IPPROTO_UDP, 1, 44), u2 = add_sock(AF_INET, SOCK_DGRAM, IPPROTO_UDP, 1, 45);
	set_inet(u1, lo, 5000, lo, 5001);
	set_inet(u2, lo, 5001, lo, 5000);
	hold(3, 3, u1);
	hold(3, 4, u2);   /* one process holds both ends of a UDP pair */
	int32_t listener = add_sock(AF_INET, SOCK_STREAM, IPPROTO_TCP, 1, 46);
	set_inet(listener, lo, 80, "\0\0\0\0", 0);
	S.socks[listener].state = 10;
	hold(1, 5, listener);
	S.socks[n2].state = 1;
	channel_resolve(&S);
	const struct channel *pair = NULL, *remote = NULL, *foreign = NULL;
	for (size_t i = 0; i < S.n_chans; i++) {
		const struct channel *ch = &S.chans[i];
		if (ch->kind == CK_TCP && hand_ep_of(ch, 100))
			pair = ch;
		if (ch->kind == CK_TCP && hand_ep_of(ch, 102))
			remote = ch;
		if (ch->kind == CK_TCP && hand_ep_of(ch, 104))
			foreign = ch;
	}
	ok(pair && pair->n_ep == 2 && hand_ep_of(pair, 101), "reversed tuples join, IPv4 and IPv4-mapped IPv6");
	ok(remote && remote->n_ep == 2 && hand_ep_of(remote, 0) && hand_ep_of(remote, 0)->remote &&
	   !strcmp(hand_ep_of(remote, 0)->remote, "10.1.2.3:443"), "off-host peer becomes a remote endpoint");
	ok(foreign && foreign != pair && foreign->n_ep == 2 && hand_ep_of(foreign, 0), "equal tuples in two namespaces never pair");
	ok(only(CK_UDP) && only(CK_UDP)->n_ep == 1, "connected UDP pair in one process: one channel, one endpoint");
	size_t n_tcp = 0;
	for (size_t i = 0; i < S.n_chans; i++)
		n_tcp += S.chans[i].kind == CK_TCP;
	is_int(n_tcp, 3, "a listener is not a channel");
	hand_free_lists(&S);
}

static void add_map(size_t pi, const char *path, uint64_t dev, uint64_t ino, const char *perms)
{
	hand_add_map(&S, pi, path, dev, ino, perms);
}

static void test_sysv(void)
{
	hand_reset(&S, 5, 0);
	S.own_ipcns = 7;
	for (int i = 0; i < 4; i++)
		S.procs[i].ipcns = 7;
	S.procs[4].ipcns = 8;   /* another IPC namespace, same shmid */
	add_map(0, "/SYSV00001234", 1, 5, "rw-s");
	add_map(0, "/SYSV00001234", 1, 5, "r--s");   /* attached twice: still one endpoint */
	add_map(1, "/SYSV00001234", 1, 5, "r--s");
	add_map(4, "/SYSV00000000", 1, 5, "rw-s");
	add_map(2, "/memfd:x", 1, 99, "rw-s");
	add_fd(3, 7, FDK_MEMFD, 99, ACC_RW)->dev = 1;
	S.shm = xcalloc(1, sizeof(*S.shm));
	S.n_shm = 1;
	S.shm[0].shmid = 5;
	S.shm[0].key = 0x1234;
	S.msg = xcalloc(2, sizeof(*S.msg));
	S.n_msg = 2;
	S.msg[0] = (struct sysv_msg){ .msqid = 3, .lspid = 102, .lrpid = 103, .qnum = 4 };
	S.msg[1] = (struct sysv_msg){ .msqid = 4, .lspid = 999, .lrpid = 0 };   /* nobody alive */
	channel_resolve(&S);
	const struct channel *shm = NULL, *other = NULL;
	for (size_t i = 0; i < S.n_chans; i++) {
		if (S.chans[i].kind == CK_SYSV_SHM && hand_ep_of(&S.chans[i], 100))
			shm = &S.chans[i];
		if (S.chans[i].kind == CK_SYSV_SHM && hand_ep_of(&S.chans[i], 104))
			other = &S.chans[i];
	}
	ok(shm && shm->n_ep == 2 && shm->sysv == 0, "SysV segment: attachers joined, table row linked");
	ok(shm && hand_ep_of(shm, 100)->fd == -1 && hand_ep_of(shm, 100)->access == ACC_RW, "mapping endpoint: no fd, access merged");
	ok(other && other != shm && other->n_ep == 1 && other->sysv == -1, "same shmid in another IPC namespace stays apart");
	const struct channel *mf = only(CK_MEMFD);
	ok(mf && mf->n_ep == 2 && hand_ep_of(mf, 103) && hand_ep_of(mf, 103)->fd == 7, "memfd: descriptor and mapping meet");
	const struct channel *mq = only(CK_SYSV_MSG);
	ok(mq && mq->n_ep == 2 && mq->queued == 4, "message queue joins its last sender and receiver");
	is_str(mq ? hand_ep_of(mq, 102)->role : NULL, "sender", "sender role");
	hand_free_lists(&S);
}

/* Queues whose only user alive is the snapshot's first process (index 0): one sent last, the
 * other received last; each has its channel, with that one end. */
static void test_sysv_msg_first_proc(void)
{
	hand_reset(&S, 2, 0);
	S.msg = xcalloc(2, sizeof(*S.msg));
	S.n_msg = 2;
	S.msg[0] = (struct sysv_msg){ .msqid = 8, .lspid = 100, .lrpid = 0 };
	S.msg[1] = (struct sysv_msg){ .msqid = 9, .lspid = 0, .lrpid = 100 };
	channel_resolve(&S);
	const struct channel *snd = NULL, *rcv = NULL;
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].kind == CK_SYSV_MSG)
			*(S.chans[i].sysv == 0 ? &snd : &rcv) = &S.chans[i];
	ok(snd && snd->n_ep == 1 && hand_ep_of(snd, 100) && !strcmp(hand_ep_of(snd, 100)->role, "sender"),
	   "a queue sent to last by the first process: its channel, the sender");
	ok(rcv && rcv->n_ep == 1 && hand_ep_of(rcv, 100) && !strcmp(hand_ep_of(rcv, 100)->role, "receiver"),
	   "a queue read last by the first process: its channel, the receiver");
	hand_free_lists(&S);
}

/* Shared anonymous memory: one channel per (device, inode), each mapper an endpoint with its
 * address and size; the /dev/zero name is no label, and another inode is another region. A
 * region named with prctl(PR_SET_VMA_ANON_NAME) ("[anon_shmem:NAME]" in maps) is labelled so. */
static void test_anon_shm(void)
{
	hand_reset(&S, 4, 0);
	add_map(0, "/dev/zero", 1, 1025, "rw-s");
	add_map(1, "/dev/zero", 1, 1025, "r--s");
	add_map(2, "/dev/zero", 1, 1026, "rw-s");
	add_map(3, "[anon_shmem:ring]", 1, 1027, "rw-s");
	S.procs[1].maps[0].start = 0x7f0000000000;
	S.procs[1].maps[0].end = 0x7f0000100000;
	channel_resolve(&S);
	const struct channel *a = NULL, *b = NULL;
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].kind == CK_ANON_SHM)
			if (!hand_ep_of(&S.chans[i], 103))
				*(hand_ep_of(&S.chans[i], 100) ? &a : &b) = &S.chans[i];
	ok(a && a->n_ep == 2 && hand_ep_of(a, 101) && !a->label, "anon_shm: both mappers of inode 1025, no label");
	is_str(a ? a->id : NULL, "anon_shm:1:1025", "anon_shm id is kind:dev:ino");
	const struct endpoint *e = a ? hand_ep_of(a, 101) : NULL;
	ok(e && e->fd == -1 && e->access == ACC_R && e->addr == 0x7f0000000000 && e->size == 0x100000,
	   "anon_shm endpoint: no fd, access from perms, address and size of the mapping");
	ok(b && b->n_ep == 1 && hand_ep_of(b, 102), "another inode is another region");
	const struct channel *named = NULL;
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].kind == CK_ANON_SHM && hand_ep_of(&S.chans[i], 103))
			named = &S.chans[i];
	is_str(named ? named->label : NULL, "[anon_shmem:ring]", "a named region: its name is its label");
	hand_free_lists(&S);
}

static void test_many(void)
{
	enum { N = 20000 };
	hand_reset(&S, N, 0);
	for (size_t i = 0; i < N; i++)
		add_fd(i, 3, FDK_EVENTFD, 9, ACC_RW)->aux = 1;
	channel_resolve(&S);
	ok(S.n_chans == 1 && S.chans[0].n_ep == N, "one object shared by 20000 processes stays one channel");
	hand_free_lists(&S);
}

int main(void)
{
	snapshot_init(&S);
	test_pipe();
	test_pipe_lower_fd_later();
	test_pipe_fill();
	test_fd_zero();
	test_eventfd_pty();
	test_unix();
	test_inet();
	test_one_ended();
	test_sysv();
	test_anon_shm();
	test_sysv_msg_first_proc();
	test_many();
	snapshot_free(&S);
	return tap_done();
}
