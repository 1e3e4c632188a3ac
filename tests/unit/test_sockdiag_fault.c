/* test_sockdiag_fault.c — the sock_diag dumps against scripted kernel replies (sockdiag_fake):
 * an interrupted dump is read again, a kernel error or a failed read leaves nothing half
 * listed, malformed messages are skipped or refused without a crash. Each expectation is the
 * script's. The one-by-one lookup is in test_sockdiag_lookup.c. */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "collect/collect_sockdiag.h"
#include "sockdiag_fault_util.h"

static void test_complete(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 101, "/run/fake.sock");
	fake_put_unix(101, 100, NULL);
	fake_dgram();
	fake_put_unix(102, 0, NULL);
	fake_put_done();
	fake_answer(TCP_BOTH);
	fake_put_inet(AF_INET, 200, 80);
	fake_put_inet(AF_INET6, 201, 443);
	fake_put_done();
	fake_answer(UDP4);
	fake_put_inet(AF_INET, 300, 53);
	fake_put_done();
	fake_answer(UDP6);
	fake_put_inet(AF_INET6, 301, 53);
	fake_put_done();
	fake_answer(NETLINK);
	fake_put_netlink(400, 77);
	fake_put_done();

	is_int(sockdiag_dump_current(&s, NETNS), 8, "complete: 8 sockets over 5 dumps");
	is_int(s.n_socks, 8, "complete: 8 in the snapshot");
	const struct sock_info *u = find(&s, 100), *t = find(&s, 201), *n = find(&s, 400);
	ok(u && u->family == AF_UNIX && u->peer == 101 && u->name &&
	   strcmp(u->name, "/run/fake.sock") == 0 && u->netns == NETNS,
	   "complete: UNIX 100 with its peer, name and netns");
	ok(find(&s, 102) != NULL, "complete: the UNIX socket of the second datagram");
	ok(t && t->family == AF_INET6 && t->protocol == IPPROTO_TCP && t->lport == 443,
	   "complete: TCP/IPv6 201 from the one TCP request");
	ok(find(&s, 300) && find(&s, 300)->protocol == IPPROTO_UDP && find(&s, 301),
	   "complete: UDP of both families");
	ok(n && n->family == AF_NETLINK && n->portid == 77, "complete: netlink 400");
	is_int(s.n_notes, 0, "complete: no note");
	is_int(fake_n_requests(), 5, "complete: five requests");
	ok(fake_request(0) && (fake_request(0)->flags & NLM_F_DUMP) == NLM_F_DUMP,
	   "complete: the UNIX request is a dump");
	no_problem("complete");
	end(&s);
}

/* The kernel marks a dump interrupted (the socket table changed under it) on any message of
 * it; the first reading is dropped and the dump asked for again. */
static void test_intr_once(bool on_done)
{
	const char *what = on_done ? "interrupted (flag on DONE)" : "interrupted (flag on a socket)";
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	fake_put_unix(101, 0, NULL);
	if (!on_done)
		fake_last_flags(NLM_F_DUMP_INTR);
	fake_put_done();
	if (on_done)
		fake_last_flags(NLM_F_DUMP_INTR);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	fake_dgram();
	fake_put_unix(102, 0, NULL);
	fake_put_done();
	rest_empty();

	is_int(sockdiag_dump_current(&s, NETNS), 2, "%s: the second reading's 2 sockets", what);
	ok(find(&s, 100) && find(&s, 102), "%s: both sockets of the second reading", what);
	ok(!find(&s, 101), "%s: nothing kept of the first reading", what);
	is_int(n_requests_of(SOCK_DIAG_BY_FAMILY, AF_UNIX), 2, "%s: UNIX asked for twice", what);
	is_int(s.n_notes, 0, "%s: no note once read whole", what);
	no_problem(what);
	end(&s);
}

static void test_intr_twice(void)
{
	struct snapshot s;
	begin(&s);
	for (uint32_t ino = 101; ino <= 102; ino++) {
		fake_answer(UNIX_DUMP);
		fake_put_unix(100, 0, NULL);
		fake_put_unix(ino, 0, NULL);
		fake_last_flags(NLM_F_DUMP_INTR);
		fake_put_done();
	}
	rest_empty();

	is_int(sockdiag_dump_current(&s, NETNS), 2, "interrupted twice: the second reading kept");
	ok(find(&s, 100) && find(&s, 102) && !find(&s, 101),
	   "interrupted twice: the second reading, not the first");
	is_int(n_requests_of(SOCK_DIAG_BY_FAMILY, AF_UNIX), 2, "interrupted twice: no third try");
	ok(has_note(&s, "UNIX dump of netns 4026531999 changed while read twice"),
	   "interrupted twice: a note says so");
	no_problem("interrupted twice");
	end(&s);
}

/* A kernel error ends a dump: what that dump listed before it is dropped, with a note, and
 * the other families are listed still. */
static void test_kernel_error(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	fake_put_unix(101, 0, NULL);
	fake_dgram();
	fake_put_error(EACCES);
	fake_answer(TCP_BOTH);
	fake_put_inet(AF_INET, 200, 22);
	fake_put_done();
	answer_empty(UDP4);
	answer_empty(UDP6);
	fake_answer(NETLINK);
	fake_put_error(EPERM);

	is_int(sockdiag_dump_current(&s, NETNS), 1, "kernel error: only TCP's socket counted");
	ok(!find(&s, 100) && !find(&s, 101), "kernel error: nothing of the refused UNIX dump");
	ok(find(&s, 200) != NULL, "kernel error: the next family listed still");
	ok(has_note(&s, "UNIX sockets of netns 4026531999 not listed: Permission denied"),
	   "kernel error: EACCES named in a note");
	ok(has_note(&s, "netlink sockets of netns 4026531999 not listed: Operation not permitted"),
	   "kernel error: EPERM named in a note");
	is_int(n_requests_of(SOCK_DIAG_BY_FAMILY, AF_UNIX), 1, "kernel error: not asked again");
	no_problem("kernel error");
	end(&s);
}

/* An NLMSG_ERROR too short to hold its errno is itself an error (EBADMSG). */
static void test_short_error(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	struct nlmsghdr h = { .nlmsg_len = sizeof(h), .nlmsg_type = NLMSG_ERROR,
			      .nlmsg_pid = FAKE_PORTID };
	fake_put_raw(&h, sizeof(h));
	rest_empty();
	/* an errno no kernel has, whose negation overflows (found by fuzz_sockdiag_reply, UBSan) */
	fake_answer(UNIX_DUMP);
	struct { struct nlmsghdr h; struct nlmsgerr e; } huge = {
		.h = { .nlmsg_len = sizeof(huge), .nlmsg_type = NLMSG_ERROR, .nlmsg_pid = FAKE_PORTID },
		.e = { .error = INT32_MIN },
	};
	fake_put_raw(&huge, sizeof(huge));
	rest_empty();

	is_int(sockdiag_dump_current(&s, NETNS), 0, "short NLMSG_ERROR: nothing listed");
	ok(!find(&s, 100), "short NLMSG_ERROR: the socket before it dropped");
	ok(has_note(&s, "UNIX sockets of netns 4026531999 not listed: Bad message"),
	   "short NLMSG_ERROR: a note says the message was bad");
	is_int(sockdiag_dump_current(&s, NETNS), 0, "NLMSG_ERROR of INT_MIN: nothing listed");
	is_int(s.n_notes, 2, "NLMSG_ERROR of INT_MIN: a second note");
	ok(s.n_notes == 2 && strstr(s.notes[1].text, "UNIX sockets of netns 4026531999 not listed: "
				    "Bad message"), "NLMSG_ERROR of INT_MIN: taken for a bad message");
	no_problem("short NLMSG_ERROR");
	end(&s);
}

/* A kernel that refuses TCPDIAG_GETSOCK is asked per family, and that is remembered. */
static void test_tcp_refused(void)
{
	struct snapshot s;
	begin(&s);
	answer_empty(UNIX_DUMP);
	fake_answer(TCP_BOTH);
	fake_put_error(EINVAL);
	fake_answer(TCP4);
	fake_put_inet(AF_INET, 200, 22);
	fake_put_done();
	fake_answer(TCP6);
	fake_put_inet(AF_INET6, 201, 22);
	fake_put_done();
	answer_empty(UDP4);
	answer_empty(UDP6);
	answer_empty(NETLINK);

	is_int(sockdiag_dump_current(&s, NETNS), 2, "TCP refused: both families' sockets");
	ok(find(&s, 200) && find(&s, 200)->protocol == IPPROTO_TCP &&
	   find(&s, 201) && find(&s, 201)->family == AF_INET6,
	   "TCP refused: TCP/IPv4 and TCP/IPv6 asked for one by one");
	is_int(s.n_notes, 0, "TCP refused: no note (it is not an error)");
	no_problem("TCP refused");
	ok(sockdiag_split_tcp(false), "TCP refused: per-family requests remembered");
	end(&s);
}

/* A failing socket fails the whole namespace's dump: nothing of it is kept. */
static void test_recv_error(bool later_family)
{
	const char *what = later_family ? "recv error in TCP" : "recv error in UNIX";
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	if (later_family) {
		fake_put_done();
		fake_answer(TCP_BOTH);
		fake_put_inet(AF_INET, 200, 22);
	}
	fake_recv_error(ENOBUFS);

	is_int(sockdiag_dump_current(&s, NETNS), -ENOBUFS, "%s: the errno returned", what);
	is_int(s.n_socks, 0, "%s: no socket kept", what);
	end(&s);
}

/* A signal during the wait for a reply: the read is tried again. */
static void test_recv_eintr(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_recv_error(EINTR);
	fake_put_unix(100, 0, NULL);
	fake_put_done();
	rest_empty();
	is_int(sockdiag_dump_current(&s, NETNS), 1, "EINTR: the read retried, the socket listed");
	no_problem("EINTR");
	end(&s);
}

static void test_open_send_error(void)
{
	struct snapshot s;
	begin(&s);
	fake_fail_open(EMFILE);
	is_int(sockdiag_dump_current(&s, NETNS), -EMFILE, "open fails: its errno");
	is_int(fake_n_requests(), 0, "open fails: nothing sent");
	fake_fail_open(0);
	fake_fail_send(ECONNREFUSED);
	is_int(sockdiag_dump_current(&s, NETNS), -ECONNREFUSED, "send fails: its errno");
	is_int(s.n_socks, 0, "open or send fails: no socket");
	end(&s);
}

/* A reply to another request (sequence number) or from another port is not ours. */
static void test_not_ours(bool by_seq)
{
	const char *what = by_seq ? "reply of another sequence" : "reply from another port";
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	fake_put_unix(101, 0, NULL);
	if (by_seq)
		fake_last_seq(999);
	else
		fake_last_portid(777);
	fake_put_done();
	is_int(sockdiag_dump_current(&s, NETNS), by_seq ? -EPROTO : -ESRCH,
	       "%s: the dump fails", what);
	is_int(s.n_socks, 0, "%s: nothing kept", what);
	end(&s);
}

/* ---- malformed messages ---- */

static _Alignas(8) char raw[512];

/* A UNIX reply with one attribute of type and len bytes of payload, in raw. */
static struct nlmsghdr *raw_unix(uint32_t ino, uint16_t type, size_t len)
{
	memset(raw, 0, sizeof(raw));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(raw);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_pid = FAKE_PORTID;
	struct unix_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	m->udiag_family = AF_UNIX;
	m->udiag_ino = ino;
	static const char zeros[64];
	mnl_attr_put(nlh, type, len, zeros);
	return nlh;
}

static void put_raw_msg(const struct nlmsghdr *nlh)
{
	fake_put_raw(nlh, MNL_ALIGN(nlh->nlmsg_len));
}

/* Messages that frame well but say nothing sensible: each is skipped and counted, the good
 * ones around them kept. */
static void test_malformed_messages(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	struct nlmsghdr *nlh = raw_unix(900, UNIX_DIAG_PEER, 4);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 4;                 /* payload shorter than its header */
	put_raw_msg(nlh);
	nlh = raw_unix(901, UNIX_DIAG_PEER, 2);                /* peer of 2 bytes */
	put_raw_msg(nlh);
	nlh = raw_unix(902, UNIX_DIAG_RQLEN, 4);
	struct nlattr *a = mnl_nlmsg_get_payload_offset(nlh, sizeof(struct unix_diag_msg));
	a->nla_len = 200;                                      /* attribute overruns the message */
	put_raw_msg(nlh);
	nlh = raw_unix(903, UNIX_DIAG_PEER, 4);
	nlh->nlmsg_type = 99;                                  /* not the type asked for */
	put_raw_msg(nlh);
	nlh = raw_unix(904, UNIX_DIAG_PEER, 4);
	((struct unix_diag_msg *)mnl_nlmsg_get_payload(nlh))->udiag_family = AF_INET;
	put_raw_msg(nlh);
	fake_put_unix(101, 0, NULL);
	fake_put_done();
	rest_empty();

	is_int(sockdiag_dump_current(&s, NETNS), 2, "malformed: only the two good sockets");
	ok(find(&s, 100) && find(&s, 101), "malformed: the good ones on either side kept");
	bool none = true;
	for (uint32_t ino = 900; ino <= 904; ino++)
		none = none && !find(&s, ino);
	ok(none, "malformed: none of the five bad ones listed");
	ok(has_note(&s, "5 malformed UNIX replies skipped"), "malformed: counted in a note");
	no_problem("malformed");
	end(&s);
}

/* Datagrams that do not frame: a message running past the datagram's end, bytes too few for
 * a header after the last message, a length below a header's, an empty datagram, a length of
 * 2 GiB or more (found by fuzz_sockdiag_reply: a hang, or a read far out of bounds). The stream
 * can no longer be trusted: the dump fails, nothing kept, nothing read past the script. */
static void test_bad_framing(int how)
{
	static const char *const whats[] = {
		"message cut short", "trailing bytes", "length below a header", "empty datagram",
		"length of 4 GiB - 1", "length of 2 GiB",
	};
	const char *what = whats[how];
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	if (how == 3) {
		fake_put_unix(100, 0, NULL);
		fake_dgram();
	} else if (how != 2) {
		fake_put_unix(100, 0, NULL);
	}
	struct nlmsghdr *nlh = raw_unix(900, UNIX_DIAG_PEER, 4);
	if (how == 0) {
		nlh->nlmsg_len = 64;
		fake_put_raw(nlh, 40);
	} else if (how == 1) {
		fake_put_raw(nlh, 6);
	} else if (how == 2) {
		nlh->nlmsg_len = 8;
		fake_put_raw(nlh, 40);
	} else if (how >= 4) {   /* libmnl reads these as negative: it looped or read out of bounds */
		nlh->nlmsg_len = how == 4 ? UINT32_MAX : 1u << 31;
		fake_put_raw(nlh, 40);
	}
	is_int(sockdiag_dump_current(&s, NETNS), -EBADMSG, "%s: the dump fails (EBADMSG)", what);
	is_int(s.n_socks, 0, "%s: nothing kept", what);
	no_problem(what);
	end(&s);
}

/* The kernel pads every message to 4 bytes, but a last message whose padding is left off the
 * datagram still frames: it is read, and nothing after the datagram's end (found by
 * fuzz_sockdiag_reply: the walk went on past the end). */
static void test_unpadded_last(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(100, 0, NULL);
	struct { struct nlmsghdr h; int32_t len; char odd; } done = {
		.h = { .nlmsg_len = sizeof(struct nlmsghdr) + 5, .nlmsg_type = NLMSG_DONE,
		       .nlmsg_flags = NLM_F_MULTI, .nlmsg_pid = FAKE_PORTID },
	};
	fake_put_raw(&done, done.h.nlmsg_len);
	rest_empty();
	is_int(sockdiag_dump_current(&s, NETNS), 1, "unpadded last message: the dump read whole");
	ok(find(&s, 100) != NULL, "unpadded last message: the socket before it listed");
	no_problem("unpadded last message");
	end(&s);
}

int main(void)
{
	alarm(120);   /* a reply loop that never ends fails the test, not hangs it */
	test_complete();
	test_intr_once(false);
	test_intr_once(true);
	test_intr_twice();
	test_kernel_error();
	test_short_error();
	test_tcp_refused();
	test_recv_error(false);
	test_recv_error(true);
	test_recv_eintr();
	test_open_send_error();
	test_not_ours(true);
	test_not_ours(false);
	test_malformed_messages();
	for (int how = 0; how < 6; how++)
		test_bad_framing(how);
	test_unpadded_last();
	return tap_done();
}
