/* snapshot.c — lifetime of a snapshot and the names of its enumerations. */
#include "model/snapshot.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/kept_fds.h"
#include "util/xalloc.h"

static const char *const chan_names[CK__COUNT] = {
	[CK_PIPE] = "pipe", [CK_FIFO] = "fifo", [CK_UNIX] = "unix", [CK_TCP] = "tcp",
	[CK_UDP] = "udp", [CK_SYSV_SHM] = "sysv_shm", [CK_SYSV_MSG] = "sysv_msg",
	[CK_POSIX_SHM] = "posix_shm", [CK_POSIX_MQ] = "posix_mq", [CK_MEMFD] = "memfd",
	[CK_PTY] = "pty", [CK_EVENTFD] = "eventfd", [CK_ANON_SHM] = "anon_shm",
};

static const char *const fd_names[FDK__COUNT] = {
	[FDK_UNKNOWN] = "unknown", [FDK_FILE] = "file", [FDK_DIR] = "dir", [FDK_CHR] = "chr",
	[FDK_BLK] = "blk", [FDK_PIPE] = "pipe", [FDK_FIFO] = "fifo", [FDK_SOCKET] = "socket",
	[FDK_EVENTFD] = "eventfd", [FDK_EVENTPOLL] = "eventpoll", [FDK_SIGNALFD] = "signalfd",
	[FDK_TIMERFD] = "timerfd", [FDK_INOTIFY] = "inotify", [FDK_PIDFD] = "pidfd",
	[FDK_ANON] = "anon_inode", [FDK_MQUEUE] = "mqueue", [FDK_MEMFD] = "memfd",
	[FDK_POSIX_SHM] = "posix_shm", [FDK_PTMX] = "ptmx", [FDK_PTS] = "pts",
};

static const char *const seg_names[SEG__COUNT] = {
	[SEG_ANON] = "anon", [SEG_TEXT] = "text", [SEG_DATA] = "data", [SEG_BSS] = "bss",
	[SEG_HEAP] = "heap", [SEG_STACK] = "stack", [SEG_LIB] = "lib", [SEG_SHM] = "shm",
	[SEG_FILE] = "file", [SEG_VDSO] = "vdso", [SEG_VVAR] = "vvar", [SEG_VSYSCALL] = "vsyscall",
	[SEG_RODATA] = "rodata",
};

const char *chan_kind_name(enum chan_kind k)
{
	return (unsigned)k < CK__COUNT ? chan_names[k] : "?";
}

const char *fd_kind_name(enum fd_kind k)
{
	return (unsigned)k < FDK__COUNT ? fd_names[k] : "?";
}

const char *segment_name(enum segment s)
{
	return (unsigned)s < SEG__COUNT ? seg_names[s] : "?";
}

const char *ns_kind_name(enum ns_kind k)
{
	static const char *const names[NS__COUNT] = {
		[NS_CGROUP] = "cgroup", [NS_IPC] = "ipc", [NS_MNT] = "mnt", [NS_NET] = "net",
		[NS_PID] = "pid", [NS_TIME] = "time", [NS_USER] = "user", [NS_UTS] = "uts",
	};
	return (unsigned)k < NS__COUNT ? names[k] : "?";
}

const char *access_name(uint8_t acc)
{
	static const char *const names[] = { "", "r", "w", "rw" };
	return names[acc & 3];
}

void snapshot_init(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
}

void snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; s->procs && i < s->n_procs; i++) {   /* tests may unhook procs */
		if (s->procs[i].runtime_fd1 > 0)
			kept_fd_close(s->procs[i].runtime_fd1 - 1);
		if (s->procs[i].stat_fd1 > 0)
			kept_fd_close(s->procs[i].stat_fd1 - 1);
		if (s->procs[i].syscall_fd1 > 0)
			kept_fd_close(s->procs[i].syscall_fd1 - 1);
		for (size_t t = 0; t < s->procs[i].n_tasks; t++)
			if (s->procs[i].tasks[t].call_fd1 > 0)
				kept_fd_close(s->procs[i].tasks[t].call_fd1 - 1);
	}
	free(s->procs);
	free(s->socks);
	free(s->shm);
	free(s->msg);
	free(s->sem);
	free(s->chans);
	free(s->notes);
	arena_free(&s->arena);
	memset(s, 0, sizeof(*s));
}

void snapshot_adopt(struct snapshot *s, struct snapshot *from)
{
	arena_adopt(&s->arena, &from->arena);
	for (size_t i = 0; i < from->n_notes; i++) {
		XGROW(s->notes, s->cap_notes, s->n_notes + 1);
		s->notes[s->n_notes++] = from->notes[i];
	}
	from->n_notes = 0;
	s->n_reused += from->n_reused;
	from->n_reused = 0;
}

struct proc_info *snapshot_find_proc(const struct snapshot *s, pid_t pid)
{
	for (size_t i = 0; s->by_host && i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	if (s->by_host)
		return NULL;
	size_t lo = 0, hi = s->n_procs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->procs[mid].pid == pid)
			return &s->procs[mid];
		if (s->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct proc_info *snapshot_find_proc_on(const struct snapshot *s, pid_t pid, const char *host)
{
	if (!s->by_host || !host)
		return snapshot_find_proc(s, pid);
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid && s->procs[i].host && strcmp(s->procs[i].host, host) == 0)
			return &s->procs[i];
	return NULL;
}

bool proc_on_host(const struct proc_info *p, const char *host)
{
	return !host || (p->host && strcmp(p->host, host) == 0);
}

struct proc_info *snapshot_find_proc_at(const struct snapshot *s, pid_t pid, uint64_t start, const char *host)
{
	if (!s->by_host) {
		struct proc_info *p = snapshot_find_proc(s, pid);
		return p && p->start_time == start ? p : NULL;
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if (p->pid == pid && p->start_time == start && proc_on_host(p, host))
			return &s->procs[i];
	}
	return NULL;
}

struct proc_info *snapshot_same_proc(const struct snapshot *s, const struct proc_info *p)
{
	return s ? snapshot_find_proc_at(s, p->pid, p->start_time, p->host) : NULL;
}

void snapshot_note(struct snapshot *s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	XGROW(s->notes, s->cap_notes, s->n_notes + 1);
	s->notes[s->n_notes++].text = arena_strdup(&s->arena, buf);
}
