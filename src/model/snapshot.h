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

/* One open descriptor of a process. */
struct fd_info {
	int fd;
	enum fd_kind kind;
	uint8_t access;      /* enum access, from the link's mode or fdinfo flags */
	char *target;        /* readlink text as the kernel gave it (raw bytes, NUL-terminated) */
	uint64_t dev, ino;   /* object identity: st_dev/st_ino, or the inode in pipe:[N]/socket:[N] */
	uint64_t rdev;       /* device number of a character/block device */
	int64_t aux;         /* ptmx: tty-index; pts: N; eventfd: eventfd-id; else -1 */
	int32_t sock;        /* index into snapshot.socks for FDK_SOCKET, or -1 */
	int32_t chan;        /* index into snapshot.chans of the channel it holds, or -1 (resolution) */
};

/* Memory-segment class of one mapping (the textbook figure's regions). */
enum segment {
	SEG_ANON = 0, SEG_TEXT, SEG_DATA, SEG_BSS, SEG_HEAP, SEG_STACK, SEG_LIB,
	SEG_SHM, SEG_FILE, SEG_VDSO, SEG_VVAR, SEG_VSYSCALL, SEG__COUNT
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
enum proc_flag {
	PF_KTHREAD        = 1u << 0,  /* kernel thread: no address space, no fds */
	PF_FDS_DENIED     = 1u << 1,  /* /proc/PID/fd unreadable (EACCES) */
	PF_MAPS_DENIED    = 1u << 2,  /* /proc/PID/maps unreadable */
	PF_STATUS_DENIED  = 1u << 3,
	PF_NETNS_DENIED   = 1u << 4,  /* /proc/PID/ns/net unreadable: its sockets are unresolved */
	PF_NETNS_FOREIGN  = 1u << 5,  /* in another network namespace than ipctop */
	PF_NETNS_UNDUMPED = 1u << 6,  /* foreign namespace that could not be entered (no privilege) */
	PF_DETAIL         = 1u << 7,  /* detail (maps with smaps, sched, fds decoded) was collected */
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
	bool has_regs;
	char *cgroup;          /* the cgroup v2 path ("0::" line), else the first line; or NULL */
	bool has_caps;
	uint64_t cap_eff, cap_prm, cap_bnd;
	uint64_t ns[NS__COUNT];   /* namespace inodes, 0 when not readable */
};

struct proc_info {
	pid_t pid, ppid, pgid, sid, tgid;
	int tty_nr;
	char state;            /* R S D Z T t X I ... */
	char *comm;            /* raw bytes from the kernel */
	char *cmdline;         /* arguments joined with single spaces; "" for kernel threads */
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	char *user;            /* name of euid, or the number as text */
	int nlwp, nice, priority, policy, rt_priority, processor;
	uint64_t utime, stime, start_time;   /* clock ticks */
	uint64_t vsize, rss_kib;             /* bytes; KiB */
	uint64_t vol_ctxt, nonvol_ctxt;
	uint64_t sig_pending, sig_blocked, sig_ignored, sig_caught;  /* bit n-1 = signal n */
	uint64_t netns;        /* inode of /proc/PID/ns/net, 0 if unknown */
	uint64_t pidns;        /* inode of /proc/PID/ns/pid, 0 if unknown */
	uint64_t ipcns;        /* inode of /proc/PID/ns/ipc, read only for holders of SysV shm */
	uint64_t sched_runtime;/* schedstat run time of the process (ns), 0 if unknown */
	int runtime_fd1;       /* refresh loops: /proc/PID/schedstat kept open, plus 1 (0: none);
	                        * handed on to the next snapshot's record of the process */
	uint32_t flags;        /* enum proc_flag */
	struct fd_info *fds;   size_t n_fds;
	struct map_info *maps; size_t n_maps;   /* all lines only with PF_DETAIL, else IPC-relevant ones */
	struct sched_detail *sched;             /* NULL unless PF_DETAIL */
	struct pcb_detail *pcb;                 /* NULL unless PF_DETAIL */
	uint32_t n_channels;   /* channels this process is an endpoint of (filled by resolution) */
	const char *host;      /* --merge: the host whose snapshot lists it; NULL in one host's */
};

/* A socket from NETLINK_SOCK_DIAG, keyed by (netns, ino). */
struct sock_info {
	uint64_t netns, ino;
	uint8_t family;        /* AF_UNIX, AF_INET, AF_INET6, AF_NETLINK */
	uint8_t type;          /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW */
	uint8_t protocol;      /* IPPROTO_TCP/UDP, or the netlink protocol */
	uint8_t state;         /* TCP_* state numbers (UNIX uses the same: 10 listen, 1 established) */
	uint32_t rqueue, wqueue;
	/* UNIX */
	char *name; size_t name_len;   /* raw; abstract names start with a NUL byte; NULL unnamed */
	uint64_t peer;                 /* peer inode, 0 if none */
	uint64_t *icons; size_t n_icons;  /* a listener's pending connections (inodes) */
	uint64_t vfs_dev, vfs_ino;     /* the socket file of a path-named socket */
	/* INET */
	uint8_t laddr[16], raddr[16];  /* IPv4 in the first 4 bytes */
	uint16_t lport, rport;         /* host byte order */
	uint32_t uid;
	bool has_tcp_info;
	uint64_t bytes_acked, bytes_received;
	uint64_t bytes_sent;           /* tcpi_bytes_sent: payload sent, SYN and FIN not counted */
	uint32_t rtt_us;
	/* NETLINK */
	uint32_t portid, dst_portid, dst_group;
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
	uint8_t access;       /* enum access */
	char *remote;         /* "addr:port" of a peer no local process holds, else NULL */
	int32_t sock;         /* index into snapshot.socks, or -1 */
	const char *role;     /* short word: "read", "write", "master", "slave", "sender", ... or NULL */
	uint64_t addr, size;  /* anon_shm: start and length of the mapping; else 0 */
	const char *host;     /* --merge: the host whose snapshot lists it; NULL in one host's */
};

struct channel {
	enum chan_kind kind;
	char *id;             /* stable text id, e.g. "pipe:12345", "tcp:[netns]127.0.0.1:80-127.0.0.1:5000" */
	char *label;          /* path, socket name, queue name or NULL (raw bytes; an abstract
	                       * UNIX name has '@' for its NUL bytes here: see label_sock1) */
	int32_t label_sock1;  /* unix: 1 + index into socks of the socket whose exact name the
	                       * label stands for (format_chan_label shows it); 0: none */
	struct endpoint *ep; size_t n_ep;
	uint64_t netns;       /* sockets: their namespace; else 0 */
	int32_t sysv;         /* index into sysv_shm / sysv_msg arrays, or -1 */
	uint64_t queued;      /* bytes or messages waiting, where known */
	uint64_t bytes;       /* TCP: bytes acked + received over the channel, where known */
	bool one_ended;       /* pipe or FIFO whose visible holders only write or only read (a pipe
	                       * leaked into many services): holders that never talk to each other */
};

/* Facts about the machine for the header line. */
struct sys_info {
	double load[3];
	uint64_t mem_total_kib, mem_avail_kib;
	double uptime_s;
	long ticks_per_sec;
	int ncpu;
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
	struct proc_info *procs;  size_t n_procs;   /* sorted by pid */
	struct sock_info *socks;  size_t n_socks;
	struct sysv_shm *shm;     size_t n_shm;
	struct sysv_msg *msg;     size_t n_msg;
	struct sysv_sem *sem;     size_t n_sem;
	struct channel *chans;    size_t n_chans;
	struct snap_note *notes;  size_t n_notes;
	size_t cap_procs, cap_socks, cap_chans, cap_notes;
	size_t n_reused;                   /* processes carried over from the previous snapshot */
};

/* Names used by every output: "pipe", "unix", "sysv_shm", ... */
const char *chan_kind_name(enum chan_kind k);
const char *fd_kind_name(enum fd_kind k);
const char *segment_name(enum segment s);
const char *access_name(uint8_t acc);   /* "", "r", "w", "rw" */
const char *ns_kind_name(enum ns_kind k);   /* "cgroup", "ipc", ... as in /proc/PID/ns */

void snapshot_init(struct snapshot *s);
void snapshot_free(struct snapshot *s);
/* Find a process by pid (binary search; procs must be sorted), or NULL. */
struct proc_info *snapshot_find_proc(const struct snapshot *s, pid_t pid);
/* Take over what a collector thread's private snapshot gathered: its arena (pointers into it
 * stay valid), its notes and its reuse count; from keeps the rest and is to be freed. */
void snapshot_adopt(struct snapshot *s, struct snapshot *from);
/* Append a note, printf-style. */
void snapshot_note(struct snapshot *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
