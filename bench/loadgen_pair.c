/* loadgen_pair.c — one process pair of the load generator: a leader (forked by loadgen) and
 * its partner, joined by two pipes (one each way), a stream and a datagram UNIX socketpair, a
 * TCP loopback connection and, for some pairs, a SysV segment and a POSIX shm object. Both then
 * block reading their pipe: they exit when the other end goes, and by PR_SET_PDEATHSIG when
 * their parent does. Nothing here allocates: each process stays a few pages. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "loadgen.h"

/* The descriptors of a pair; [0] stays with the leader, [1] goes to the partner. */
struct pair_ends {
	int to_partner[2];   /* pipe leader -> partner: read end [0] is the partner's */
	int to_leader[2];    /* pipe partner -> leader */
	int stream[2];
	int dgram[2];
	int listener;
	struct sockaddr_in addr;
};

__attribute__((noreturn))
static void fail(const char *what)
{
	fprintf(stderr, "loadgen pair %d: %s: %s\n", (int)getpid(), what, strerror(errno));
	_exit(1);
}

/* Die with the parent; run with default signal actions and the children's mask. */
static void become_child(pid_t parent, const sigset_t *mask)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		fail("PR_SET_PDEATHSIG");
	if (getppid() != parent)
		_exit(0);   /* the parent went before the line above took effect */
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, mask, NULL);
}

/* stdin and stdout on /dev/null; stderr too once the pair is up (until then it reports). */
static void quiet_fd(int fd)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, fd);
		close(null);
	}
}

static void tcp_listen(struct pair_ends *e)
{
	socklen_t len = sizeof(e->addr);
	struct timeval limit = { .tv_sec = 30 };
	memset(&e->addr, 0, sizeof(e->addr));
	e->addr.sin_family = AF_INET;
	e->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	e->listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (e->listener < 0 || bind(e->listener, (struct sockaddr *)&e->addr, sizeof(e->addr)) < 0 ||
	    listen(e->listener, 1) < 0 || getsockname(e->listener, (struct sockaddr *)&e->addr, &len) < 0)
		fail("tcp listener");
	/* accept() gives up if the partner never connects: the parent then sees the pair fail */
	setsockopt(e->listener, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
}

static void make_ends(struct pair_ends *e)
{
	if (pipe2(e->to_partner, O_CLOEXEC) < 0 || pipe2(e->to_leader, O_CLOEXEC) < 0)
		fail("pipe");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, e->stream) < 0 ||
	    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, e->dgram) < 0)
		fail("socketpair");
	tcp_listen(e);
}

/* Attach the pair's shared memory and write to it (so it is resident); the POSIX descriptor
 * stays open, as a program that maps and holds its object would keep it. */
static void attach_shm(const struct pair_shm *shm, char who)
{
	if (shm->sysv_id >= 0) {
		char *p = shmat(shm->sysv_id, NULL, 0);
		if (p == (void *)-1)
			fail("shmat");
		p[who == 'l' ? 0 : 1] = who;
	}
	if (shm->posix_name[0]) {
		int fd = shm_open(shm->posix_name, O_RDWR | O_CLOEXEC, 0);
		if (fd < 0)
			fail("shm_open");
		char *p = mmap(NULL, LOADGEN_SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			fail("mmap");
		p[who == 'l' ? 0 : 1] = who;
	}
}

/* Block on the pipe from the other side; its end closing (the other process died) ends us. */
__attribute__((noreturn))
static void idle_on(int fd)
{
	char byte;
	for (;;) {
		ssize_t n = read(fd, &byte, 1);
		if (n == 0 || (n < 0 && errno != EINTR))
			_exit(0);
	}
}

__attribute__((noreturn))
static void partner_run(const struct pair_setup *ps, struct pair_ends *e, pid_t leader)
{
	become_child(leader, &ps->child_mask);
	close(ps->ready_fd);
	close(e->listener);
	close(e->to_partner[1]);
	close(e->to_leader[0]);
	close(e->stream[0]);
	close(e->dgram[0]);
	int tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (tcp < 0 || connect(tcp, (struct sockaddr *)&e->addr, sizeof(e->addr)) < 0)
		fail("tcp connect");
	attach_shm(&ps->shm, 'p');
	if (write(e->stream[1], "p", 1) != 1)
		fail("handshake");
	quiet_fd(2);
	idle_on(e->to_partner[0]);
}

void pair_run(const struct pair_setup *ps)
{
	become_child(ps->loadgen_pid, &ps->child_mask);
	close(ps->parent_fds[0]);
	close(ps->parent_fds[1]);
	quiet_fd(0);
	quiet_fd(1);
	struct pair_ends e;
	make_ends(&e);
	pid_t leader = getpid();
	pid_t partner = fork();
	if (partner < 0)
		fail("fork");
	if (partner == 0)
		partner_run(ps, &e, leader);
	close(e.to_partner[0]);
	close(e.to_leader[1]);
	close(e.stream[1]);
	close(e.dgram[1]);
	int tcp = accept4(e.listener, NULL, NULL, SOCK_CLOEXEC);
	if (tcp < 0)
		fail("tcp accept");
	close(e.listener);
	attach_shm(&ps->shm, 'l');
	char byte;
	if (read(e.stream[0], &byte, 1) != 1)
		fail("handshake");
	if (write(ps->ready_fd, "r", 1) != 1)
		fail("ready");
	close(ps->ready_fd);
	quiet_fd(2);
	idle_on(e.to_leader[0]);
}
