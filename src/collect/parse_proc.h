/* parse_proc.h — pure parsers for /proc text (status, maps, smaps, fdinfo, sysvipc, schedstat,
 * mountinfo) and for /proc/PID/fd link text. They take the text, never a path: unit-tested on
 * fixtures. Malformed lines are skipped (counted where a count is returned), never trusted. */
#ifndef IPCTOP_PARSE_PROC_H
#define IPCTOP_PARSE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"
#include "util/arena.h"

/* /proc/PID/status: what stat does not give. */
struct status_fields {
	bool has_uid, has_gid, has_ctxt, has_sig;   /* a group's flag: at least one of its lines read */
	bool has_tgid, has_ppid, has_threads, has_cap;
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	pid_t tgid, ppid;
	int threads;
	uint64_t vol_ctxt, nonvol_ctxt;
	uint64_t sig_pending, sig_shared_pending, sig_blocked, sig_ignored, sig_caught;
	char cpus_allowed_list[256];    /* "" when absent; a longer list is cut and ends in "..." */
	uint64_t cap_eff, cap_prm, cap_inh, cap_bnd;
	bool is_kthread;                /* "Kthread: 1" (6.x) — 0 when absent */
	pid_t tracer;                   /* TracerPid, 0 when none or absent */
	uint64_t rss_file_kib, rss_shmem_kib;   /* RssFile, RssShmem (absent for kernel threads) */
	unsigned seen_rss;              /* bit 0: RssFile read, bit 1: RssShmem read */
	bool has_shr;                   /* both read: their sum is statm's shared (SHR) */
};
/* Zeroes *out, then fills it. Returns the number of lines recognised and read; lines it
 * cannot read (bad number, overflow, too few columns, a mask not of 16 hex digits) are
 * skipped. */
int parse_status(const char *text, size_t len, struct status_fields *out);

/* One maps line (without its newline). Returns 0, or -1 if malformed (start > end, bad perms,
 * overflow, missing field). path is copied into a; anonymous mappings share one static "". */
int parse_maps_line(const char *line, size_t len, struct map_info *out, struct arena *a);
/* The path of a mapping from a maps line's last field (n bytes): a trailing " (deleted)" is
 * cut off and flagged; copied into a, anonymous ones share one static "". */
void maps_set_path(struct map_info *m, const char *p, size_t n, struct arena *a);
/* Parse a whole maps text into a malloc'd array (*out, *n); returns malformed-line count. */
int parse_maps(const char *text, size_t len, struct map_info **out, size_t *n, struct arena *a);
/* Give each mapping its segment class. exe is the executable's path or NULL (then the path of
 * the first file-backed mapping is taken as the executable); a " (deleted)" on exe is ignored.
 * A file is a library when it has an executable mapping here or its base name has ".so" at
 * its end or before a '.' ("libc.so.6"; "a.sock" is not). */
void maps_classify(struct map_info *maps, size_t n, const char *exe);
/* True for mappings that can be IPC: shared ('s') mappings of SysV shm, /dev/shm or memfd
 * (read-only too), shared anonymous memory (map_is_anon_shm, read-only too), and shared
 * writable maps of any other file. Private maps: false. */
bool map_is_ipc(const struct map_info *m);
/* True for shared anonymous memory: a shared "/dev/zero (deleted)" or "[anon_shmem:NAME]"
 * mapping (classed SEG_SHM, read-only too). */
bool map_is_anon_shm(const struct map_info *m);

/* /proc/PID/smaps: fill rss/pss/swap of maps[] whose start matches a header; returns the
 * number of headers matched. has_smaps is set on a mapping once its Rss line was read. */
int parse_smaps(const char *text, size_t len, struct map_info *maps, size_t n);

struct fdinfo_fields {
	bool has_pos, has_flags, has_mnt_id, has_ino, has_tty_index, has_eventfd_id;
	bool has_eventfd_count;
	uint64_t pos, ino;
	uint64_t eventfd_count;   /* hex in the file: the counter's current value */
	unsigned flags;        /* octal in the file */
	int mnt_id;
	int64_t tty_index, eventfd_id;
};
/* Zeroes *out, then fills it; other lines (inotify wd:, tfd:, lock:, ...) are ignored.
 * Returns the number of lines read into a field. */
int parse_fdinfo(const char *text, size_t len, struct fdinfo_fields *out);

/* Lists parse_fdinfo_anon appends to: heap arrays the caller keeps between calls and frees. */
struct fdinfo_lists {
	struct epoll_target *targets; size_t n_targets, cap_targets;
	struct inotify_watch *watches; size_t n_watches, cap_watches;
};
/* The anon-inode lines of an fdinfo text: eventfd-count, clockid, ticks, it_value and
 * it_interval (timerfd), sigmask (signalfd) and Pid (pidfd) into *a, whose `have` bits say
 * which were read; "tfd:" (epoll) and "inotify wd:" lines into l (its counts reset first;
 * a's list pointers are left NULL). *a is zeroed first; a malformed line is skipped whole.
 * In the same pass the other lines go to *f as parse_fdinfo reads them (f may be NULL), so
 * an eventfd's id needs no second parse. Returns the number of anon lines read. */
int parse_fdinfo_anon(const char *text, size_t len, struct fd_anon *a, struct fdinfo_lists *l,
		      struct fdinfo_fields *f);

/* /proc/sysvipc/{shm,msg,sem}: append rows to the snapshot's arrays; the header line is
 * skipped; returns the number of malformed rows skipped. */
int parse_sysv_shm(const char *text, size_t len, struct sysv_shm **rows, size_t *n);
int parse_sysv_msg(const char *text, size_t len, struct sysv_msg **rows, size_t *n);
int parse_sysv_sem(const char *text, size_t len, struct sysv_sem **rows, size_t *n);

/* /proc/PID/io: rchar, wchar, syscr and syscw (other lines ignored). Returns 0, or -1 when one
 * of the four is missing or not a plain decimal number (*out untouched). */
int parse_proc_io(const char *text, size_t len, struct proc_io *out);

/* /proc/PID/schedstat: "run_ns wait_ns timeslices", NUL-terminated. Returns 0, or -1 (the
 * outputs untouched). */
/* A task's stat line (/proc/PID/task/TID/stat): its name (between the first '(' and the last
 * ')'), state and utime, stime; tid is not set. 0, or -1 when malformed. */
int parse_task_stat(const char *text, size_t len, struct arena *a, struct thread_info *t);
int parse_schedstat(const char *text, uint64_t *run_ns, uint64_t *wait_ns, uint64_t *slices);

/* Classify /proc/PID/fd link text (NUL-terminated) without any system call. pipe:[N] and
 * socket:[N] give their inode in *ino (N exactly decimal, else FDK_UNKNOWN);
 * anon_inode:[eventfd], anon_inode:[eventpoll], anon_inode:[signalfd], anon_inode:[timerfd],
 * anon_inode:inotify, anon_inode:[pidfd] (and pidfd:), other anon_inode; /memfd:NAME (deleted);
 * /dev/shm/...; /dev/ptmx and /dev/pts/ptmx; /dev/pts/N (N in *ino). *ino is 0 for kinds
 * without a number; ino may be NULL.
 * Everything else is FDK_UNKNOWN: the caller stats it to tell file, dir, fifo, device, mqueue. */
enum fd_kind classify_fd_link(const char *target, uint64_t *ino);

/* A proc mount as /proc/self/mountinfo describes it: hidepid 0 (none), 1 (noaccess),
 * 2 (invisible) or 4 (ptraceable), and the group exempted by gid= (-1 when none). */
struct proc_mount { int hidepid; int64_t gid; };
/* Find the proc mount of device major:minor in mountinfo text; false when none is listed. */
bool parse_mountinfo_proc(const char *text, size_t len, unsigned major, unsigned minor,
                          struct proc_mount *out);

#endif
