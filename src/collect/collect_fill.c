/* collect_fill.c — how full pipes, FIFOs and POSIX message queues are, for root only: one end
 * of each object is duplicated out of a process that holds it with pidfd_getfd(2) (nothing is
 * opened: the copy is the holder's own open file), asked FIONREAD and F_GETPIPE_SZ (a queue:
 * mq_getattr) and closed at once, before the next object. Holding the copy any longer would
 * keep the pipe open: a reader would see no EOF, a writer no EPIPE. Never for a non-root
 * viewer (the kernel would refuse other users' processes anyway): there the fill is unknown.
 * An object whose every holder has not run since the previous snapshot cannot have been read
 * or written: its fill is carried over. Such a holder's descriptors are the previous
 * snapshot's, copied with their fill (has_fill as it was then); a holder that ran, or whose
 * turn of the rotating full read came, has its descriptors read anew, without a fill.
 * The first holder of each object is asked on the worker threads (collect_each), each
 * process through one pidfd; the fill is then shared with the other holders, and an object
 * whose first holder did not answer (it closed the descriptor, or ended) is asked of the
 * next holders one by one. */
#include <fcntl.h>
#include <mqueue.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "util/u64map.h"
#include "util/xalloc.h"

static bool fill_kind(enum fd_kind k)
{
	return k == FDK_PIPE || k == FDK_FIFO || k == FDK_MQUEUE;
}

/* A pipe: bytes queued and the buffer's size; a queue: messages queued and its limit. */
static bool measure(int fd, struct fd_info *fi)
{
	if (fi->kind == FDK_MQUEUE) {
		struct mq_attr a;
		if (mq_getattr(fd, &a) < 0)
			return false;
		fi->fill_queued = a.mq_curmsgs;
		fi->fill_capacity = a.mq_maxmsg;
		return true;
	}
	int queued, size = fcntl(fd, F_GETPIPE_SZ);
	if (size < 0 || ioctl(fd, FIONREAD, &queued) < 0)
		return false;
	fi->fill_queued = queued;
	fi->fill_capacity = size;
	return true;
}

/* The copy is still the object the scan saw: the holder may have closed that descriptor and
 * opened something else under its number since (an ioctl is never sent to anything else). */
static bool same_object(int fd, const struct fd_info *fi)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || st.st_ino != fi->ino || (fi->dev && st.st_dev != fi->dev))
		return false;
	return fi->kind == FDK_MQUEUE ? !S_ISFIFO(st.st_mode) : S_ISFIFO(st.st_mode);
}

static bool probe(int pidfd, struct fd_info *fi)
{
	int fd = pidfd_getfd(pidfd, fi->fd, 0);
	if (fd < 0)
		return false;
	bool ok = same_object(fd, fi) && measure(fd, fi);
	close(fd);
	return ok;
}

static uint64_t object_key(const struct fd_info *fi)
{
	return u64_mix(u64_mix(fi->dev, fi->ino), (uint64_t)fi->kind);
}

static void take_fill(struct fd_info *fi, const struct fd_info *from)
{
	fi->has_fill = true;
	fi->fill_queued = from->fill_queued;
	fi->fill_capacity = from->fill_capacity;
}

/* p's descriptors of objects measured (done, as in probe_proc) get their fill. */
static void copy_fills(struct proc_info *p, const struct u64map *done,
                       const struct fd_info **firsts)
{
	for (size_t j = 0; j < p->n_fds; j++) {
		struct fd_info *fi = &p->fds[j];
		int32_t have = fill_kind(fi->kind) && !fi->has_fill ?
			       u64map_get(done, object_key(fi)) : -1;
		if (have >= 0)
			take_fill(fi, firsts[have]);
	}
}

/* Probe p's objects not measured yet; done maps an object to the descriptor that has its fill. */
static void probe_proc(struct proc_info *p, struct u64map *done, const struct fd_info **firsts,
                       size_t *n_firsts)
{
	int pidfd = -1;
	for (size_t j = 0; j < p->n_fds; j++) {
		struct fd_info *fi = &p->fds[j];
		if (!fill_kind(fi->kind) || fi->has_fill)
			continue;   /* not a queue, or carried over */
		int32_t have = u64map_get(done, object_key(fi));
		if (have >= 0) {
			take_fill(fi, firsts[have]);
			continue;
		}
		if (pidfd < 0 && (pidfd = pidfd_open(p->pid, 0)) < 0)
			return;   /* gone; or not a process ipctop may act on */
		if (!probe(pidfd, fi))
			continue;   /* another holder may still answer */
		fi->has_fill = true;
		u64map_put(done, object_key(fi), (int32_t)*n_firsts);
		firsts[(*n_firsts)++] = fi;
	}
	if (pidfd >= 0)
		close(pidfd);
}

/* Objects (object_key) whose every holder carries a fill from the last snapshot: 1; else 0. */
static void idle_objects(struct snapshot *s, struct u64map *idle)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		for (size_t j = 0; j < p->n_fds; j++) {
			const struct fd_info *fi = &p->fds[j];
			if (!fill_kind(fi->kind))
				continue;
			struct u64slot *sl = u64map_slot(idle, object_key(fi));
			int32_t v = fi->has_fill;
			if (!sl->val_plus1)
				u64map_fill(idle, sl, object_key(fi), v);
			else if (!v)
				sl->val_plus1 = 1;   /* 0 */
		}
	}
}

/* The first holder of each object not measured yet, grouped by process: what the workers
 * probe. */
struct fill_plan {
	struct fill_job { struct proc_info *p; uint32_t first, count; } *jobs;
	uint32_t *fds;          /* indexes into a job's p->fds */
	size_t n_jobs, n_fds;
};

static bool probe_wanted(const struct proc_info *p, const struct scan_ctx *c)
{
	return p->pid != c->self_pid && !(p->flags & PF_KTHREAD) &&
	       (c->opts->probe_fill != PROBE_DETAIL || scan_is_detail(c, p->pid));
}

static void plan_probes(struct snapshot *s, const struct scan_ctx *c, size_t n,
                        struct fill_plan *pl)
{
	struct u64map seen;
	u64map_init(&seen, n);
	pl->jobs = xmalloc(n * sizeof(*pl->jobs));
	pl->fds = xmalloc(n * sizeof(*pl->fds));
	pl->n_jobs = pl->n_fds = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (!probe_wanted(p, c))
			continue;
		size_t first = pl->n_fds;
		for (size_t j = 0; j < p->n_fds; j++) {
			const struct fd_info *fi = &p->fds[j];
			if (fill_kind(fi->kind) && !fi->has_fill &&
			    u64map_get(&seen, object_key(fi)) < 0) {
				u64map_put(&seen, object_key(fi), 1);
				pl->fds[pl->n_fds++] = (uint32_t)j;
			}
		}
		if (pl->n_fds > first)
			pl->jobs[pl->n_jobs++] = (struct fill_job){ p, (uint32_t)first,
								   (uint32_t)(pl->n_fds - first) };
	}
	u64map_free(&seen);
}

/* One job, on a worker: each descriptor it names measured through one pidfd. */
static void probe_job(void *arg, size_t i)
{
	const struct fill_plan *pl = arg;
	const struct fill_job *job = &pl->jobs[i];
	int pidfd = pidfd_open(job->p->pid, 0);
	if (pidfd < 0)
		return;   /* gone; or not a process ipctop may act on */
	for (uint32_t k = 0; k < job->count; k++) {
		struct fd_info *fi = &job->p->fds[pl->fds[job->first + k]];
		fi->has_fill = probe(pidfd, fi);
	}
	close(pidfd);
}

/* After the workers: every other holder gets its object's fill; an object whose first holder
 * did not answer is asked of the next ones, here, and its fill then shared with the holders
 * before the one that answered. Only what the plan measured is shared: an object whose fill
 * was carried over has it on every holder already (idle_objects). n bounds the objects. */
static void share_fills(struct snapshot *s, const struct scan_ctx *c, const struct fill_plan *pl,
                        size_t n)
{
	struct u64map done;
	u64map_init(&done, n);
	const struct fd_info **firsts = xmalloc(n * sizeof(*firsts));
	size_t n_firsts = 0;
	for (size_t k = 0; k < pl->n_jobs; k++)
		for (uint32_t m = 0; m < pl->jobs[k].count; m++) {
			const struct fd_info *fi = &pl->jobs[k].p->fds[pl->fds[pl->jobs[k].first + m]];
			if (fi->has_fill) {   /* each object is planned once */
				u64map_put(&done, object_key(fi), (int32_t)n_firsts);
				firsts[n_firsts++] = fi;
			}
		}
	for (size_t i = 0; i < s->n_procs; i++)
		if (probe_wanted(&s->procs[i], c))
			probe_proc(&s->procs[i], &done, firsts, &n_firsts);
	for (size_t i = 0; i < s->n_procs; i++)
		if (probe_wanted(&s->procs[i], c))
			copy_fills(&s->procs[i], &done, firsts);
	free(firsts);
	u64map_free(&done);
}

void collect_fill(struct snapshot *s, const struct scan_ctx *c)
{
	size_t n = 0;
	struct u64map idle;
	u64map_init(&idle, 64);
	idle_objects(s, &idle);
	for (size_t i = 0; i < s->n_procs; i++)
		for (size_t j = 0; j < s->procs[i].n_fds; j++) {
			struct fd_info *fi = &s->procs[i].fds[j];
			bool carried = fill_kind(fi->kind) && fi->has_fill &&
				       u64map_get(&idle, object_key(fi)) == 1;
			fi->has_fill = carried;   /* else reused tables would carry the last figures */
			n += fill_kind(fi->kind) && !carried;
		}
	u64map_free(&idle);
	/* pidfd_open numbers processes as ipctop's pid namespace does: a /proc of another one
	 * (ipctop's own pid there differs) would name other processes */
	if (!c->opts || !c->opts->probe_fill || !s->viewer_root || n == 0 || !c->own_pidns)
		return;
	struct fill_plan pl;
	plan_probes(s, c, n, &pl);
	collect_each(c, pl.n_jobs, probe_job, &pl);
	share_fills(s, c, &pl, n);
	free(pl.jobs);
	free(pl.fds);
}
