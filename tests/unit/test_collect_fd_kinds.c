/* test_collect_fd_kinds.c — the kind the collector gives each descriptor of a real child,
 * against what the child opened: a regular file, a directory, /dev/null, a POSIX message queue,
 * a pipe, and a regular file alone at the top of a tmpfs the child mounted in a mount namespace
 * of its own and then detached (its /proc link then reads "/NAME", the way a message queue's
 * does: the collector must ask the filesystem, which says tmpfs, not mqueue), an eventfd, a
 * timerfd and a socket; descriptor 0 among them; a pipe end's and a socket's access. In a
 * detail snapshot of the child, the eventfd's id is the one its fdinfo gives and the timerfd
 * has none, and a file's access is its open mode. Last, a snapshot with stdin closed: /proc itself opened as descriptor 0 is a
 * descriptor like any other. */
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"

enum { K_FILE, K_DIR, K_NULL, K_MQ, K_PIPE, K_EVENTFD, K_TIMERFD, K_SOCK, K_TOP, N_KINDS };
static const char *const what[N_KINDS] = {
	"a regular file", "a directory", "/dev/null", "a POSIX message queue", "a pipe",
	"an eventfd", "a timerfd", "a socket", "a regular file at the top of a detached tmpfs",
};
static const enum fd_kind want[N_KINDS] = {
	FDK_FILE, FDK_DIR, FDK_CHR, FDK_MQUEUE, FDK_PIPE, FDK_EVENTFD, FDK_TIMERFD, FDK_SOCKET, FDK_FILE,
};
/* The access the collector gives (0: not checked): a pipe's read end reads; a socket both. */
static const uint8_t want_access[N_KINDS] = { [K_PIPE] = ACC_R, [K_SOCK] = ACC_RW };

static char dir[] = "/tmp/ipctop-kindsXXXXXX";
static char mq_name[64];

/* In the child: a tmpfs on DIR/m in a mount namespace of its own, a file at its top held open,
 * the tmpfs then detached; the descriptor, or -1. */
static int top_of_detached_tmpfs(void)
{
	char m[96], f[128];
	snprintf(m, sizeof(m), "%s/m", dir);
	snprintf(f, sizeof(f), "%s/top", m);
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("ipctop-kinds", m, "tmpfs", 0, "size=64k") != 0)
		return -1;
	int fd = open(f, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0 && umount2(m, MNT_DETACH) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The child: opens one descriptor of each kind, sends their numbers, waits to be killed. */
static void child(int out)
{
	int fd[N_KINDS], p[2];
	char path[96];
	snprintf(path, sizeof(path), "%s/file", dir);
	fd[K_FILE] = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	fd[K_DIR] = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fd[K_NULL] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fd[K_MQ] = (int)mq_open(mq_name, O_RDWR | O_CREAT | O_CLOEXEC, 0600, NULL);
	fd[K_PIPE] = pipe(p) == 0 ? p[0] : -1;
	fd[K_EVENTFD] = eventfd(0, EFD_CLOEXEC);
	fd[K_TIMERFD] = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	int sv[2];
	fd[K_SOCK] = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0 ? sv[0] : -1;
	fd[K_TOP] = geteuid() == 0 ? top_of_detached_tmpfs() : -1;
	if (write(out, fd, sizeof(fd)) != (ssize_t)sizeof(fd))
		_exit(1);
	for (;;)
		pause();
}

static const struct fd_info *fd_in(const struct proc_info *p, int fd)
{
	for (size_t i = 0; p && i < p->n_fds; i++)
		if (p->fds[i].fd == fd)
			return &p->fds[i];
	return NULL;
}

/* The eventfd-id line of pid's fdinfo of fd, as the kernel writes it; -1 when none. */
static long long kernel_eventfd_id(pid_t pid, int fd)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, fd);
	FILE *f = fopen(path, "r");
	long long id = -1;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "eventfd-id: %lld", &id) == 1)
			break;
	if (f)
		fclose(f);
	return id;
}

/* A detail snapshot of the child: the eventfd's id from its fdinfo, none for the timerfd. */
static void check_detail(pid_t pid, const int *fd)
{
	struct collect_opts o = { .detail_pids = &pid, .n_detail = 1 };
	struct snapshot s;
	snapshot_init(&s);
	snapshot_take(&s, &o);
	const struct proc_info *p = snapshot_find_proc(&s, pid);
	const struct fd_info *ev = fd_in(p, fd[K_EVENTFD]), *tm = fd_in(p, fd[K_TIMERFD]);
	long long want_id = kernel_eventfd_id(pid, fd[K_EVENTFD]);
	ok(ev && want_id >= 0 && ev->aux == want_id, "detail: the eventfd's id is its fdinfo's (%lld, %lld)",
	   ev ? (long long)ev->aux : -9LL, want_id);
	ok(tm && tm->kind == FDK_TIMERFD && tm->aux == -1, "detail: the timerfd has no eventfd id (%lld)",
	   tm ? (long long)tm->aux : -9LL);
	const struct fd_info *file = fd_in(p, fd[K_FILE]), *in = fd_in(p, fd[K_NULL]);
	ok(file && file->access == ACC_RW && in && in->access == ACC_R,
	   "detail: the file opened read-write is rw, /dev/null opened read-only r (%s, %s)",
	   file ? access_name(file->access) : "-", in ? access_name(in->access) : "-");
	snapshot_free(&s);
}

static void check_kinds(pid_t pid, const int *fd)
{
	struct collect_opts o = { 0 };
	struct snapshot s;
	snapshot_init(&s);
	ok(snapshot_take(&s, &o) == 0, "a snapshot taken");
	const struct proc_info *p = snapshot_find_proc(&s, pid);
	const struct fd_info *in = fd_in(p, 0);
	ok(in && in->kind == FDK_CHR, "descriptor 0 (/dev/null) is listed like any other (%s)",
	   in ? fd_kind_name(in->kind) : "not listed");
	for (int k = 0; k < N_KINDS; k++) {
		if (fd[k] < 0) {
			if (k == K_TOP && geteuid() != 0)
				skip(1, "a tmpfs mount needs root");
			else
				ci_skip(1, "the child could not open every descriptor");
			continue;
		}
		const struct fd_info *fi = fd_in(p, fd[k]);
		ok(fi && fi->kind == want[k] && (!want_access[k] || fi->access == want_access[k]),
		   "%s (fd %d): %s %s (%s %s, link %s)", what[k], fd[k], fd_kind_name(want[k]),
		   access_name(want_access[k]), fi ? fd_kind_name(fi->kind) : "not listed",
		   fi ? access_name(fi->access) : "", fi && fi->target ? fi->target : "-");
	}
	snapshot_free(&s);
}

int main(void)
{
	snprintf(mq_name, sizeof(mq_name), "/ipctop-kinds-%d", (int)getpid());
	int sync[2];
	if (!mkdtemp(dir) || pipe(sync) != 0)
		return ci_skip_all("a temporary directory and a pipe");
	char m[96];
	snprintf(m, sizeof(m), "%s/m", dir);
	mkdir(m, 0700);
	pid_t pid = fork();
	if (pid == 0) {
		close(sync[0]);
		int null = open("/dev/null", O_RDWR);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
			_exit(1);
		child(sync[1]);
	}
	close(sync[1]);
	int fd[N_KINDS];
	if (pid > 0 && read(sync[0], fd, sizeof(fd)) == (ssize_t)sizeof(fd)) {
		check_kinds(pid, fd);
		check_detail(pid, fd);
	} else {
		ci_skip(N_KINDS + 5, "the child did not start");
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	mq_unlink(mq_name);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "the temporary directory removed");
	close(0);
	struct collect_opts o = { 0 };
	struct snapshot s;
	snapshot_init(&s);
	ok(snapshot_take(&s, &o) == 0 && snapshot_find_proc(&s, getpid()),
	   "stdin closed: the snapshot is taken, this process in it");
	snapshot_free(&s);
	collect_shutdown();
	return tap_done();
}
