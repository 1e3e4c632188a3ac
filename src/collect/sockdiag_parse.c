/* sockdiag_parse.c — turn one SOCK_DIAG_BY_FAMILY reply message into a struct sock_info.
 * Pure functions: the message is untrusted, so the fixed header and every attribute are
 * length-checked before a byte of them is read, and the attributes must tile the message. */
#include "collect/sockdiag_parse.h"

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#define ATTR_SLOTS 8

/* The attributes of one message, by type (only types up to max are kept). */
struct attr_table {
	const struct nlattr *tb[ATTR_SLOTS];
	unsigned max;
	const char *end;   /* just past the last well-formed attribute seen */
};

_Static_assert((int)UNIX_DIAG_MAX < ATTR_SLOTS, "attr_table too small for UNIX_DIAG_*");
_Static_assert((int)INET_DIAG_SKMEMINFO < ATTR_SLOTS, "attr_table too small for INET_DIAG_*");

static int store_attr(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->tb[type] = attr;   /* unknown (newer) types are skipped, not errors */
	t->end = (const char *)mnl_attr_next(attr);
	return MNL_CB_OK;
}

/* True when the message carries at least n bytes of payload. Its length must be a multiple of
 * 4, as every kernel message is: libmnl checks attributes against the length rounded up to 4,
 * so an odd length would let the last attribute reach past the message. */
static bool has_payload(const struct nlmsghdr *nlh, size_t n)
{
	return nlh->nlmsg_len >= MNL_NLMSG_HDRLEN && nlh->nlmsg_len % MNL_ALIGNTO == 0 &&
	       mnl_nlmsg_get_payload_len(nlh) >= n;
}

/* Index the attributes after a fixed header of hdr_len bytes (has_payload checked by the
 * caller). mnl_attr_parse stops quietly at an attribute whose length is below the minimum or
 * overruns the message: anything left unconsumed makes the message malformed. */
static int parse_attrs(const struct nlmsghdr *nlh, size_t hdr_len, struct attr_table *t,
		       unsigned max)
{
	memset(t, 0, sizeof(*t));
	t->max = max;
	t->end = mnl_nlmsg_get_payload_offset(nlh, hdr_len);
	if (mnl_attr_parse(nlh, (unsigned)hdr_len, store_attr, t) < MNL_CB_STOP)
		return -1;
	return t->end >= (const char *)mnl_nlmsg_get_payload_tail(nlh) ? 0 : -1;
}

/* An attribute that is absent or has exactly len bytes of payload. */
static bool absent_or_exact(const struct nlattr *attr, size_t len)
{
	return !attr || mnl_attr_validate2(attr, MNL_TYPE_BINARY, len) == 0;
}

static uint32_t attr_u32_at(const struct nlattr *attr, size_t index)
{
	uint32_t v;
	memcpy(&v, (const char *)mnl_attr_get_payload(attr) + index * sizeof(v), sizeof(v));
	return v;
}

/* SK_MEMINFO_DROPS of a socket memory array (UNIX_DIAG_MEMINFO, INET_DIAG_SKMEMINFO), when
 * the array is whole (a multiple of 4 bytes) and long enough to have it. */
static void take_drops(struct sock_info *si, const struct nlattr *mem)
{
	size_t len = mnl_attr_get_payload_len(mem);
	if (len % sizeof(uint32_t) || len < (SK_MEMINFO_DROPS + 1) * sizeof(uint32_t))
		return;
	si->has_drops = true;
	si->drops = attr_u32_at(mem, SK_MEMINFO_DROPS);
}

/* ---- UNIX ---- */

static bool unix_attrs_valid(const struct nlattr *const *tb)
{
	const struct nlattr *name = tb[UNIX_DIAG_NAME], *icons = tb[UNIX_DIAG_ICONS];

	if (name && mnl_attr_get_payload_len(name) > sizeof(((struct sockaddr_un *)0)->sun_path))
		return false;
	if (icons && mnl_attr_get_payload_len(icons) % sizeof(uint32_t) != 0)
		return false;
	return absent_or_exact(tb[UNIX_DIAG_PEER], sizeof(uint32_t)) &&
	       absent_or_exact(tb[UNIX_DIAG_VFS], sizeof(struct unix_diag_vfs)) &&
	       absent_or_exact(tb[UNIX_DIAG_RQLEN], sizeof(struct unix_diag_rqlen));
}

/* The kernel reports the filesystem's device in its internal encoding (major << 20 | minor). */
static uint64_t kernel_dev_to_dev(uint32_t kdev)
{
	return makedev(kdev >> 20, kdev & 0xfffff);
}

/* A path name comes with the NUL the kernel added at bind time: stop at the first NUL.
 * An abstract name (leading NUL) is kept byte for byte: every byte of it is significant. */
static void unix_take_name(struct sock_info *si, const struct nlattr *name, struct arena *a)
{
	const char *bytes = mnl_attr_get_payload(name);
	size_t len = mnl_attr_get_payload_len(name);

	if (len > 0 && bytes[0] != '\0')
		len = strnlen(bytes, len);
	if (len == 0)
		return;
	si->name = arena_strndup(a, bytes, len);
	si->name_len = len;
}

static void unix_take_icons(struct sock_info *si, const struct nlattr *icons, struct arena *a)
{
	size_t n = mnl_attr_get_payload_len(icons) / sizeof(uint32_t);

	if (n == 0)
		return;
	si->icons = arena_alloc(a, n * sizeof(*si->icons));
	for (size_t i = 0; i < n; i++)
		si->icons[i] = attr_u32_at(icons, i);
	si->n_icons = n;
}

static void unix_take_attrs(struct sock_info *si, const struct nlattr *const *tb, struct arena *a)
{
	if (tb[UNIX_DIAG_NAME])
		unix_take_name(si, tb[UNIX_DIAG_NAME], a);
	if (tb[UNIX_DIAG_ICONS])
		unix_take_icons(si, tb[UNIX_DIAG_ICONS], a);
	if (tb[UNIX_DIAG_PEER])
		si->peer = attr_u32_at(tb[UNIX_DIAG_PEER], 0);
	if (tb[UNIX_DIAG_RQLEN]) {
		struct unix_diag_rqlen q;
		memcpy(&q, mnl_attr_get_payload(tb[UNIX_DIAG_RQLEN]), sizeof(q));
		si->rqueue = q.udiag_rqueue;
		si->wqueue = q.udiag_wqueue;
	}
	if (tb[UNIX_DIAG_MEMINFO])
		take_drops(si, tb[UNIX_DIAG_MEMINFO]);
	if (tb[UNIX_DIAG_VFS]) {
		struct unix_diag_vfs v;
		memcpy(&v, mnl_attr_get_payload(tb[UNIX_DIAG_VFS]), sizeof(v));
		si->vfs_dev = kernel_dev_to_dev(v.udiag_vfs_dev);
		si->vfs_ino = v.udiag_vfs_ino;
	}
}

int sockdiag_parse_unix(const struct nlmsghdr *nlh, struct sock_info *out, struct arena *a)
{
	struct unix_diag_msg m;
	struct attr_table t;

	if (!has_payload(nlh, sizeof(m)))
		return -1;
	memcpy(&m, mnl_nlmsg_get_payload(nlh), sizeof(m));
	if (m.udiag_family != AF_UNIX || parse_attrs(nlh, sizeof(m), &t, UNIX_DIAG_MAX) < 0 ||
	    !unix_attrs_valid(t.tb))
		return -1;

	struct sock_info si = {
		.family = AF_UNIX, .type = m.udiag_type, .state = m.udiag_state,
		.ino = m.udiag_ino,
	};
	unix_take_attrs(&si, t.tb, a);
	*out = si;
	return 0;
}

/* ---- TCP / UDP ---- */

static void inet_take_tcp_info(struct sock_info *si, const struct nlattr *info)
{
	struct tcp_info ti;
	size_t len = mnl_attr_get_payload_len(info);

	memset(&ti, 0, sizeof(ti));
	memcpy(&ti, mnl_attr_get_payload(info), len < sizeof(ti) ? len : sizeof(ti));
	si->has_tcp_info = true;
	si->bytes_acked = ti.tcpi_bytes_acked;
	si->bytes_received = ti.tcpi_bytes_received;
	/* kernels before 4.19 have no tcpi_bytes_sent: take bytes_acked (SYN and FIN included) */
	bool has_sent = len >= offsetof(struct tcp_info, tcpi_bytes_sent) + sizeof(ti.tcpi_bytes_sent);
	si->bytes_sent = has_sent ? ti.tcpi_bytes_sent : ti.tcpi_bytes_acked;
	si->rtt_us = ti.tcpi_rtt;
}

int sockdiag_parse_inet(const struct nlmsghdr *nlh, struct sock_info *out, uint8_t protocol)
{
	struct inet_diag_msg m;
	struct attr_table t;

	if (!has_payload(nlh, sizeof(m)))
		return -1;
	memcpy(&m, mnl_nlmsg_get_payload(nlh), sizeof(m));
	if ((m.idiag_family != AF_INET && m.idiag_family != AF_INET6) ||
	    parse_attrs(nlh, sizeof(m), &t, INET_DIAG_SKMEMINFO) < 0)
		return -1;

	struct sock_info si = {
		.family = m.idiag_family, .protocol = protocol, .state = m.idiag_state,
		.type = protocol == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM,
		.ino = m.idiag_inode, .uid = m.idiag_uid,
		.rqueue = m.idiag_rqueue, .wqueue = m.idiag_wqueue,
		.lport = ntohs(m.id.idiag_sport), .rport = ntohs(m.id.idiag_dport),
	};
	_Static_assert(sizeof(si.laddr) == sizeof(m.id.idiag_src), "address size");
	memcpy(si.laddr, m.id.idiag_src, sizeof(si.laddr));
	memcpy(si.raddr, m.id.idiag_dst, sizeof(si.raddr));
	if (protocol == IPPROTO_TCP && t.tb[INET_DIAG_INFO])
		inet_take_tcp_info(&si, t.tb[INET_DIAG_INFO]);
	if (protocol == IPPROTO_UDP && t.tb[INET_DIAG_SKMEMINFO])
		take_drops(&si, t.tb[INET_DIAG_SKMEMINFO]);
	*out = si;
	return 0;
}

/* ---- NETLINK ---- */

int sockdiag_parse_netlink(const struct nlmsghdr *nlh, struct sock_info *out)
{
	struct netlink_diag_msg m;
	struct attr_table t;

	if (!has_payload(nlh, sizeof(m)))
		return -1;
	memcpy(&m, mnl_nlmsg_get_payload(nlh), sizeof(m));
	if (m.ndiag_family != AF_NETLINK || parse_attrs(nlh, sizeof(m), &t, 0) < 0)
		return -1;

	struct sock_info si = {
		.family = AF_NETLINK, .type = m.ndiag_type, .protocol = m.ndiag_protocol,
		.state = m.ndiag_state, .ino = m.ndiag_ino, .portid = m.ndiag_portid,
		.dst_portid = m.ndiag_dst_portid, .dst_group = m.ndiag_dst_group,
	};
	*out = si;
	return 0;
}
