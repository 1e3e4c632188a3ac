/* snapshot.h — one consistent model of a machine's processes, descriptors, sockets and IPC
 * objects, as the collectors fill it and as channels, views and exports read it.
 * Everything here is plain data: nothing in this header touches /proc. */
#ifndef IPCTOP_SNAPSHOT_H
#define IPCTOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/arena.h"

/* Access of an endpoint, a descriptor or a mapping. */
enum access { ACC_NONE = 0, ACC_R = 1, ACC_W = 2, ACC_RW = 3 };

/* What a descriptor refers to, decided from its link text and a stat of it. */
enum fd_kind {
	FDK_UNKNOWN = 0,
	FDK_FILE,      /* regular file */
	FDK_DIR,
	FDK_CHR,       /* character device other than ptys */
	FDK_BLK,
	FDK_PIPE,      /* pipe:[ino] */
	FDK_FIFO,      /* named pipe on a filesystem */
	FDK_SOCKET,    /* socket:[ino] */
	FDK_EVENTFD,   /* anon_inode:[eventfd] */
	FDK_EVENTPOLL,
	FDK_SIGNALFD,
	FDK_TIMERFD,
	FDK_INOTIFY,
	FDK_PIDFD,
	FDK_ANON,      /* any other anon_inode: */
	FDK_MQUEUE,    /* POSIX message queue (mqueue filesystem) */
	FDK_MEMFD,     /* /memfd:NAME (deleted) */
	FDK_POSIX_SHM, /* /dev/shm/NAME */
	FDK_PTMX,      /* /dev/ptmx or /dev/pts/ptmx: pty master */
	FDK_PTS,       /* /dev/pts/N: pty slave */
	FDK__COUNT
};

/* An epoll instance's target as its fdinfo "tfd:" line gives it: the descriptor number the
 * target had when it was added (in the epoll owner's table), the events asked for (EPOLLIN,
 * EPOLLOUT...; the kernel adds EPOLLERR|EPOLLHUP) and the target file's inode. */
struct epoll_target { int32_t fd; uint32_t events; uint64_t ino; };
/* An inotify watch: its descriptor, the watched inode, its device (makedev) and event mask. */
struct inotify_watch { int32_t wd; uint32_t mask; uint64_t ino, dev; };

/* Which fd_anon values fdinfo gave (a line that did not parse leaves its bit clear). */
enum fd_anon_have {
	FA_COUNT = 1u << 0, FA_CLOCKID = 1u << 1, FA_TICKS = 1u << 2, FA_VALUE = 1u << 3,
	FA_INTERVAL = 1u << 4, FA_SIGMASK = 1u << 5, FA_PID = 1u << 6,
};

/* What fdinfo says about an anon-inode descriptor; which fields apply follows fd_info.kind.
 * Read only for detail processes. */
struct fd_anon {
	uint32_t have;              /* enum fd_anon_have */
	uint64_t count;             /* eventfd: the counter */
	int32_t clockid;            /* timerfd: CLOCK_* number */
	uint64_t ticks;             /* timerfd: expirations not yet read */
	uint64_t value_ns;          /* timerfd: time to the next expiry (0: disarmed) */
	uint64_t interval_ns;       /* timerfd: period (0: one-shot) */
	uint64_t sigmask;           /* signalfd: bit n-1 = signal n */
	int32_t pid;                /* pidfd: the process (in ipctop's pid namespace), -1 ended */
	struct inotify_watch *watches; uint32_t n_watches;   /* inotify */
	struct epoll_target *targets;  uint32_t n_targets;   /* epoll */
};

/* One open descriptor of a process. Fields are ordered so that none leaves a hole: at 2000
 * processes a snapshot holds 20000 of these (ipctop's own kept-open files among them). */
struct fd_info {
	int fd;
	enum fd_kind kind;
	char *target;        /* readlink text as the kernel gave it (raw bytes, NUL-terminated) */
	uint64_t dev, ino;   /* object identity: st_dev/st_ino, or the inode in pipe:[N]/socket:[N] */
	uint64_t rdev;       /* device number of a character/block device */
	int64_t aux;         /* ptmx: tty-index; pts: N; eventfd: eventfd-id; else -1 */
	int32_t sock;        /* index into snapshot.socks for FDK_SOCKET, or -1 */
	int32_t chan;        /* index into snapshot.chans of the channel it holds, or -1 (resolution) */
	int64_t fill_queued, fill_capacity;   /* with has_fill: bytes queued and pipe size; a
	                                       * queue: messages */
	struct fd_anon *anon;/* eventfd, timerfd, signalfd, inotify, epoll, pidfd of a detail
	                      * process: what its fdinfo says; else NULL */
	uint64_t pos;        /* with has_fdinfo: fdinfo "pos", the file position */
	uint32_t oflags;     /* with has_fdinfo: fdinfo "flags", the open flags (O_RDWR,
	                      * O_NONBLOCK, O_CLOEXEC...) */
	uint8_t access;      /* enum access, from the link's mode or fdinfo flags */
	bool has_fill;       /* pipe, FIFO, POSIX queue: measured through a duplicate (root only) */
	bool has_fdinfo;     /* a detail process's descriptor: pos and oflags were read */
};

/* Memory-segment class of one mapping (the textbook figure's regions). */
enum segment {
	SEG_ANON = 0, SEG_TEXT, SEG_DATA, SEG_BSS, SEG_HEAP, SEG_STACK, SEG_LIB,
	SEG_SHM, SEG_FILE, SEG_VDSO, SEG_VVAR, SEG_VSYSCALL,
	SEG_RODATA,           /* read-only (not executable) maps of the executable */
	SEG__COUNT
};

/* One line of /proc/PID/maps, with smaps figures where they were read. */
struct map_info {
	uint64_t start, end, offset;
	uint64_t dev, ino;    /* makedev(major, minor) of the maps line, and its inode */
	char perms[5];        /* "rw-p" */
	enum segment seg;
	char *path;           /* raw path or pseudo-name ("[heap]"); "" for anonymous */
	bool deleted;         /* path ended in " (deleted)" (stripped from path) */
	bool has_smaps;
	uint64_t rss_kib, pss_kib, swap_kib;
};

/* Flags for what could not be read about a process (marked, never guessed). A process that
 * exits while it is read is dropped from the snapshot, never shown half-read. */
/* A process of at most this many threads gets every thread's wait read when its main thread
 * sleeps, or when some wait names it as a peer (for rings that run through a thread); a detail
 * process always does; a bigger one gets at most this many read per refresh, in turn, and is
 * marked PF_TASKS_UNREAD while some waiting thread has none read yet (collect/collect_rotate.c). */
enum { TASK_WAITS_MAX = 64 };

enum proc_flag {
	PF_KTHREAD        = 1u << 0,  /* kernel thread: no address space, no fds */
	PF_FDS_DENIED     = 1u << 1,  /* /proc/PID/fd unreadable (EACCES) */
	PF_MAPS_DENIED    = 1u << 2,  /* /proc/PID/maps unreadable */
	PF_STATUS_DENIED  = 1u << 3,
	PF_NETNS_DENIED   = 1u << 4,  /* /proc/PID/ns/net unreadable: its sockets are unresolved */
	PF_NETNS_FOREIGN  = 1u << 5,  /* in another network namespace than ipctop */
	PF_NETNS_UNDUMPED = 1u << 6,  /* foreign namespace that could not be entered (no privilege) */
	PF_DETAIL         = 1u << 7,  /* detail (maps with smaps, sched, fds decoded) was collected */
	PF_SHR            = 1u << 8,  /* shr_kib was read */
	PF_TASKS_UNREAD   = 1u << 9,  /* more threads than collect reads the waits of per refresh
	                               * (TASK_WAITS_MAX), its main thread waiting or some wait
	                               * naming it: some waiting thread's wait is not known yet */
	PF_STAT_UNREAD    = 1u << 10, /* while a refresh is taken: listed from /proc, its stat
	                               * fields still to be read (collect/collect_stat.c) */
	PF_STAT_CARRIED   = 1u << 11, /* has not run since the previous snapshot: its stat fields
	                               * are that snapshot's, but for nice and policy, read anew */
};

/* Scheduling detail, read only for processes shown in detail. */
struct sched_detail {
	char *affinity;        /* Cpus_allowed_list, e.g. "0-3" */
	uint64_t run_ns;       /* schedstat: time on CPU */
	uint64_t wait_ns;      /* schedstat: time runnable, waiting for a CPU */
	uint64_t timeslices;   /* schedstat: number of times run */
	bool has_schedstat;
	char *wchan;           /* wait channel name, or NULL */
};

enum ns_kind { NS_CGROUP, NS_IPC, NS_MNT, NS_NET, NS_PID, NS_TIME, NS_USER, NS_UTS, NS__COUNT };

/* The rest of the PCB, read only for processes shown in detail. */
struct pcb_detail {
	int64_t syscall_nr;    /* the system call it is in; -1 none (user mode, blocked in the
	                        * kernel otherwise), -2 running, -3 not readable (root only) */
	uint64_t sp, pc;       /* user stack pointer and program counter, with syscall */
	uint64_t args[6];      /* its arguments (with has_regs and syscall_nr >= 0) */
	bool has_regs;
	char *cgroup;          /* the cgroup v2 path ("0::" line), else the first line; or NULL */
	bool has_caps;
	uint64_t cap_eff, cap_prm, cap_bnd;
	uint64_t ns[NS__COUNT];   /* namespace inodes, 0 when not readable */
};

/* What a sleeping, blocked or stopped task waits on, decoded from its system call (see
 * model/wait_decode.h) and resolved to a channel and peers (channel/wait_chain.h). */
enum wait_kind {
	WK_UNKNOWN = 0,  /* not readable (another user's task), or blocked outside a system call */
	WK_FD,           /* read, write, recv, send, accept, connect... on fd */
	WK_POLL,         /* poll/ppoll (arg: number of fds) or select/pselect (arg: nfds) */
	WK_EPOLL,        /* epoll_wait on fd (the epoll fd) */
	WK_FUTEX,        /* arg: the futex address */
	WK_CHILD,        /* wait4/waitid; arg: wait4's pid argument (-1 any child, <-1 a group) */
	WK_SYSV_MSG,     /* msgrcv/msgsnd; arg: msqid */
	WK_SYSV_SEM,     /* semop/semtimedop; arg: semid */
	WK_MQ,           /* mq_timedreceive/mq_timedsend on fd */
	WK_SLEEP,        /* nanosleep/clock_nanosleep: waits on no one */
	WK_SIGNAL,       /* pause/sigsuspend/sigtimedwait */
	WK_LOCK,         /* fcntl F_SETLKW / flock on fd; by: the holder where /proc/locks says */
	WK_STOPPED,      /* state T */
	WK_TRACED,       /* state t; by: the tracer */
	WK_OTHER,        /* some other system call */
	WK__COUNT
};

/* One descriptor an epoll instance watches (its fdinfo "tfd:" line), resolved: the channel of
 * the owner's descriptor with that inode, and the processes at its other end. */
struct wait_watch {
	struct epoll_target t;
	int32_t chan;                   /* index into snapshot.chans, or -1 (resolution) */
	pid_t *peers; size_t n_peers;   /* (resolution) */
};

struct task_wait {
	pid_t tid;
	char state;           /* S, D, T or t */
	uint8_t kind;         /* enum wait_kind */
	uint8_t dir;          /* ACC_R waits for data (read, recv, accept), ACC_W for room (write,
	                       * send, connect), 0 neither */
	int64_t syscall_nr;   /* -1 blocked outside a system call, -3 not readable */
	int fd;               /* the descriptor waited on, or -1 */
	int64_t arg;          /* per kind, see enum wait_kind */
	pid_t by;             /* tracer or lock holder, 0 when none or unknown */
	int32_t chan;         /* index into snapshot.chans of fd's channel, or -1 (resolution) */
	pid_t *peers; size_t n_peers;   /* whom it waits for (resolution): the other ends of the
	                                 * channel, the children, the lock holder, the tracer; of
	                                 * epoll, the peers of every watched descriptor */
	struct wait_watch *watched; uint32_t n_watched;   /* epoll: what the epoll fd watches */
	bool watch_read;      /* epoll: its fdinfo was read (watched is then the whole list) */
	uint64_t run_mark;    /* a big process's thread: its run time (schedstat, ns) when read,
	                       * to tell whether it ran since; 0 not known (collect_rotate.c) */
	uint64_t read_ms;     /* 0: examined by this snapshot; else taken_ms of the earlier one that
	                       * read it (a process of more than TASK_WAITS_MAX threads: at most that
	                       * many are read per refresh, collect/collect_rotate.c) */
	int call_fd1;         /* refresh loops, a thread other than the main one: its
	                       * task/TID/syscall kept open while it waits, plus 1 (0: none);
	                       * handed on like proc_info's syscall_fd1 */
};

/* A thread of a process other than its main one (read only while the list shows threads). */
struct thread_info {
	pid_t tid;
	char state;
	char *comm;            /* raw bytes from the kernel */
	uint64_t utime, stime; /* clock ticks */
};

/* Counters of /proc/PID/io (characters and calls of read-like and write-like system calls),
 * and their rates per second between two snapshots (model/rates.h; NAN where unknown). */
struct proc_io { uint64_t rchar, wchar, syscr, syscw, at_ns; /* CLOCK_MONOTONIC of the read */ };
struct proc_io_rate { double rchar, wchar, syscr, syscw; };
/* CPU% (100 = one CPU) and context switches per second between two snapshots; NAN unknown. */
struct proc_run_rate { double cpu_pct, vcsw, icsw; };

struct proc_info {
	pid_t pid, ppid, pgid, sid, tgid;
	int tty_nr;
	char state;            /* R S D Z T t X I ... */
	bool has_exit;         /* a zombie whose exit status was read: */
	int exit_status;       /* as wait() gives it (WIFEXITED, WEXITSTATUS, WTERMSIG) */
	char *comm;            /* raw bytes from the kernel */
	char *cmdline;         /* arguments joined with single spaces; "" for kernel threads */
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	char *user;            /* name of euid, or the number as text */
	int nlwp, nice, priority, policy, rt_priority, processor;
	uint64_t utime, stime, start_time;   /* clock ticks */
	uint64_t vsize, rss_kib;             /* bytes; KiB */
	uint64_t stack_start;  /* where the main stack starts (stat): placed anew by every exec
	                        * (ASLR), never moved otherwise; 0 when the kernel hides it (another
	                        * user's process, a kernel thread) or not read (JSON, recordings) */
	uint64_t vol_ctxt, nonvol_ctxt;
	uint64_t shr_kib;      /* shared resident pages (statm), read only while the list shows SHR */
	char *exe;             /* the program's path (/proc/PID/exe), read only while EXE is shown
	                        * or for a detail process; NULL when not read or not readable */
	char *cgroup;          /* the cgroup path that names its service (raw; model/cgroup_service.h),
	                        * read only with collect_opts.want_cgroup (SERVICE shown or
	                        * filtered, --json, pair metrics); NULL when not read */
	uint64_t sig_pending, sig_blocked, sig_ignored, sig_caught;  /* bit n-1 = signal n */
	uint64_t netns;        /* inode of /proc/PID/ns/net, 0 if unknown */
	uint64_t pidns;        /* inode of /proc/PID/ns/pid, 0 if unknown */
	uint64_t ipcns;        /* inode of /proc/PID/ns/ipc, read only for holders of SysV shm */
	uint64_t sched_runtime;/* schedstat run time of the process (ns), 0 if unknown */
	int runtime_fd1;       /* refresh loops: /proc/PID/schedstat kept open, plus 1 (0: none);
	                        * handed on to the next snapshot's record of the process */
	int stat_fd1;          /* refresh loops: /proc/PID/stat kept open, plus 1; handed on so */
	int syscall_fd1;       /* refresh loops: /proc/PID/syscall kept open while the main thread
	                        * waits, plus 1 (0: none); handed on the same way */
	uint32_t flags;        /* enum proc_flag */
	struct fd_info *fds;   size_t n_fds;
	struct map_info *maps; size_t n_maps;   /* all lines only with PF_DETAIL, else IPC-relevant ones */
	struct sched_detail *sched;             /* NULL unless PF_DETAIL */
	struct pcb_detail *pcb;                 /* NULL unless PF_DETAIL */
	uint32_t n_channels;   /* channels this process is an endpoint of (filled by resolution) */
	pid_t tracer;          /* TracerPid from status, 0 none */
	struct task_wait *wait;   /* the main thread's wait; NULL when it runs (or is a zombie) */
	uint64_t wait_since_ms;   /* taken_ms of the first snapshot that saw the same thread in this
	                           * same wait (model/wait_since.h); 0 not known */
	struct task_wait *tasks; size_t n_tasks;   /* every thread's wait (state R: kind
	                                            * WK_UNKNOWN, syscall_nr -2): detail, and
	                                            * processes of 2 to TASK_WAITS_MAX threads
	                                            * some wait names as a peer, bigger ones in
	                                            * turn (TASK_WAITS_MAX above) */
	struct thread_info *threads; uint32_t n_threads;   /* its other threads, by tid; only
	                                                    * with collect_opts want_threads */
	uint32_t thread0;      /* index of its first thread among all the snapshot's threads */
	bool has_io;           /* io was read (asked for, and /proc/PID/io readable) */
	struct proc_io io;
	struct proc_io_rate io_rate;   /* only when the snapshot has_rates */
	struct proc_run_rate run_rate; /* the same */
	const char *host;      /* --merge: the host whose snapshot lists it; NULL in one host's */
};

/* A socket from NETLINK_SOCK_DIAG, keyed by (netns, ino). */
struct sock_info {
	uint64_t netns, ino;
	uint8_t family;        /* AF_UNIX, AF_INET, AF_INET6, AF_NETLINK */
	uint8_t type;          /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW */
	uint8_t protocol;      /* IPPROTO_TCP/UDP, or the netlink protocol */
	uint8_t state;         /* TCP_* state numbers (UNIX uses the same: 10 listen, 1 established) */
	bool has_drops;        /* UDP and UNIX: the kernel gave SK_MEMINFO_DROPS (sock_diag) */
	bool has_mem;          /* TCP, UDP, UNIX: the kernel gave its buffer sizes (SK_MEMINFO) */
	bool has_tcp_info;     /* INET: bytes_* and rtt_us below */
	uint32_t rqueue, wqueue;
	uint32_t drops;        /* packets the socket dropped (receive buffer full, ...) */
	uint32_t rcvbuf, sndbuf;   /* SK_MEMINFO_RCVBUF/SNDBUF: the receive and send buffers' limits
	                            * in bytes of kernel memory (ss -m's rb and tb) */
	uint32_t rtt_us;       /* INET, with has_tcp_info */
	/* UNIX */
	char *name; size_t name_len;   /* raw; abstract names start with a NUL byte; NULL unnamed */
	uint64_t peer;                 /* peer inode, 0 if none */
	uint64_t *icons; size_t n_icons;  /* a listener's pending connections (inodes) */
	uint64_t vfs_dev, vfs_ino;     /* the socket file of a path-named socket */
	/* INET */
	uint8_t laddr[16], raddr[16];  /* IPv4 in the first 4 bytes */
	uint16_t lport, rport;         /* host byte order */
	uint32_t uid;
	uint64_t bytes_acked, bytes_received;
	uint64_t bytes_sent;           /* tcpi_bytes_sent: payload sent, SYN and FIN not counted */
	uint64_t at_ns;                /* CLOCK_MONOTONIC when its dump ran (0: not known) */
	/* TCP connection: 1 + index into socks of the listener it was accepted through (same
	 * namespace, local address and port; set by channel resolution); 0: none */
	int32_t listener1;
	/* NETLINK */
	uint32_t portid, dst_portid, dst_group;
	/* (fields ordered to leave no hole: thousands of sockets per snapshot) */
};

struct sysv_shm {
	int32_t key, shmid; uint32_t perms; uint64_t size;
	pid_t cpid, lpid; uint64_t nattch; uid_t uid, cuid; gid_t gid, cgid;
	int64_t atime, dtime, ctime; uint64_t rss, swap;
};
struct sysv_msg {
	int32_t key, msqid; uint32_t perms; uint64_t cbytes, qnum;
	pid_t lspid, lrpid; uid_t uid, cuid; gid_t gid, cgid;
	int64_t stime, rtime, ctime;
};
struct sysv_sem {
	int32_t key, semid; uint32_t perms; uint64_t nsems;
	uid_t uid, cuid; gid_t gid, cgid; int64_t otime, ctime;
};

enum chan_kind {
	CK_PIPE = 0, CK_FIFO, CK_UNIX, CK_TCP, CK_UDP, CK_SYSV_SHM, CK_SYSV_MSG,
	CK_POSIX_SHM, CK_POSIX_MQ, CK_MEMFD, CK_PTY, CK_EVENTFD,
	CK_ANON_SHM,          /* shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS, /dev/zero) */
	CK__COUNT
};

/* One process's hold on a channel. */
struct endpoint {
	pid_t pid;            /* 0 for an off-host or unseen peer (then remote is set) */
	int32_t proc;         /* index into snapshot.procs, or -1 */
	int fd;               /* -1 for a mapping or a sysvipc record */
	int32_t sock;         /* index into snapshot.socks, or -1 */
	char *remote;         /* "addr:port" of a peer no local process holds, else NULL */
	const char *role;     /* short word: "read", "write", "master", "slave", "sender", ... or NULL */
	uint64_t addr, size;  /* anon_shm: start and length of the mapping; else 0 */
	uint64_t tx_bytes;    /* with has_bytes: payload this end sent and got acked (SYN and FIN
	                       * not counted) */
	uint64_t rx_bytes;    /* with has_bytes: payload this end received (the peer's FIN not
	                       * counted) */
	double tx_per_s, rx_per_s;   /* rates of the two, when the snapshot has_rates; NAN unknown */
	double drops_per_s;   /* its socket's drops per second (UDP, UNIX), when the snapshot
	                       * has_rates; NAN unknown */
	const char *host;     /* --merge: the host whose snapshot lists it; NULL in one host's */
	uint8_t access;       /* enum access */
	bool has_bytes;       /* TCP connection end with tcp_info: the two counters above */
};

/* Fields of this and of endpoint are ordered to leave few holes (thousands of each). */
struct channel {
	enum chan_kind kind;
	int32_t label_sock1;  /* unix: 1 + index into socks of the socket whose exact name the
	                       * label stands for (format_chan_label shows it); 0: none */
	char *id;             /* stable text id, e.g. "pipe:12345", "tcp:[netns]127.0.0.1:80-127.0.0.1:5000" */
	char *label;          /* path, socket name, queue name or NULL (raw bytes; an abstract
	                       * UNIX name has '@' for its NUL bytes here: see label_sock1) */
	struct endpoint *ep; size_t n_ep;
	uint64_t netns;       /* sockets: their namespace; else 0 */
	uint64_t queued;      /* bytes or messages waiting, where queued_known */
	int64_t capacity;     /* pipe or FIFO: buffer size in bytes; POSIX queue: most messages;
	                       * -1 unknown */
	uint64_t bytes;       /* TCP: bytes acked + received over the channel, where known */
	int32_t sysv;         /* index into sysv_shm / sysv_msg arrays, or -1 */
	bool queued_known;    /* sockets' receive queues, SysV queues; pipes, FIFOs and POSIX
	                       * queues only where measured (root): else unknown, never 0 */
	bool one_ended;       /* pipe or FIFO whose visible holders only write or only read (a pipe
	                       * leaked into many services): holders that never talk to each other */
};

/* A blocked lock request from /proc/locks: waiter waits for holder (pids as the file gives them:
 * POSIX the owner process, FLOCK the locker; 0 for OFD locks, whose owner it does not name). */
struct lock_wait { pid_t waiter, holder; uint64_t dev, ino; };

/* Processes that wait on each other in a ring: a deadlock (channel/wait_chain.h). */
struct wait_cycle { pid_t *pids; size_t n; };

/* Facts about the machine for the header line. */
/* The time counters of one "cpu" line of /proc/stat, in clock ticks (user and nice include
 * guest and guest_nice, as the kernel counts them). */
enum cpu_field {
	CPUF_USER, CPUF_NICE, CPUF_SYSTEM, CPUF_IDLE, CPUF_IOWAIT, CPUF_IRQ, CPUF_SOFTIRQ,
	CPUF_STEAL, CPUF_GUEST, CPUF_GUEST_NICE, CPUF__COUNT
};
struct cpu_times {
	bool online;                  /* the line was there (an offline CPU has none) */
	uint64_t t[CPUF__COUNT];
};

struct sys_info {
	double load[3];
	uint64_t mem_total_kib, mem_avail_kib;
	/* More of /proc/meminfo, for the memory and swap meters (KiB). */
	uint64_t mem_free_kib, buffers_kib, cached_kib, sreclaimable_kib, shmem_kib;
	uint64_t swap_total_kib, swap_free_kib, swap_cached_kib;
	double uptime_s;
	long ticks_per_sec;
	int ncpu;
	pid_t last_pid;               /* /proc/loadavg: the last pid given out (0: unknown) */
	/* /proc/stat: the sum line, and one slot per CPU number up to the highest listed
	 * (arena memory; n_cpu_slots 0 when /proc/stat was not read). */
	struct cpu_times cpu_all;
	struct cpu_times *cpus;
	int n_cpu_slots;
	/* Read back from JSON or a recording of schema 1, which hold of these only load, uptime,
	 * ncpu and the memory total and available: no CPU times, no other meminfo, no swap. */
	bool figures_partial;
};

/* A note about something the scan could not do (no privilege, malformed input). */
struct snap_note { char *text; };

struct snapshot {
	struct arena arena;                /* strings and small arrays live here */
	uint64_t taken_ms;                 /* CLOCK_REALTIME, ms */
	uid_t viewer_uid;                  /* euid of ipctop */
	bool viewer_root;                  /* euid 0 in the machine's first user namespace: root's
	                                    * view of the machine (false for root of a user namespace) */
	bool viewer_userns;                /* ipctop runs in a user namespace other than the first */
	int proc_hidepid;                  /* hidepid= of the /proc read (0 none, 1 noaccess,
	                                    * 2 invisible, 4 ptraceable), when it applies to ipctop */
	uint64_t own_netns, own_ipcns;
	struct sys_info sys;
	struct proc_info *procs;  size_t n_procs;   /* sorted by pid (unless by_host) */
	struct sock_info *socks;  size_t n_socks;
	struct sysv_shm *shm;     size_t n_shm;
	struct sysv_msg *msg;     size_t n_msg;
	struct sysv_sem *sem;     size_t n_sem;
	struct channel *chans;    size_t n_chans;
	struct snap_note *notes;  size_t n_notes;
	struct lock_wait *lock_waits; size_t n_lock_waits;   /* arena */
	struct wait_cycle *cycles; size_t n_cycles;          /* arena, by wait resolution */
	size_t cap_procs, cap_socks, cap_chans, cap_notes;
	size_t n_reused;                   /* processes carried over from the previous snapshot */
	size_t n_threads;                  /* threads in all procs[].threads (thread0 numbers them) */
	bool has_rates;                    /* rates were computed against an earlier snapshot */
	bool by_host;                      /* --merge: procs by host, then pid (pids repeat) */
	uint64_t rate_interval_ms;         /* ... taken this long before this one */
};

/* Names used by every output: "pipe", "unix", "sysv_shm", ... */
const char *chan_kind_name(enum chan_kind k);
const char *fd_kind_name(enum fd_kind k);
const char *segment_name(enum segment s);
const char *access_name(uint8_t acc);   /* "", "r", "w", "rw" */
const char *ns_kind_name(enum ns_kind k);   /* "cgroup", "ipc", ... as in /proc/PID/ns */

void snapshot_init(struct snapshot *s);
void snapshot_free(struct snapshot *s);
/* Find a process by pid (binary search; procs must be sorted), or NULL. In a merge (by_host)
 * the first host's process of that pid. */
struct proc_info *snapshot_find_proc(const struct snapshot *s, pid_t pid);
/* The process pid on host (NULL: one machine's snapshot, as snapshot_find_proc), or NULL. */
struct proc_info *snapshot_find_proc_on(const struct snapshot *s, pid_t pid, const char *host);
/* The process pid that started at start, or NULL. In a merge, on host (two hosts may have one
 * pid started at one tick); host NULL: on whichever host it is. */
struct proc_info *snapshot_find_proc_at(const struct snapshot *s, pid_t pid, uint64_t start, const char *host);
/* Whether p is on host: host NULL (one machine, or any host) or p's host of that name. */
bool proc_on_host(const struct proc_info *p, const char *host);
/* The record in s of the same process as p: same pid and same start time (a reused pid is
 * another process); NULL when there is none or s is NULL. The one rule for "the process as
 * it was before" (collect's reuse, rates, CPU%). */
struct proc_info *snapshot_same_proc(const struct snapshot *s, const struct proc_info *p);
/* Take over what a collector thread's private snapshot gathered: its arena (pointers into it
 * stay valid), its notes and its reuse count; from keeps the rest and is to be freed. */
void snapshot_adopt(struct snapshot *s, struct snapshot *from);
/* Append a note, printf-style. */
void snapshot_note(struct snapshot *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
