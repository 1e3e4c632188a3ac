/* test_maps_query.c — PROCMAP_QUERY against the maps text on the real kernel: this process
 * maps SysV, POSIX, memfd, shared-anonymous and deleted-file memory, and the query must give
 * exactly the shared lines of /proc/self/maps, field by field (a path with a newline too: raw
 * from the query, "\012" in the text). Also the pure decoding of an
 * answer, a zombie (no address space), and a walk the kernel breaks off part-way (an ioctl
 * failing after some answers, by this test's own ioctl in front of libc's): an error, never
 * the part read, so that the caller reads the text instead. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/maps_query.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"
#include "../tap.h"
#include "util/arena.h"

/* This test's ioctl, linked before libc's: once fail_after answers have passed (-1: never),
 * every call fails with fail_errno; otherwise the real system call. */
static int fail_after = -1, fail_errno;

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	if (fail_after == 0) {
		errno = fail_errno;
		return -1;
	}
	if (fail_after > 0)
		fail_after--;
	return (int)syscall(SYS_ioctl, fd, request, arg);
}

static void *map_fd(int fd, int prot)
{
	if (fd < 0 || ftruncate(fd, 8192) < 0)
		return MAP_FAILED;
	return mmap(NULL, 8192, prot, MAP_SHARED, fd, 0);
}

/* One of each kind of shared memory ipctop pairs by. */
static int make_shared(int *shmid, char *shm_name, char *tmp_path)
{
	*shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (*shmid < 0 || shmat(*shmid, NULL, 0) == (void *)-1)
		return -1;
	snprintf(shm_name, 64, "/ipctop-mq-test-%d", (int)getpid());
	int fd = shm_open(shm_name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (map_fd(fd, PROT_READ) == MAP_FAILED)
		return -1;
	if (map_fd(memfd_create("query test", 0), PROT_READ | PROT_WRITE) == MAP_FAILED)
		return -1;
	if (mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		return -1;
	snprintf(tmp_path, 64, "/tmp/ipctop-mq-test-%d-nl\nx", (int)getpid());
	fd = open(tmp_path, O_RDWR | O_CREAT | O_EXCL, 0600);   /* the text writes \012 for it */
	if (map_fd(fd, PROT_READ | PROT_WRITE) == MAP_FAILED || unlink(tmp_path) < 0)
		return -1;
	snprintf(tmp_path, 64, "/tmp/ipctop-mq-test-%d", (int)getpid());
	fd = open(tmp_path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (map_fd(fd, PROT_READ | PROT_WRITE | PROT_EXEC) == MAP_FAILED)
		return -1;
	return unlink(tmp_path);
}

/* The shared lines of /proc/self/maps, parsed. */
static size_t text_shared(struct map_info **out, struct arena *a)
{
	struct strbuf sb = { 0 };
	long len = read_file_at(AT_FDCWD, "/proc/self/maps", &sb);
	size_t n = 0, k = 0;
	struct map_info *all = NULL;
	if (len > 0)
		parse_maps(sb.buf, (size_t)len, &all, &n, a);
	for (size_t i = 0; i < n; i++)
		if (all[i].perms[3] == 's')
			all[k++] = all[i];
	sb_free(&sb);
	*out = all;
	return k;
}

static bool same_map(const struct map_info *x, const struct map_info *y)
{
	return x->start == y->start && x->end == y->end && x->offset == y->offset &&
	       x->dev == y->dev && x->ino == y->ino && !strcmp(x->perms, y->perms) &&
	       !strcmp(x->path, y->path) && x->deleted == y->deleted;
}

static void compare_with_text(int fd, struct arena *a)
{
	struct map_info *q = NULL, *t = NULL;
	size_t nq = 0;
	int err = maps_query_shared(fd, &q, &nq, a);
	size_t nt = text_shared(&t, a);
	is_int(err, 0, "the query answers");
	is_int((long)nq, (long)nt, "as many shared mappings as the text has");
	size_t same = 0;
	for (size_t i = 0; i < nq && i < nt; i++) {
		if (same_map(&q[i], &t[i]))
			same++;
		else
			diag("differs: %s %s vs %s %s", q[i].perms, q[i].path, t[i].perms, t[i].path);
	}
	is_int((long)same, (long)nt, "each one equal in every field");
	bool sysv = false, deleted = false, anon = false, newline = false;
	for (size_t i = 0; i < nq; i++) {
		sysv |= !strncmp(q[i].path, "/SYSV", 5) && q[i].deleted;
		deleted |= !strncmp(q[i].path, "/tmp/ipctop-mq-test-", 20) && q[i].deleted &&
		           !strcmp(q[i].perms, "rwxs");
		anon |= !strcmp(q[i].path, "/dev/zero") && q[i].deleted;
		newline |= !strncmp(q[i].path, "/tmp/ipctop-mq-test-", 20) && strstr(q[i].path, "-nl\nx");
	}
	ok(sysv && deleted && anon, "SysV, deleted file and shared anonymous memory among them");
	ok(newline, "a file with a newline in its name among them (the text's \\012 read as the byte)");
	free(q);
	free(t);
}

static void zombie_has_no_maps(void)
{
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)child);
	siginfo_t si;
	waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT);   /* a zombie, not reaped yet */
	int fd = open(path, O_RDONLY);
	struct map_info *m = NULL;
	size_t n = 0;
	struct arena a;
	arena_init(&a);
	int err = fd >= 0 ? maps_query_shared(fd, &m, &n, &a) : -errno;
	ok(err == -ESRCH || (err == 0 && n == 0), "a zombie: no address space, no mappings (%d)", err);
	if (fd >= 0)
		close(fd);
	free(m);
	arena_free(&a);
	waitpid(child, NULL, 0);
}

/* The kernel breaks the walk off after `after` answers (a process exiting mid-walk gives
 * ESRCH, a signal EINTR): the error comes back and no part of the list. */
static void broken_walk(int fd, int after, int err_no, struct arena *a)
{
	struct map_info *m = NULL;
	size_t n = 0, whole = 0;
	int whole_err = maps_query_shared(fd, &m, &whole, a);
	ok(whole_err == 0 && whole > (size_t)after,
	   "the whole walk gives more than %d mappings (%zu)", after, whole);
	free(m);
	m = NULL;
	fail_after = after;
	fail_errno = err_no;
	int err = maps_query_shared(fd, &m, &n, a);
	fail_after = -1;
	ok(err == -err_no && n == 0 && m == NULL,
	   "broken off after %d answers (%s): the error, not %zu mappings of %zu (%d)", after,
	   strerror(err_no), n, whole, err);
	free(m);
}

static void decode(void)
{
	struct arena a;
	arena_init(&a);
	struct map_info m;
	static const char name[] = "/dev/shm/x (deleted)";
	maps_from_query(&m, 0x1000, 0x3000, 1 | 8, 0x2000, 0, 25, 77, name, strlen(name), &a);
	ok(!strcmp(m.perms, "r--s") && m.start == 0x1000 && m.end == 0x3000 && m.offset == 0x2000,
	   "flags become maps perms (%s)", m.perms);
	ok(m.dev == makedev(0, 25) && m.ino == 77, "device and inode kept");
	ok(!strcmp(m.path, "/dev/shm/x") && m.deleted, "' (deleted)' cut off and flagged");
	maps_from_query(&m, 0, 4096, 2 | 4, 0, 0, 0, 0, NULL, 0, &a);
	ok(!strcmp(m.perms, "-wxp") && !strcmp(m.path, "") && !m.deleted, "no name: anonymous");
	arena_free(&a);
}

int main(void)
{
	decode();
	int fd = open("/proc/self/maps", O_RDONLY);
	struct map_info *probe = NULL;
	size_t n = 0;
	struct arena a;
	arena_init(&a);
	int err = fd >= 0 ? maps_query_shared(fd, &probe, &n, &a) : -errno;
	free(probe);
	if (err == -ENOTTY || err == -EINVAL) {
		skip(11, "this kernel has no PROCMAP_QUERY (Linux 6.11+)");
	} else {
		int shmid = -1;
		char shm_name[64] = "", tmp_path[64] = "";
		ok(make_shared(&shmid, shm_name, tmp_path) == 0, "made shared mappings of each kind");
		compare_with_text(fd, &a);
		if (shmid >= 0)
			shmctl(shmid, IPC_RMID, NULL);
		if (*shm_name)
			shm_unlink(shm_name);
		zombie_has_no_maps();
		broken_walk(fd, 2, ESRCH, &a);
		broken_walk(fd, 1, EINTR, &a);
	}
	if (fd >= 0)
		close(fd);
	arena_free(&a);
	return tap_done();
}
