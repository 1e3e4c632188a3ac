/* test_sockdiag_live.c — the sock_diag collector against the real kernel: sockets this test
 * creates (UNIX pairs, named/abstract, TCP over IPv4/IPv6, UDP, netlink) must come back by
 * inode with the right facts; TCP both from the one request for both families and from one
 * request per family. Runs as root and again as nobody (sockdiag_nobody.sh). */
#include <errno.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect_sockdiag.h"
#include "sockdiag_test_util.h"
#include "../tap.h"

/* A fresh snapshot holding one dump of the current namespace. */
static int dump_fresh(struct snapshot *s)
{
	snapshot_free(s);
	snapshot_init(s);
	return sockdiag_dump_current(s, thread_netns());
}

static int has_icon(const struct sock_info *si, uint64_t ino)
{
	for (size_t i = 0; si && i < si->n_icons; i++)
		if (si->icons[i] == ino)
			return 1;
	return 0;
}

static void test_whole_dump(struct snapshot *s)
{
	uint64_t ns = thread_netns();
	int n = dump_fresh(s);
	size_t bad_ns = 0, no_ino = 0;

	ok(n > 0, "dump_current returns a positive count (%d)", n);
	is_int(n, s->n_socks, "the count is the number appended");
	for (size_t i = 0; i < s->n_socks; i++) {
		bad_ns += s->socks[i].netns != ns;
		no_ino += s->socks[i].ino == 0 && s->socks[i].protocol != IPPROTO_TCP;
	}
	is_int(bad_ns, 0, "every socket carries the netns passed in");
	is_int(no_ino, 0, "no inode-less socket kept but TCP's (not accepted yet, orphans)");
	size_t before = s->n_socks;
	int n2 = sockdiag_dump_current(s, ns);
	ok(n2 > 0 && s->n_socks == before + (size_t)n2, "a second dump appends to the first");
}

static void test_socketpairs(struct snapshot *s)
{
	int st[2], dg[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, st) < 0 || socketpair(AF_UNIX, SOCK_DGRAM, 0, dg) < 0) {
		ok(0, "socketpair: %s", strerror(errno));
		return;
	}
	ok(write(st[0], "hello", 5) == 5, "wrote 5 bytes into the stream pair");
	dump_fresh(s);
	const struct sock_info *a = find(s, ino_of(st[0])), *b = find(s, ino_of(st[1]));
	ok(a && b, "stream socketpair: both ends found by inode");
	ok(a && a->family == AF_UNIX && a->type == SOCK_STREAM && a->state == 1,
	   "stream pair: unix, stream, established");
	ok(a && b && a->peer == b->ino && b->peer == a->ino, "stream pair: each the other's peer");
	ok(b && b->rqueue == 5, "stream pair: 5 bytes queued at the reader");
	ok(a && a->name == NULL && a->name_len == 0, "stream pair: unnamed");
	const struct sock_info *c = find(s, ino_of(dg[0])), *d = find(s, ino_of(dg[1]));
	ok(c && d && c->type == SOCK_DGRAM && d->type == SOCK_DGRAM, "dgram pair: both found, datagram");
	ok(c && d && c->peer == d->ino && d->peer == c->ino, "dgram pair: peers");
	close(st[0]), close(st[1]), close(dg[0]), close(dg[1]);
}

static int unix_bound(int type, const struct sockaddr_un *sa, socklen_t len)
{
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (const struct sockaddr *)sa, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void check_named_listener(struct snapshot *s, const char *path, int lfd, int cfd)
{
	struct stat st;
	dump_fresh(s);
	const struct sock_info *l = find(s, ino_of(lfd));
	ok(l && l->state == 10 && l->type == SOCK_STREAM, "named listener: found, listening");
	ok(l && l->name_len == strlen(path) && memcmp(l->name, path, l->name_len) == 0,
	   "named listener: name is the path, without NUL");
	ok(stat(path, &st) == 0 && l && l->vfs_ino == st.st_ino && l->vfs_dev == st.st_dev,
	   "named listener: vfs dev/ino equal stat() of the socket file");
	ok(has_icon(l, ino_of(cfd)), "named listener: the unaccepted client is among its icons");
}

static void test_named(struct snapshot *s)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char dir[80], path[96];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(dir, sizeof(dir), "%s/ipctop-sd-XXXXXX", tmp);
	if (strlen(tmp) > 40 || !mkdtemp(dir)) {
		ok(0, "temporary directory for a named socket");
		return;
	}
	snprintf(path, sizeof(path), "%s/l.sock", dir);
	strcpy(sa.sun_path, path);
	int lfd = unix_bound(SOCK_STREAM, &sa, sizeof(sa));
	int cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ok(lfd >= 0 && listen(lfd, 4) == 0 && cfd >= 0 &&
	   connect(cfd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "named listener and client set up");
	check_named_listener(s, path, lfd, cfd);

	int afd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	dump_fresh(s);
	const struct sock_info *c = find(s, ino_of(cfd)), *a = find(s, ino_of(afd));
	const struct sock_info *l = find(s, ino_of(lfd));
	ok(c && a && c->peer == a->ino && a->peer == c->ino, "accepted: client and server are peers");
	ok(a && a->name_len == strlen(path), "accepted: server side carries the listener's name");
	ok(l && !has_icon(l, ino_of(cfd)), "accepted: client left the listener's icons");
	close(afd), close(cfd), close(lfd);
	unlink(path);
	rmdir(dir);
}

static void test_abstract(struct snapshot *s)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int len = snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "ipctop-sd-%d", (int)getpid());
	size_t name_len = 1 + (size_t)len;
	int fd = unix_bound(SOCK_DGRAM, &sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + name_len));

	ok(fd >= 0, "abstract datagram socket bound");
	dump_fresh(s);
	const struct sock_info *si = find(s, ino_of(fd));
	ok(si && si->type == SOCK_DGRAM && si->name_len == name_len, "abstract: found, length with leading NUL");
	ok(si && si->name && si->name[0] == '\0' && memcmp(si->name, sa.sun_path, name_len) == 0,
	   "abstract: raw bytes, leading NUL");
	ok(si && si->vfs_ino == 0, "abstract: no socket file");
	close(fd);
}

/* Loopback address of a family, with port, in sa. */
static socklen_t loopback(int family, uint16_t port, struct sockaddr_storage *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)sa;
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*in);
	}
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(port);
	in6->sin6_addr = in6addr_loopback;
	return sizeof(*in6);
}

static uint16_t port_of(int fd)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		return 0;
	return ntohs(sa.ss_family == AF_INET ? ((struct sockaddr_in *)&sa)->sin_port
					     : ((struct sockaddr_in6 *)&sa)->sin6_port);
}

static int bound_loopback(int family, int type)
{
	struct sockaddr_storage sa;
	socklen_t len = loopback(family, 0, &sa);
	int fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int is_loopback(const uint8_t *addr, int family)
{
	static const uint8_t lo4[4] = { 127, 0, 0, 1 };
	return family == AF_INET ? memcmp(addr, lo4, 4) == 0
				 : memcmp(addr, &in6addr_loopback, 16) == 0;
}

/* Dump until the client's sent bytes are acknowledged (ACKs may lag on loopback). */
static void wait_for_acks(struct snapshot *s, int cfd, uint64_t want)
{
	for (int i = 0; i < 300; i++) {
		dump_fresh(s);
		const struct sock_info *c = find(s, ino_of(cfd));
		if (c && c->bytes_acked >= want)
			return;
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	}
}

static void check_tcp(struct snapshot *s, int family, int lfd, int cfd, int afd)
{
	const char *fam = family == AF_INET ? "tcp4" : "tcp6";
	uint16_t lport = port_of(lfd), cport = port_of(cfd);
	const struct sock_info *l = find(s, ino_of(lfd)), *c = find(s, ino_of(cfd));
	const struct sock_info *a = find(s, ino_of(afd));

	ok(l && c && a, "%s: listener, client and accepted found by inode", fam);
	if (!l || !c || !a)
		return;
	ok(l->family == family && l->type == SOCK_STREAM && l->protocol == IPPROTO_TCP &&
	   l->state == 10 && l->lport == lport, "%s: listener family/type/protocol/state/port", fam);
	ok(is_loopback(l->laddr, family), "%s: listener bound to loopback", fam);
	ok(c->state == 1 && c->lport == cport && c->rport == lport && is_loopback(c->raddr, family),
	   "%s: client established to the listener's port", fam);
	ok(a->state == 1 && a->lport == lport && a->rport == cport, "%s: accepted side mirrors it", fam);
	is_int(c->uid, geteuid(), "%s: uid is ours", fam);
	ok(c->has_tcp_info && a->has_tcp_info, "%s: tcp_info present", fam);
	ok(c->bytes_acked >= 1000, "%s: client's 1000 bytes acknowledged (%llu)", fam,
	   (unsigned long long)c->bytes_acked);
	ok(a->bytes_received >= 1000, "%s: server received 1000 bytes (%llu)", fam,
	   (unsigned long long)a->bytes_received);
}

static void test_tcp(struct snapshot *s, int family)
{
	struct sockaddr_storage sa;
	char data[1000] = { 0 }, sink[1000];
	int lfd = bound_loopback(family, SOCK_STREAM);

	if (lfd < 0) {
		tap_skip(family == AF_INET6 ? "no IPv6 loopback" : "no IPv4 loopback");
		return;
	}
	socklen_t len = loopback(family, port_of(lfd), &sa);
	int cfd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int afd = -1;
	if (listen(lfd, 4) == 0 && connect(cfd, (struct sockaddr *)&sa, len) == 0)
		afd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	ok(afd >= 0 && write(cfd, data, sizeof(data)) == (ssize_t)sizeof(data) &&
	   recv(afd, sink, sizeof(sink), MSG_WAITALL) == (ssize_t)sizeof(sink),
	   "%s: connected and 1000 bytes moved", family == AF_INET ? "tcp4" : "tcp6");
	wait_for_acks(s, cfd, sizeof(data));
	check_tcp(s, family, lfd, cfd, afd);
	close(afd), close(cfd), close(lfd);
}

static void test_udp(struct snapshot *s)
{
	struct sockaddr_storage sa;
	int a = bound_loopback(AF_INET, SOCK_DGRAM), b = bound_loopback(AF_INET, SOCK_DGRAM);
	int lone = bound_loopback(AF_INET, SOCK_DGRAM);
	uint16_t pa = port_of(a), pb = port_of(b);
	socklen_t len = loopback(AF_INET, pb, &sa);
	int r = connect(a, (struct sockaddr *)&sa, len);
	loopback(AF_INET, pa, &sa);
	r |= connect(b, (struct sockaddr *)&sa, len);

	ok(a >= 0 && b >= 0 && lone >= 0 && r == 0, "udp: connected pair and a lone socket");
	dump_fresh(s);
	const struct sock_info *x = find(s, ino_of(a)), *y = find(s, ino_of(b));
	const struct sock_info *z = find(s, ino_of(lone));
	ok(x && y && x->family == AF_INET && x->type == SOCK_DGRAM && x->protocol == IPPROTO_UDP,
	   "udp: both found, inet datagram udp");
	ok(x && y && x->state == 1 && x->lport == pa && x->rport == pb && y->lport == pb &&
	   y->rport == pa, "udp: connected state and crossed ports");
	ok(z && z->state == 7 && z->rport == 0, "udp: unconnected socket is state 7, no peer port");
	close(a), close(b), close(lone);
}

static void test_netlink(struct snapshot *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	ok(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	   getsockname(fd, (struct sockaddr *)&sa, &len) == 0, "netlink route socket bound");
	dump_fresh(s);
	const struct sock_info *si = find(s, ino_of(fd));
	ok(si && si->family == AF_NETLINK && si->protocol == NETLINK_ROUTE && si->portid == sa.nl_pid,
	   "netlink: found with protocol ROUTE and its port id");
	close(fd);
}

/* Lookup by inode, as done for sockets a dump missed: a UNIX socket is found with its peer and
 * queue; an inode that is a TCP socket, or none at all, is passed over. */
static void test_lookup(void)
{
	int st[2];
	int tcp = socket(AF_INET, SOCK_STREAM, 0);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, st) < 0 || tcp < 0) {
		ok(0, "sockets: %s", strerror(errno));
		return;
	}
	ok(write(st[0], "abc", 3) == 3, "wrote 3 bytes into a stream pair");
	struct snapshot s;
	snapshot_init(&s);
	uint64_t inos[] = { ino_of(st[1]), ino_of(tcp), 0xfffffff0u, ino_of(st[0]) };
	int n = sockdiag_lookup_unix(&s, thread_netns(), inos, 4);
	is_int(n, 2, "lookup by inode: both UNIX ends found, the TCP socket and a made-up inode not");
	const struct sock_info *a = find(&s, inos[0]), *b = find(&s, inos[3]);
	ok(a && b && a->peer == b->ino && b->peer == a->ino && a->netns == thread_netns(),
	   "found as a dump finds them: peers of each other, in this namespace");
	ok(a && a->rqueue == 3 && a->type == SOCK_STREAM, "with their queue and type");
	snapshot_free(&s);
	close(st[0]), close(st[1]), close(tcp);
}

/* TCP and UDP by inode: a connected UDP socket and a bound TCP one are found with their
 * ports; a UNIX socket and a made-up inode are not. */
static void test_lookup_inet(void)
{
	int udp = bound_loopback(AF_INET, SOCK_DGRAM), tcp = bound_loopback(AF_INET6, SOCK_STREAM);
	int st[2];
	if (udp < 0 || tcp < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, st) < 0) {
		ok(0, "sockets: %s", strerror(errno));
		return;
	}
	struct sockaddr_storage sa;
	socklen_t len = loopback(AF_INET, port_of(udp), &sa);
	ok(connect(udp, (struct sockaddr *)&sa, len) == 0, "UDP socket connected to itself");
	struct snapshot s;
	snapshot_init(&s);
	uint64_t inos[] = { ino_of(udp), ino_of(st[0]), 0xfffffff0u, ino_of(tcp) };
	int n = sockdiag_lookup_inet(&s, thread_netns(), inos, 4);
	is_int(n, 2, "inet lookup by inode: the UDP and TCP sockets found, UNIX and made-up not");
	const struct sock_info *u = find(&s, inos[0]), *k = find(&s, inos[3]);
	ok(u && u->protocol == IPPROTO_UDP && u->lport == port_of(udp) && u->rport == port_of(udp),
	   "the UDP socket with its local and remote port");
	ok(k && k->protocol == IPPROTO_TCP && k->family == AF_INET6 && k->lport == port_of(tcp) &&
	   k->netns == thread_netns(), "the TCP socket with its family, port and namespace");
	snapshot_free(&s);
	close(udp), close(tcp), close(st[0]), close(st[1]);
}

int main(void)
{
	struct snapshot s;

	signal(SIGPIPE, SIG_IGN);
	alarm(120);   /* a dump that never ends fails the test instead of hanging make check */
	snapshot_init(&s);
	printf("# running as uid %d\n", (int)geteuid());
	test_whole_dump(&s);
	test_socketpairs(&s);
	test_named(&s);
	test_abstract(&s);
	test_tcp(&s, AF_INET);
	test_tcp(&s, AF_INET6);
	ok(!sockdiag_split_tcp(true), "TCP of both families came from one request");
	test_tcp(&s, AF_INET);   /* again, one request per family: the way for kernels without it */
	test_tcp(&s, AF_INET6);
	sockdiag_split_tcp(false);
	test_udp(&s);
	test_netlink(&s);
	test_lookup();
	test_lookup_inet();
	snapshot_free(&s);
	return tap_done();
}
