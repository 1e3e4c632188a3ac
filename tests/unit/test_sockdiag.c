/* test_sockdiag.c — the sock_diag parsers on hand-built messages: well-formed UNIX, TCP, UDP
 * and netlink replies, and malformed ones (short payload, bad or overrunning attributes). */
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "collect/sockdiag_parse.h"
#include "../tap.h"

enum { MSG_BUF = 2048 };
static _Alignas(8) char buf[MSG_BUF];

static struct nlmsghdr *new_msg(size_t hdr_len, void **hdr)
{
	memset(buf, 0, sizeof(buf));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	*hdr = mnl_nlmsg_put_extra_header(nlh, hdr_len);
	return nlh;
}

static struct nlmsghdr *unix_msg(uint8_t type, uint8_t state, uint32_t ino)
{
	struct unix_diag_msg *m;
	struct nlmsghdr *nlh = new_msg(sizeof(*m), (void **)&m);
	m->udiag_family = AF_UNIX;
	m->udiag_type = type;
	m->udiag_state = state;
	m->udiag_ino = ino;
	return nlh;
}

/* A sock_info full of 0xAB, to see that a failed parse leaves it alone. */
static void poison(struct sock_info *si)
{
	memset(si, 0xAB, sizeof(*si));
}

static int is_poisoned(const struct sock_info *si)
{
	struct sock_info p;
	poison(&p);
	return memcmp(si, &p, sizeof(p)) == 0;
}

static void test_unix_full(struct arena *a)
{
	const char path[] = "/run/ipctop-test.sock";   /* sent without its NUL */
	uint32_t peer = 4242, icons[3] = { 11, 12, 4000000000u };
	struct unix_diag_rqlen q = { .udiag_rqueue = 5, .udiag_wqueue = 128 };
	struct unix_diag_vfs v = { .udiag_vfs_ino = 77, .udiag_vfs_dev = (8u << 20) | 3u };
	struct nlmsghdr *nlh = unix_msg(SOCK_STREAM, 10, 9001);
	struct sock_info si;

	mnl_attr_put(nlh, UNIX_DIAG_NAME, strlen(path), path);
	mnl_attr_put(nlh, UNIX_DIAG_VFS, sizeof(v), &v);
	mnl_attr_put(nlh, UNIX_DIAG_PEER, sizeof(peer), &peer);
	mnl_attr_put(nlh, UNIX_DIAG_ICONS, sizeof(icons), icons);
	mnl_attr_put(nlh, UNIX_DIAG_RQLEN, sizeof(q), &q);
	poison(&si);
	is_int(sockdiag_parse_unix(nlh, &si, a), 0, "unix: well-formed message parses");
	is_int(si.family, AF_UNIX, "unix: family");
	is_int(si.type, SOCK_STREAM, "unix: type");
	is_int(si.state, 10, "unix: state listen");
	is_int(si.ino, 9001, "unix: inode");
	is_int(si.netns, 0, "unix: netns left for the caller");
	is_int(si.name_len, strlen(path), "unix: name length");
	ok(si.name && memcmp(si.name, path, strlen(path)) == 0, "unix: name bytes");
	ok(si.name && si.name[si.name_len] == '\0', "unix: name NUL-terminated for convenience");
	is_int(si.peer, 4242, "unix: peer");
	is_int(si.n_icons, 3, "unix: three pending connections");
	ok(si.icons && si.icons[0] == 11 && si.icons[1] == 12 && si.icons[2] == 4000000000u,
	   "unix: icons, full 32-bit range");
	is_int(si.rqueue, 5, "unix: rqueue");
	is_int(si.wqueue, 128, "unix: wqueue");
	is_int(si.vfs_ino, 77, "unix: vfs inode");
	ok(si.vfs_dev == makedev(8, 3), "unix: kernel device 8:3 in userspace encoding");
	is_int(si.lport, 0, "unix: inet fields zero");
}

static void test_unix_abstract_and_bare(struct arena *a)
{
	const char name[] = "\0ipctop\0x";   /* abstract, with an inner NUL */
	struct nlmsghdr *nlh = unix_msg(SOCK_DGRAM, 7, 55);
	struct sock_info si;

	mnl_attr_put(nlh, UNIX_DIAG_NAME, sizeof(name) - 1, name);
	is_int(sockdiag_parse_unix(nlh, &si, a), 0, "unix abstract: parses");
	is_int(si.name_len, sizeof(name) - 1, "unix abstract: length counts every byte");
	ok(si.name && memcmp(si.name, name, sizeof(name) - 1) == 0, "unix abstract: raw bytes kept");
	is_int(si.vfs_ino, 0, "unix abstract: no socket file");

	const char path[] = "/run/x.sock";   /* as the kernel sends it: with its NUL */
	nlh = unix_msg(SOCK_STREAM, 10, 58);
	mnl_attr_put(nlh, UNIX_DIAG_NAME, sizeof(path), path);
	is_int(sockdiag_parse_unix(nlh, &si, a), 0, "unix path with its NUL: parses");
	is_int(si.name_len, strlen(path), "unix path with its NUL: length stops before the NUL");
	is_str(si.name, path, "unix path with its NUL: the path");

	nlh = unix_msg(SOCK_SEQPACKET, 1, 56);
	poison(&si);
	is_int(sockdiag_parse_unix(nlh, &si, a), 0, "unix without attributes: parses");
	ok(si.name == NULL && si.name_len == 0 && si.icons == NULL && si.n_icons == 0 &&
	   si.peer == 0, "unix without attributes: unnamed, no peer, no icons");
	is_int(si.type, SOCK_SEQPACKET, "unix without attributes: seqpacket");

	nlh = unix_msg(SOCK_STREAM, 1, 57);
	uint32_t peer = 9;
	mnl_attr_put(nlh, 30, sizeof(peer), &peer);   /* a type from some future kernel */
	mnl_attr_put(nlh, UNIX_DIAG_PEER, sizeof(peer), &peer);
	is_int(sockdiag_parse_unix(nlh, &si, a), 0, "unix: unknown attribute type is skipped");
	is_int(si.peer, 9, "unix: known attribute after an unknown one is read");
}

/* Parse a message expected to be rejected; the output must stay untouched. */
static void expect_unix_reject(const struct nlmsghdr *nlh, struct arena *a, const char *what)
{
	struct sock_info si;
	size_t used = a->used_total;

	poison(&si);
	is_int(sockdiag_parse_unix(nlh, &si, a), -1, "unix rejects %s", what);
	ok(is_poisoned(&si) && a->used_total == used, "unix %s: output and arena untouched", what);
}

static void test_unix_malformed(struct arena *a)
{
	uint32_t peer = 1, icons[2] = { 1, 2 }, zeros[4] = { 0 };
	char long_name[120];
	struct nlmsghdr *nlh = unix_msg(SOCK_STREAM, 1, 1);

	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 4;
	expect_unix_reject(nlh, a, "a truncated header");
	nlh->nlmsg_len = 8;
	expect_unix_reject(nlh, a, "a length below the netlink header");

	nlh = unix_msg(SOCK_STREAM, 1, 1);
	((struct unix_diag_msg *)mnl_nlmsg_get_payload(nlh))->udiag_family = AF_INET;
	expect_unix_reject(nlh, a, "another family");

	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_ICONS, sizeof(icons), icons);
	struct nlattr *last = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put(nlh, UNIX_DIAG_PEER, sizeof(peer), &peer);
	last->nla_len = 64;   /* runs past the end of the message */
	expect_unix_reject(nlh, a, "an attribute overrunning the message");
	last->nla_len = 2;    /* shorter than an attribute header */
	expect_unix_reject(nlh, a, "an attribute shorter than its header");

	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_PEER, 3, &peer);
	expect_unix_reject(nlh, a, "a 3-byte peer");
	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_ICONS, 6, icons);
	expect_unix_reject(nlh, a, "icons not a multiple of 4 bytes");
	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_RQLEN, 4, icons);
	expect_unix_reject(nlh, a, "a short rqlen");
	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_VFS, 12, zeros);
	expect_unix_reject(nlh, a, "a long vfs");
	nlh = unix_msg(SOCK_STREAM, 1, 1);
	memset(long_name, 'x', sizeof(long_name));
	mnl_attr_put(nlh, UNIX_DIAG_NAME, sizeof(long_name), long_name);
	expect_unix_reject(nlh, a, "a name longer than sun_path");
	nlh = unix_msg(SOCK_STREAM, 1, 1);
	mnl_attr_put(nlh, UNIX_DIAG_PEER, sizeof(peer), &peer);
	nlh->nlmsg_len += 4;   /* 4 stray bytes after the last attribute */
	expect_unix_reject(nlh, a, "trailing bytes that are no attribute");
}

static struct nlmsghdr *inet_msg(uint8_t family, uint8_t state, uint32_t ino)
{
	struct inet_diag_msg *m;
	struct nlmsghdr *nlh = new_msg(sizeof(*m), (void **)&m);
	m->idiag_family = family;
	m->idiag_state = state;
	m->idiag_inode = ino;
	m->idiag_uid = 1000;
	m->idiag_rqueue = 3;
	m->idiag_wqueue = 4;
	m->id.idiag_sport = htons(8080);
	m->id.idiag_dport = htons(54321);
	m->id.idiag_src[0] = htonl(0x7f000001);
	m->id.idiag_dst[0] = htonl(0x7f000002);
	return nlh;
}

static void test_inet_tcp_info_lengths(void)
{
	struct tcp_info ti;
	char longer[sizeof(ti) + 24];
	struct sock_info si;

	/* An old kernel's tcp_info that ends before tcpi_bytes_acked. */
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_rtt = 1234;
	ti.tcpi_bytes_acked = 999;   /* beyond the short length: must not be seen */
	struct nlmsghdr *nlh = inet_msg(AF_INET, 1, 500);
	mnl_attr_put(nlh, INET_DIAG_INFO, offsetof(struct tcp_info, tcpi_bytes_acked), &ti);
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), 0, "tcp: short tcp_info parses");
	ok(si.has_tcp_info, "tcp short tcp_info: has_tcp_info");
	is_int(si.rtt_us, 1234, "tcp short tcp_info: rtt inside the short part");
	is_int(si.bytes_acked, 0, "tcp short tcp_info: bytes_acked beyond it reads 0");
	is_int(si.bytes_received, 0, "tcp short tcp_info: bytes_received beyond it reads 0");

	/* A newer kernel's tcp_info with fields we do not know about. */
	memset(longer, 0x5a, sizeof(longer));
	ti.tcpi_rtt = 77;
	ti.tcpi_bytes_acked = 1ull << 40;
	ti.tcpi_bytes_received = 123456789;
	memcpy(longer, &ti, sizeof(ti));
	nlh = inet_msg(AF_INET, 1, 501);
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(longer), longer);
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), 0, "tcp: long tcp_info parses");
	is_int(si.rtt_us, 77, "tcp long tcp_info: rtt");
	ok(si.bytes_acked == 1ull << 40, "tcp long tcp_info: 64-bit bytes_acked");
	is_int(si.bytes_received, 123456789, "tcp long tcp_info: bytes_received");

	/* bytes_sent: read where the kernel gives it, else bytes_acked stands in for it */
	ti.tcpi_bytes_sent = 4242;
	ti.tcpi_bytes_acked = 4243;
	nlh = inet_msg(AF_INET, 1, 502);
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);
	sockdiag_parse_inet(nlh, &si, IPPROTO_TCP);
	is_int(si.bytes_sent, 4242, "tcp tcp_info: bytes_sent");
	nlh = inet_msg(AF_INET, 1, 503);
	mnl_attr_put(nlh, INET_DIAG_INFO, offsetof(struct tcp_info, tcpi_bytes_sent), &ti);
	sockdiag_parse_inet(nlh, &si, IPPROTO_TCP);
	is_int(si.bytes_sent, 4243, "tcp tcp_info without bytes_sent (before 4.19): bytes_acked instead");
}

static void test_inet_fields(void)
{
	static const uint8_t lo4[4] = { 127, 0, 0, 1 }, peer4[4] = { 127, 0, 0, 2 };
	struct sock_info si;
	struct nlmsghdr *nlh = inet_msg(AF_INET, 1, 500);

	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), 0, "tcp without tcp_info parses");
	ok(!si.has_tcp_info, "tcp without tcp_info: flag clear");
	is_int(si.family, AF_INET, "tcp: family");
	is_int(si.type, SOCK_STREAM, "tcp: stream");
	is_int(si.protocol, IPPROTO_TCP, "tcp: protocol");
	is_int(si.lport, 8080, "tcp: local port in host order");
	is_int(si.rport, 54321, "tcp: remote port in host order");
	ok(memcmp(si.laddr, lo4, 4) == 0 && memcmp(si.raddr, peer4, 4) == 0,
	   "tcp: IPv4 addresses in the first 4 bytes");
	is_int(si.uid, 1000, "tcp: uid");
	ok(si.rqueue == 3 && si.wqueue == 4 && si.ino == 500, "tcp: queues and inode");

	struct in6_addr one = IN6ADDR_LOOPBACK_INIT;
	nlh = inet_msg(AF_INET6, 7, 600);
	memcpy(((struct inet_diag_msg *)mnl_nlmsg_get_payload(nlh))->id.idiag_src, &one, 16);
	struct tcp_info ti = { .tcpi_rtt = 5 };
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);   /* not asked for UDP: ignored */
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_UDP), 0, "udp6 parses");
	ok(si.family == AF_INET6 && si.type == SOCK_DGRAM && si.protocol == IPPROTO_UDP &&
	   si.state == 7, "udp6: family, datagram, protocol, state");
	ok(memcmp(si.laddr, &one, 16) == 0, "udp6: ::1 in all 16 bytes");
	ok(!si.has_tcp_info, "udp6: tcp_info ignored for UDP");

	nlh = inet_msg(AF_INET, 1, 1);
	nlh->nlmsg_len -= 8;
	poison(&si);
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), -1, "tcp rejects a truncated header");
	ok(is_poisoned(&si), "tcp truncated: output untouched");
	nlh = inet_msg(AF_UNIX, 1, 1);
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), -1, "tcp rejects a non-inet family");
	nlh = inet_msg(AF_INET, 1, 1);
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);
	nlh->nlmsg_len -= 8;   /* tcp_info attribute now overruns the message */
	is_int(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP), -1, "tcp rejects an overrunning tcp_info");
}

static void test_netlink(void)
{
	struct netlink_diag_msg *m;
	struct nlmsghdr *nlh = new_msg(sizeof(*m), (void **)&m);
	struct sock_info si;

	m->ndiag_family = AF_NETLINK;
	m->ndiag_type = SOCK_RAW;
	m->ndiag_protocol = 0;   /* NETLINK_ROUTE */
	m->ndiag_state = 1;
	m->ndiag_portid = 4321;
	m->ndiag_dst_portid = 0;
	m->ndiag_dst_group = 5;
	m->ndiag_ino = 700;
	is_int(sockdiag_parse_netlink(nlh, &si), 0, "netlink parses");
	ok(si.family == AF_NETLINK && si.type == SOCK_RAW && si.protocol == 0 && si.state == 1,
	   "netlink: family, type, protocol, state");
	ok(si.portid == 4321 && si.dst_portid == 0 && si.dst_group == 5 && si.ino == 700,
	   "netlink: portid, destination, inode");
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + sizeof(*m) - 4;
	poison(&si);
	is_int(sockdiag_parse_netlink(nlh, &si), -1, "netlink rejects a truncated header");
	ok(is_poisoned(&si), "netlink truncated: output untouched");
}

/* SK_MEMINFO_DROPS from UNIX_DIAG_MEMINFO and (UDP) INET_DIAG_SKMEMINFO; a short or ragged
 * array gives no drops, and TCP's is not taken. */
static void test_drops(struct arena *a)
{
	uint32_t mem[SK_MEMINFO_VARS] = { 0 };
	struct sock_info si;
	mem[SK_MEMINFO_DROPS] = 94;
	struct nlmsghdr *nlh = unix_msg(SOCK_DGRAM, 7, 9100);
	mnl_attr_put(nlh, UNIX_DIAG_MEMINFO, sizeof(mem), mem);
	ok(sockdiag_parse_unix(nlh, &si, a) == 0 && si.has_drops && si.drops == 94, "unix: drops");
	nlh = unix_msg(SOCK_DGRAM, 7, 9101);
	mnl_attr_put(nlh, UNIX_DIAG_MEMINFO, SK_MEMINFO_DROPS * sizeof(uint32_t), mem);
	ok(sockdiag_parse_unix(nlh, &si, a) == 0 && !si.has_drops, "unix: an array too short for drops: none");
	nlh = inet_msg(AF_INET, 7, 9102);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(mem), mem);
	ok(sockdiag_parse_inet(nlh, &si, IPPROTO_UDP) == 0 && si.has_drops && si.drops == 94, "udp: drops");
	nlh = inet_msg(AF_INET, 7, 9103);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(mem) - 2, mem);
	ok(sockdiag_parse_inet(nlh, &si, IPPROTO_UDP) == 0 && !si.has_drops, "udp: a ragged array: none");
	nlh = inet_msg(AF_INET, 1, 9104);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(mem), mem);
	ok(sockdiag_parse_inet(nlh, &si, IPPROTO_TCP) == 0 && !si.has_drops, "tcp: not taken");
}

int main(void)
{
	struct arena a;

	arena_init(&a);
	test_unix_full(&a);
	test_unix_abstract_and_bare(&a);
	test_unix_malformed(&a);
	test_inet_tcp_info_lengths();
	test_inet_fields();
	test_netlink();
	test_drops(&a);
	arena_free(&a);
	return tap_done();
}
