/* collect_procs.c — per process, from the worker threads, what stat does not say: from
 * /proc/PID/status the raw comm, uids, context switches, signal masks and shared resident
 * pages (RssFile + RssShmem: statm's third field, without reading statm); /proc/PID/cmdline
 * raw (control bytes and newlines kept, for the views to escape); the executable, the cgroup
 * that names its service, a zombie's exit status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_pcb.h"
#include "collect/parse_proc.h"
#include "collect/parse_stat.h"
#include "collect/proc_read.h"
#include "util/xalloc.h"

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
	if (f->has_shr) {   /* statm's shared pages, from the same read */
		p->shr_kib = f->rss_file_kib + f->rss_shmem_kib;
		p->flags |= PF_SHR;
	}
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

int collect_status(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	if (read_status(s, c, p) < 0)
		return -ENOENT;   /* exited between the two reads: dropped, never half-read */
	p->cmdline = (p->flags & PF_KTHREAD) ? "" : read_cmdline(s, c, p->pid);
	return 0;
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

/* A zombie's exit status: field 52 of its stat (exit_code), which parse_stat does not keep.
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
	p->cgroup = NULL;
	p->has_exit = p->state == 'Z' && read_exit_status(c, p);
	if (!c->opts)
		return;
	if (c->opts->want_cgroup)
		read_cgroup(s, c, p);   /* kernel threads too: they are in the root cgroup */
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
