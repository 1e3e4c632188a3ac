/* export_json_proc.c — one process as JSON: its PCB fields, and for detail processes its
 * memory map, descriptors, scheduling and decoded signal masks. */
#include "export/export_json_int.h"

#include <sys/sysmacros.h>

#include "model/fd_describe.h"
#include "model/kernel_names.h"
#include "model/restricted_names.h"

static void write_id4(struct json_writer *w, const char *key, unsigned a, unsigned b,
                      unsigned c, unsigned d)
{
	jw_key(w, key);
	jw_inline_array_begin(w);
	jw_u64(w, a);
	jw_u64(w, b);
	jw_u64(w, c);
	jw_u64(w, d);
	jw_array_end(w);
}

static void write_ctxt(struct json_writer *w, const struct proc_info *p)
{
	jw_key(w, "ctxt_switches");
	jw_object_begin(w);
	jw_kv_u64(w, "voluntary", p->vol_ctxt);
	jw_kv_u64(w, "involuntary", p->nonvol_ctxt);
	jw_object_end(w);
}

static void write_sig_masks(struct json_writer *w, const struct proc_info *p)
{
	jw_key(w, "signals");
	jw_object_begin(w);
	jw_key(w, "pending");
	jw_hex_str(w, p->sig_pending, 16);
	jw_key(w, "blocked");
	jw_hex_str(w, p->sig_blocked, 16);
	jw_key(w, "ignored");
	jw_hex_str(w, p->sig_ignored, 16);
	jw_key(w, "caught");
	jw_hex_str(w, p->sig_caught, 16);
	jw_object_end(w);
}

static void write_restricted(struct json_writer *w, uint32_t flags)
{
	jw_key(w, "restricted");
	jw_inline_array_begin(w);
	for (size_t i = 0; i < restricted_count(); i++)
		if (flags & restricted_flag(i))
			jw_clean_str(w, restricted_word(i));
	jw_array_end(w);
}

/* A zombie's exit status, as its parent's wait() will get it: the raw wait status, and the
 * exit code or the signal that ended it. Only for zombies whose status was read. */
static void write_exit(struct json_writer *w, const struct proc_info *p)
{
	if (!p->has_exit)
		return;
	int st = p->exit_status, sig = st & 0x7f;
	jw_key(w, "exit_status");
	jw_object_begin(w);
	jw_kv_i64(w, "wait_status", st);
	jw_kv_i64_or_null(w, "code", sig == 0, (st >> 8) & 0xff);
	jw_kv_i64_or_null(w, "signal", sig != 0, sig);
	jw_key(w, "signal_name");
	jw_clean_str(w, sig ? signal_name(sig) : NULL);
	jw_kv_bool(w, "core_dumped", sig != 0 && (st & 0x80));
	jw_object_end(w);
}

static void write_identity(struct json_writer *w, const struct proc_info *p)
{
	if (p->host)
		jw_kv_str(w, "host", p->host);
	jw_kv_i64(w, "pid", p->pid);
	jw_kv_i64(w, "ppid", p->ppid);
	jw_kv_i64(w, "pgid", p->pgid);
	jw_kv_i64(w, "sid", p->sid);
	jw_kv_i64(w, "tty_nr", p->tty_nr);
	jw_kv_str(w, "comm", p->comm);
	jw_kv_str(w, "cmdline", p->cmdline);
	char state[2] = { p->state, '\0' };
	jw_kv_str(w, "state", state);
	jw_key(w, "state_name");
	jw_clean_str(w, proc_state_name(p->state));
	write_exit(w, p);
	jw_kv_u64(w, "uid", p->euid);
	jw_kv_str(w, "user", p->user);
	write_id4(w, "uids", p->ruid, p->euid, p->suid, p->fsuid);
	write_id4(w, "gids", p->rgid, p->egid, p->sgid, p->fsgid);
}

static void write_sched_basics(struct json_writer *w, const struct proc_info *p)
{
	jw_kv_i64(w, "nice", p->nice);
	jw_kv_i64(w, "priority", p->priority);
	jw_key(w, "policy");
	json_write_name_or_num(w, sched_policy_name(p->policy), p->policy);
	jw_kv_i64(w, "rt_priority", p->rt_priority);
}

static void write_usage(struct json_writer *w, const struct proc_info *p)
{
	jw_kv_i64(w, "threads", p->nlwp);
	write_sched_basics(w, p);
	jw_kv_i64(w, "processor", p->processor);
	jw_kv_u64(w, "utime_ticks", p->utime);
	jw_kv_u64(w, "stime_ticks", p->stime);
	jw_kv_u64(w, "start_ticks", p->start_time);
	jw_kv_u64(w, "vsize_bytes", p->vsize);
	jw_kv_u64(w, "rss_kib", p->rss_kib);
	write_ctxt(w, p);
	write_sig_masks(w, p);
}

static void write_state_marks(struct json_writer *w, const struct proc_info *p)
{
	jw_kv_u64_or_null(w, "netns", p->netns != 0, p->netns);
	jw_kv_bool(w, "kthread", p->flags & PF_KTHREAD);
	write_restricted(w, p->flags);
	jw_kv_u64_or_null(w, "n_fds", !(p->flags & PF_FDS_DENIED), p->n_fds);
	jw_kv_u64(w, "n_channels", p->n_channels);
}

/* ---- detail ---- */

static void write_map(struct json_writer *w, const struct map_info *m)
{
	jw_object_begin(w);
	jw_key(w, "start");
	jw_hex_str(w, m->start, 1);
	jw_key(w, "end");
	jw_hex_str(w, m->end, 1);
	jw_kv_u64(w, "size_kib", (m->end - m->start) / 1024);
	jw_kv_str(w, "perms", m->perms);
	jw_key(w, "offset");
	jw_hex_str(w, m->offset, 1);
	jw_key(w, "dev");
	jw_printf_str(w, "%02x:%02x", major(m->dev), minor(m->dev));
	jw_kv_u64(w, "inode", m->ino);
	jw_kv_str(w, "path", m->path ? m->path : "");
	jw_kv_bool(w, "deleted", m->deleted);
	jw_kv_clean(w, "segment", segment_name(m->seg));
	const char *keys[] = { "rss_kib", "pss_kib", "swap_kib" };
	uint64_t vals[] = { m->rss_kib, m->pss_kib, m->swap_kib };
	for (int i = 0; i < 3; i++) {
		jw_kv_u64_or_null(w, keys[i], m->has_smaps, vals[i]);
	}
	jw_object_end(w);
}

/* The descriptor's fdinfo position and open flags ("O_RDWR|O_CLOEXEC"), where they were read
 * (a detail process's descriptors). */
static void write_pos_flags(struct json_writer *w, const struct fd_info *fd)
{
	if (!fd->has_fdinfo)
		return;
	jw_kv_u64(w, "pos", fd->pos);
	struct strbuf sb = STRBUF_INIT;
	open_flags_words(&sb, fd->oflags);
	jw_kv_clean(w, "flags", sb_str(&sb));
	sb_free(&sb);
}

static void write_fd(struct json_writer *w, const struct snapshot *s, const struct fd_info *fd)
{
	jw_object_begin(w);
	jw_kv_i64(w, "fd", fd->fd);
	jw_kv_clean(w, "kind", fd_kind_name(fd->kind));
	jw_kv_str(w, "target", fd->target);
	jw_kv_clean(w, "access", access_name(fd->access));
	jw_kv_u64(w, "inode", fd->ino);
	if (fd->aux >= 0 && fd->kind == FDK_PTMX)
		jw_kv_i64(w, "tty_index", fd->aux);
	else if (fd->aux >= 0 && fd->kind == FDK_PTS)
		jw_kv_i64(w, "pts", fd->aux);
	else if (fd->aux >= 0 && fd->kind == FDK_EVENTFD)
		jw_kv_i64(w, "eventfd_id", fd->aux);
	json_write_fd_anon(w, fd);
	write_pos_flags(w, fd);
	if (fd->kind == FDK_SOCKET && fd->sock >= 0 && (size_t)fd->sock < s->n_socks) {
		jw_key(w, "socket");
		json_write_sock(w, s, &s->socks[fd->sock]);
	}
	jw_object_end(w);
}

static void write_sched_detail(struct json_writer *w, const struct proc_info *p)
{
	const struct sched_detail *d = p->sched;
	jw_key(w, "sched");
	if (!d) {
		jw_null(w);
		return;
	}
	jw_object_begin(w);
	write_sched_basics(w, p);
	jw_kv_str(w, "affinity", d->affinity);
	jw_kv_i64(w, "processor", p->processor);
	const char *keys[] = { "run_ns", "wait_ns", "timeslices" };
	uint64_t vals[] = { d->run_ns, d->wait_ns, d->timeslices };
	for (int i = 0; i < 3; i++) {
		jw_kv_u64_or_null(w, keys[i], d->has_schedstat, vals[i]);
	}
	jw_kv_str(w, "wchan", d->wchan);
	write_ctxt(w, p);
	jw_object_end(w);
}

void json_write_sig_names(struct json_writer *w, const char *key, uint64_t mask)
{
	jw_key(w, key);
	jw_inline_array_begin(w);
	for (int n = 1; n <= 64; n++) {
		if (!(mask & (1ull << (n - 1))))
			continue;
		const char *name = signal_name(n);
		if (name)
			jw_str(w, name);
		else
			jw_printf_str(w, "%d", n);
	}
	jw_array_end(w);
}

static void write_cap_names(struct json_writer *w, const char *key, uint64_t mask)
{
	jw_key(w, key);
	jw_inline_array_begin(w);
	for (int bit = 0; bit < 64; bit++) {
		if (!(mask & (1ull << bit)))
			continue;
		const char *name = capability_name(bit);
		if (name)
			jw_str(w, name);
		else
			jw_printf_str(w, "%d", bit);
	}
	jw_array_end(w);
}

static void write_syscall(struct json_writer *w, const struct pcb_detail *d)
{
	if (d->syscall_nr >= 0) {
		jw_kv_i64(w, "syscall", d->syscall_nr);
		jw_kv_str(w, "syscall_name", syscall_name(d->syscall_nr));
	} else {
		jw_kv_null(w, "syscall");
		jw_kv_str(w, "syscall_name", d->syscall_nr == -2 ? "(running)" :
			  d->syscall_nr == -1 ? "(none)" : "(not readable)");
	}
	if (d->has_regs) {
		jw_key(w, "sp");
		jw_hex_str(w, d->sp, 1);
		jw_key(w, "pc");
		jw_hex_str(w, d->pc, 1);
	} else {
		jw_kv_null(w, "sp");
		jw_kv_null(w, "pc");
	}
}

static void write_pcb(struct json_writer *w, const struct pcb_detail *d)
{
	jw_key(w, "pcb");
	jw_object_begin(w);
	write_syscall(w, d);
	jw_kv_str(w, "cgroup", d->cgroup);
	jw_key(w, "capabilities");
	if (d->has_caps) {
		jw_object_begin(w);
		write_cap_names(w, "effective", d->cap_eff);
		write_cap_names(w, "permitted", d->cap_prm);
		write_cap_names(w, "bounding", d->cap_bnd);
		jw_object_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "namespaces");
	jw_object_begin(w);
	for (int k = 0; k < NS__COUNT; k++) {
		if (d->ns[k])
			jw_kv_u64(w, ns_kind_name((enum ns_kind)k), d->ns[k]);
		else
			jw_kv_null(w, ns_kind_name((enum ns_kind)k));
	}
	jw_object_end(w);
	jw_object_end(w);
}

static void write_detail(struct json_writer *w, const struct snapshot *s, const struct proc_info *p)
{
	jw_key(w, "detail");
	jw_object_begin(w);
	jw_key(w, "maps");
	jw_array_begin(w);
	for (size_t i = 0; i < p->n_maps; i++)
		write_map(w, &p->maps[i]);
	jw_array_end(w);
	jw_key(w, "fds");
	jw_array_begin(w);
	for (size_t i = 0; i < p->n_fds; i++)
		write_fd(w, s, &p->fds[i]);
	jw_array_end(w);
	write_sched_detail(w, p);
	if (p->pcb)
		write_pcb(w, p->pcb);
	json_write_tasks(w, s, p);
	jw_key(w, "signals");
	jw_object_begin(w);
	json_write_sig_names(w, "pending", p->sig_pending);
	json_write_sig_names(w, "blocked", p->sig_blocked);
	json_write_sig_names(w, "ignored", p->sig_ignored);
	json_write_sig_names(w, "caught", p->sig_caught);
	jw_object_end(w);
	jw_object_end(w);
}

/* --interval: /proc/PID/io rates (null where unreadable or the process is new). */
static void write_io_rates(struct json_writer *w, const struct proc_info *p)
{
	jw_kv_double(w, "read_bytes_per_s", p->io_rate.rchar, 1);
	jw_kv_double(w, "write_bytes_per_s", p->io_rate.wchar, 1);
	jw_kv_double(w, "read_calls_per_s", p->io_rate.syscr, 1);
	jw_kv_double(w, "write_calls_per_s", p->io_rate.syscw, 1);
}

/* What it reads without detail and rates is fed to export_json_proc_stamp too (the recorder
 * skips a process whose stamp did not move): keep export_json_stamp.c in step. */
void json_write_proc(struct json_writer *w, const struct snapshot *s, const struct proc_info *p,
                     const struct proc_traffic *t, bool with_detail)
{
	jw_object_begin(w);
	write_identity(w, p);
	write_usage(w, p);
	write_state_marks(w, p);
	json_write_proc_wait(w, s, p);
	if (s->has_rates)
		write_io_rates(w, p);
	json_write_proc_cols(w, s, p, t);
	if (with_detail)
		write_detail(w, s, p);
	jw_object_end(w);
}
