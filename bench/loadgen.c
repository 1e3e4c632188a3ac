/* loadgen.c — load generator for the benchmarks: forks N processes in pairs joined by IPC
 * (see loadgen_pair.c), prints "ready N ..." with what it made once all are up, and on
 * SIGTERM, SIGINT, SIGHUP or end of stdin kills them all and removes every IPC object.
 *
 *   loadgen [-n PROCS] [-e EVERY]   PROCS processes (even, default 500); every EVERY-th pair
 *                                   also shares SysV and POSIX shm (default 4; 0: none)
 *
 * The children die with it (PR_SET_PDEATHSIG) even when it is killed; only the shared memory,
 * named after its pid ("/ipctop-bench.PID.K"; SysV segments created by PID), outlives a
 * SIGKILL. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loadgen.h"

struct load {
	int n_pairs;
	int shm_every;
	struct pair_shm *shm;    /* one per pair */
	pid_t *leaders;          /* one per pair; 0 until forked */
	int n_sysv, n_posix;
};

static void usage_exit(void)
{
	fputs("usage: loadgen [-n PROCS] [-e SHM_EVERY]\n", stderr);
	exit(2);
}

static void parse_args(int argc, char **argv, struct load *l)
{
	int procs = 500, c;
	l->shm_every = LOADGEN_SHM_EVERY;
	while ((c = getopt(argc, argv, "n:e:")) != -1) {
		if (c == 'n')
			procs = atoi(optarg);
		else if (c == 'e')
			l->shm_every = atoi(optarg);
		else
			usage_exit();
	}
	if (optind != argc || procs < 2 || procs % 2 || procs > 1000000 || l->shm_every < 0)
		usage_exit();
	l->n_pairs = procs / 2;
}

/* The soft descriptor limit up to the hard one: a big load has the parent near many fds. */
static void raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* The shared memory of every EVERY-th pair, made here so that this process can remove it. */
static int make_shm(struct load *l)
{
	for (int i = 0; i < l->n_pairs; i++)
		l->shm[i].sysv_id = -1;   /* none yet: stop_all() removes only what was made */
	for (int i = 0; i < l->n_pairs; i++) {
		struct pair_shm *s = &l->shm[i];
		if (!l->shm_every || i % l->shm_every)
			continue;
		s->sysv_id = shmget(IPC_PRIVATE, LOADGEN_SHM_SIZE, IPC_CREAT | 0600);
		if (s->sysv_id < 0)
			return perror("loadgen: shmget"), -1;
		l->n_sysv++;
		snprintf(s->posix_name, sizeof(s->posix_name), "/ipctop-bench.%d.%d", (int)getpid(), i);
		int fd = shm_open(s->posix_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || ftruncate(fd, LOADGEN_SHM_SIZE) < 0) {
			perror("loadgen: shm_open");
			if (fd >= 0)
				shm_unlink(s->posix_name), close(fd);
			s->posix_name[0] = '\0';
			return -1;
		}
		close(fd);
		l->n_posix++;
	}
	return 0;
}

static int fork_pairs(struct load *l, struct pair_setup *ps)
{
	for (int i = 0; i < l->n_pairs; i++) {
		ps->shm = l->shm[i];
		pid_t pid = fork();
		if (pid < 0)
			return perror("loadgen: fork"), -1;
		if (pid == 0)
			pair_run(ps);
		l->leaders[i] = pid;
	}
	return 0;
}

/* Wait for one byte from each pair; a signal or every leader gone first means failure. */
static int wait_ready(const struct load *l, int ready_rd, int sig_fd)
{
	int up = 0;
	struct pollfd pf[2] = { { .fd = ready_rd, .events = POLLIN }, { .fd = sig_fd, .events = POLLIN } };
	while (up < l->n_pairs) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (pf[1].revents) {
			fprintf(stderr, "loadgen: stopped by a signal while starting\n");
			return -1;
		}
		char buf[512];
		ssize_t n = pf[0].revents ? read(ready_rd, buf, sizeof(buf)) : 0;
		if (pf[0].revents && n <= 0) {
			fprintf(stderr, "loadgen: only %d of %d pairs came up\n", up, l->n_pairs);
			return -1;
		}
		up += (int)n;
	}
	return 0;
}

/* Block until a stop signal or end of stdin. */
static void wait_stop(int sig_fd)
{
	struct pollfd pf[2] = { { .fd = sig_fd, .events = POLLIN }, { .fd = 0, .events = POLLIN } };
	for (;;) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return;
		if (pf[0].revents)
			return;
		if (pf[1].revents) {
			char buf[256];
			ssize_t n = read(0, buf, sizeof(buf));
			if (n <= 0 && !(n < 0 && errno == EINTR))
				return;
		}
	}
}

/* Kill the leaders (partners follow by PDEATHSIG and come to us, the subreaper), reap every
 * child, then remove the shared memory. */
static void stop_all(struct load *l)
{
	for (int i = 0; i < l->n_pairs; i++)
		if (l->leaders[i] > 0)
			kill(l->leaders[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	for (int i = 0; i < l->n_pairs; i++) {
		if (l->shm[i].sysv_id >= 0)
			shmctl(l->shm[i].sysv_id, IPC_RMID, NULL);
		if (l->shm[i].posix_name[0])
			shm_unlink(l->shm[i].posix_name);
	}
}

static int signal_fd(sigset_t *old_mask)
{
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, old_mask);
	return signalfd(-1, &stop, SFD_CLOEXEC);
}

static void print_ready(const struct load *l)
{
	int p = l->n_pairs;
	printf("ready %d pid=%d pairs=%d pipe=%d unix_stream=%d unix_dgram=%d tcp=%d "
	       "sysv_shm=%d posix_shm=%d\n", 2 * p, (int)getpid(), p, 2 * p, p, p, p,
	       l->n_sysv, l->n_posix);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct load l = { 0 };
	parse_args(argc, argv, &l);
	close_range(3, ~0U, 0);   /* stray inherited descriptors would end up in every child */
	raise_nofile();
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct pair_setup ps = { .loadgen_pid = getpid() };
	int sig_fd = signal_fd(&ps.child_mask);
	int ready[2];
	l.shm = calloc((size_t)l.n_pairs, sizeof(*l.shm));
	l.leaders = calloc((size_t)l.n_pairs, sizeof(*l.leaders));
	if (sig_fd < 0 || !l.shm || !l.leaders || pipe2(ready, O_CLOEXEC) < 0)
		return perror("loadgen"), 1;
	ps.ready_fd = ready[1];
	ps.parent_fds[0] = ready[0];
	ps.parent_fds[1] = sig_fd;
	int st = make_shm(&l) == 0 && fork_pairs(&l, &ps) == 0 ? 0 : 1;
	close(ready[1]);
	if (st == 0 && wait_ready(&l, ready[0], sig_fd) == 0) {
		print_ready(&l);
		wait_stop(sig_fd);
	} else {
		st = 1;
	}
	stop_all(&l);
	free(l.shm);
	free(l.leaders);
	return st;
}
