/* parse_proc.h — pure parsers for /proc text (status, maps, smaps, fdinfo, sysvipc, schedstat)
 * and for /proc/PID/fd link text. They take the text, never a path: unit-tested on fixtures.
 * Malformed lines are skipped (counted where a count is returned), never trusted. */
#ifndef IPCTOP_PARSE_PROC_H
#define IPCTOP_PARSE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"
#include "util/arena.h"

/* /proc/PID/status: the fields libproc2 4.0 does not give, or gives only through a second read. */
struct status_fields {
	bool has_uid, has_gid, has_ctxt, has_sig;
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	pid_t tgid, ppid;
	int threads;
	uint64_t vol_ctxt, nonvol_ctxt;
	uint64_t sig_pending, sig_shared_pending, sig_blocked, sig_ignored, sig_caught;
	char cpus_allowed_list[256];    /* "" when absent */
	uint64_t cap_eff, cap_prm, cap_inh, cap_bnd;
	bool is_kthread;                /* "Kthread: 1" (6.x) — 0 when absent */
};
/* Returns the number of fields recognised; lines it cannot read are skipped. */
int parse_status(const char *text, size_t len, struct status_fields *out);

/* One maps line (without its newline). Returns 0, or -1 if malformed. path is copied into a. */
int parse_maps_line(const char *line, size_t len, struct map_info *out, struct arena *a);
/* Parse a whole maps text into a malloc'd array (*out, *n); returns malformed-line count. */
int parse_maps(const char *text, size_t len, struct map_info **out, size_t *n, struct arena *a);
/* Give each mapping its segment class. exe is the executable's path or NULL (then the path of
 * the first file-backed mapping is taken as the executable). */
void maps_classify(struct map_info *maps, size_t n, const char *exe);
/* True for mappings that can be IPC: SysV shm, /dev/shm, memfd, shared writable file maps. */
bool map_is_ipc(const struct map_info *m);

/* /proc/PID/smaps: fill rss/pss/swap of maps[] whose start matches a header; returns matches. */
int parse_smaps(const char *text, size_t len, struct map_info *maps, size_t n);

struct fdinfo_fields {
	bool has_pos, has_flags, has_mnt_id, has_ino, has_tty_index, has_eventfd_id;
	uint64_t pos, ino;
	unsigned flags;        /* octal in the file */
	int mnt_id;
	int64_t tty_index, eventfd_id;
};
int parse_fdinfo(const char *text, size_t len, struct fdinfo_fields *out);

/* /proc/sysvipc/{shm,msg,sem}: append rows to the snapshot's arrays; the header line is
 * skipped; returns the number of malformed rows skipped. */
int parse_sysv_shm(const char *text, size_t len, struct sysv_shm **rows, size_t *n);
int parse_sysv_msg(const char *text, size_t len, struct sysv_msg **rows, size_t *n);
int parse_sysv_sem(const char *text, size_t len, struct sysv_sem **rows, size_t *n);

/* /proc/PID/schedstat: "run_ns wait_ns timeslices". Returns 0 or -1. */
int parse_schedstat(const char *text, uint64_t *run_ns, uint64_t *wait_ns, uint64_t *slices);

/* Classify /proc/PID/fd link text without any system call. pipe:[N] and socket:[N] give
 * their inode in *ino; anon_inode:[eventfd], anon_inode:[eventpoll], anon_inode:[signalfd],
 * anon_inode:[timerfd], anon_inode:inotify, anon_inode:[pidfd] (and pidfd:), other anon_inode;
 * /memfd:NAME (deleted); /dev/shm/...; /dev/ptmx and /dev/pts/ptmx; /dev/pts/N (N in *ino).
 * Everything else is FDK_UNKNOWN: the caller stats it to tell file, dir, fifo, device, mqueue. */
enum fd_kind classify_fd_link(const char *target, uint64_t *ino);

/* Signal number n (1..64) to its name without "SIG" ("HUP", "RTMIN+3"), or NULL. */
const char *signal_name(int n);

#endif
