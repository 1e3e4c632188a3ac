/* collect_listing.c — which processes a snapshot reads, without libproc2. The first snapshot
 * (and any one-shot or full one) lists /proc with getdents; each listed process's stat is then
 * read by the worker that handles it (collect_stat.c). Listing /proc costs the kernel a dentry
 * lookup per process; on a machine where few processes start, a refresh's list is the
 * previous snapshot's plus the pids given out since. The kernel hands out pids in turn (the
 * last one given is the fifth field of /proc/loadavg), so every process started since the
 * previous refresh has a pid after that refresh's last one, up to now's: each such pid is
 * asked for with pidfd_open, which answers for processes and refuses threads. Processes of the
 * list that have gone are dropped when their stat is read. /proc is still listed when many
 * pids were given out, when the last pid is unknown, when /proc is not of ipctop's own pid
 * namespace, and once in rescan_every refreshes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "util/xalloc.h"

/* At most this many pids are asked for; more given out since the last refresh: /proc listed. */
enum { PROBE_MAX = 512, PROBE_BACK = 64 };
/* Linux gives pids from 300 up once it has wrapped (RESERVED_PIDS). */
enum { PID_WRAP_FROM = 300 };

static int cmp_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static void add_pid(struct snapshot *s, pid_t pid)
{
	XGROW(s->procs, s->cap_procs, s->n_procs + 1);
	struct proc_info *p = &s->procs[s->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = p->tgid = pid;
	p->comm = "";
	p->flags = PF_STAT_UNREAD;
}

/* A numeric name of /proc (a process), else 0. */
static pid_t name_pid(const char *name)
{
	long v = 0;
	for (; *name >= '0' && *name <= '9' && v < (1L << 30); name++)
		v = v * 10 + (*name - '0');
	return *name || v >= (1L << 30) ? 0 : (pid_t)v;
}

static int list_proc(struct snapshot *s, struct scan_ctx *c)
{
	int dfd = openat(c->proc_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	dir_reader_init(&c->dir, dfd);
	const char *name;
	while ((name = dir_next(&c->dir))) {
		pid_t pid = name_pid(name);
		if (pid > 0)
			add_pid(s, pid);
	}
	close(dfd);
	return 0;
}

static pid_t pid_max(void)
{
	static pid_t max;   /* read once (snapshot_take's thread) */
	if (!max) {
		FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
		int v = 0;
		if (!f || fscanf(f, "%d", &v) != 1 || v <= PID_WRAP_FROM)
			v = 1 << 22;   /* PID_MAX_LIMIT: the most a pid can be */
		if (f)
			fclose(f);
		max = v;
	}
	return max;
}

/* The pids given out after `from` up to `to` (inclusive), as the kernel turns them: [a, b]
 * and, after a wrap, [a2, b2] (empty when a2 > b2). False when they are too many to ask for. */
static bool probe_ranges(pid_t from, pid_t to, pid_t r[4])
{
	pid_t max = pid_max();
	from = from > PROBE_BACK ? from - PROBE_BACK : 1;   /* a fork caught half way last time */
	if (to >= from) {
		r[0] = from; r[1] = to; r[2] = 1; r[3] = 0;
	} else {
		r[0] = from; r[1] = max - 1; r[2] = PID_WRAP_FROM; r[3] = to;
	}
	long n = (long)(r[1] - r[0] + 1) + (r[3] >= r[2] ? (long)(r[3] - r[2] + 1) : 0);
	return n <= PROBE_MAX;
}

/* True for a process (a thread-group leader) with this pid now; a thread, or no task: false. */
static bool pid_is_process(pid_t pid)
{
	int fd = pidfd_open(pid, 0);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void probe(struct snapshot *s, const struct snapshot *prev, pid_t a, pid_t b)
{
	for (pid_t pid = a; pid <= b && pid > 0; pid++)
		if (!snapshot_find_proc(prev, pid) && pid_is_process(pid))
			add_pid(s, pid);
}

/* The previous list and the pids given out since: false (nothing added) when /proc must be
 * listed instead. */
static bool list_from_prev(struct snapshot *s, const struct scan_ctx *c)
{
	const struct collect_opts *o = c->opts;
	const struct snapshot *prev = o ? o->prev : NULL;
	pid_t r[4];
	if (!prev || !o->refresh_loop || o->full_rescan || prev->sys.last_pid <= 0 ||
	    s->sys.last_pid <= 0 || !c->own_pidns || (o->rescan_every > 1 && o->rescan_turn == 0) ||
	    !probe_ranges(prev->sys.last_pid, s->sys.last_pid, r))
		return false;
	for (size_t i = 0; i < prev->n_procs; i++)
		add_pid(s, prev->procs[i].pid);
	probe(s, prev, r[0], r[1]);
	probe(s, prev, r[2], r[3]);
	return true;
}

int collect_procs(struct snapshot *s, struct scan_ctx *c)
{
	const struct snapshot *prev = c->opts ? c->opts->prev : NULL;
	size_t cap = (prev ? prev->n_procs : 0) + 512;
	s->procs = xcalloc(cap, sizeof(*s->procs));
	s->cap_procs = cap;
	if (!list_from_prev(s, c)) {
		int r = list_proc(s, c);
		if (r < 0)
			return r;
	}
	qsort(s->procs, s->n_procs, sizeof(*s->procs), cmp_pid);
	return 0;
}
