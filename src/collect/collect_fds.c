/* collect_fds.c — one process's descriptors: readlinkat on /proc/PID/fd/N, a stat of the link
 * (never opening its target) where the link text does not say what the object is, and fdinfo
 * only for ptmx (tty-index), eventfd (eventfd-id) and, for a detail process, every descriptor
 * (position and open flags) and the other anon-inode kinds (timerfd, signalfd, inotify,
 * epoll, pidfd: what fdinfo says of them). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"
#include "util/kept_fds.h"
#include "util/xalloc.h"

#ifndef MQUEUE_MAGIC
#define MQUEUE_MAGIC 0x19800202
#endif

/* Access of a pipe/FIFO/device end from the mode of the /proc link itself: the kernel gives the
 * link S_IRUSR for a read end, S_IWUSR for a write end. */
static uint8_t link_access(int fd_dir, const char *name)
{
	struct stat st;
	if (fstatat(fd_dir, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return ACC_NONE;
	return (uint8_t)(((st.st_mode & S_IRUSR) ? ACC_R : 0) | ((st.st_mode & S_IWUSR) ? ACC_W : 0));
}

/* A path whose only slash is the first one: a POSIX message queue shows like this. */
static bool is_root_level(const char *t)
{
	return t[0] == '/' && t[1] && !strchr(t + 1, '/');
}

static bool is_mqueue(int fd_dir, const char *name)
{
	char path[64];
	struct statfs sf;
	snprintf(path, sizeof(path), "/proc/self/fd/%d/%s", fd_dir, name);
	return statfs(path, &sf) == 0 && (unsigned long)sf.f_type == MQUEUE_MAGIC;
}

/* Devices that are character devices on every Linux system and never IPC. */
static bool is_plain_device(const char *t)
{
	return !strcmp(t, "/dev/null") || !strcmp(t, "/dev/zero") || !strcmp(t, "/dev/full") ||
	       !strcmp(t, "/dev/urandom") || !strcmp(t, "/dev/random");
}

/* Decide the kind of a path target by a stat that follows the link (no open). */
static void classify_by_stat(int fd_dir, const char *name, struct fd_info *fi)
{
	struct stat st;
	if (fstatat(fd_dir, name, &st, 0) < 0)
		return;
	fi->dev = st.st_dev;
	fi->ino = st.st_ino;
	fi->rdev = st.st_rdev;
	if (S_ISFIFO(st.st_mode))
		fi->kind = FDK_FIFO;
	else if (S_ISDIR(st.st_mode))
		fi->kind = FDK_DIR;
	else if (S_ISCHR(st.st_mode))
		fi->kind = FDK_CHR;
	else if (S_ISBLK(st.st_mode))
		fi->kind = FDK_BLK;
	else if (S_ISREG(st.st_mode))
		fi->kind = is_root_level(fi->target) && is_mqueue(fd_dir, name) ? FDK_MQUEUE : FDK_FILE;
}

long collect_read_fdinfo(struct scan_ctx *c, pid_t pid, int fd)
{
	char path[64];
	snprintf(path, sizeof(path), "%d/fdinfo/%d", (int)pid, fd);
	return read_whole_at(c->proc_fd, path, &c->tmp);
}

struct fdinfo_lists *scan_anon_lists(struct scan_ctx *c)
{
	if (!c->anon_lists)
		c->anon_lists = xcalloc(1, sizeof(*c->anon_lists));
	return c->anon_lists;
}

static int64_t fdinfo_value(struct scan_ctx *c, pid_t pid, int fd, bool tty)
{
	long n = collect_read_fdinfo(c, pid, fd);
	if (n <= 0)
		return -1;
	struct fdinfo_fields f;
	parse_fdinfo(c->tmp.buf, (size_t)n, &f);
	if (tty)
		return f.has_tty_index ? f.tty_index : -1;
	return f.has_eventfd_id ? f.eventfd_id : -1;
}

static bool is_anon_kind(enum fd_kind k)
{
	return k == FDK_EVENTFD || k == FDK_TIMERFD || k == FDK_SIGNALFD || k == FDK_INOTIFY ||
	       k == FDK_EVENTPOLL || k == FDK_PIDFD;
}

static void keep_pos_flags(struct fd_info *fi, const struct fdinfo_fields *f)
{
	fi->has_fdinfo = f->has_pos && f->has_flags;
	fi->pos = f->pos;
	fi->oflags = f->flags;
}

/* A detail process's descriptor: its position and open flags, from its fdinfo. */
static void read_pos_flags(struct scan_ctx *c, pid_t pid, struct fd_info *fi)
{
	long n = collect_read_fdinfo(c, pid, fi->fd);
	if (n <= 0)
		return;
	struct fdinfo_fields f;
	parse_fdinfo(c->tmp.buf, (size_t)n, &f);
	keep_pos_flags(fi, &f);
}

/* What fdinfo says of an anon-inode descriptor, in the snapshot's arena, and its common
 * fields into *f (the eventfd id); NULL when it could not be read. */
static struct fd_anon *read_anon(struct snapshot *s, struct scan_ctx *c, pid_t pid, int fd,
				 struct fdinfo_fields *f)
{
	long n = collect_read_fdinfo(c, pid, fd);
	if (n <= 0)
		return NULL;
	struct fdinfo_lists *l = scan_anon_lists(c);
	struct fd_anon a;
	parse_fdinfo_anon(c->tmp.buf, (size_t)n, &a, l, f);
	struct fd_anon *out = arena_memdup(&s->arena, &a, sizeof(a));
	out->targets = l->n_targets ? arena_memdup(&s->arena, l->targets,
						  l->n_targets * sizeof(*l->targets)) : NULL;
	out->n_targets = (uint32_t)l->n_targets;
	out->watches = l->n_watches ? arena_memdup(&s->arena, l->watches,
						  l->n_watches * sizeof(*l->watches)) : NULL;
	out->n_watches = (uint32_t)l->n_watches;
	return out;
}

/* A detail process's anon-inode descriptor: one fdinfo read gives its values (and an
 * eventfd's id); an eventfd of any other process still gets its id. */
static void decode_anon(struct snapshot *s, struct scan_ctx *c, pid_t pid, struct fd_info *fi,
			bool detail)
{
	fi->access = ACC_RW;
	if (!detail) {
		if (fi->kind == FDK_EVENTFD)
			fi->aux = fdinfo_value(c, pid, fi->fd, false);
		return;
	}
	struct fdinfo_fields f;
	fi->anon = read_anon(s, c, pid, fi->fd, &f);
	if (!fi->anon)
		return;
	if (fi->kind == FDK_EVENTFD)
		fi->aux = f.has_eventfd_id ? f.eventfd_id : -1;
	keep_pos_flags(fi, &f);
}

/* Fill the details each kind needs. */
static void decode_fd(struct snapshot *s, struct scan_ctx *c, pid_t pid, int fd_dir, const char *name,
		      struct fd_info *fi, bool detail)
{
	uint64_t ino = 0;
	enum fd_kind kind = classify_fd_link(fi->target, &ino);
	fi->kind = kind;
	fi->aux = -1;
	fi->sock = -1;
	switch (fi->kind) {
	case FDK_PIPE:
		fi->ino = ino;
		fi->access = link_access(fd_dir, name);
		break;
	case FDK_SOCKET:
		fi->ino = ino;
		fi->access = ACC_RW;
		break;
	case FDK_PTS:
		fi->aux = (int64_t)ino;
		classify_by_stat(fd_dir, name, fi);
		fi->kind = kind;
		fi->access = link_access(fd_dir, name);
		break;
	case FDK_PTMX:
		fi->aux = fdinfo_value(c, pid, fi->fd, true);
		fi->access = link_access(fd_dir, name);
		break;
	case FDK_MEMFD:
	case FDK_POSIX_SHM:
		classify_by_stat(fd_dir, name, fi);
		fi->kind = kind;
		fi->access = link_access(fd_dir, name);
		break;
	case FDK_UNKNOWN:
		if (!detail && is_plain_device(fi->target)) {
			fi->kind = FDK_CHR;   /* the standard streams of daemons: no stat needed */
		} else if (fi->target[0] == '/') {
			classify_by_stat(fd_dir, name, fi);
			if (fi->kind == FDK_FIFO || fi->kind == FDK_MQUEUE)
				fi->access = link_access(fd_dir, name);
		}
		break;
	default:
		if (is_anon_kind(kind))
			decode_anon(s, c, pid, fi, detail);
		break;
	}
}

/* Append text, or pid in decimal, at p; the end. (ipctop's own row has a kept file for most
 * processes: snprintf for each was a tenth of an idle refresh's instructions.) */
static char *put_text(char *p, const char *text)
{
	size_t n = strlen(text);
	memcpy(p, text, n);
	return p + n;
}

static char *put_pid(char *p, pid_t pid)
{
	char digits[12];
	int n = 0;
	unsigned v = (unsigned)pid;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < (int)sizeof(digits));
	while (n)
		*p++ = digits[--n];
	return p;
}

/* A kept file as the readlink of its descriptor gives it (the path it was opened by,
 * collect_keep_open), in the snapshot's arena. */
static char *kept_target(struct snapshot *s, pid_t pid, enum kept_file file)
{
	char target[64], *e = put_pid(put_text(target, "/proc/"), pid);
	if (file == KEPT_TASK_SYSCALL)
		e = put_text(put_pid(put_text(e, "/task/"), pid), "/syscall");
	else
		e = put_text(put_text(e, "/"), kept_file_name(file));
	return arena_strndup(&s->arena, target, (size_t)(e - target));
}

/* fi: one of the files ipctop itself keeps open (util/kept_fds.h), from its record, described
 * as the readlink and stat below would, without them. */
static void describe_kept(struct snapshot *s, struct fd_info *fi, int fd, pid_t pid,
                          enum kept_file file, uint64_t dev, uint64_t ino, bool detail)
{
	memset(fi, 0, sizeof(*fi));
	fi->fd = fd;
	fi->target = kept_target(s, pid, file);
	fi->kind = FDK_FILE;
	fi->dev = dev;
	fi->ino = ino;
	fi->aux = -1;
	fi->sock = -1;
	fi->access = detail ? ACC_R : ACC_NONE;
}

/* describe_kept when fd is one of the files ipctop keeps open: true then. */
static bool own_kept_fd(struct snapshot *s, int fd, struct fd_info *fi, bool detail)
{
	pid_t pid;
	enum kept_file file;
	uint64_t dev, ino;
	if (!kept_fd_lookup(fd, &pid, &file, &dev, &ino))
		return false;
	describe_kept(s, fi, fd, pid, file, dev, ino, detail);
	return true;
}

static int parse_fd_name(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > 0x7fffffff)
		return -1;
	return (int)v;
}

static int cmp_fd(const void *a, const void *b)
{
	const struct fd_info *x = a, *y = b;
	return (x->fd > y->fd) - (x->fd < y->fd);
}

/* Descriptor fd (its name in fd_dir) of p, appended to c->fdbuf at *n: 0, or -1 when its link
 * may not be read (then PF_FDS_DENIED is set). A descriptor closed meanwhile is left out. */
static int add_fd(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, int fd_dir,
                  int fd, const char *name, size_t *n, bool detail)
{
	struct fd_info *buf = c->fdbuf;
	XGROW(buf, c->fdcap, *n + 1);
	c->fdbuf = buf;
	if (p->pid == c->self_pid && own_kept_fd(s, fd, &buf[*n], detail)) {
		(*n)++;
		return 0;
	}
	char target[4096];
	long len = readlink_at(fd_dir, name, target, sizeof(target));
	if (len == -EACCES || len == -EPERM) {
		p->flags |= PF_FDS_DENIED;   /* listing allowed, links not (pid 1 in a container) */
		return -1;
	}
	if (len < 0)
		return 0;   /* closed since the listing: it is simply not open any more */
	struct fd_info *fi = &buf[(*n)++];
	memset(fi, 0, sizeof(*fi));
	fi->fd = fd;
	fi->target = arena_strndup(&s->arena, target, (size_t)len);
	decode_fd(s, c, p->pid, fd_dir, name, fi, detail);
	if (detail && fi->access == ACC_NONE)
		fi->access = link_access(fd_dir, name);
	if (detail && !fi->has_fdinfo)
		read_pos_flags(c, p->pid, fi);
	return 0;
}

/* ipctop's own descriptors, without listing its fd directory: that listing makes the kernel
 * build an entry for each of the thousands of /proc files kept open (util/kept_fds), which
 * cost more than the rest of a refresh's reading of ipctop. Each number up to the highest
 * ever kept is either a kept one (its record says it is open: described from the record) or
 * asked for with fcntl. */
static void own_fds(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, int fd_dir,
                    size_t *n, bool detail)
{
	int top = kept_fd_highest() + 256;   /* beyond it: a few opened while many were kept */
	char name[16];
	pid_t pid;
	enum kept_file file;
	uint64_t dev, ino;
	for (int fd = 0; fd <= top; fd++) {
		if (kept_fd_lookup(fd, &pid, &file, &dev, &ino)) {
			struct fd_info *buf = c->fdbuf;
			XGROW(buf, c->fdcap, *n + 1);
			c->fdbuf = buf;
			describe_kept(s, &buf[(*n)++], fd, pid, file, dev, ino, detail);
			continue;
		}
		if (fcntl(fd, F_GETFD) < 0)
			continue;
		snprintf(name, sizeof(name), "%d", fd);
		if (add_fd(s, c, p, fd_dir, fd, name, n, detail) < 0)
			break;
	}
}

/* Others' descriptors, and ipctop's own when it cannot tell them by fcntl (another /proc). */
static void listed_fds(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, int fd_dir,
                       size_t *n, bool detail)
{
	struct dir_reader *d = &c->dir;
	dir_reader_init(d, fd_dir);
	const char *name;
	while ((name = dir_next(d))) {
		int fd = parse_fd_name(name);
		if (fd >= 0 && add_fd(s, c, p, fd_dir, fd, name, n, detail) < 0)
			break;
	}
}

int collect_fds(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, bool detail)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/fd", (int)p->pid);
	int fd_dir = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd_dir < 0) {
		if (errno == ENOENT || errno == ESRCH)
			return -ENOENT;
		p->flags |= PF_FDS_DENIED;
		return 0;
	}
	size_t n = 0;
	if (p->pid == c->self_pid && c->own_pidns)
		own_fds(s, c, p, fd_dir, &n, detail);
	else
		listed_fds(s, c, p, fd_dir, &n, detail);
	close(fd_dir);
	struct fd_info *buf = c->fdbuf;
	/* An empty listing is what a process that exited meanwhile gives: check it is still there. */
	if (n == 0 && fstatat(c->proc_fd, path, &(struct stat){0}, 0) < 0)
		return -ENOENT;
	if (n > 1)
		qsort(buf, n, sizeof(*buf), cmp_fd);
	p->fds = arena_memdup(&s->arena, buf, n * sizeof(*buf));
	p->n_fds = n;
	return 0;
}
