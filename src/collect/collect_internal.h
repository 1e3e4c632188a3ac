/* collect_internal.h — the steps of snapshot_take(), shared between the collector files only. */
#ifndef IPCTOP_COLLECT_INTERNAL_H
#define IPCTOP_COLLECT_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>

#include "collect/collect.h"
#include "collect/proc_read.h"
#include "util/kept_fds.h"
#include "util/strbuf.h"

struct fdinfo_lists;

/* Reusable buffers for one scan, so that no per-process allocation is needed. */
struct scan_ctx {
	const struct collect_opts *opts;
	int proc_fd;             /* open directory /proc */
	struct strbuf file;      /* contents of the last file read */
	struct strbuf tmp;
	void *fdbuf;             /* struct fd_info scratch array */
	size_t fdcap;
	long page_kib;
	pid_t self_pid;          /* ipctop itself, as this /proc numbers it (0: unknown) */
	bool own_pidns;          /* self_pid is getpid(): /proc is of ipctop's pid namespace */
	struct dir_reader dir;   /* for /proc/PID/fd listings */
	struct fdinfo_lists *anon_lists;   /* epoll targets and inotify watches scratch (heap) */
};

/* Load /etc/services into model/services once per process (any thread; later calls wait). */
void collect_services_load(void);
/* Release a context's buffers (not proc_fd, which its owner closes). */
void scan_ctx_free(struct scan_ctx *c);
/* True when pid is to be read in full detail. */
bool scan_is_detail(const struct scan_ctx *c, pid_t pid);
/* collect_listing.c: the processes to read, sorted by pid, each marked PF_STAT_UNREAD: /proc
 * listed, or in a refresh the previous snapshot's and those started since. 0 or -errno. */
int collect_procs(struct snapshot *s, struct scan_ctx *c);
/* The stat fields of p, marked PF_STAT_UNREAD: in a refresh loop through a descriptor kept
 * open (taken from old, the previous snapshot's record of its pid, or opened), or carried
 * over from old when p has not run since (PF_STAT_CARRIED); *have_run when its run time was
 * read meanwhile (then p->sched_runtime holds it). Otherwise read once. -ENOENT when it has
 * gone. Any worker. */
int collect_stat(struct scan_ctx *c, struct proc_info *p, struct proc_info *old, bool *have_run);
/* True when it is pid's turn to be read in full (collect_opts rescan_every). */
bool collect_rescan_turn(const struct collect_opts *o, pid_t pid);
/* After the workers: a process whose stat was carried over while its parent has gone (it was
 * reparented without running) has its stat read again. Main thread. */
void collect_stat_orphans(struct snapshot *s, struct scan_ctx *c);
struct stat_fields;
/* p's stat fields (its pid and ids, state, scheduling, times, sizes) from a parsed stat line,
 * however it was read (through a kept descriptor or not). */
void collect_set_stat(struct proc_info *p, const struct stat_fields *f, long page_kib);
/* A full scan's p takes over the stat descriptor of before (its previous record), if any. */
void collect_stat_hand_on(struct proc_info *p, struct proc_info *before);
/* Complete p from /proc/PID/status and cmdline; -ENOENT when it has gone. Any thread. */
int collect_status(struct snapshot *s, struct scan_ctx *c, struct proc_info *p);
/* Everything /proc tells of p beyond its stat fields (status, command line, namespace,
 * descriptors, maps, detail), or a copy from the previous snapshot if p has not run since;
 * -ENOENT when it has gone. Any thread: s is that thread's own (arena and notes). */
int collect_one(struct snapshot *s, struct scan_ctx *c, struct proc_info *p);
/* collect_one for every process of s, on worker threads; drops the processes that have gone. */
void collect_all(struct snapshot *s, const struct scan_ctx *proto);
/* fn(arg, i) for every i below n, spread over as many threads as collect_all would use for n
 * processes (the caller's among them); returns when all are done. fn must touch nothing
 * another i touches. */
void collect_each(const struct scan_ctx *proto, size_t n, void (*fn)(void *arg, size_t i),
                  void *arg);
/* The user name of every process (main thread: the name cache is not shared). */
void collect_user_names(struct snapshot *s);
/* Descriptors of one process; sets PF_FDS_DENIED or returns -ENOENT when it is gone.
 * detail: the access mode of every descriptor, not only of IPC ends. */
int collect_fds(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail);
/* Maps of one process: all of them (detail) or only IPC-relevant ones. */
int collect_maps(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail);
/* Refresh loops: the run time of all of p's threads (0 when not in a loop or too many threads);
 * before is the previous snapshot's record of the same process (same pid and start), or NULL. */
uint64_t collect_runtime(struct scan_ctx *c, struct proc_info *p, struct proc_info *before);
/* Close the schedstat and syscall descriptors p and its threads keep (a process dropped from
 * the snapshot). */
void collect_forget_runtime(struct proc_info *p);
/* Open /proc/<pid>/<file> to keep it between refreshes, recorded in util/kept_fds (the count
 * of kept descriptors, and ipctop's own table, read without a readlink and a stat for each);
 * -1 when it cannot be, or when half the descriptor limit is kept already. The fstat is once
 * in the file's life. Any worker thread. */
int collect_keep_open(struct scan_ctx *c, pid_t pid, enum kept_file file);
/* The number of processes in the snapshot being taken, for the budget of kept files (a
 * schedstat for each comes before any other kept file). */
void collect_keep_reserve(size_t n_procs);
/* before, if p has not run since it was taken (else NULL: read p from /proc). */
const struct proc_info *collect_idle_prev(const struct scan_ctx *c, const struct proc_info *p,
                                         const struct proc_info *before);
/* before, if p has not run since it was taken, even in a full rescan (which is for shared
 * descriptor tables; a task that has not run is still in the same call): its waits can be
 * copied. Else NULL. */
const struct proc_info *collect_idle_waiter(const struct scan_ctx *c, const struct proc_info *p,
                                           const struct proc_info *before);
/* Copy from that record what status and cmdline gave, or the descriptors, IPC mappings and
 * namespaces. */
void collect_reuse_status(struct snapshot *s, struct proc_info *p, const struct proc_info *old);
void collect_reuse_tables(struct snapshot *s, struct proc_info *p, const struct proc_info *old);
/* p->wait: the main thread's wait when it sleeps, is in D or stopped (copied from old, the
 * previous record of an idle p, when that has one; from p->pcb for a detail p, so call it
 * after collect_detail); NULL when it runs. In a refresh loop its /proc/PID/syscall is kept
 * open while it waits: taken over from before (the previous record of the same process, or
 * NULL), else opened (collect_keep_open), and read with one pread. */
void collect_wait(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                  const struct proc_info *old, struct proc_info *before);
/* The walk of /proc/PID/task (collect_threads.c): p->tasks, each thread's state and wait
 * (detail, or as TASK_WAITS_MAX says), and p->threads (collect_opts want_threads); both
 * copied from old, the previous record of an idle p, when it has them. */
void collect_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                   const struct proc_info *old, struct proc_info *before, bool detail);
/* After wait_resolve: the thread waits of the processes of 2 or more threads that some wait
 * names as a peer and whose threads were not read (more than TASK_WAITS_MAX: in turn); returns
 * how many got them (then resolve again). */
size_t collect_peer_tasks(struct snapshot *s, struct scan_ctx *c);
/* At most this many threads of one process are read (collect_threads.c). */
enum { MAX_THREADS_READ = 4096 };
/* The stat of each of pid's threads (at most cap) into out, comm in a (NULL: not kept);
 * how many. */
size_t collect_read_threads(struct scan_ctx *c, struct arena *a, pid_t pid,
                            struct thread_info *out, size_t cap);
/* The threads of p, a process of more than TASK_WAITS_MAX threads: p->tasks, at most
 * TASK_WAITS_MAX of them read, the others kept from before (collect_rotate.c); p->threads too
 * when threads is set. */
void collect_tasks_rotate(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                          struct proc_info *before, bool threads);
/* Thread tid of p in state: its wait into w (state R: kind WK_UNKNOWN, syscall_nr -2); the
 * main thread's is p->wait when that was read. In a refresh loop the thread's syscall file is
 * kept open and pread (taken over from before, the previous record of p, or NULL). */
void collect_task_wait(struct snapshot *s, struct scan_ctx *c, const struct proc_info *p,
                       struct proc_info *before, pid_t tid, char state, struct task_wait *w);
/* before's record of thread tid (NULL: none, or before is NULL). */
struct task_wait *collect_task_before(struct proc_info *before, pid_t tid);
/* Hand the syscall file before's record of thread w->tid keeps over to w (nothing when none). */
void collect_task_fd_take(struct task_wait *w, struct proc_info *before);
/* old, a wait of the previous snapshot, into w (in s's arena), unresolved again. */
void collect_wait_copy(struct snapshot *s, struct task_wait *w, const struct task_wait *old,
                       pid_t tracer);
/* pid's fdinfo for fd into c->tmp; its length, or <= 0 (collect_fds.c). */
long collect_read_fdinfo(struct scan_ctx *c, pid_t pid, int fd);
/* c's scratch lists for parse_fdinfo_anon (allocated on first use). */
struct fdinfo_lists *scan_anon_lists(struct scan_ctx *c);
/* The blocked lock requests of /proc/locks into s->lock_waits, read only when some process
 * waits in a lock call (wait kind WK_LOCK). */
void collect_locks(struct snapshot *s, struct scan_ctx *c);
/* p->exe, the /proc/PID/exe link, read once a refresh when the list shows it (want_exe) or p
 * is a detail process (its maps are classified by it); copied from old, the previous record
 * of an idle p. Called before collect_maps. */
void collect_exe(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                 const struct proc_info *old, bool detail);
/* What the list shows only on demand (collect_opts want_cgroup): read anew (a process is
 * moved between cgroups without it running); a zombie's exit status. (The exe: collect_exe;
 * threads: collect_tasks; SHR comes with the status.) */
void collect_extras(struct snapshot *s, struct scan_ctx *c, struct proc_info *p);
/* Number the threads of all processes (thread0, n_threads), after they were read. */
void collect_number_threads(struct snapshot *s);
/* Detail only: smaps figures, schedstat, wchan, affinity. */
void collect_detail(struct snapshot *s, struct scan_ctx *c, struct proc_info *p);
/* The dump of ipctop's own network namespace, taken on a thread while processes are read. */
struct own_dump {
	pthread_t tid;
	bool started;
	uint64_t netns;
	struct snapshot shadow;   /* its sockets, strings and notes */
	int result;               /* sockets dumped, or -errno */
};
/* Start dumping ipctop's own network namespace (on a thread when one can be had). */
void collect_sockets_start(struct own_dump *d);
/* Wait for that dump and take its sockets, dump the other namespaces processes hold sockets
 * in, then link socket fds to sockets. Call exactly once after collect_sockets_start. */
void collect_sockets(struct snapshot *s, struct scan_ctx *c, struct own_dump *d);
/* Fill of pipes, FIFOs and POSIX queues (opts->probe_fill, root only): fd_info.has_fill. */
void collect_fill(struct snapshot *s, const struct scan_ctx *c);
/* /proc/sysvipc tables. */
void collect_sysvipc(struct snapshot *s, struct scan_ctx *c);
/* ipctop's own standing: euid, user namespace, the hidepid of its /proc. First of all. */
void collect_viewer(struct snapshot *s, struct scan_ctx *c);
/* Notes, once each, on what that standing kept from the snapshot (processes read). */
void collect_viewer_notes(struct snapshot *s);
/* Load, memory, uptime, CPUs. */
void collect_sysinfo(struct snapshot *s, struct scan_ctx *c);
/* Close the /proc/stat and /proc/meminfo descriptors collect_sysinfo keeps open. */
void collect_sysinfo_close(void);
/* Name of a uid, cached for the life of the program; NULL-safe to free with user_cache_free. */
const char *user_name(uid_t uid);
void user_cache_free(void);

#endif
