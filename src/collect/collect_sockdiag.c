/* collect_sockdiag.c — the I/O half of the sock_diag collector: one NETLINK_SOCK_DIAG socket
 * per namespace, five dump requests on it (UNIX, TCP, UDP over IPv4/IPv6, netlink), the
 * receive loop, and entering a foreign namespace. Parsing is in sockdiag_parse.c. */
#include "collect/collect_sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "collect/sockdiag_io.h"
#include "util/u64map.h"
#include "util/xalloc.h"
#include "util/mono_clock.h"

/* The kernel fills at most ~32 KiB per dump read; twice that never truncates. */
enum { RECV_BUF_SIZE = 64 * 1024 };

/* One dump request: which family and protocol, and the message type that asks for it. */
struct dump_spec {
	uint8_t family, protocol;
	uint16_t msg_type;
	const char *name;   /* for notes */
};

/* TCP is asked for with the older TCPDIAG_GETSOCK request, which lists IPv4 and IPv6 sockets
 * in one walk of the kernel's hash tables: every TCP dump walks all of them (a few ms however
 * few sockets there are), and SOCK_DIAG_BY_FAMILY needs one dump per family. */
static const struct dump_spec dump_specs[] = {
	{ AF_UNIX, 0, SOCK_DIAG_BY_FAMILY, "UNIX" },
	{ AF_UNSPEC, IPPROTO_TCP, TCPDIAG_GETSOCK, "TCP" },
	{ AF_INET, IPPROTO_UDP, SOCK_DIAG_BY_FAMILY, "UDP/IPv4" },
	{ AF_INET6, IPPROTO_UDP, SOCK_DIAG_BY_FAMILY, "UDP/IPv6" },
	{ AF_NETLINK, NDIAG_PROTO_ALL, SOCK_DIAG_BY_FAMILY, "netlink" },
};

/* TCP one family at a time: where the kernel refuses TCPDIAG_GETSOCK. */
static const struct dump_spec tcp_by_family[] = {
	{ AF_INET, IPPROTO_TCP, SOCK_DIAG_BY_FAMILY, "TCP/IPv4" },
	{ AF_INET6, IPPROTO_TCP, SOCK_DIAG_BY_FAMILY, "TCP/IPv6" },
};

static atomic_bool tcp_split;   /* set once TCPDIAG_GETSOCK was refused, or by a test */

bool sockdiag_split_tcp(bool split)
{
	return atomic_exchange(&tcp_split, split);
}

/* A NETLINK_SOCK_DIAG socket (or what a test put in its place), bound to the namespace it
 * was opened in. */
struct diag_conn {
	struct sockdiag_io io;
	unsigned seq;
	char *buf;
};

/* State of one dump while its replies are read. */
struct dump_ctx {
	struct snapshot *s;
	uint64_t netns;
	const struct dump_spec *spec;
	size_t malformed;
	bool interrupted;   /* some reply carried NLM_F_DUMP_INTR */
	int kernel_error;   /* errno from an NLMSG_ERROR reply, 0 if none */
};

static int conn_open(struct diag_conn *c)
{
	memset(c, 0, sizeof(*c));
	int r = sockdiag_io_open(&c->io);
	if (r < 0)
		return r;
	c->buf = xmalloc(RECV_BUF_SIZE);
	return 0;
}

static void conn_close(struct diag_conn *c)
{
	c->io.ops->close(&c->io);
	free(c->buf);
	memset(c, 0, sizeof(*c));
}

/* ---- requests ---- */

static void put_unix_req(struct nlmsghdr *nlh)
{
	struct unix_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = AF_UNIX;
	r->udiag_states = ~0u;
	r->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_VFS |
			UDIAG_SHOW_ICONS | UDIAG_SHOW_MEMINFO;   /* MEMINFO: the drops */
}

/* Every state but TIME-WAIT: those never have an inode (no process holds them) and a busy
 * server has tens of thousands. SYN-RECV requests (inode 0) are dropped on receipt. */
static const uint32_t inet_states = ~0u & ~(1u << TCP_TIME_WAIT);

/* TCPDIAG_GETSOCK: the kernel treats it as a request for both families. */
static void put_tcp_both_req(struct nlmsghdr *nlh)
{
	struct inet_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->idiag_states = inet_states;
	r->idiag_ext = 1 << (INET_DIAG_INFO - 1);
}

static void put_inet_req(struct nlmsghdr *nlh, const struct dump_spec *spec)
{
	struct inet_diag_req_v2 *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = spec->family;
	r->sdiag_protocol = spec->protocol;
	r->idiag_states = inet_states;
	if (spec->protocol == IPPROTO_TCP)
		r->idiag_ext = 1 << (INET_DIAG_INFO - 1);
	else if (spec->protocol == IPPROTO_UDP)
		r->idiag_ext = 1 << (INET_DIAG_SKMEMINFO - 1);   /* the drops */
}

static void put_netlink_req(struct nlmsghdr *nlh)
{
	struct netlink_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = AF_NETLINK;
	r->sdiag_protocol = NDIAG_PROTO_ALL;
}

static struct nlmsghdr *build_request(char *buf, const struct dump_spec *spec, unsigned seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = spec->msg_type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	if (spec->msg_type == TCPDIAG_GETSOCK)
		put_tcp_both_req(nlh);
	else if (spec->family == AF_UNIX)
		put_unix_req(nlh);
	else if (spec->family == AF_NETLINK)
		put_netlink_req(nlh);
	else
		put_inet_req(nlh, spec);
	return nlh;
}

/* ---- replies ---- */

static int parse_reply(const struct dump_ctx *d, const struct nlmsghdr *nlh,
		       struct sock_info *si)
{
	if (nlh->nlmsg_type != d->spec->msg_type)
		return -1;
	if (d->spec->family == AF_UNIX)
		return sockdiag_parse_unix(nlh, si, &d->s->arena);
	if (d->spec->family == AF_NETLINK)
		return sockdiag_parse_netlink(nlh, si);
	return sockdiag_parse_inet(nlh, si, d->spec->protocol);
}

static int on_socket(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct snapshot *s = d->s;
	struct sock_info si;

	if (parse_reply(d, nlh, &si) < 0) {
		d->malformed++;
		return MNL_CB_OK;
	}
	if (si.ino == 0 && si.protocol != IPPROTO_TCP)
		return MNL_CB_OK;
	/* TCP without an inode is kept: a connection its listener has not accepted yet, or an
	 * orphan its process closed (FIN_WAIT*, LAST_ACK): the other end of a held socket */
	si.netns = d->netns;
	XGROW(s->socks, s->cap_socks, s->n_socks + 1);
	s->socks[s->n_socks++] = si;
	return MNL_CB_OK;
}

/* NLMSG_ERROR ends the dump: remember the kernel's errno (0 is a plain acknowledgement). */
static int on_error(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct nlmsgerr err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(err)) {
		d->kernel_error = EBADMSG;
		return MNL_CB_STOP;
	}
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err.error < -4095)
		d->kernel_error = EBADMSG;   /* no errno is that large (and -INT_MIN overflows) */
	else
		d->kernel_error = err.error < 0 ? -err.error : 0;
	return MNL_CB_STOP;
}

static int on_done(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh, (void)data;
	return MNL_CB_STOP;
}

/* Walk the messages of one datagram. They must tile it, as the kernel's always do: a message
 * cut short, stray bytes after the last one, or no message at all mean the replies can no
 * longer be followed (-EBADMSG), where mnl_cb_run would pass over them and wait for more.
 * The lengths are checked here as unsigned numbers: mnl_nlmsg_ok takes an nlmsg_len of 2 GiB
 * or more for a negative one that fits, and mnl_nlmsg_next then steps 0 bytes (for ever) or
 * far out of the buffer. mnl_cb_run also gives up at the first NLM_F_DUMP_INTR: take the flag
 * off every message and set *intr when one had it, so the whole dump is read and judged. */
static int check_frames(char *buf, size_t len, bool *intr)
{
	size_t off = 0;

	if (len == 0)
		return -EBADMSG;
	while (off + sizeof(struct nlmsghdr) <= len) {   /* off may pass len: padding */
		struct nlmsghdr *nlh = (struct nlmsghdr *)(buf + off);
		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len - off)
			return -EBADMSG;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
			*intr = true;
		}
		off += MNL_ALIGN(nlh->nlmsg_len);   /* past len: the last one's padding left off */
	}
	return off < len ? -EBADMSG : 0;
}

/* Send one request and read its replies up to NLMSG_DONE or an NLMSG_ERROR (an error, or the
 * acknowledgement of a request with NLM_F_ACK). Returns 0 (kernel refusals are left in
 * d->kernel_error), or -errno when the socket itself failed or its replies do not frame. */
static int exchange(struct diag_conn *c, struct dump_ctx *d, struct nlmsghdr *nlh)
{
	/* Our table replaces libmnl's defaults for every control type: NOOP and OVERRUN are skipped. */
	static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = on_error, [NLMSG_DONE] = on_done,
	};
	unsigned seq = nlh->nlmsg_seq;

	int sent = c->io.ops->send(&c->io, nlh);
	if (sent < 0)
		return sent;
	for (;;) {
		ssize_t n = c->io.ops->recv(&c->io, c->buf, RECV_BUF_SIZE);
		if (n == -EINTR)
			continue;
		if (n < 0)
			return (int)n;
		int bad = check_frames(c->buf, (size_t)n, &d->interrupted);
		if (bad < 0)
			return bad;
		errno = 0;
		int r = mnl_cb_run2(c->buf, (size_t)n, seq, c->io.portid, on_socket, d, ctl_cbs,
				    NLMSG_MIN_TYPE);
		if (r == MNL_CB_STOP)
			return 0;
		if (r == MNL_CB_ERROR)
			return errno ? -errno : -EIO;
	}
}

/* One dump request, read to its end. */
static int run_dump(struct diag_conn *c, struct dump_ctx *d)
{
	char req[128];
	return exchange(c, d, build_request(req, d->spec, ++c->seq));
}

/* One family: dump, and dump again once if the kernel says the first was interrupted. A
 * kernel's refusal is a note, or, with may_refuse, returned as a positive errno. */
static int dump_family(struct diag_conn *c, const struct dump_spec *spec, struct snapshot *s,
		       uint64_t netns, bool may_refuse)
{
	size_t start = s->n_socks;

	for (int attempt = 1;; attempt++) {
		struct dump_ctx d = { .s = s, .netns = netns, .spec = spec };
		int r = run_dump(c, &d);
		if (r < 0 || d.kernel_error) {
			s->n_socks = start;
			if (r < 0)
				return r;
			if (may_refuse)
				return d.kernel_error;
			snapshot_note(s, "sock_diag: %s sockets of netns %" PRIu64 " not listed: %s",
				      spec->name, netns, strerror(d.kernel_error));
			return 0;
		}
		if (d.malformed)
			snapshot_note(s, "sock_diag: %zu malformed %s replies skipped (netns %" PRIu64 ")",
				      d.malformed, spec->name, netns);
		if (!d.interrupted)
			return 0;
		if (attempt == 2) {
			snapshot_note(s, "sock_diag: %s dump of netns %" PRIu64 " changed while read "
				      "twice; kept as read", spec->name, netns);
			return 0;
		}
		s->n_socks = start;
	}
}

/* TCP of both families in one request; one request per family once the kernel has refused
 * that (remembered for the rest of the run). */
static int dump_tcp(struct diag_conn *c, const struct dump_spec *both, struct snapshot *s,
		    uint64_t netns)
{
	if (!atomic_load(&tcp_split)) {
		int r = dump_family(c, both, s, netns, true);
		if (r <= 0)
			return r;
		atomic_store(&tcp_split, true);
	}
	for (size_t i = 0; i < sizeof(tcp_by_family) / sizeof(tcp_by_family[0]); i++) {
		int r = dump_family(c, &tcp_by_family[i], s, netns, false);
		if (r < 0)
			return r;
	}
	return 0;
}

static int dump_all(struct diag_conn *c, struct snapshot *s, uint64_t netns)
{
	size_t start = s->n_socks;
	uint64_t t0 = mono_ns();

	for (size_t i = 0; i < sizeof(dump_specs) / sizeof(dump_specs[0]); i++) {
		const struct dump_spec *spec = &dump_specs[i];
		int r = spec->msg_type == TCPDIAG_GETSOCK ? dump_tcp(c, spec, s, netns)
							  : dump_family(c, spec, s, netns, false);
		if (r < 0) {
			s->n_socks = start;
			return r;
		}
	}
	uint64_t at = t0 + (mono_ns() - t0) / 2;   /* the counters' time, for rates */
	for (size_t i = start; i < s->n_socks; i++)
		s->socks[i].at_ns = at;
	return (int)(s->n_socks - start);
}

int sockdiag_dump_current(struct snapshot *s, uint64_t netns)
{
	struct diag_conn c;
	int r = conn_open(&c);

	if (r < 0)
		return r;
	r = dump_all(&c, s, netns);
	conn_close(&c);
	return r;
}

/* One UNIX socket by inode (not a dump): NLM_F_ACK makes the kernel end the answer with an
 * acknowledgement, or answer ENOENT when no UNIX socket has that inode. */
static int lookup_unix(struct diag_conn *c, struct snapshot *s, uint64_t netns, uint64_t ino)
{
	char req[128];
	struct nlmsghdr *nlh = build_request(req, &dump_specs[0], ++c->seq);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	struct unix_diag_req *r = mnl_nlmsg_get_payload(nlh);
	r->udiag_ino = (uint32_t)ino;
	r->udiag_cookie[0] = r->udiag_cookie[1] = INET_DIAG_NOCOOKIE;
	struct dump_ctx d = { .s = s, .netns = netns, .spec = &dump_specs[0] };
	size_t before = s->n_socks;
	int err = exchange(c, &d, nlh);
	if (err < 0 || d.kernel_error) {
		s->n_socks = before;   /* an answer that did not end well adds nothing */
		return err;
	}
	return (int)(s->n_socks - before);
}

int sockdiag_lookup_unix(struct snapshot *s, uint64_t netns, const uint64_t *inos, size_t n)
{
	struct diag_conn c;
	int r = conn_open(&c);
	if (r < 0)
		return r;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (inos[i] > UINT32_MAX)
			continue;   /* the request carries 32 bits of inode */
		r = lookup_unix(&c, s, netns, inos[i]);
		if (r < 0)
			break;
		found += r;
	}
	conn_close(&c);
	return r < 0 && !found ? r : found;
}

/* Keep, of the sockets from start on, those whose inode is one of want's keys. */
static size_t keep_wanted(struct snapshot *s, size_t start, const struct u64map *want)
{
	size_t n = start;
	for (size_t i = start; i < s->n_socks; i++)
		if (s->socks[i].ino && u64map_get(want, s->socks[i].ino) >= 0)
			s->socks[n++] = s->socks[i];
	s->n_socks = n;
	return n - start;
}

int sockdiag_lookup_inet(struct snapshot *s, uint64_t netns, const uint64_t *inos, size_t n)
{
	struct diag_conn c;
	int r = conn_open(&c);
	if (r < 0)
		return r;
	size_t start = s->n_socks;
	r = dump_tcp(&c, &dump_specs[1], s, netns);
	for (size_t i = 2; i <= 3 && r >= 0; i++)
		r = dump_family(&c, &dump_specs[i], s, netns, false);   /* UDP over IPv4, IPv6 */
	conn_close(&c);
	struct u64map want;
	u64map_init(&want, n);
	for (size_t i = 0; i < n; i++)
		u64map_put(&want, inos[i], 0);
	size_t found = keep_wanted(s, start, &want);
	u64map_free(&want);
	return r < 0 && !found ? r : (int)found;
}

/* Back to the namespace we came from. Failing here would leave this thread collecting the
 * wrong namespace from now on, silently: stop instead. */
static void return_home(int home_fd)
{
	if (setns(home_fd, CLONE_NEWNET) == 0)
		return;
	fprintf(stderr, "ipctop: cannot return to the original network namespace: %s\n",
		strerror(errno));
	abort();
}

/* Open the diag socket inside the namespace at nsfd; the thread's namespace is unchanged. */
static int conn_open_in(struct diag_conn *c, int nsfd)
{
	int home_fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	int r;

	if (home_fd < 0)
		return -errno;
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		r = -errno;
		close(home_fd);
		return r;
	}
	r = conn_open(c);
	return_home(home_fd);
	close(home_fd);
	return r;
}

int sockdiag_dump_in(struct snapshot *s, uint64_t netns, int nsfd)
{
	struct diag_conn c;
	int r = conn_open_in(&c, nsfd);

	if (r < 0)
		return r;
	r = dump_all(&c, s, netns);
	conn_close(&c);
	return r;
}
