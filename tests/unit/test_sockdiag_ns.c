/* test_sockdiag_ns.c — sockdiag_dump_in across network namespaces, against the real kernel:
 * as root, a child's own namespace is dumped through setns and the caller's thread stays home;
 * unprivileged, setns is refused with -EPERM, cleanly. Runs as root and again as nobody. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "collect/collect_sockdiag.h"
#include "sockdiag_test_util.h"
#include "../tap.h"

/* The plain dump works for anyone: a socketpair of ours is in it. */
static void test_own_namespace(void)
{
	struct snapshot s;
	int sp[2];

	snapshot_init(&s);
	ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == 0, "socketpair");
	ok(sockdiag_dump_current(&s, thread_netns()) > 0 && find(&s, ino_of(sp[0])),
	   "dump_current (uid %d) finds our socketpair", (int)geteuid());
	close(sp[0]), close(sp[1]);
	snapshot_free(&s);
}

static void test_bad_nsfd(void)
{
	struct snapshot s;
	uint64_t home = thread_netns();
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	snapshot_init(&s);
	is_int(sockdiag_dump_in(&s, 1, fd), -EINVAL, "dump_in on /dev/null: -EINVAL");
	is_int(s.n_socks, 0, "dump_in on /dev/null: nothing added");
	ok(thread_netns() == home && home != 0, "dump_in on /dev/null: still in our namespace");
	close(fd);
	snapshot_free(&s);
}

static void test_unprivileged(void)
{
	struct snapshot s;
	uint64_t home = thread_netns();

	if (geteuid() == 0) {
		tap_skip("root: setns is permitted (sockdiag_nobody.sh runs this as nobody)");
		return;
	}
	snapshot_init(&s);
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ok(fd >= 0, "opened our own /proc/self/ns/net");
	is_int(sockdiag_dump_in(&s, home, fd), -EPERM, "unprivileged dump_in: -EPERM");
	ok(s.n_socks == 0 && s.n_notes == 0, "unprivileged dump_in: nothing added");
	ok(thread_netns() == home, "unprivileged dump_in: thread still in its namespace");
	close(fd);
	snapshot_free(&s);
}

/* ---- a child in its own network namespace ---- */

struct child_report {
	char stage;          /* 0 ready; 'u' unshare, 'l' lo up, 'b' listen failed */
	uint16_t port;
	uint64_t ino;        /* the listener's inode */
};

static int bring_lo_up(void)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = -1;

	strcpy(ifr.ifr_name, "lo");
	if (fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	if (fd >= 0)
		close(fd);
	return r;
}

static int listen_loopback(uint16_t *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, len) < 0 || listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		return -1;
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Make a namespace, listen in it, report, then wait for the parent to close hold_fd. */
static void child_main(int report_fd, int hold_fd)
{
	struct child_report rep = { 0 };
	int fd = -1;
	char c;

	if (unshare(CLONE_NEWNET) < 0)
		rep.stage = 'u';
	else if (bring_lo_up() < 0)
		rep.stage = 'l';
	else if ((fd = listen_loopback(&rep.port)) < 0)
		rep.stage = 'b';
	else
		rep.ino = ino_of(fd);
	if (write(report_fd, &rep, sizeof(rep)) != (ssize_t)sizeof(rep))
		_exit(1);
	while (read(hold_fd, &c, 1) != 0 && (errno == EINTR || errno == 0))
		;
	_exit(0);
}

/* A whole snapshot: is pid flagged as in another network namespace than ipctop's? -1: absent. */
static int flagged_foreign(pid_t pid)
{
	struct snapshot s;
	struct collect_opts o = { .no_maps = true };
	snapshot_init(&s);
	snapshot_take(&s, &o);
	const struct proc_info *p = snapshot_find_proc(&s, pid);
	int r = p ? !!(p->flags & PF_NETNS_FOREIGN) : -1;
	snapshot_free(&s);
	return r;
}

static void check_foreign_dump(pid_t child, const struct child_report *rep)
{
	char path[64];
	struct snapshot s;
	struct stat st;
	int sp[2] = { -1, -1 };
	uint64_t home = thread_netns();

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)child);
	int nsfd = open(path, O_RDONLY | O_CLOEXEC);
	ok(nsfd >= 0 && fstat(nsfd, &st) == 0 && st.st_ino != home, "child's netns differs from ours");
	ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == 0, "a socketpair in our namespace");
	snapshot_init(&s);
	int n = sockdiag_dump_in(&s, st.st_ino, nsfd);
	ok(n > 0, "dump_in the child's namespace: %d sockets", n);
	is_int(thread_netns(), home, "after dump_in the thread is back in its namespace");
	const struct sock_info *l = find(&s, rep->ino);
	ok(l && l->netns == st.st_ino, "child's listener found, with the netns passed in");
	ok(l && l->family == AF_INET && l->state == 10 && l->lport == rep->port,
	   "child's listener: tcp4, listening, its port");
	ok(!find(&s, ino_of(sp[0])), "our own socketpair is not in the child's dump");
	snapshot_free(&s);
	snapshot_init(&s);
	ok(sockdiag_dump_current(&s, home) > 0 && !find(&s, rep->ino) && find(&s, ino_of(sp[0])),
	   "dump_current here sees our socketpair, not the child's listener");
	snapshot_free(&s);
	close(sp[0]), close(sp[1]);
	if (nsfd >= 0)
		close(nsfd);
	is_int(flagged_foreign(child), 1, "snapshot: the child in its own netns is flagged foreign");
}

static void test_foreign_netns(void)
{
	int report[2], hold[2];
	struct child_report rep = { 0 };

	if (geteuid() != 0) {
		tap_skip("not root: cannot make or enter network namespaces");
		return;
	}
	if (pipe2(report, O_CLOEXEC) < 0 || pipe2(hold, O_CLOEXEC) < 0) {
		ok(0, "pipes: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		close(report[0]), close(hold[1]);
		child_main(report[1], hold[0]);
	}
	close(report[1]), close(hold[0]);
	ssize_t got = child > 0 ? read(report[0], &rep, sizeof(rep)) : -1;
	if (got == (ssize_t)sizeof(rep) && rep.stage == 'u')
		ci_skip(1, "unshare(CLONE_NEWNET) not permitted here");
	else if (got == (ssize_t)sizeof(rep) && rep.stage == 'l')
		ci_skip(1, "cannot bring up lo in a new namespace");
	else if (ok(got == (ssize_t)sizeof(rep) && rep.stage == 0, "child listens in its own netns"))
		check_foreign_dump(child, &rep);
	close(report[0]), close(hold[1]);
	if (child > 0) {
		kill(child, SIGKILL);
		ok(waitpid(child, NULL, 0) == child, "child reaped");
	}
}

int main(void)
{
	printf("# running as uid %d\n", (int)geteuid());
	alarm(120);   /* a dump that never ends fails the test instead of hanging make check */
	test_own_namespace();
	test_bad_nsfd();
	test_foreign_netns();
	test_unprivileged();
	is_int(flagged_foreign(getpid()), 0, "snapshot: this process, in ipctop's netns, is not foreign");
	collect_shutdown();
	return tap_done();
}
