/* collect_procs.c — the process list: stat fields through libproc2, then (per process, from the
 * worker threads) what it lacks or mangles from /proc/PID/status (raw comm, uids, context
 * switches, signal masks) and /proc/PID/cmdline (libproc2 replaces control bytes and splits
 * arguments at newlines). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "collect/collect_internal.h"
#include "collect/parse_pcb.h"
#include "collect/parse_proc.h"
#include "collect/parse_stat.h"
#include "collect/proc_read.h"
#include "util/xalloc.h"

/* Order matters: PIDS_VAL takes the position in this array. */
static enum pids_item items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_PGRP, PIDS_ID_SESSION, PIDS_TTY, PIDS_STATE,
	PIDS_NICE, PIDS_PRIORITY, PIDS_SCHED_CLASS, PIDS_PRIORITY_RT, PIDS_PROCESSOR, PIDS_NLWP,
	PIDS_TICS_USER, PIDS_TICS_SYSTEM, PIDS_TICS_BEGAN, PIDS_VSIZE_BYTES, PIDS_RSS,
	PIDS_ADDR_STACK_START,
};
enum { I_PID, I_PPID, I_PGRP, I_SID, I_TTY, I_STATE, I_NICE, I_PRIO, I_POLICY, I_RTPRIO,
       I_CPU, I_NLWP, I_UTIME, I_STIME, I_START, I_VSIZE, I_RSS, I_STACK, I_COUNT };

static struct pids_info *pids_info;

void collect_procs_shutdown(void)
{
	if (pids_info)
		procps_pids_unref(&pids_info);
	pids_info = NULL;
}

/* The arguments from /proc/PID/cmdline, raw, joined by single spaces ("" when there are none:
 * kernel threads, zombies, or not readable). */
static char *read_cmdline(struct snapshot *s, struct scan_ctx *c, pid_t pid)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/cmdline", (int)pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n <= 0)
		return "";
	while (n > 0 && c->tmp.buf[n - 1] == '\0')
		n--;
	char *out = arena_strndup(&s->arena, c->tmp.buf, (size_t)n);
	for (long i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = ' ';
	return out;
}

/* libproc2's fields of one process, in the form parse_stat gives them. */
static void stat_from_stack(struct stat_fields *f, struct pids_stack *st)
{
	memset(f, 0, sizeof(*f));
	f->pid = PIDS_VAL(I_PID, s_int, st, pids_info);
	f->ppid = PIDS_VAL(I_PPID, s_int, st, pids_info);
	f->pgrp = PIDS_VAL(I_PGRP, s_int, st, pids_info);
	f->session = PIDS_VAL(I_SID, s_int, st, pids_info);
	f->tty_nr = PIDS_VAL(I_TTY, s_int, st, pids_info);
	f->state = PIDS_VAL(I_STATE, s_ch, st, pids_info);
	f->nice = PIDS_VAL(I_NICE, s_int, st, pids_info);
	f->priority = PIDS_VAL(I_PRIO, s_int, st, pids_info);
	f->policy = (unsigned)PIDS_VAL(I_POLICY, s_int, st, pids_info);
	f->rt_priority = (unsigned)PIDS_VAL(I_RTPRIO, s_int, st, pids_info);
	f->processor = PIDS_VAL(I_CPU, s_int, st, pids_info);
	f->num_threads = PIDS_VAL(I_NLWP, s_int, st, pids_info);
	f->utime = PIDS_VAL(I_UTIME, ull_int, st, pids_info);
	f->stime = PIDS_VAL(I_STIME, ull_int, st, pids_info);
	f->starttime = PIDS_VAL(I_START, ull_int, st, pids_info);
	f->vsize = PIDS_VAL(I_VSIZE, ul_int, st, pids_info);
	f->rss = PIDS_VAL(I_RSS, ul_int, st, pids_info);
	f->startstack = PIDS_VAL(I_STACK, ul_int, st, pids_info);
}

/* The Name: line of status, decoded: the kernel writes "\n" for newline and "\\" for a backslash
 * and every other byte raw, so this gives the exact comm. */
static char *status_comm(struct arena *a, const char *text, size_t len)
{
	if (len < 6 || memcmp(text, "Name:\t", 6) != 0)
		return NULL;
	const char *p = text + 6, *end = memchr(p, '\n', len - 6);
	if (!end)
		return NULL;
	char *out = arena_alloc(a, (size_t)(end - p) + 1), *q = out;
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end && (p[1] == 'n' || p[1] == '\\')) {
			*q++ = p[1] == 'n' ? '\n' : '\\';
			p++;
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	return out;
}

static void apply_status(struct snapshot *s, struct proc_info *p, const struct status_fields *f)
{
	p->ruid = f->ruid; p->euid = f->euid; p->suid = f->suid; p->fsuid = f->fsuid;
	p->rgid = f->rgid; p->egid = f->egid; p->sgid = f->sgid; p->fsgid = f->fsgid;
	p->vol_ctxt = f->vol_ctxt;
	p->nonvol_ctxt = f->nonvol_ctxt;
	p->sig_pending = f->sig_pending | f->sig_shared_pending;
	p->sig_blocked = f->sig_blocked;
	p->sig_ignored = f->sig_ignored;
	p->sig_caught = f->sig_caught;
	p->tracer = f->tracer;
	if (f->is_kthread)
		p->flags |= PF_KTHREAD;
	(void)s;   /* the user name is looked up after the workers (the cache is not shared) */
}

/* Read status; returns -ENOENT/-ESRCH when the process is gone (the caller drops it). */
static int read_status(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/status", (int)p->pid);
	long n = read_whole_at(c->proc_fd, path, &c->file);
	if (n == -ENOENT || n == -ESRCH || n == 0)
		return -ENOENT;
	if (n < 0) {
		p->flags |= PF_STATUS_DENIED;
		return 0;
	}
	struct status_fields f;
	parse_status(c->file.buf, (size_t)n, &f);
	char *comm = status_comm(&s->arena, c->file.buf, (size_t)n);
	if (comm)
		p->comm = comm;
	apply_status(s, p, &f);
	if (scan_is_detail(c, p->pid)) {
		p->sched = arena_alloc(&s->arena, sizeof(*p->sched));
		p->sched->affinity = arena_strdup(&s->arena, f.cpus_allowed_list);
		p->pcb = arena_alloc(&s->arena, sizeof(*p->pcb));
		p->pcb->has_caps = f.has_cap;
		p->pcb->cap_eff = f.cap_eff;
		p->pcb->cap_prm = f.cap_prm;
		p->pcb->cap_bnd = f.cap_bnd;
	}
	/* kernel threads: ppid 2 or pid 2 and no argv (older kernels have no Kthread: line) */
	if (!f.is_kthread && (p->pid == 2 || p->ppid == 2) && p->vsize == 0)
		p->flags |= PF_KTHREAD;
	return 0;
}

static int cmp_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int collect_status(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	if (read_status(s, c, p) < 0)
		return -ENOENT;   /* exited between the two reads: dropped, never half-read */
	p->cmdline = (p->flags & PF_KTHREAD) ? "" : read_cmdline(s, c, p->pid);
	return 0;
}

/* The third field of statm: resident pages backed by a file or shared memory. */
static void read_shr(struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	unsigned long long size, res, shared;
	snprintf(path, sizeof(path), "%d/statm", (int)p->pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n > 0 && sscanf(c->tmp.buf, "%llu %llu %llu", &size, &res, &shared) == 3) {
		p->shr_kib = shared * (uint64_t)c->page_kib;
		p->flags |= PF_SHR;
	}
}

static void read_exe(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48], link[4096];
	snprintf(path, sizeof(path), "%d/exe", (int)p->pid);
	long n = readlink_at(c->proc_fd, path, link, sizeof(link));
	if (n > 0)
		p->exe = arena_strndup(&s->arena, link, (size_t)n);
}

void collect_exe(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                 const struct proc_info *old, bool detail)
{
	p->exe = NULL;
	if ((p->flags & PF_KTHREAD) || !(detail || (c->opts && c->opts->want_exe)))
		return;
	if (old && old->exe)
		p->exe = arena_strdup(&s->arena, old->exe);   /* idle: it cannot have exec'd */
	else
		read_exe(s, c, p);
}

/* The cgroup path that names its service (parse_cgroup_named). */
static void read_cgroup(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48], cg[1024];
	snprintf(path, sizeof(path), "%d/cgroup", (int)p->pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n > 0 && parse_cgroup_named(c->tmp.buf, (size_t)n, cg, sizeof(cg)) == 0)
		p->cgroup = arena_strdup(&s->arena, cg);
}

/* A zombie's exit status: field 52 of its stat (exit_code), which libproc2 does not give.
 * The kernel writes 0 there for a reader that may not ptrace-read the process (another
 * user's, when not root): that 0 is no status. Whether we may is told by its fd directory
 * (mode 0500, its owner's), which opens on the same terms. */
static bool read_exit_status(struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	unsigned long long v;
	snprintf(path, sizeof(path), "%d/fd", (int)p->pid);
	int fd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	snprintf(path, sizeof(path), "%d/stat", (int)p->pid);
	if (read_whole_at(c->proc_fd, path, &c->tmp) <= 0 || stat_text_field(c->tmp.buf, 52, &v) < 0)
		return false;
	p->exit_status = (int)v;
	return true;
}

void collect_extras(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	p->shr_kib = 0;
	p->flags &= ~(uint32_t)PF_SHR;
	p->cgroup = NULL;
	p->has_exit = p->state == 'Z' && read_exit_status(c, p);
	if (!c->opts)
		return;
	if (c->opts->want_cgroup)
		read_cgroup(s, c, p);   /* kernel threads too: they are in the root cgroup */
	if (c->opts->want_shr && !(p->flags & PF_KTHREAD))
		read_shr(c, p);
}

void collect_number_threads(struct snapshot *s)
{
	uint32_t k = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		s->procs[i].thread0 = k;
		k += s->procs[i].n_threads;
	}
	s->n_threads = k;
}

void collect_user_names(struct snapshot *s)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (!p->user && !(p->flags & PF_STATUS_DENIED))
			p->user = (char *)user_name(p->euid);
	}
}

int collect_procs(struct snapshot *s, struct scan_ctx *c)
{
	if (collect_stat_listing(c))
		return collect_procs_listed(s, c);
	if (!pids_info) {
		int r = procps_pids_new(&pids_info, items, I_COUNT);
		if (r < 0)
			return r;
	}
	struct pids_fetch *f = procps_pids_reap(pids_info, PIDS_FETCH_TASKS_ONLY);
	if (!f)
		return -errno ? -errno : -EIO;
	int total = f->counts->total;
	s->procs = xcalloc((size_t)(total ? total : 1), sizeof(*s->procs));
	s->cap_procs = (size_t)total;
	for (int i = 0; i < total; i++) {
		struct proc_info *p = &s->procs[i];
		struct stat_fields sf;
		stat_from_stack(&sf, f->stacks[i]);
		collect_set_stat(p, &sf, c->page_kib);
		p->comm = "";
	}
	/* A refresh loop reaps through libproc2 once, for its first snapshot (the later ones
	 * list /proc, collect_stat.c): its stacks for every process (0.6 MiB at 2000) would stay
	 * allocated for the whole run. A later full scan builds them anew. */
	if (c->opts && c->opts->refresh_loop)
		collect_procs_shutdown();
	s->n_procs = (size_t)total;
	qsort(s->procs, s->n_procs, sizeof(*s->procs), cmp_pid);
	return 0;
}
