/* collect_maps.c — a process's memory maps: only the IPC-relevant ones (from PROCMAP_QUERY where the
 * kernel has it, else the shared lines of /proc/PID/maps) unless the process is shown in detail,
 * and for detail processes smaps figures, schedstat, wait channel and CPU affinity. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/maps_query.h"
#include "collect/parse_pcb.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"
#include "util/xalloc.h"

static size_t keep_ipc_maps(struct map_info *maps, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (map_is_ipc(&maps[i]))
			maps[k++] = maps[i];
	return k;
}

static bool holds_sysv_shm(const struct map_info *maps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (maps[i].seg == SEG_SHM && strncmp(maps[i].path, "/SYSV", 5) == 0)
			return true;
	return false;
}

/* SysV shmids are per IPC namespace: the namespace keeps two segments with one id apart. */
static uint64_t read_ipcns(struct scan_ctx *c, pid_t pid)
{
	char path[48], link[64];
	snprintf(path, sizeof(path), "%d/ns/ipc", (int)pid);
	return readlink_at(c->proc_fd, path, link, sizeof(link)) > 0 ? ns_link_inode(link) : 0;
}

/* Outside detail only shared mappings can be IPC: keep their lines and parse nothing else
 * (a typical process has dozens of private mappings and one or two shared ones, if any). */
static size_t shared_lines(const char *text, size_t len, struct strbuf *out)
{
	sb_reset(out);
	for (const char *line = text, *end = text + len; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *next = nl ? nl + 1 : end;
		const char *sp = memchr(line, ' ', (size_t)(next - line));
		if (sp && next - sp > 5 && sp[4] == 's')
			sb_putn(out, line, (size_t)(next - line));
		line = next;
	}
	return out->len;
}

/* Kernels before 6.11 answer PROCMAP_QUERY with ENOTTY: ask once, then read text only. */
static atomic_bool query_unsupported;   /* worker threads share the answer */

/* Outside detail, the shared mappings from PROCMAP_QUERY. 1: done; 0: read the text instead;
 * -ENOENT: the process has gone; -EACCES: maps denied. */
static int query_maps(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                      struct map_info **maps, size_t *n)
{
	if (query_unsupported || (c->opts && c->opts->maps_text))
		return 0;
	char path[48];
	snprintf(path, sizeof(path), "%d/maps", (int)p->pid);
	int fd = openat(c->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ESRCH ? -ENOENT : -EACCES;
	int err = maps_query_shared(fd, maps, n, &s->arena);
	close(fd);
	if (err == -ENOTTY || err == -EINVAL)
		query_unsupported = true;
	if (err == -ESRCH)
		return 1;    /* no address space (left just now, or a zombie): no mappings */
	return err == 0;
}

/* The maps text: every line in detail, else the shared lines only. */
static int text_maps(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail,
                     struct map_info **maps, size_t *n)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/maps", (int)p->pid);
	long len = read_file_at(c->proc_fd, path, &c->file);
	if (len == -ENOENT || len == -ESRCH)
		return -ENOENT;
	if (len < 0)
		return -EACCES;
	const char *text = c->file.buf;
	if (!detail) {
		len = (long)shared_lines(c->file.buf, (size_t)len, &c->tmp);
		text = sb_str(&c->tmp);
	}
	int bad = parse_maps(text, (size_t)len, maps, n, &s->arena);
	if (bad > 0)
		snapshot_note(s, "pid %d: %d malformed maps lines skipped", (int)p->pid, bad);
	return 0;
}

int collect_maps(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail)
{
	struct map_info *maps = NULL;
	size_t n = 0;
	int r = detail ? 0 : query_maps(s, c, p, &maps, &n);
	if (r == 0)
		r = text_maps(s, c, p, detail, &maps, &n);
	if (r == -ENOENT)
		return -ENOENT;
	if (r == -EACCES) {
		p->flags |= PF_MAPS_DENIED;
		return 0;
	}
	/* The text/data/bss classes matter only in detail; there the executable is known for sure
	 * from the exe link (p->exe, read by collect_exe for root or the owner), else guessed from
	 * the first file mapping. */
	maps_classify(maps, n, detail ? p->exe : NULL);
	if (!detail)
		n = keep_ipc_maps(maps, n);
	if (holds_sysv_shm(maps, n))
		p->ipcns = read_ipcns(c, p->pid);
	p->maps = arena_memdup(&s->arena, maps, n * sizeof(*maps));
	p->n_maps = n;
	free(maps);
	return 0;
}

static void read_smaps(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/smaps", (int)p->pid);
	long len = read_file_at(c->proc_fd, path, &c->file);
	if (len < 0) {
		snapshot_note(s, "pid %d: smaps unreadable (%s)", (int)p->pid, strerror((int)-len));
		return;
	}
	parse_smaps(c->file.buf, (size_t)len, p->maps, p->n_maps);
}

static char *read_small(struct snapshot *s, struct scan_ctx *c, pid_t pid, const char *what)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/%s", (int)pid, what);
	long len = read_whole_at(c->proc_fd, path, &c->tmp);
	if (len < 0)
		return NULL;
	while (len > 0 && (c->tmp.buf[len - 1] == '\n' || c->tmp.buf[len - 1] == ' '))
		len--;
	return arena_strndup(&s->arena, c->tmp.buf, (size_t)len);
}

/* pid's cgroup path as the PCB tab shows it (parse_cgroup) in s's arena, or NULL. */
static char *cgroup_path(struct snapshot *s, struct scan_ctx *c, pid_t pid)
{
	char path[64], cg[1024];
	snprintf(path, sizeof(path), "%d/cgroup", (int)pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n > 0 && parse_cgroup(c->tmp.buf, (size_t)n, cg, sizeof(cg)) == 0)
		return arena_strdup(&s->arena, cg);
	return NULL;
}

/* System call with stack pointer and program counter (root or the owner with ptrace rights),
 * cgroup, and every namespace. */
static void read_pcb(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	struct pcb_detail *d = p->pcb;
	if (!d)
		d = p->pcb = arena_alloc(&s->arena, sizeof(*d));
	char path[64], link[64];
	snprintf(path, sizeof(path), "%d/syscall", (int)p->pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	if (n <= 0 || parse_syscall_args(c->tmp.buf, (size_t)n, &d->syscall_nr, d->args, &d->sp, &d->pc,
					     &d->has_regs) < 0)
		d->syscall_nr = -3;
	d->cgroup = cgroup_path(s, c, p->pid);
	for (int k = 0; k < NS__COUNT; k++) {
		if (k == NS_NET && p->netns) {
			d->ns[k] = p->netns;   /* read already: it keys the sockets */
			continue;
		}
		snprintf(path, sizeof(path), "%d/ns/%s", (int)p->pid, ns_kind_name((enum ns_kind)k));
		if (readlink_at(c->proc_fd, path, link, sizeof(link)) > 0)
			d->ns[k] = ns_link_inode(link);
	}
	p->pidns = d->ns[NS_PID];
}

void collect_detail(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	struct sched_detail *d = p->sched;   /* allocated with the affinity by collect_procs */
	if (!d)
		d = p->sched = arena_alloc(&s->arena, sizeof(*d));
	p->flags |= PF_DETAIL;
	read_pcb(s, c, p);
	if (!(p->flags & PF_KTHREAD) && !(p->flags & PF_MAPS_DENIED))
		read_smaps(s, c, p);
	char *st = read_small(s, c, p->pid, "schedstat");
	if (st && parse_schedstat(st, &d->run_ns, &d->wait_ns, &d->timeslices) == 0)
		d->has_schedstat = true;
	d->wchan = read_small(s, c, p->pid, "wchan");
	if (d->wchan && (!strcmp(d->wchan, "0") || !*d->wchan))
		d->wchan = NULL;
}
