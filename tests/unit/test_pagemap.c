/* test_pagemap.c — pagemap_frame on this process's own pages, against what the kernel is known
 * to do: one memfd page mapped at two addresses is one frame; two pages written apart are two
 * frames; a page never touched is not present; an unprivileged reader sees the page present
 * with its frame hidden (a child that drops to uid 65534 and reads its own pages); an address
 * beyond the end of the user address space and a pid that does not exist are unreadable, with
 * EIO and ENOENT; with descriptor 0 closed the file opened as 0 is read. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/pagemap.h"
#include "../tap.h"

static long page;

/* One memfd page mapped twice, written through the first: both addresses, one frame. */
static void check_shared_frame(void)
{
	int fd = memfd_create("ipctop-pagemap", MFD_CLOEXEC);
	char *a = fd >= 0 && ftruncate(fd, page) == 0 ?
		mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
	char *b = fd >= 0 ? mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	uint64_t fa = 0, fb = 0;
	if (!ok(a != MAP_FAILED && b != MAP_FAILED, "a memfd page mapped twice"))
		return;
	a[0] = 1;
	volatile char c = b[0];
	(void)c;
	enum pagemap_res ra = pagemap_frame(getpid(), (uintptr_t)a, &fa);
	enum pagemap_res rb = pagemap_frame(getpid(), (uintptr_t)b + 17, &fb);
	ok(ra == PM_FRAME && rb == PM_FRAME && fa && fa == fb,
	   "both addresses (one inside the page) map frame %#llx (%#llx)", (unsigned long long)fa,
	   (unsigned long long)fb);
	munmap(a, (size_t)page);
	munmap(b, (size_t)page);
	close(fd);
}

/* Three private anonymous pages: the first and third written, the second never touched. */
static void check_private_pages(void)
{
	char *m = mmap(NULL, 3 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	               -1, 0);
	if (!ok(m != MAP_FAILED, "three anonymous pages"))
		return;
	m[0] = 1;
	m[2 * page] = 1;
	uint64_t f0 = 0, f1 = 7, f2 = 0;
	enum pagemap_res r0 = pagemap_frame(getpid(), (uintptr_t)m, &f0);
	enum pagemap_res r1 = pagemap_frame(getpid(), (uintptr_t)m + (uintptr_t)page, &f1);
	enum pagemap_res r2 = pagemap_frame(getpid(), (uintptr_t)m + 2 * (uintptr_t)page, &f2);
	ok(r0 == PM_FRAME && r2 == PM_FRAME && f0 && f2 && f0 != f2,
	   "the two written pages: two frames (%#llx, %#llx)", (unsigned long long)f0,
	   (unsigned long long)f2);
	ok(r1 == PM_NOT_PRESENT && f1 == 0, "the page between them, never touched: not present");
	munmap(m, 3 * (size_t)page);
}

/* A child that drops to uid 65534 reads its own written page: present, frame hidden. */
static void check_hidden(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		static char mine[1 << 16];
		char *p = mine + page;
		p[0] = 1;
		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0 ||
		    prctl(PR_SET_DUMPABLE, 1) < 0)   /* a uid change made its /proc files root's */
			_exit(10);
		uint64_t f = 5;
		enum pagemap_res r = pagemap_frame(getpid(), (uintptr_t)p, &f);
		_exit(r == PM_HIDDEN && f == 0 ? 0 : 20 + (int)r);
	}
	int st;
	bool done = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st);
	ok(done && WEXITSTATUS(st) == 0, "as uid 65534, its own written page: present, frame hidden (%d)",
	   done ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	page = sysconf(_SC_PAGESIZE);
	if (geteuid() != 0) {   /* the kernel hides every frame: the hidden case only */
		static char mine[1 << 16];
		uint64_t f = 5;
		mine[page] = 1;
		ok(pagemap_frame(getpid(), (uintptr_t)(mine + page), &f) == PM_HIDDEN && f == 0,
		   "not root, its own written page: present, frame hidden");
		skip(5, "not root: the kernel gives no frame to compare");
	} else {
		check_shared_frame();
		check_private_pages();
		check_hidden();
	}
	pid_t pid = fork();
	if (pid == 0) {   /* stdin closed: the pagemap file is opened as descriptor 0 */
		static char mine[1 << 16];
		uint64_t g;
		mine[page] = 1;
		close(0);
		enum pagemap_res r = pagemap_frame(getpid(), (uintptr_t)(mine + page), &g);
		_exit(r == PM_FRAME || r == PM_HIDDEN ? 0 : 1);
	}
	int st;
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "with descriptor 0 closed, the file opened as 0 is read");
	uint64_t f = 9;
	errno = 0;
	enum pagemap_res r = pagemap_frame(getpid(), UINT64_MAX - 4095, &f);
	ok(r == PM_UNREADABLE && errno == EIO && f == 0,
	   "an address past the user address space: unreadable, EIO (%d, %s)", (int)r, strerror(errno));
	errno = 0;
	r = pagemap_frame(0x7ffffff0, 4096, &f);
	ok(r == PM_UNREADABLE && errno == ENOENT, "a pid that does not exist: unreadable, ENOENT (%s)",
	   strerror(errno));
	return tap_done();
}
