/* test_channel_inet.c — the TCP/UDP pairing rules on snapshots built by hand: UDP clients of a
 * bound server, half-closed connections and their gone peers, connections a listener has not
 * accepted yet, listeners and connections held by several processes, and payload bytes. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_resolve.h"
#include "hand_snapshot.h"
#include "../tap.h"

static struct snapshot S;
static const uint8_t LO[4] = { 127, 0, 0, 1 }, ANY[4] = { 0 }, FAR[4] = { 10, 1, 2, 3 };
static const uint8_t ANY6[16] = { 0 }, LO6[16] = { [15] = 1 };

enum { EST = 1, FIN_WAIT2 = 5, CLOSE = 7, CLOSE_WAIT = 8, LISTEN = 10 };

/* A socket of namespace 1 in state st; addresses of the family's length. */
static int32_t sock_at(int family, int proto, uint64_t ino, const uint8_t *l, uint16_t lp,
		       const uint8_t *r, uint16_t rp, int st)
{
	size_t alen = family == AF_INET ? 4 : 16;
	int32_t k = hand_add_sock(&S, family, proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM, proto, 1, ino);
	memcpy(S.socks[k].laddr, l, alen);
	memcpy(S.socks[k].raddr, r, alen);
	S.socks[k].lport = lp;
	S.socks[k].rport = rp;
	S.socks[k].state = (uint8_t)st;
	return k;
}

static int32_t sock4(int proto, uint64_t ino, const uint8_t *l, uint16_t lp, const uint8_t *r, uint16_t rp, int st)
{
	return sock_at(AF_INET, proto, ino, l, lp, r, rp, st);
}

static int32_t tcp6(uint64_t ino, const uint8_t *l, uint16_t lp, const uint8_t *r, uint16_t rp, int st)
{
	return sock_at(AF_INET6, IPPROTO_TCP, ino, l, lp, r, rp, st);
}

static void hold(size_t pi, int fd, int32_t sock)
{
	hand_add_fd(&S, pi, fd, FDK_SOCKET, 0, S.socks[sock].ino, ACC_RW, "x")->sock = sock;
}

static const struct channel *chan_id(const char *id)
{
	for (size_t i = 0; i < S.n_chans; i++)
		if (S.chans[i].id && !strcmp(S.chans[i].id, id))
			return &S.chans[i];
	return NULL;
}

/* The channel descriptor fd of process pi holds. */
static const struct channel *chan_fd(size_t pi, int fd)
{
	for (size_t j = 0; j < S.procs[pi].n_fds; j++)
		if (S.procs[pi].fds[j].fd == fd && S.procs[pi].fds[j].chan >= 0)
			return &S.chans[S.procs[pi].fds[j].chan];
	return NULL;
}

static const char *role_of(const struct channel *c, pid_t pid)
{
	const struct endpoint *e = hand_ep_of(c, pid);
	return e && e->role ? e->role : "(none)";
}

static void test_udp(void)
{
	hand_reset(&S, 4, 0);
	int32_t srv = sock4(IPPROTO_UDP, 10, ANY, 5300, ANY, 0, CLOSE);   /* wildcard bind */
	hold(0, 3, srv);
	hold(1, 3, sock4(IPPROTO_UDP, 11, LO, 40001, LO, 5300, EST));
	hold(2, 4, sock4(IPPROTO_UDP, 12, LO, 40002, LO, 5300, EST));
	hold(3, 3, sock4(IPPROTO_UDP, 13, LO, 40003, ANY, 0, CLOSE));   /* unconnected sender */
	hold(3, 4, sock4(IPPROTO_UDP, 14, LO, 40004, LO, 5999, EST));   /* nothing bound there */
	int32_t shared = sock4(IPPROTO_UDP, 15, LO, 5400, ANY, 0, CLOSE);   /* two holders, no client */
	hold(1, 6, shared);
	hold(2, 6, shared);
	channel_resolve(&S);
	const struct channel *c = chan_id("udp:0.0.0.0:5300");
	ok(c && c->n_ep == 3, "UDP clients of a bound server: one channel with server and clients");
	is_str(role_of(c, 100), "server", "bound UDP socket is the server");
	is_str(role_of(c, 101), "client", "connected UDP socket is a client");
	ok(S.procs[3].fds[0].chan == -1, "an unconnected sender stays unpaired");
	const struct channel *lone = chan_id("udp:127.0.0.1:5999-127.0.0.1:40004");
	ok(lone && hand_ep_of(lone, 0) && !strcmp(role_of(lone, 0), "remote"), "nothing bound at the address: remote");
	c = chan_id("udp:127.0.0.1:5400");
	ok(c && c->n_ep == 2 && !strcmp(role_of(c, 101), "server") && !strcmp(role_of(c, 102), "server"),
	   "a bound UDP socket held by two processes: one channel, both holders");
	hand_free_lists(&S);
}

static void test_half_closed(void)
{
	hand_reset(&S, 3, 0);
	/* client in CLOSE_WAIT, the server's accepted socket an orphan in FIN_WAIT2 */
	int32_t cw = sock4(IPPROTO_TCP, 20, LO, 40010, LO, 6000, CLOSE_WAIT);
	S.socks[cw].has_tcp_info = true;
	S.socks[cw].bytes_acked = 1;      /* the SYN */
	S.socks[cw].bytes_received = 1;   /* the FIN */
	hold(0, 3, cw);
	sock4(IPPROTO_TCP, 0, LO, 6000, LO, 40010, FIN_WAIT2);
	/* CLOSE_WAIT on loopback whose peer is not in the table any more (TIME_WAIT, gone) */
	hold(1, 3, sock4(IPPROTO_TCP, 21, LO, 40011, LO, 6001, CLOSE_WAIT));
	/* the same off-host: remote */
	hold(2, 3, sock4(IPPROTO_TCP, 22, LO, 40012, FAR, 6002, CLOSE_WAIT));
	/* both ends held, one half-closed: a channel of two, nothing added */
	hold(2, 4, sock4(IPPROTO_TCP, 23, LO, 40013, LO, 6003, FIN_WAIT2));
	hold(1, 4, sock4(IPPROTO_TCP, 24, LO, 6003, LO, 40013, CLOSE_WAIT));
	channel_resolve(&S);
	const struct channel *c = chan_id("tcp:127.0.0.1:6000-127.0.0.1:40010");
	is_str(role_of(c, 0), "peer closed", "orphan peer in FIN_WAIT2: peer closed");
	ok(hand_ep_of(c, 0) && hand_ep_of(c, 0)->sock >= 0 && S.socks[hand_ep_of(c, 0)->sock].state == FIN_WAIT2,
	   "the peer closed end names the orphan socket");
	is_int(c ? c->bytes : 99, 0, "no payload: bytes exclude SYN and FIN");
	is_str(role_of(chan_id("tcp:127.0.0.1:6001-127.0.0.1:40011"), 0), "peer closed",
	       "loopback peer gone after its FIN: peer closed");
	is_str(role_of(chan_id("tcp:10.1.2.3:6002-127.0.0.1:40012"), 0), "remote", "off-host peer: remote");
	c = chan_fd(2, 4);
	ok(c && c->n_ep == 2 && hand_ep_of(c, 101) && hand_ep_of(c, 102), "half-closed pair: both holders, no third end");
	hand_free_lists(&S);
}

/* The not yet accepted child of a pending connection is the snapshot's first socket; a second
 * client's peer on the same listener has an inode but no visible holder (accepted by a process
 * this viewer cannot see): that client is not pending, it keeps its own connection. */
static void test_listener_first_and_unseen(void)
{
	hand_reset(&S, 3, 0);
	sock4(IPPROTO_TCP, 0, LO, 7400, LO, 40040, EST);   /* socks[0]: not accepted yet */
	int32_t lis = sock4(IPPROTO_TCP, 40, ANY, 7400, ANY, 0, LISTEN);
	hold(0, 3, lis);
	hold(1, 5, sock4(IPPROTO_TCP, 41, LO, 40040, LO, 7400, EST));
	hold(2, 5, sock4(IPPROTO_TCP, 42, LO, 40041, LO, 7400, EST));
	sock4(IPPROTO_TCP, 43, LO, 7400, LO, 40041, EST);   /* accepted, its holder unseen */
	channel_resolve(&S);
	const struct channel *l = chan_fd(0, 3), *c = chan_fd(2, 5);
	ok(l && l->n_ep == 2 && hand_ep_of(l, 100) && hand_ep_of(l, 101),
	   "the client whose peer is the first socket, not accepted: joins the listener");
	ok(c && c != l && !hand_ep_of(c, 100) && hand_ep_of(c, 102),
	   "a client whose peer has an inode but no holder seen: its own connection, not pending");
	hand_free_lists(&S);
}

static void test_listener(void)
{
	hand_reset(&S, 5, 0);
	int32_t lis = tcp6(30, ANY6, 7000, ANY6, 0, LISTEN);
	hold(0, 3, lis);
	hold(1, 3, lis);   /* inherited by a forked worker */
	hold(2, 5, sock4(IPPROTO_TCP, 31, LO, 40020, LO, 7000, EST));
	sock4(IPPROTO_TCP, 0, LO, 7000, LO, 40020, EST);   /* not accepted yet: no inode */
	/* accepted connection: its own channel */
	hold(3, 3, sock4(IPPROTO_TCP, 32, LO, 40021, LO, 7000, EST));
	hold(1, 6, sock4(IPPROTO_TCP, 33, LO, 7000, LO, 40021, EST));
	/* a connected UDP socket on the TCP listener's port: not accepted through it */
	int32_t udp = sock4(IPPROTO_UDP, 38, LO, 7000, LO, 5000, EST);
	hold(2, 6, udp);
	/* a lone listener held by one process, nothing pending: no channel */
	int32_t lone = sock4(IPPROTO_TCP, 34, LO, 7100, ANY, 0, LISTEN);
	hold(4, 3, lone);
	/* a connection passed with SCM_RIGHTS: held by 3 and 4, the peer by 0 */
	int32_t passed = tcp6(35, LO6, 40030, LO6, 7200, EST);
	hold(3, 7, passed);
	hold(4, 9, passed);
	hold(0, 8, tcp6(36, LO6, 7200, LO6, 40030, EST));
	/* two listeners sharing one address and port (SO_REUSEPORT), in two processes */
	int32_t rp1 = sock4(IPPROTO_TCP, 39, ANY, 7300, ANY, 0, LISTEN);
	int32_t rp2 = sock4(IPPROTO_TCP, 40, ANY, 7300, ANY, 0, LISTEN);
	hold(0, 10, rp1);
	hold(1, 10, rp2);
	channel_resolve(&S);
	const struct channel *c = chan_id("tcp:listen:[::]:7000");
	ok(c && c->n_ep == 3, "shared listener with a pending client: one channel, both holders and the client");
	is_str(c ? c->label : NULL, "[::]:7000", "a listener's channel is labelled by its address");
	is_str(role_of(c, 100), "listen", "listener holder role");
	is_str(role_of(c, 101), "listen", "the forked holder is an endpoint too");
	is_str(role_of(c, 102), "client", "the not yet accepted client joins the listener");
	ok(S.procs[2].fds[0].chan == c - S.chans, "the pending client's descriptor names that channel");
	c = chan_fd(3, 3);
	ok(c && c->n_ep == 2 && hand_ep_of(c, 101) && hand_ep_of(c, 103), "an accepted connection stays a channel of its own");
	int32_t acc = S.procs[1].fds[1].sock, cli = S.procs[3].fds[0].sock;
	ok(S.socks[acc].listener1 == lis + 1 && S.socks[cli].listener1 == 0 && S.socks[udp].listener1 == 0,
	   "the accepted socket is marked as the listener's; its client is not, nor a UDP socket on "
	   "the listener's port (%d, %d, %d)", S.socks[acc].listener1, S.socks[cli].listener1,
	   S.socks[udp].listener1);
	ok(S.socks[rp1].listener1 == 0 && S.socks[rp2].listener1 == 0,
	   "two listeners on one port (SO_REUSEPORT): neither is marked accepted through the other "
	   "(%d, %d)", S.socks[rp1].listener1, S.socks[rp2].listener1);
	ok(S.procs[4].fds[0].chan == -1, "a listener of one process with nothing pending is no channel");
	c = chan_fd(3, 7);
	ok(c && c->n_ep == 3 && hand_ep_of(c, 103) && hand_ep_of(c, 104) && hand_ep_of(c, 100) && !hand_ep_of(c, 0),
	   "a passed socket: one channel, every holder, no remote");
	hand_free_lists(&S);
}

/* The unowned peer of a connection is the snapshot's first socket: still found (role unseen).
 * Byte counters: an end whose socket has TCP_INFO gets them, one whose socket has none does not
 * (nor does a listener's holder, though its socket has TCP_INFO: not a connection). */
static void test_unseen_first_and_counters(void)
{
	hand_reset(&S, 2, 0);
	sock4(IPPROTO_TCP, 50, LO, 7500, LO, 40050, EST);   /* socks[0]: a peer nobody visible holds */
	int32_t cl = sock4(IPPROTO_TCP, 51, LO, 40050, LO, 7500, EST);
	S.socks[cl].has_tcp_info = true;
	hold(0, 3, cl);
	int32_t lis = sock4(IPPROTO_TCP, 52, ANY, 7600, ANY, 0, LISTEN);
	S.socks[lis].has_tcp_info = true;
	hold(1, 3, lis);
	hold(1, 4, sock4(IPPROTO_TCP, 53, LO, 7600, LO, 40060, EST));   /* accepted, no TCP_INFO */
	hold(0, 4, sock4(IPPROTO_TCP, 54, LO, 40060, LO, 7600, EST));
	channel_resolve(&S);
	const struct channel *c = chan_fd(0, 3), *d = chan_fd(1, 4);
	is_str(role_of(c, 0), "unseen", "a peer that is the first socket, with no holder: unseen");
	ok(c && hand_ep_of(c, 100) && hand_ep_of(c, 100)->has_bytes && hand_ep_of(c, 0) &&
	   !hand_ep_of(c, 0)->has_bytes, "counters on the end with TCP_INFO only");
	ok(d && hand_ep_of(d, 101) && !hand_ep_of(d, 101)->has_bytes && hand_ep_of(d, 100) &&
	   !hand_ep_of(d, 100)->has_bytes, "a connection without TCP_INFO: no counters");
	hand_free_lists(&S);
}

static void test_unseen(void)
{
	hand_reset(&S, 1, 0);
	hold(0, 3, sock4(IPPROTO_TCP, 40, LO, 40040, LO, 7300, EST));
	sock4(IPPROTO_TCP, 41, LO, 7300, LO, 40040, EST);   /* held by a process not visible */
	sock4(IPPROTO_UDP, 42, LO, 7400, ANY, 0, CLOSE);    /* a bound server not visible */
	hold(0, 4, sock4(IPPROTO_UDP, 43, LO, 40041, LO, 7400, EST));
	channel_resolve(&S);
	is_str(role_of(chan_id("tcp:127.0.0.1:7300-127.0.0.1:40040"), 0), "unseen",
	       "a peer socket with an inode and no visible holder: unseen, not remote");
	const struct channel *c = chan_id("udp:127.0.0.1:7400");
	ok(c && c->n_ep == 2 && !strcmp(role_of(c, 100), "client") && !strcmp(role_of(c, 0), "unseen") &&
	   hand_ep_of(c, 0)->remote && !strcmp(hand_ep_of(c, 0)->remote, "127.0.0.1:7400") &&
	   hand_ep_of(c, 0)->access == ACC_RW,
	   "a UDP client of a server no visible process holds: the server is an unseen end, both ways");
	hand_free_lists(&S);
}

/* A socket descriptor whose socket no dump gave (sock -1: another family, or gone between the
 * dump and the scan) beside a TCP connection: it joins no channel and makes none. */
static void test_socket_not_dumped(void)
{
	hand_reset(&S, 2, 0);
	hold(0, 3, sock4(IPPROTO_TCP, 60, LO, 40060, LO, 7600, EST));
	hold(1, 4, sock4(IPPROTO_TCP, 61, LO, 7600, LO, 40060, EST));
	hand_add_fd(&S, 1, 5, FDK_SOCKET, 0, 62, ACC_RW, "socket:[62]");
	channel_resolve(&S);
	ok(S.n_chans == 1 && S.procs[1].fds[1].chan == -1 && S.chans[0].n_ep == 2,
	   "a socket no dump gave: no channel; the connection beside it one channel of two ends "
	   "(%zu channels)", S.n_chans);
	hand_free_lists(&S);
}

/* An IPv4 wildcard bind (0.0.0.0) never takes an IPv6 client to ::1; an IPv6 wildcard ([::])
 * takes IPv4 clients (test_listener). */
static void test_families(void)
{
	hand_reset(&S, 3, 0);
	int32_t lis = sock4(IPPROTO_TCP, 50, ANY, 7500, ANY, 0, LISTEN);
	hold(0, 3, lis);
	hold(1, 3, lis);
	hold(2, 3, tcp6(51, LO6, 40050, LO6, 7500, EST));
	tcp6(0, LO6, 7500, LO6, 40050, EST);   /* pending on some [::1]:7500 listener not listed */
	channel_resolve(&S);
	const struct channel *c = chan_id("tcp:listen:0.0.0.0:7500");
	ok(c && c->n_ep == 2 && !hand_ep_of(c, 102), "0.0.0.0:7500 does not take a client of [::1]:7500");
	hand_free_lists(&S);
}

int main(void)
{
	snapshot_init(&S);
	test_udp();
	test_half_closed();
	test_listener();
	test_listener_first_and_unseen();
	test_unseen();
	test_unseen_first_and_counters();
	test_families();
	test_socket_not_dumped();
	snapshot_free(&S);
	return tap_done();
}
