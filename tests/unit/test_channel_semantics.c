/* test_channel_semantics.c — the meaning of channel resolution, stated by hand: each check
 * builds a small snapshot, resolves it and asserts one rule written out beside it (access of
 * mappings, roles of every kind, SysV segments joined to their rows, UNIX listeners and their
 * pending clients, the ephemeral-port boundary, TCP pairing, off-host peers, network
 * namespaces). test_channel_ids' dump and hash
 * stay as change detectors; these are the expectations that do not come from the resolver. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_resolve.h"
#include "hand_snapshot.h"
#include "../tap.h"
#include "util/xalloc.h"

static struct snapshot S;

/* Resolve what was built; the caller checks, then done() frees the lists. */
static void resolve(void)
{
	channel_resolve(&S);
}

static void done(void)
{
	hand_free_lists(&S);
}

/* The channel of kind k that process pid is an endpoint of (the first one). */
static const struct channel *chan_of(enum chan_kind k, pid_t pid)
{
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].kind == k && hand_ep_of(&S.chans[i], pid))
			return &S.chans[i];
	return NULL;
}

static size_t count_kind(enum chan_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < S.n_chans; i++)
		n += S.chans[i].kind == k;
	return n;
}

static const char *role_of(enum chan_kind k, pid_t pid)
{
	const struct endpoint *ep = hand_ep_of(chan_of(k, pid), pid);
	return ep ? ep->role : "(no endpoint)";
}

static int access_of(enum chan_kind k, pid_t pid)
{
	const struct endpoint *ep = hand_ep_of(chan_of(k, pid), pid);
	return ep ? ep->access : -1;
}

/* Expectation: a shared mapping's endpoint has the access of its perms — "r--s" is read only
 * (never rw), "rw-s" is read and write — role "mapped" and no descriptor; two mappings of one
 * process merge their access. The same for POSIX shm, memfd and SysV segments. */
static void test_mapping_access(void)
{
	hand_reset(&S, 5, 7);
	hand_add_map(&S, 0, "/dev/shm/seg", 23, 5, "r--s");
	hand_add_map(&S, 1, "/dev/shm/seg", 23, 5, "rw-s");
	hand_add_map(&S, 2, "/memfd:m (deleted)", 1, 99, "r--s");
	hand_add_map(&S, 3, "/SYSV00001234", 1, 6, "r--s");
	hand_add_map(&S, 4, "/SYSV00001234", 1, 6, "r--s");
	hand_add_map(&S, 4, "/SYSV00001234", 1, 6, "rw-s");
	resolve();
	is_int(access_of(CK_POSIX_SHM, 100), ACC_R, "read-only POSIX shm mapping: access read");
	is_int(access_of(CK_POSIX_SHM, 101), ACC_RW, "rw POSIX shm mapping: access rw");
	is_int(access_of(CK_MEMFD, 102), ACC_R, "read-only memfd mapping: access read");
	is_int(access_of(CK_SYSV_SHM, 103), ACC_R, "read-only SysV attach: access read");
	is_int(access_of(CK_SYSV_SHM, 104), ACC_RW, "r and rw attach of one process merge to rw");
	is_str(role_of(CK_POSIX_SHM, 100), "mapped", "a mapping's role is mapped");
	const struct endpoint *ep = hand_ep_of(chan_of(CK_POSIX_SHM, 100), 100);
	is_int(ep ? ep->fd : 0, -1, "a mapping endpoint has no descriptor");
	is_int(chan_of(CK_POSIX_SHM, 100) ? chan_of(CK_POSIX_SHM, 100)->n_ep : 0, 2,
	       "both mappers of /dev/shm/seg share one channel");
	done();
}

/* Expectation: pipe and FIFO ends take their role from the descriptor's access — read end
 * "read" (access r), write end "write" (access w); a FIFO opened O_RDWR is rw with no role,
 * and so is a process holding both ends of one pipe. */
static void test_pipe_ends(void)
{
	hand_reset(&S, 5, 7);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 70, ACC_R, "pipe:[70]");
	hand_add_fd(&S, 1, 4, FDK_PIPE, 0, 70, ACC_W, "pipe:[70]");
	hand_add_fd(&S, 2, 3, FDK_FIFO, 2049, 71, ACC_R, "/tmp/f");
	hand_add_fd(&S, 3, 3, FDK_FIFO, 2049, 71, ACC_W, "/tmp/f");
	hand_add_fd(&S, 4, 3, FDK_FIFO, 2049, 71, ACC_RW, "/tmp/f");
	hand_add_fd(&S, 4, 5, FDK_PIPE, 0, 72, ACC_R, "pipe:[72]");
	hand_add_fd(&S, 4, 6, FDK_PIPE, 0, 72, ACC_W, "pipe:[72]");
	resolve();
	is_str(role_of(CK_PIPE, 100), "read", "pipe read end: role read");
	is_int(access_of(CK_PIPE, 100), ACC_R, "pipe read end: access r");
	is_str(role_of(CK_PIPE, 101), "write", "pipe write end: role write");
	is_int(access_of(CK_PIPE, 101), ACC_W, "pipe write end: access w");
	is_str(role_of(CK_FIFO, 102), "read", "fifo reader: role read");
	is_str(role_of(CK_FIFO, 103), "write", "fifo writer: role write");
	is_str(role_of(CK_FIFO, 104), NULL, "fifo opened rw: no role");
	is_int(access_of(CK_FIFO, 104), ACC_RW, "fifo opened rw: access rw");
	is_int(chan_of(CK_FIFO, 102) ? chan_of(CK_FIFO, 102)->n_ep : 0, 3, "one fifo, three holders");
	is_str(role_of(CK_PIPE, 104), NULL, "both ends of a pipe in one process: no role");
	is_int(access_of(CK_PIPE, 104), ACC_RW, "both ends of a pipe in one process: rw");
	done();
}

/* Expectation: each segment of /proc/sysvipc/shm's rows is joined to the channel of its shmid
 * (sysv: its row); a segment mapped but not among the rows is joined to none (sysv -1), even
 * when the table's memory holds a row for it past its end (a reused table keeps the last
 * snapshot's rows there). */
static void test_sysv_shm_join(void)
{
	hand_reset(&S, 2, 7);
	hand_add_map(&S, 0, "/SYSV00001234", 1, 6, "rw-s");
	hand_add_map(&S, 1, "/SYSV00005678", 1, 8, "rw-s");
	S.shm = xcalloc(2, sizeof(*S.shm));
	S.n_shm = 1;
	S.shm[0] = (struct sysv_shm){ .key = 0x1234, .shmid = 6 };
	S.shm[1] = (struct sysv_shm){ .key = 0x5678, .shmid = 8 };   /* past n_shm */
	resolve();
	const struct channel *in = chan_of(CK_SYSV_SHM, 100), *out = chan_of(CK_SYSV_SHM, 101);
	ok(in && in->sysv == 0, "segment 6, row 0 of the table: joined to its row (%d)",
	   in ? in->sysv : -2);
	ok(out && out != in && out->sysv == -1, "segment 8, not among the table's rows: joined to none (%d)",
	   out ? out->sysv : -2);
	done();
}

/* Expectation: a SysV message queue links its last sender (lspid: role sender, access w) and
 * its last receiver (lrpid: role receiver, access r); one process that is both is one rw
 * endpoint with no role; a queue with only a live receiver has that one endpoint; a queue no
 * live process used is no channel. */
static void test_sysv_msg(void)
{
	hand_reset(&S, 4, 7);
	S.msg = xcalloc(4, sizeof(*S.msg));
	S.n_msg = 4;
	S.msg[0] = (struct sysv_msg){ .key = 1, .msqid = 10, .lspid = 100, .lrpid = 101, .qnum = 2 };
	S.msg[1] = (struct sysv_msg){ .key = 2, .msqid = 11, .lspid = 102, .lrpid = 102 };
	S.msg[2] = (struct sysv_msg){ .key = 3, .msqid = 12, .lspid = 999, .lrpid = 103 };
	S.msg[3] = (struct sysv_msg){ .key = 4, .msqid = 13, .lspid = 998, .lrpid = 0 };
	resolve();
	is_str(role_of(CK_SYSV_MSG, 100), "sender", "last sender: role sender");
	is_int(access_of(CK_SYSV_MSG, 100), ACC_W, "last sender: access w");
	is_str(role_of(CK_SYSV_MSG, 101), "receiver", "last receiver: role receiver");
	is_int(access_of(CK_SYSV_MSG, 101), ACC_R, "last receiver: access r");
	ok(chan_of(CK_SYSV_MSG, 100) == chan_of(CK_SYSV_MSG, 101), "sender and receiver share the queue");
	is_str(role_of(CK_SYSV_MSG, 102), NULL, "sender and receiver in one process: no role");
	is_int(access_of(CK_SYSV_MSG, 102), ACC_RW, "sender and receiver in one process: rw");
	const struct channel *c = chan_of(CK_SYSV_MSG, 103);
	is_int(c ? c->n_ep : 0, 1, "dead sender: the live receiver alone");
	is_int(count_kind(CK_SYSV_MSG), 3, "a queue used by no live process is no channel");
	done();
}

static int32_t unix_sock(size_t pi, int fd, uint64_t ino, int state, const char *name)
{
	int32_t k = hand_add_sock(&S, AF_UNIX, SOCK_STREAM, 0, 1, ino);
	S.socks[k].state = (uint8_t)state;
	if (name) {
		S.socks[k].name = (char *)name;
		S.socks[k].name_len = strlen(name);
	}
	hand_add_fd(&S, pi, fd, FDK_SOCKET, 0, ino, ACC_RW, "socket")->sock = k;
	return k;
}

/* Two UNIX sockets connected to each other, each bound to its own name: the channel keeps
 * the first name it met as its label (the snapshot's order), not the last. */
static void test_unix_two_names(void)
{
	hand_reset(&S, 2, 7);
	int32_t a = unix_sock(0, 3, 70, 1, "/run/a"), b = unix_sock(1, 3, 71, 1, "/run/b");
	S.socks[a].peer = 71;
	S.socks[b].peer = 70;
	resolve();
	const struct channel *c = chan_of(CK_UNIX, 100);
	ok(c && c == chan_of(CK_UNIX, 101) && c->label && !strcmp(c->label, "/run/a"),
	   "two named ends: one channel, labelled by the first name (%s)", c && c->label ? c->label : "none");
	hand_free_lists(&S);
}

/* A pending client whose socket is the snapshot's first: linked to its listener all the same. */
static void test_unix_pending_first(void)
{
	hand_reset(&S, 2, 7);
	unix_sock(1, 3, 61, 1, NULL);   /* socks[0]: in the listener's queue */
	int32_t lis = unix_sock(0, 3, 60, 10, "/run/p");
	static uint64_t icons[] = { 61 };
	S.socks[lis].icons = icons;
	S.socks[lis].n_icons = 1;
	resolve();
	const struct channel *c = chan_of(CK_UNIX, 100);
	ok(c && c->n_ep == 2 && hand_ep_of(c, 101), "a pending client that is the first socket: linked");
	hand_free_lists(&S);
}

/* Expectation (roles): a UNIX socket with a name is the server side — the listener and every
 * connection it accepted (the kernel reports the listener's name on accepted sockets); a
 * client's socket has no name and no role. Expectation (pending): a listener is linked to the
 * clients in its queue of not-yet-accepted connections (UNIX_DIAG_ICONS, their peer still 0):
 * one channel of the listener and each pending client; a listener with an empty queue is no
 * channel. Expectation (label): a channel is named by a socket's name; a name of no bytes (""
 * from a JSON snapshot) is no name: no label. */
static void test_unix_roles(void)
{
	hand_reset(&S, 8, 7);
	/* accepted connection 20 (process 100, named) <-> client 21 (process 101) */
	int32_t acc = unix_sock(0, 3, 20, 1, "/run/s"), cli = unix_sock(1, 3, 21, 1, NULL);
	S.socks[acc].peer = 21;
	S.socks[cli].peer = 20;
	/* listener 30 (process 102) with pending clients 31 (103) and 32 (104) */
	int32_t lis = unix_sock(2, 3, 30, 10, "/run/l");
	static uint64_t icons[] = { 31, 32 };
	S.socks[lis].icons = icons;
	S.socks[lis].n_icons = 2;
	unix_sock(3, 3, 31, 1, NULL);
	unix_sock(4, 3, 32, 1, NULL);
	unix_sock(5, 3, 40, 10, "/run/empty");   /* a listener nobody waits on */
	/* a socketpair 50 (process 106, name "") <-> 51 (107, no name) */
	int32_t e0 = unix_sock(6, 3, 50, 1, ""), e1 = unix_sock(7, 3, 51, 1, NULL);
	S.socks[e0].peer = 51;
	S.socks[e1].peer = 50;
	resolve();
	is_str(role_of(CK_UNIX, 100), "server", "accepted connection (named): role server");
	is_str(role_of(CK_UNIX, 101), NULL, "connecting client (unnamed): no role");
	ok(chan_of(CK_UNIX, 100) && chan_of(CK_UNIX, 100) == chan_of(CK_UNIX, 101),
	   "accepted connection and its client are one channel");
	is_str(role_of(CK_UNIX, 102), "server", "listener: role server");
	const struct channel *c = chan_of(CK_UNIX, 102);
	is_int(c ? c->n_ep : 0, 3, "listener linked to its two pending clients");
	ok(c && hand_ep_of(c, 103) && hand_ep_of(c, 104), "the pending clients are the listener's endpoints");
	is_str(role_of(CK_UNIX, 103), NULL, "pending client: no role");
	/* a channel joins ends; the channel table lists such a listener as a row of its own
	 * (view/chans_lone.c, tests/tui/chans.sh) */
	ok(chan_of(CK_UNIX, 105) == NULL, "a listener with no pending client is no channel");
	c = chan_of(CK_UNIX, 106);
	ok(c && c == chan_of(CK_UNIX, 107) && !c->label && !c->label_sock1,
	   "a pair whose one name is \"\": one channel, no label (%s)", c && c->label ? c->label : "none");
	is_str(role_of(CK_UNIX, 106), NULL, "a socket named \"\": no role");
	is_int(count_kind(CK_UNIX), 3, "three UNIX channels");
	done();
}

static const uint8_t LO[4] = { 127, 0, 0, 1 }, FAR[4] = { 10, 1, 2, 3 };
static const uint8_t MAPPED_LO[16] = { [10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1 };

/* Process pi holds a TCP (or UDP) socket laddr:lport -> raddr:rport of family fam in netns. */
static int32_t inet_sock(size_t pi, int fam, int proto, uint64_t netns, uint64_t ino, const uint8_t *l,
			 uint16_t lport, const uint8_t *r, uint16_t rport)
{
	int32_t k = hand_add_sock(&S, fam, proto == IPPROTO_UDP ? SOCK_DGRAM : SOCK_STREAM, proto, netns, ino);
	size_t n = fam == AF_INET6 ? 16 : 4;
	memcpy(S.socks[k].laddr, l, n);
	if (r)
		memcpy(S.socks[k].raddr, r, n);
	S.socks[k].lport = lport;
	S.socks[k].rport = rport;
	if (!rport)
		S.socks[k].state = 10;
	hand_add_fd(&S, pi, 3 + (int)S.procs[pi].n_fds, FDK_SOCKET, 0, ino, ACC_RW, "socket")->sock = k;
	return k;
}

/* A loopback TCP connection between processes pa (port a) and pb (port b). */
static void tcp_pair(size_t pa, uint16_t a, size_t pb, uint16_t b, uint64_t ino)
{
	inet_sock(pa, AF_INET, IPPROTO_TCP, 1, ino, LO, a, LO, b);
	inet_sock(pb, AF_INET, IPPROTO_TCP, 1, ino + 1, LO, b, LO, a);
}

/* Expectation: with no listener on either port, the side whose port is in the ephemeral range
 * 32768-60999 (channel_inet.c's inet_role) is the client and the other the server: 32768 and
 * 60999 are ephemeral, 32767 and 61000 are not. Both ephemeral: neither role. A listener on
 * one side's port makes that side the server even when its port is ephemeral. */
static void test_ephemeral_boundary(void)
{
	hand_reset(&S, 10, 7);
	tcp_pair(0, 32768, 1, 32767, 1000);
	tcp_pair(2, 60999, 3, 61000, 1002);
	tcp_pair(4, 32768, 5, 60999, 1004);
	tcp_pair(6, 40000, 7, 5000, 1006);
	inet_sock(6, AF_INET, IPPROTO_TCP, 1, 1008, LO, 40000, NULL, 0);   /* listens on 40000 */
	tcp_pair(8, 1024, 9, 80, 1010);
	resolve();
	is_str(role_of(CK_TCP, 100), "client", "port 32768 is ephemeral: client");
	is_str(role_of(CK_TCP, 101), "server", "port 32767 is not ephemeral: server");
	is_str(role_of(CK_TCP, 102), "client", "port 60999 is ephemeral: client");
	is_str(role_of(CK_TCP, 103), "server", "port 61000 is not ephemeral: server");
	is_str(role_of(CK_TCP, 104), NULL, "both ports ephemeral: no role");
	is_str(role_of(CK_TCP, 105), NULL, "both ports ephemeral: no role (other side)");
	is_str(role_of(CK_TCP, 106), "server", "a listener on the port wins over the ephemeral range");
	is_str(role_of(CK_TCP, 107), "client", "the peer of a listened port: client");
	is_str(role_of(CK_TCP, 108), NULL, "neither port ephemeral nor listened: no role");
	is_int(count_kind(CK_TCP), 5, "five connections, the listener is no channel");
	done();
}

/* Expectation: two TCP sockets of one network namespace are one channel exactly when each one's
 * (local, remote) is the other's (remote, local); IPv4-mapped IPv6 meets plain IPv4; a socket
 * whose reverse nobody holds is a channel with an off-host endpoint {pid 0, no process, no
 * fd, role remote, remote "addr:port" of its peer}; equal tuples in two namespaces never meet,
 * and the id of a channel outside ipctop's namespace names the namespace. */
static void test_tcp_pairing(void)
{
	hand_reset(&S, 8, 7);
	S.procs[6].netns = S.procs[7].netns = 2;
	inet_sock(0, AF_INET, IPPROTO_TCP, 1, 2000, LO, 40000, LO, 80);
	inet_sock(1, AF_INET6, IPPROTO_TCP, 1, 2001, MAPPED_LO, 80, MAPPED_LO, 40000);
	/* nearly reversed (41000 against 41001): two one-sided connections */
	inet_sock(2, AF_INET, IPPROTO_TCP, 1, 2002, LO, 41000, LO, 81);
	inet_sock(3, AF_INET, IPPROTO_TCP, 1, 2003, LO, 81, LO, 41001);
	inet_sock(4, AF_INET, IPPROTO_TCP, 1, 2004, LO, 50000, FAR, 443);
	/* UDP, connected both ways */
	inet_sock(5, AF_INET, IPPROTO_UDP, 1, 2005, LO, 5000, LO, 5001);
	inet_sock(0, AF_INET, IPPROTO_UDP, 1, 2006, LO, 5001, LO, 5000);
	/* the first pair's reverse, but in network namespace 2 */
	inet_sock(6, AF_INET, IPPROTO_TCP, 2, 2007, LO, 80, LO, 40000);
	inet_sock(7, AF_INET, IPPROTO_TCP, 2, 2008, LO, 40001, LO, 80);
	inet_sock(1, AF_INET, IPPROTO_TCP, 1, 2009, LO, 80, LO, 40001);
	resolve();
	const struct channel *p = chan_of(CK_TCP, 100);
	ok(p && p == chan_of(CK_TCP, 101) && p->n_ep == 2, "reversed tuples (IPv4 and mapped IPv6) pair");
	is_int(p ? p->netns : 0, 1, "the channel is in the sockets' namespace");
	ok(chan_of(CK_TCP, 102) != chan_of(CK_TCP, 103), "tuples that are not each other's reverse do not pair");
	const struct channel *far = chan_of(CK_TCP, 104);
	const struct endpoint *rem = hand_ep_of(far, 0);
	ok(far && far->n_ep == 2 && rem, "a connection off the host keeps a remote endpoint");
	is_str(rem ? rem->remote : NULL, "10.1.2.3:443", "remote endpoint: the peer's address and port");
	ok(rem && rem->proc == -1 && rem->fd == -1 && rem->sock == -1, "remote endpoint: no process, fd or socket");
	is_str(rem ? rem->role : NULL, "remote", "remote endpoint: role remote");
	ok(hand_ep_of(chan_of(CK_TCP, 102), 0) && hand_ep_of(chan_of(CK_TCP, 103), 0),
	   "unpaired loopback sockets each get a remote endpoint");
	ok(hand_ep_of(p, 0) == NULL, "a paired connection has no remote endpoint");
	const struct channel *u = chan_of(CK_UDP, 105);
	ok(u && u == chan_of(CK_UDP, 100) && u->n_ep == 2, "connected UDP sockets pair by reversed tuples");
	const struct channel *n2 = chan_of(CK_TCP, 106);
	ok(n2 && n2 != p && hand_ep_of(n2, 0), "the reverse in another namespace does not pair");
	ok(n2 && strncmp(n2->id, "tcp:netns2:", 11) == 0, "foreign namespace named in the id (%s)",
	   n2 ? n2->id : "-");
	ok(p && strncmp(p->id, "tcp:127.0.0.1:", 14) == 0, "own namespace not named (%s)", p ? p->id : "-");
	ok(chan_of(CK_TCP, 107) != chan_of(CK_TCP, 101) || !chan_of(CK_TCP, 107),
	   "a namespace-2 socket never joins namespace 1's reverse");
	ok(hand_ep_of(chan_of(CK_TCP, 107), 101) == NULL, "process 101's 80->40001 stays out of namespace 2");
	done();
}

int main(void)
{
	snapshot_init(&S);
	test_mapping_access();
	test_pipe_ends();
	test_sysv_msg();
	test_sysv_shm_join();
	test_unix_roles();
	test_unix_pending_first();
	test_unix_two_names();
	test_ephemeral_boundary();
	test_tcp_pairing();
	snapshot_free(&S);
	return tap_done();
}
