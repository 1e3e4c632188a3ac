/* collect_sysvipc.c — SysV shared memory, message queues and semaphores of ipctop's IPC
 * namespace, from /proc/sysvipc. */
#include <fcntl.h>
#include <string.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"

void collect_sysvipc(struct snapshot *s, struct scan_ctx *c)
{
	long n;
	int bad = 0;
	char link[64];
	if (readlink_at(AT_FDCWD, "/proc/thread-self/ns/ipc", link, sizeof(link)) > 0)
		s->own_ipcns = ns_link_inode(link);
	if ((n = read_file_at(AT_FDCWD, "/proc/sysvipc/shm", &c->file)) >= 0)
		bad += parse_sysv_shm(c->file.buf, (size_t)n, &s->shm, &s->n_shm);
	if ((n = read_file_at(AT_FDCWD, "/proc/sysvipc/msg", &c->file)) >= 0)
		bad += parse_sysv_msg(c->file.buf, (size_t)n, &s->msg, &s->n_msg);
	if ((n = read_file_at(AT_FDCWD, "/proc/sysvipc/sem", &c->file)) >= 0)
		bad += parse_sysv_sem(c->file.buf, (size_t)n, &s->sem, &s->n_sem);
	if (bad)
		snapshot_note(s, "/proc/sysvipc: %d malformed rows skipped", bad);
}
