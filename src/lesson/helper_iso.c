/* helper_iso.c — the lesson roles of `isolation` and `address-space`. iso-a and iso-b each
 * map one private page at the same fixed virtual address and store a value of their own in
 * it, and attach one System V segment at another fixed address; SIGUSR1 makes a process fork
 * (the child, iso-child, shares the parent's page until it writes), SIGUSR2 makes iso-child
 * write its page. grower's heap grows on SIGUSR1 and its stack deepens on SIGUSR2. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "lesson/helper.h"

static int take_signal(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	int sig;
	while ((sig = sigwaitinfo(&set, NULL)) < 0 && errno == EINTR)
		;
	return sig;
}

/* The child after fork: its page is the parent's (copy-on-write) until SIGUSR2 writes it. */
static _Noreturn void iso_child(pid_t parent, volatile uint64_t *page)
{
	helper_tie_to_parent(parent);
	helper_name("iso-child");
	helper_record("iso-child", "parent=%d value=%llu", (int)parent, (unsigned long long)*page);
	for (;;) {
		if (take_signal() != SIGUSR2)
			continue;
		*page = 3333;   /* the kernel copies the page now: a frame of its own */
		helper_record("iso-child", "wrote value=%llu", (unsigned long long)*page);
	}
}

int role_iso(const char *role, const char *shmid)
{
	volatile uint64_t *page = mmap((void *)ISO_PAGE_ADDR, 4096, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	volatile uint64_t *shm = shmat(atoi(shmid), (void *)ISO_SHM_ADDR, 0);
	if (page != (void *)ISO_PAGE_ADDR || shm != (void *)ISO_SHM_ADDR)
		return 1;
	*page = strcmp(role, "iso-a") == 0 ? 1111 : 2222;
	shm[strcmp(role, "iso-a") == 0 ? 0 : 1] = *page;   /* touched: the frame is in both */
	helper_record(role, "addr=%#llx value=%llu shm=%#llx shmid=%d", (unsigned long long)ISO_PAGE_ADDR,
		      (unsigned long long)*page, (unsigned long long)ISO_SHM_ADDR, atoi(shmid));
	for (;;) {
		if (take_signal() != SIGUSR1)
			continue;
		pid_t parent = getpid();
		if (fork() == 0)
			iso_child(parent, page);
	}
}

/* Touch depth bytes of stack, then wait there for the next signal. */
static int deepen(size_t depth)
{
	volatile char frame[64 * 1024];
	memset((char *)frame, 's', sizeof(frame));
	if (depth > sizeof(frame))
		return deepen(depth - sizeof(frame)) + frame[0];
	helper_record("grower", "stack-deepened");
	return take_signal() + frame[1];
}

int role_grower(void)
{
	char *heap = sbrk(64 * 1024);   /* a heap of its own, touched: [heap] in its maps */
	if (heap == (void *)-1)
		return 1;
	memset(heap, 'h', 64 * 1024);
	helper_record("grower", "heap=%p", (void *)heap);
	helper_report_done();
	int sig = take_signal();
	for (;;) {
		if (sig == SIGUSR1) {
			char *more = sbrk(GROWER_HEAP_STEP);
			if (more == (void *)-1)
				return 1;
			helper_record("grower", "heap-grown");
			sig = take_signal();
		} else {
			sig = deepen(GROWER_STACK_DEPTH);
		}
	}
}
