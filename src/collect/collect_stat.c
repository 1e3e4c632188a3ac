/* collect_stat.c — the stat fields of a refresh without libproc2: the process list comes from
 * collect_listing.c, and each process's /proc/PID/stat is read by the worker that handles it,
 * with one pread on a descriptor kept open from the previous refresh and parsed by hand
 * (parse_stat). A full scan
 * (the first snapshot, a one-shot one, collect_opts full_rescan) still goes through
 * libproc2 (collect_procs.c). A kept descriptor is tied to its process, not to its pid: once
 * that process is gone it answers ESRCH, never another's fields, and is opened anew. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/parse_stat.h"

bool collect_rescan_turn(const struct collect_opts *o, pid_t pid)
{
	return o->rescan_every > 1 && (unsigned)pid % o->rescan_every == o->rescan_turn;
}

void collect_set_stat(struct proc_info *p, const struct stat_fields *f, long page_kib)
{
	p->pid = p->tgid = f->pid;
	p->ppid = f->ppid;
	p->pgid = f->pgrp;
	p->sid = f->session;
	p->tty_nr = f->tty_nr;
	p->state = f->state;
	p->nice = f->nice;
	p->priority = f->priority;
	p->policy = (int)f->policy;
	p->rt_priority = (int)f->rt_priority;
	p->processor = f->processor;
	p->nlwp = f->num_threads;
	p->utime = f->utime;
	p->stime = f->stime;
	p->start_time = f->starttime;
	p->vsize = f->vsize;
	p->rss_kib = f->rss * (uint64_t)page_kib;
	p->stack_start = f->startstack;
}

/* pread the kept descriptor into buf: its length, or -1 (then it has been closed). */
static long pread_kept(int fd, char *buf, size_t cap)
{
	ssize_t n = pread(fd, buf, cap - 1, 0);
	if (n <= 0) {
		kept_fd_close(fd);
		return -1;
	}
	buf[n] = '\0';
	return (long)n;
}

/* The kept descriptor of old, the previous record with p's pid (taken from it: each pid is in
 * one worker's hands only), or a new one, read into buf; -1 when none can be kept. */
static int stat_fd(struct scan_ctx *c, pid_t pid, struct proc_info *old, char *buf, size_t cap,
                   long *len)
{
	if (old && old->stat_fd1 > 0) {
		int fd = old->stat_fd1 - 1;
		old->stat_fd1 = 0;
		if ((*len = pread_kept(fd, buf, cap)) > 0)
			return fd;
	}
	int fd = collect_keep_open(c, pid, KEPT_STAT);
	if (fd >= 0 && (*len = pread_kept(fd, buf, cap)) > 0)
		return fd;
	return -1;
}

/* The stat fields a process that has not run keeps from old, its previous record. */
static void carry_stat(struct proc_info *p, const struct proc_info *old)
{
	p->ppid = old->ppid; p->pgid = old->pgid; p->sid = old->sid; p->tty_nr = old->tty_nr;
	p->state = old->state; p->priority = old->priority; p->rt_priority = old->rt_priority;
	p->processor = old->processor; p->nlwp = old->nlwp;
	p->utime = old->utime; p->stime = old->stime; p->start_time = old->start_time;
	p->vsize = old->vsize; p->rss_kib = old->rss_kib; p->stack_start = old->stack_start;
}

/* sched_getattr(2)'s first version (SCHED_ATTR_SIZE_VER0, 48 bytes): the UAPI header that
 * declares it clashes with <sched.h>. */
struct sched_attr0 {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
};

/* Policy, priorities and nice, which another process can change while p sleeps, asked for
 * without a file (ipctop's own pid namespace only): one sched_getattr, and for a real-time or
 * deadline policy a getpriority too (sched_getattr gives the nice value of the fair policies
 * only; stat gives it for all). Priority as stat gives it. False when p has gone meanwhile. */
static bool ask_nice_policy(struct proc_info *p)
{
	struct sched_attr0 a;
	memset(&a, 0, sizeof(a));
	if (syscall(SYS_sched_getattr, p->pid, &a, sizeof(a), 0) < 0)
		return false;
	int nice = a.sched_nice;
	unsigned policy = a.sched_policy;
	if (policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE) {
		p->priority = 20 + nice;
		p->rt_priority = 0;
	} else {
		errno = 0;
		nice = getpriority(PRIO_PROCESS, (id_t)p->pid);
		if (nice == -1 && errno)
			return false;
		if (policy == SCHED_FIFO || policy == SCHED_RR) {
			p->rt_priority = (int)a.sched_priority;
			p->priority = -1 - (int)a.sched_priority;
		}   /* SCHED_DEADLINE: stat's -101 and rt 0, carried */
	}
	p->nice = nice;
	p->policy = (int)policy;
	return true;
}

/* A process that has not run since the previous refresh (the same run time from its schedstat,
 * kept open: one pread) keeps the stat fields it had then, but for nice and policy. Its kept
 * descriptors are taken over from old, and *have_run set, whenever the schedstat was read.
 * False when p is to be read from its stat: it ran, is new (old, the previous record with its
 * pid, is NULL), has threads, is shown in detail, or it is its turn to be read in full. */
static bool carry_idle(struct scan_ctx *c, struct proc_info *p, struct proc_info *old,
                       bool *have_run)
{
	const struct collect_opts *o = c->opts;
	if (!old || old->runtime_fd1 <= 0 || old->nlwp > 1 ||
	    !old->sched_runtime || !c->own_pidns || scan_is_detail(c, p->pid) ||
	    collect_rescan_turn(o, p->pid))
		return false;
	char buf[128];
	uint64_t run, wait, slices;
	int fd = old->runtime_fd1 - 1;
	old->runtime_fd1 = 0;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0 || (buf[n] = '\0', parse_schedstat(buf, &run, &wait, &slices)) != 0) {
		kept_fd_close(fd);   /* gone, or its pid is another process's now */
		return false;
	}
	p->runtime_fd1 = fd + 1;
	p->sched_runtime = run;
	*have_run = true;
	if (run != old->sched_runtime)
		return false;
	carry_stat(p, old);
	if (!ask_nice_policy(p))
		return false;   /* gone meanwhile: its stat read says so */
	p->stat_fd1 = old->stat_fd1;
	old->stat_fd1 = 0;
	p->flags = (p->flags & ~(uint32_t)PF_STAT_UNREAD) | PF_STAT_CARRIED;
	return true;
}

int collect_stat(struct scan_ctx *c, struct proc_info *p, struct proc_info *old, bool *have_run)
{
	*have_run = false;
	const struct collect_opts *o = c->opts;
	bool loop = o && o->refresh_loop;
	if (!loop)
		old = NULL;
	/* A full rescan carries nothing over, but takes over the kept files: they answer for
	 * their own process only, with what it shows now. */
	if (old && !o->full_rescan && carry_idle(c, p, old, have_run))
		return 0;
	char buf[2048];
	const char *text = buf;
	long n = 0;
	int fd = loop ? stat_fd(c, p->pid, old, buf, sizeof(buf), &n) : -1;
	if (fd < 0) {   /* none kept (or not a refresh loop): read once */
		char path[32];
		snprintf(path, sizeof(path), "%d/stat", (int)p->pid);
		n = read_whole_at(c->proc_fd, path, &c->tmp);
		if (n <= 0)
			return -ENOENT;
		text = c->tmp.buf;
	}
	struct stat_fields f;
	if (parse_stat(text, (size_t)n, &f) < 0 || f.pid != p->pid) {
		if (fd >= 0)
			kept_fd_close(fd);
		return -ENOENT;   /* gone between the listing and now, or not a stat line */
	}
	collect_set_stat(p, &f, c->page_kib);
	p->stat_fd1 = fd + 1;
	p->flags &= ~(uint32_t)PF_STAT_UNREAD;
	return 0;
}

void collect_stat_hand_on(struct proc_info *p, struct proc_info *before)
{
	if (!p->stat_fd1 && before && before->stat_fd1 > 0) {
		p->stat_fd1 = before->stat_fd1;
		before->stat_fd1 = 0;
	}
}

void collect_stat_orphans(struct snapshot *s, struct scan_ctx *c)
{
	char path[32];
	struct stat_fields f;
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (!(p->flags & PF_STAT_CARRIED) || p->ppid <= 0 || snapshot_find_proc(s, p->ppid))
			continue;
		snprintf(path, sizeof(path), "%d/stat", (int)p->pid);
		long n = read_whole_at(c->proc_fd, path, &c->tmp);
		if (n > 0 && parse_stat(c->tmp.buf, (size_t)n, &f) == 0 && f.pid == p->pid &&
		    f.starttime == p->start_time)
			collect_set_stat(p, &f, c->page_kib);
	}
}
