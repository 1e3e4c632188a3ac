/* collect.c — snapshot_take(): run every collector once, in an order that keeps the snapshot
 * consistent (processes first; a process that vanishes while its descriptors or maps are read
 * is dropped), then resolve channels and waits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "channel/channel_resolve.h"
#include "channel/wait_chain.h"
#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"
#include "util/mono_clock.h"

void scan_ctx_free(struct scan_ctx *c)
{
	sb_free(&c->file);
	sb_free(&c->tmp);
	free(c->fdbuf);
	c->fdbuf = NULL;
	c->fdcap = 0;
	if (c->anon_lists) {
		free(c->anon_lists->targets);
		free(c->anon_lists->watches);
		free(c->anon_lists);
		c->anon_lists = NULL;
	}
}

bool scan_is_detail(const struct scan_ctx *c, pid_t pid)
{
	for (size_t i = 0; c->opts && i < c->opts->n_detail; i++)
		if (c->opts->detail_pids[i] == pid)
			return true;
	return false;
}

/* The network namespace keys its sockets (the others are read in detail, by read_pcb). */
static void read_netns(struct scan_ctx *c, struct proc_info *p)
{
	char path[48], link[64];
	snprintf(path, sizeof(path), "%d/ns/net", (int)p->pid);
	if (readlink_at(c->proc_fd, path, link, sizeof(link)) > 0)
		p->netns = ns_link_inode(link);
	else
		p->flags |= PF_NETNS_DENIED;
}

/* /proc/PID/io, for rates: unreadable (another user's process, for a non-root viewer) leaves
 * has_io false, and its rates unknown. A process that has not run since the previous snapshot
 * (old) cannot have read or written anything: its counters are carried over, read now. */
static void read_io(struct scan_ctx *c, struct proc_info *p, const struct proc_info *old)
{
	char path[32];
	uint64_t at = mono_ns();
	if (old && old->has_io) {
		p->has_io = true;
		p->io = old->io;
		p->io.at_ns = at;
		return;
	}
	snprintf(path, sizeof(path), "%d/io", (int)p->pid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	p->has_io = n > 0 && parse_proc_io(c->tmp.buf, (size_t)n, &p->io) == 0;
	p->io.at_ns = at;
}

/* Network namespace, descriptors and maps of a process that ran: -ENOENT if it has gone. */
static int read_tables(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail)
{
	read_netns(c, p);
	if (collect_fds(s, c, p, detail) < 0)
		return -ENOENT;
	if ((detail || !c->opts || !c->opts->no_maps) && collect_maps(s, c, p, detail) < 0)
		return -ENOENT;
	return 0;
}

int collect_one(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	bool have_run = false;
	/* The previous snapshot's record of p's pid, looked up once: its kept stat file and
	 * carried fields; the same process (same start time) for the run time and the reuse. */
	const struct snapshot *prev = c->opts ? c->opts->prev : NULL;
	struct proc_info *same_pid = prev ? snapshot_find_proc(prev, p->pid) : NULL;
	if ((p->flags & PF_STAT_UNREAD) && collect_stat(c, p, same_pid, &have_run) < 0)
		return -ENOENT;
	bool detail = scan_is_detail(c, p->pid);
	struct proc_info *before = same_pid && same_pid->start_time == p->start_time ? same_pid : NULL;
	collect_stat_hand_on(p, before);
	if (!have_run)
		p->sched_runtime = collect_runtime(c, p, before);
	const struct proc_info *old = collect_idle_prev(c, p, before);
	if (old)
		collect_reuse_status(s, p, old);
	else if (collect_status(s, c, p) < 0)
		return -ENOENT;
	collect_exe(s, c, p, old, detail);   /* before the maps: they are classified by it */
	if (old)
		collect_reuse_tables(s, p, old);
	else if (!(p->flags & PF_KTHREAD) && read_tables(s, c, p, detail) < 0)
		return -ENOENT;
	if (detail)
		collect_detail(s, c, p);   /* before the wait: it reads the PCB's system call */
	if (!c->opts || !c->opts->no_waits)
		collect_wait(s, c, p, collect_idle_waiter(c, p, before), before);
	collect_tasks(s, c, p, old, before, detail);
	collect_extras(s, c, p);
	if (c->opts && c->opts->read_io && !(p->flags & PF_KTHREAD))
		read_io(c, p, old);
	return 0;
}

/* The pid /proc/self points to: ipctop's pid in the namespace of the /proc it reads. */
static pid_t self_pid(int proc_fd)
{
	char link[24];
	if (readlink_at(proc_fd, "self", link, sizeof(link)) <= 0)
		return 0;
	int pid = atoi(link);
	return pid > 0 ? pid : 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int snapshot_take(struct snapshot *s, const struct collect_opts *o)
{
	struct scan_ctx c;
	memset(&c, 0, sizeof(c));
	c.opts = o;
	collect_services_load();
	c.proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c.proc_fd < 0)
		return -errno;
	c.page_kib = sysconf(_SC_PAGESIZE) / 1024;
	c.self_pid = self_pid(c.proc_fd);
	c.own_pidns = c.self_pid == getpid();
	collect_viewer(s, &c);
	s->taken_ms = now_ms();
	collect_sysinfo(s, &c);
	struct own_dump sockets;
	collect_sockets_start(&sockets);   /* needs no process: runs beside the reading */
	int r = collect_procs(s, &c);
	collect_keep_reserve(s->n_procs);
	if (r == 0) {
		collect_all(s, &c);
		collect_stat_orphans(s, &c);
		collect_user_names(s);
		collect_number_threads(s);
	}
	collect_sockets(s, &c, &sockets);   /* always: the dump thread is joined here */
	if (r == 0) {
		collect_fill(s, &c);
		collect_sysvipc(s, &c);
		collect_locks(s, &c);   /* only when some wait is a lock call */
		channel_resolve(s);
		wait_resolve(s);
		for (int round = 0; round < 4 && collect_peer_tasks(s, &c); round++) {
			if (!s->n_lock_waits)
				collect_locks(s, &c);   /* a thread's lock wait */
			wait_resolve(s);   /* rings through the threads just read */
		}
		collect_viewer_notes(s);
	}
	close(c.proc_fd);
	scan_ctx_free(&c);
	return r;
}

void collect_shutdown(void)
{
	collect_sysinfo_close();
	user_cache_free();
}
