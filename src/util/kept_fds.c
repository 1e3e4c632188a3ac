/* kept_fds.c — one slot per descriptor number: which file (3 bits), the pid (29 bits) and the
 * inode (32 bits) of a kept-open /proc file, packed into a single atomic word so that a reader
 * on another thread never sees half of an update. A slot is set after its open and cleared
 * before its close; so a slot seen set names a descriptor that is, at that moment, open as
 * that file. All handles live on one /proc, whose st_dev is kept once; an inode wider than 32
 * bits or another st_dev is not recorded. The count of recorded descriptors is the bound the
 * collector keeps them under. */
#include <stdatomic.h>
#include <unistd.h>

#include "util/kept_fds.h"

static _Atomic uint64_t slots[KEPT_FDS_MAX];
static _Atomic uint64_t proc_dev = UINT64_MAX;   /* st_dev of the /proc the handles are on */
static atomic_int n_of[KEPT_STAT + 1];   /* recorded descriptors by file (their sum: the count) */
static atomic_int highest = -1;   /* the highest descriptor ever recorded */

#define PID_BITS 29

const char *kept_file_name(enum kept_file file)
{
	return file == KEPT_SCHEDSTAT ? "schedstat" : file == KEPT_STAT ? "stat" : "syscall";
}

bool kept_fd_note(int fd, pid_t pid, enum kept_file file, uint64_t dev, uint64_t ino)
{
	if (fd < 0 || fd >= KEPT_FDS_MAX || pid <= 0 || pid >= (pid_t)1 << PID_BITS || ino == 0 ||
	    ino > UINT32_MAX || file < KEPT_SCHEDSTAT || file > KEPT_STAT)
		return false;
	uint64_t want = UINT64_MAX;
	if (!atomic_compare_exchange_strong(&proc_dev, &want, dev) && want != dev)
		return false;
	uint64_t v = (uint64_t)file << (32 + PID_BITS) | (uint64_t)(uint32_t)pid << 32 | ino;
	int top = atomic_load(&highest);
	while (fd > top && !atomic_compare_exchange_weak(&highest, &top, fd))
		;
	uint64_t old = atomic_exchange(&slots[fd], v);
	if (old != 0)
		atomic_fetch_sub(&n_of[old >> (32 + PID_BITS)], 1);
	atomic_fetch_add(&n_of[file], 1);
	return true;
}

int kept_fd_close(int fd)
{
	uint64_t old = fd >= 0 && fd < KEPT_FDS_MAX ? atomic_exchange(&slots[fd], 0) : 0;
	if (old != 0)
		atomic_fetch_sub(&n_of[old >> (32 + PID_BITS)], 1);
	return close(fd);
}

int kept_fd_count_of(enum kept_file file)
{
	return file >= KEPT_SCHEDSTAT && file <= KEPT_STAT ? atomic_load(&n_of[file]) : 0;
}

int kept_fd_highest(void)
{
	return atomic_load(&highest);
}

int kept_fd_count(void)
{
	int n = 0;
	for (int f = KEPT_SCHEDSTAT; f <= KEPT_STAT; f++)
		n += atomic_load(&n_of[f]);
	return n;
}

bool kept_fd_lookup(int fd, pid_t *pid, enum kept_file *file, uint64_t *dev, uint64_t *ino)
{
	if (fd < 0 || fd >= KEPT_FDS_MAX)
		return false;
	uint64_t v = atomic_load(&slots[fd]);
	if (v == 0)
		return false;
	*file = (enum kept_file)(v >> (32 + PID_BITS));
	*pid = (pid_t)(v >> 32 & (((uint64_t)1 << PID_BITS) - 1));
	*ino = v & UINT32_MAX;
	*dev = atomic_load(&proc_dev);
	return true;
}
