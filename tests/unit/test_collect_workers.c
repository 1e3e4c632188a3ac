/* test_collect_workers.c — a snapshot read by several worker threads equals one read by one:
 * 120 real processes, each holding a pipe end, a socketpair end and a SysV segment attachment
 * shared with its neighbour, come out with the same processes, descriptors, mappings and
 * channels either way; refresh reuse works across workers too, and each process's schedstat
 * descriptor passes to the next snapshot and is closed with the last. Also arena_adopt, which merges
 * the workers' memory, and collect_each, the parallel-for of the fill probes: every index once,
 * all of them done when it returns. */
#include <dirent.h>
#include <sys/resource.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdatomic.h>

#include "collect/collect.h"
#include "collect/collect_internal.h"
#include "../tap.h"
#include "util/arena.h"

enum { N_KIDS = 120 };

static pid_t kids[N_KIDS];
static int shmid = -1;

/* Children in pairs: each pair shares a pipe and a socketpair; all attach one segment. */
static int start_kids(void)
{
	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid < 0)
		return -1;
	for (int i = 0; i < N_KIDS; i += 2) {
		int p[2], sp[2];
		if (pipe(p) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0)
			return -1;
		for (int k = 0; k < 2; k++) {
			pid_t pid = fork();
			if (pid < 0)
				return -1;
			if (pid == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				prctl(PR_SET_NAME, "workers-kid", 0, 0, 0);
				close(p[k]);
				close(sp[k]);
				if (shmat(shmid, NULL, SHM_RDONLY) == (void *)-1)
					_exit(1);
				pause();
				_exit(0);
			}
			kids[i + k] = pid;
		}
		close(p[0]); close(p[1]); close(sp[0]); close(sp[1]);
	}
	return 0;
}

static void stop_kids(void)
{
	for (int i = 0; i < N_KIDS; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
	for (int i = 0; i < N_KIDS; i++)
		if (kids[i] > 0)
			waitpid(kids[i], NULL, 0);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
}

/* The kids as a snapshot shows them; false at the first difference from ref (if given). */
static bool same_kids(const struct snapshot *a, const struct snapshot *b, int *differ)
{
	*differ = 0;
	for (int i = 0; i < N_KIDS; i++) {
		const struct proc_info *x = snapshot_find_proc(a, kids[i]);
		const struct proc_info *y = snapshot_find_proc(b, kids[i]);
		bool same = x && y && !strcmp(x->comm, y->comm) && !strcmp(x->cmdline, y->cmdline) &&
			    x->n_fds == y->n_fds && x->n_maps == y->n_maps && x->euid == y->euid &&
			    x->user && y->user && !strcmp(x->user, y->user) &&
			    x->n_channels == y->n_channels && x->n_channels >= 3;
		for (size_t f = 0; same && f < x->n_fds; f++)
			same = x->fds[f].fd == y->fds[f].fd && x->fds[f].ino == y->fds[f].ino &&
			       !strcmp(x->fds[f].target, y->fds[f].target);
		if (!same)
			(*differ)++;
	}
	return *differ == 0;
}

/* loop: as a refresh loop takes it (each process's schedstat kept open for the next one);
 * else a one-shot snapshot, which keeps nothing. */
static void take(struct snapshot *s, unsigned threads, const struct snapshot *prev, bool loop)
{
	struct collect_opts o = { .threads = threads, .prev = prev, .refresh_loop = loop };
	snapshot_init(s);
	ok(snapshot_take(s, &o) == 0, "snapshot with %u worker thread(s)%s", threads,
	   prev ? ", carried over from the previous one" : "");
}

/* Kids whose schedstat a snapshot keeps open. */
static int kept(const struct snapshot *s)
{
	int n = 0;
	for (int i = 0; i < N_KIDS; i++) {
		const struct proc_info *p = snapshot_find_proc(s, kids[i]);
		n += p && p->runtime_fd1 > 0;
	}
	return n;
}

/* The descriptors open now; with `machine` false, not those of /proc/stat and /proc/meminfo,
 * which the collector keeps for its whole life (the header meters), not per snapshot. */
static int open_fds(bool machine)
{
	int n = 0;
	DIR *d = opendir("/proc/self/fd");
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		char link[300], to[64] = "";
		snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
		ssize_t k = readlink(link, to, sizeof to - 1);
		to[k > 0 ? k : 0] = '\0';
		n += machine || (strcmp(to, "/proc/stat") && strcmp(to, "/proc/meminfo"));
	}
	if (d)
		closedir(d);
	return n;
}

static void adopt(void)
{
	struct arena a, b;
	arena_init(&a);
	arena_init(&b);
	char *x = arena_strdup(&a, "first");
	char *y = arena_strdup(&b, "second");
	for (int i = 0; i < 1000; i++)
		arena_alloc(&b, 100);   /* several chunks */
	size_t total = a.used_total + b.used_total;
	arena_adopt(&a, &b);
	ok(!strcmp(x, "first") && !strcmp(y, "second"), "arena_adopt keeps both arenas' memory");
	ok(a.used_total == total && b.head == NULL && b.used_total == 0,
	   "and leaves the source empty");
	arena_adopt(&a, &b);   /* empty source: nothing happens */
	ok(a.used_total == total, "adopting an empty arena changes nothing");
	arena_free(&a);   /* ASan/valgrind: every chunk freed exactly once */
}

/* Room for a kept descriptor per process even while another test runs 10000 processes at once
 * (make check -j): the collector keeps at most half the descriptor limit open. As root the
 * limit can rise past the hard one; otherwise it stays as it is. */
static void raise_fd_limit(void)
{
	struct rlimit rl = { 200000, 200000 };
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

enum { EACH_N = 200 };
static atomic_int each_hits[EACH_N];

/* one index: slow enough that the threads are still busy when the caller's share ends */
static void each_job(void *arg, size_t i)
{
	(void)arg;
	usleep(i % 3 == 0 ? 3000 : 500);
	atomic_fetch_add(&each_hits[i], 1);
}

static void check_each(void)
{
	struct collect_opts o = { .threads = 4 };
	struct scan_ctx proto = { .opts = &o };
	collect_each(&proto, EACH_N, each_job, NULL);
	int once = 0;
	for (size_t i = 0; i < EACH_N; i++)
		once += atomic_load(&each_hits[i]) == 1;
	usleep(100000);
	int later = 0;
	for (size_t i = 0; i < EACH_N; i++)
		later += atomic_load(&each_hits[i]) == 1;
	ok(once == EACH_N && later == EACH_N,
	   "collect_each on 4 threads: each of %d indexes done once when it returns (%d), none after (%d)",
	   EACH_N, once, later);
}

int main(void)
{
	raise_fd_limit();
	adopt();
	check_each();
	int fds_at_start = open_fds(true);
	ok(start_kids() == 0, "started %d processes in pairs sharing pipes, sockets and a segment", N_KIDS);
	usleep(200000);   /* let them reach pause() */
	struct snapshot one, many, again;
	/* The reference is one-shot: were it a loop's, its kept descriptors (one per process of
	 * the machine, ours last as the newest pids) and many's would share the collector's budget,
	 * and on a busy machine many would reach its end before our kids: none kept, none handed
	 * on ("0 kept", which was the test's doing, not the collector's). */
	take(&one, 1, NULL, false);
	take(&many, COLLECT_MAX_THREADS, NULL, true);
	int differ;
	bool same = same_kids(&one, &many, &differ);
	ok(same, "the same processes, descriptors and channels (%d differ)", differ);
	ok(many.n_reused == 0, "nothing carried over without a previous snapshot");
	take(&again, COLLECT_MAX_THREADS, &many, true);
	same = same_kids(&one, &again, &differ);
	ok(same, "and again when carried over (%d differ)", differ);
	ok(again.n_reused >= N_KIDS, "the idle processes were carried over (%zu)", again.n_reused);
	/* The collector keeps at most half the descriptor limit open (as root in a container the
	 * limit may not rise): with another test's 10000 processes about, our kids may get none.
	 * many opens one per process, ours among them, up to that; again takes them over. */
	struct rlimit rl;
	size_t room = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (size_t)rl.rlim_cur / 2 : 0;
	if (many.n_procs > room) {
		char why[128];
		snprintf(why, sizeof why, "%zu processes here pass the %zu descriptors the collector keeps",
			 many.n_procs, room);
		skip(1, why);
	} else
		ok(kept(&many) == 0 && kept(&again) == N_KIDS,
		   "each process's schedstat descriptor handed on to the next snapshot (%d left, %d kept)",
		   kept(&many), kept(&again));
	snapshot_free(&one);
	snapshot_free(&many);
	snapshot_free(&again);
	is_int(open_fds(false), fds_at_start, "every kept descriptor closed with its snapshot");
	stop_kids();
	collect_shutdown();
	is_int(open_fds(true), fds_at_start, "and what the collector keeps for its life closed by collect_shutdown");
	return tap_done();
}
