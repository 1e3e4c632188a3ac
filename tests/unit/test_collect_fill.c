/* test_collect_fill.c — how full a pipe is, measured through a copy of its holder's
 * descriptor (root only): a child holds pipe A on fd 3 (5 bytes queued) and pipe B on fd 4
 * (7 bytes). A snapshot that names fd 3 as pipe A gets A's fill, with the kernel's own
 * figures (FIONREAD, F_GETPIPE_SZ on the test's copy); one that names fd 3 with B's inode
 * (the number reused since the scan) gets no fill: the copy is not the object the scan saw,
 * and is never measured as if it were. When pipe A's first holder in the list does not
 * answer for it (a second child holds A too), the next holder is asked and both get A's fill.
 * The child also holds a FIFO (6 bytes queued: measured), a socket with 9 bytes to read and a
 * regular file (neither measured: a fill is a pipe's, a FIFO's or a message queue's). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "hand_snapshot.h"
#include "../tap.h"

static struct snapshot S;

/* Fill of the child's fd as a snapshot that says it is an object of this kind (dev, ino). */
static const struct fd_info *fill_as(pid_t child, int fd, enum fd_kind kind, const struct stat *said)
{
	struct collect_opts o = { .probe_fill = PROBE_ALL };
	struct scan_ctx c = { .opts = &o, .self_pid = getpid(), .own_pidns = true };
	hand_free_lists(&S);   /* the last call's descriptor list (hand_reset keeps no track of it) */
	hand_reset(&S, 1, 1);
	S.viewer_root = true;
	S.procs[0].pid = child;
	struct fd_info *fi = hand_add_fd(&S, 0, fd, kind, said->st_dev, said->st_ino, ACC_R, "x");
	collect_fill(&S, &c);
	return fi;
}

static const struct fd_info *fill_of(pid_t child, int fd, const struct stat *said)
{
	return fill_as(child, fd, FDK_PIPE, said);
}

/* PROBE_DETAIL (a refresh loop's cheap choice): the child's pipe A measured only while the
 * child is a detail process. */
static void check_detail_only(pid_t child, const struct stat *sa)
{
	for (int detail = 0; detail <= 1; detail++) {
		struct collect_opts o = { .probe_fill = PROBE_DETAIL, .detail_pids = &child,
		                          .n_detail = (size_t)detail };
		struct scan_ctx c = { .opts = &o, .self_pid = getpid(), .own_pidns = true };
		hand_free_lists(&S);
		hand_reset(&S, 1, 1);
		S.viewer_root = true;
		S.procs[0].pid = child;
		struct fd_info *fi = hand_add_fd(&S, 0, 3, FDK_PIPE, sa->st_dev, sa->st_ino, ACC_R, "pipe");
		collect_fill(&S, &c);
		ok(fi->has_fill == (detail == 1), "PROBE_DETAIL, the holder %s: %s", detail ?
		   "a detail process" : "not a detail process", fi->has_fill ? "measured" : "not measured");
	}
}

/* The FIFO (fd 5), the socket (fd 6) and the file (fd 7) of the child. */
static void check_other_kinds(pid_t child, int fifo, int sock, int file)
{
	struct stat st;
	const struct fd_info *fi;
	fi = fstat(fifo, &st) == 0 ? fill_as(child, 5, FDK_FIFO, &st) : NULL;
	ok(fi && fi->has_fill && fi->fill_queued == 6, "a FIFO: 6 bytes queued (%llu)",
	   fi ? (unsigned long long)fi->fill_queued : 0ULL);
	fi = fstat(sock, &st) == 0 ? fill_as(child, 6, FDK_SOCKET, &st) : NULL;
	ok(fi && !fi->has_fill, "a socket with 9 bytes to read: no fill");
	fi = fstat(file, &st) == 0 ? fill_as(child, 7, FDK_FILE, &st) : NULL;
	ok(fi && !fi->has_fill, "a regular file: no fill");
}

/* Until pid's fd is the pipe with this inode (a child's dup2 may not have run yet). */
static bool wait_link(pid_t pid, int fd, ino_t ino)
{
	char link[64], want[64], got[64] = "";
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)ino);
	for (int i = 0; i < 500; i++) {
		ssize_t n = readlink(link, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		if (!strcmp(got, want))
			return true;
		usleep(10000);
	}
	return false;
}

/* Until pid's fd is the file st (dup'd last: the others are there too). */
static bool wait_file(pid_t pid, int fd, const struct stat *st)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	for (int i = 0; i < 500; i++) {
		struct stat got;
		if (stat(link, &got) == 0 && got.st_ino == st->st_ino && got.st_dev == st->st_dev)
			return true;
		usleep(10000);
	}
	return false;
}

/* Pipe A held by child (listed first, its fd 4 said to be A: it is B, so it does not answer)
 * and by child2 (fd 3, A). */
static void check_next_holder(pid_t child, pid_t child2, const struct stat *sa)
{
	struct collect_opts o = { .probe_fill = PROBE_ALL };
	struct scan_ctx c = { .opts = &o, .self_pid = getpid(), .own_pidns = true };
	hand_free_lists(&S);
	hand_reset(&S, 2, 1);
	S.viewer_root = true;
	S.procs[0].pid = child;
	S.procs[1].pid = child2;
	struct fd_info *wrong = hand_add_fd(&S, 0, 4, FDK_PIPE, sa->st_dev, sa->st_ino, ACC_R, "pipe");
	struct fd_info *right = hand_add_fd(&S, 1, 3, FDK_PIPE, sa->st_dev, sa->st_ino, ACC_R, "pipe");
	collect_fill(&S, &c);
	ok(right->has_fill && right->fill_queued == 5, "pipe A's next holder is asked: 5 queued (%s, %llu)",
	   right->has_fill ? "measured" : "not measured", (unsigned long long)right->fill_queued);
	ok(wrong->has_fill && wrong->fill_queued == 5,
	   "the first holder, which did not answer, shows pipe A's fill too (%s, %llu)",
	   wrong->has_fill ? "shown" : "not shown", (unsigned long long)wrong->fill_queued);
}

int main(void)
{
	if (geteuid() != 0)
		return ci_skip_all("not root: ipctop measures pipes only as root");
	int a[2], b[2], sv[2];
	if (pipe(a) < 0 || pipe(b) < 0 || write(a[1], "12345", 5) != 5 || write(b[1], "1234567", 7) != 7)
		return ci_skip_all("no pipes");
	char fifo_path[] = "/tmp/ipctop-fillXXXXXX";
	int file = mkstemp(fifo_path);
	unlink(fifo_path);
	int fifo = mkfifo(fifo_path, 0600) == 0 ? open(fifo_path, O_RDWR | O_NONBLOCK) : -1;
	unlink(fifo_path);
	if (file < 0 || write(file, "12345678901", 11) != 11 || fifo < 0 || write(fifo, "123456", 6) != 6 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 || write(sv[1], "123456789", 9) != 9)
		return ci_skip_all("no FIFO, file or socket");
	pid_t parent = getpid(), child = fork();
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(a[0], 3) == 3 && dup2(b[0], 4) == 4 && dup2(fifo, 5) == 5 &&
		    dup2(sv[0], 6) == 6 && dup2(file, 7) == 7 && getppid() == parent)
			pause();
		_exit(1);
	}
	struct stat sa, sb;
	int queued = -1, size = fcntl(a[0], F_GETPIPE_SZ);
	bool known = fstat(a[0], &sa) == 0 && fstat(b[0], &sb) == 0 && ioctl(a[0], FIONREAD, &queued) == 0;
	ok(child > 0 && known && sa.st_ino != sb.st_ino && queued == 5 && size > 0,
	   "the kernel: pipe A (inode %llu) holds %d bytes of %d, B is inode %llu",
	   (unsigned long long)sa.st_ino, queued, size, (unsigned long long)sb.st_ino);
	snapshot_init(&S);
	/* the child's dup2s may not have run yet: until its fd 3 is pipe A */
	char link[64], want[64], got[64] = "";
	snprintf(link, sizeof(link), "/proc/%d/fd/4", (int)child);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)sb.st_ino);
	for (int i = 0; i < 500; i++) {
		ssize_t n = readlink(link, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		if (!strcmp(got, want))
			break;
		usleep(10000);
	}
	is_str(got, want, "the child holds pipe B on fd 4 (A on fd 3, dup'd first)");
	struct stat sf;
	ok(fstat(file, &sf) == 0 && wait_file(child, 7, &sf), "the child holds the file on fd 7 (dup'd last)");
	const struct fd_info *fi = fill_of(child, 3, &sa);
	ok(fi->has_fill && fi->fill_queued == 5 && fi->fill_capacity == (int64_t)size,
	   "fd 3 said to be pipe A: %s, %llu of %llu queued", fi->has_fill ? "measured" : "not measured",
	   (unsigned long long)fi->fill_queued, (unsigned long long)fi->fill_capacity);
	fi = fill_of(child, 3, &sb);
	ok(!fi->has_fill, "fd 3 said to be pipe B (the number reused since the scan): not measured (%llu queued)",
	   (unsigned long long)fi->fill_queued);
	fi = fill_of(child, 4, &sb);
	ok(fi->has_fill && fi->fill_queued == 7, "fd 4, pipe B: 7 bytes queued (%llu)",
	   (unsigned long long)fi->fill_queued);
	check_other_kinds(child, fifo, sv[0], file);
	check_detail_only(child, &sa);
	pid_t child2 = fork();
	if (child2 == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(a[0], 3) == 3 && getppid() == parent)
			pause();
		_exit(1);
	}
	ok(child2 > 0 && wait_link(child2, 3, sa.st_ino), "a second child holds pipe A on fd 3");
	check_next_holder(child, child2, &sa);
	kill(child2, SIGKILL);
	waitpid(child2, NULL, 0);
	hand_free_lists(&S);
	snapshot_free(&S);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return tap_done();
}
