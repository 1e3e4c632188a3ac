/* test_sockdiag_lookup.c — the one-by-one lookup of UNIX sockets a dump missed, against
 * scripted kernel replies (sockdiag_fake): sockdiag_lookup_unix itself (found, ENOENT, a
 * failing socket), and collect_sockets asking for exactly the socket descriptors of its own
 * namespace that no dump listed, and linking them to what the lookup found. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "sockdiag_fault_util.h"
#include "util/xalloc.h"

static bool is_lookup(const struct fake_req *r, uint32_t ino)
{
	return r && r->type == SOCK_DIAG_BY_FAMILY && r->family == AF_UNIX && r->ino == ino &&
	       (r->flags & NLM_F_ACK) && !(r->flags & NLM_F_DUMP);
}

static void test_lookup(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_error(ENOENT);                 /* 600: no UNIX socket has that inode */
	fake_answer(UNIX_DUMP);
	fake_put_unix(601, 0, "/run/late.sock");
	fake_put_error(0);                      /* the acknowledgement NLM_F_ACK asks for */
	fake_answer(UNIX_DUMP);
	fake_put_unix(602, 601, NULL);
	fake_dgram();
	fake_put_error(0);
	const uint64_t inos[] = { 600, 601, 1ull << 33, 602 };

	is_int(sockdiag_lookup_unix(&s, NETNS, inos, 4), 2, "lookup: two of four found");
	const struct sock_info *a = find(&s, 601), *b = find(&s, 602);
	ok(a && a->netns == NETNS && a->name && strcmp(a->name, "/run/late.sock") == 0,
	   "lookup: 601 with its name and netns");
	ok(b && b->peer == 601, "lookup: 602 with its peer");
	ok(!find(&s, 600), "lookup: ENOENT adds nothing");
	is_int(fake_n_requests(), 3, "lookup: an inode over 32 bits is not asked for");
	ok(is_lookup(fake_request(0), 600) && is_lookup(fake_request(1), 601) &&
	   is_lookup(fake_request(2), 602), "lookup: one acknowledged request per inode, no dump");
	no_problem("lookup");
	end(&s);
}

static void test_lookup_fails(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_recv_error(ENOBUFS);
	const uint64_t one[] = { 600 };
	is_int(sockdiag_lookup_unix(&s, NETNS, one, 1), -ENOBUFS, "lookup fails: its errno");

	fake_begin();                           /* found by fuzz_sockdiag_reply */
	fake_answer(UNIX_DUMP);
	fake_put_unix(600, 0, NULL);
	fake_recv_error(ENOBUFS);               /* before the acknowledgement */
	is_int(sockdiag_lookup_unix(&s, NETNS, one, 1), -ENOBUFS, "lookup fails mid-answer: its errno");
	is_int(s.n_socks, 0, "lookup fails mid-answer: the socket read before it not kept");
	fake_begin();
	fake_answer(UNIX_DUMP);
	fake_put_unix(600, 0, NULL);
	fake_put_error(EPERM);
	is_int(sockdiag_lookup_unix(&s, NETNS, one, 1), 0, "lookup refused mid-answer: none found");
	is_int(s.n_socks, 0, "lookup refused mid-answer: the socket read before it not kept");

	fake_begin();
	fake_answer(UNIX_DUMP);
	fake_put_unix(601, 0, NULL);
	fake_put_error(0);
	fake_answer(UNIX_DUMP);
	fake_recv_error(ENOBUFS);
	const uint64_t two[] = { 601, 602, 603 };
	is_int(sockdiag_lookup_unix(&s, NETNS, two, 3), 1, "lookup fails later: what was found");
	ok(find(&s, 601) && s.n_socks == 1, "lookup fails later: the socket found kept");
	is_int(fake_n_requests(), 2, "lookup fails later: no request after the failure");
	end(&s);
}

/* ---- collect_sockets ---- */

enum { OTHER_NETNS = 4026532777u };

/* A process of netns holding socket descriptors of the given inodes (fds 3, 4, ...). */
static void add_proc(struct snapshot *s, pid_t pid, uint64_t netns, const uint64_t *inos,
		     size_t n)
{
	XGROW(s->procs, s->cap_procs, s->n_procs + 1);
	struct proc_info *p = &s->procs[s->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->netns = netns;
	p->fds = arena_alloc(&s->arena, n * sizeof(*p->fds));
	p->n_fds = n;
	for (size_t i = 0; i < n; i++)
		p->fds[i] = (struct fd_info){
			.fd = 3 + (int)i, .kind = FDK_SOCKET, .ino = inos[i], .sock = -1, .chan = -1,
		};
}

/* ipctop's own namespace dumped with UNIX sockets 100 and 101, as collect_sockets_start
 * leaves it when no thread could be had. */
static void own_dump_of(struct own_dump *d)
{
	memset(d, 0, sizeof(*d));
	snapshot_init(&d->shadow);
	d->netns = NETNS;
	for (uint32_t ino = 100; ino <= 101; ino++) {
		XGROW(d->shadow.socks, d->shadow.cap_socks, d->shadow.n_socks + 1);
		d->shadow.socks[d->shadow.n_socks++] = (struct sock_info){
			.netns = NETNS, .ino = ino, .family = AF_UNIX, .type = SOCK_STREAM,
		};
	}
	d->result = 2;
}

static const struct sock_info *sock_of_fd(const struct snapshot *s, pid_t pid, int fd)
{
	const struct proc_info *p = snapshot_find_proc(s, pid);
	for (size_t i = 0; p && i < p->n_fds; i++)
		if (p->fds[i].fd == fd)
			return p->fds[i].sock >= 0 ? &s->socks[p->fds[i].sock] : NULL;
	return NULL;
}

/* Run collect_sockets on: pid 10 (own netns) holding 100, missed[0], 100 again, 101; pid 11
 * (own) holding the last of missed (101 when none); pid 12 (another netns, not dumpable here)
 * holding 777. */
static void run_collect(struct snapshot *s, const uint64_t *missed, size_t n_missed)
{
	uint64_t ten[4] = { 100, n_missed ? missed[0] : 100, 100, 101 };
	const uint64_t eleven[1] = { n_missed ? missed[n_missed - 1] : 101 }, twelve[1] = { 777 };
	add_proc(s, 10, NETNS, ten, 4);
	add_proc(s, 11, NETNS, eleven, 1);
	add_proc(s, 12, OTHER_NETNS, twelve, 1);
	struct scan_ctx c = { .proc_fd = -1 };   /* the other netns cannot be entered */
	struct own_dump d;
	own_dump_of(&d);
	collect_sockets(s, &c, &d);
}

static void test_collect_one_missed(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_unix(555, 0, "/run/missed.sock");
	fake_put_error(0);
	const uint64_t missed[] = { 555 };
	run_collect(&s, missed, 1);

	is_int(fake_n_requests(), 1, "one missed (held by two processes): one lookup");
	ok(is_lookup(fake_request(0), 555), "one missed: of the missed inode, 555");
	const struct sock_info *si = sock_of_fd(&s, 10, 4);
	ok(si && si->ino == 555 && si->netns == NETNS, "one missed: its fd linked to the socket found");
	si = sock_of_fd(&s, 11, 3);
	ok(si && si->ino == 555, "one missed: the other holder's fd linked too");
	si = sock_of_fd(&s, 10, 3);
	ok(si && si->ino == 100, "one missed: a dumped socket's fd still linked");
	ok(sock_of_fd(&s, 12, 3) == NULL, "one missed: another netns' socket not looked up here");
	no_problem("one missed");
	end(&s);
}

static void test_collect_two_missed(void)
{
	struct snapshot s;
	begin(&s);
	fake_answer(UNIX_DUMP);
	fake_put_error(ENOENT);
	fake_answer(UNIX_DUMP);
	fake_put_unix(556, 0, NULL);
	fake_put_error(0);
	/* 555 is still missing: TCP and UDP are dumped once more, in case it is one of theirs */
	answer_empty(TCP_BOTH);
	answer_empty(UDP4);
	answer_empty(UDP6);
	const uint64_t missed[] = { 555, 556 };
	run_collect(&s, missed, 2);

	is_int(fake_n_requests(), 5, "two missed: one lookup each, once each, then one TCP+UDP dump");
	ok(is_lookup(fake_request(0), 555) && is_lookup(fake_request(1), 556),
	   "two missed: in the order they were met");
	ok(fake_request(2) && fake_request(2)->type == TCPDIAG_GETSOCK && fake_request(3) &&
	   fake_request(3)->family == AF_INET && fake_request(4) && fake_request(4)->family == AF_INET6,
	   "two missed: the one still missing is looked for in a TCP and a UDP dump");
	ok(sock_of_fd(&s, 10, 4) == NULL, "two missed: the one the kernel does not know stays unlinked");
	const struct sock_info *si = sock_of_fd(&s, 11, 3);
	ok(si && si->ino == 556, "two missed: the one found is linked");
	no_problem("two missed");
	end(&s);
}

static void test_collect_none_missed(void)
{
	struct snapshot s;
	begin(&s);
	run_collect(&s, NULL, 0);
	is_int(fake_n_requests(), 0, "none missed: no lookup");
	ok(sock_of_fd(&s, 10, 3) && sock_of_fd(&s, 11, 3) && sock_of_fd(&s, 11, 3)->ino == 101,
	   "none missed: every own-netns fd linked from the dump");
	no_problem("none missed");
	end(&s);
}

int main(void)
{
	alarm(120);   /* a reply loop that never ends fails the test, not hangs it */
	test_lookup();
	test_lookup_fails();
	test_collect_one_missed();
	test_collect_two_missed();
	test_collect_none_missed();
	return tap_done();
}
