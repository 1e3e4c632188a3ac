/* collect_sysvipc.c — SysV shared memory, message queues and semaphores of ipctop's IPC
 * namespace, from /proc/sysvipc; a note when a table cannot be read. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "collect/proc_read.h"

struct sysv_table { const char *path, *what; };
static const struct sysv_table tables[3] = {
	{ "/proc/sysvipc/shm", "shared memory" },
	{ "/proc/sysvipc/msg", "message queues" },
	{ "/proc/sysvipc/sem", "semaphore sets" },
};

/* Table i into s; its malformed rows are added to *bad. Returns 0 or -errno. */
static long read_table(struct snapshot *s, struct scan_ctx *c, int i, int *bad)
{
	long n = read_file_at(AT_FDCWD, tables[i].path, &c->file);
	if (n < 0)
		return n;
	if (i == 0)
		*bad += parse_sysv_shm(c->file.buf, (size_t)n, &s->shm, &s->n_shm);
	else if (i == 1)
		*bad += parse_sysv_msg(c->file.buf, (size_t)n, &s->msg, &s->n_msg);
	else
		*bad += parse_sysv_sem(c->file.buf, (size_t)n, &s->sem, &s->n_sem);
	return 0;
}

/* One note when no table could be read, else one per table that could not. */
static void note_unread(struct snapshot *s, const long err[3])
{
	if (err[0] < 0 && err[0] == err[1] && err[1] == err[2]) {
		if (err[0] == -ENOENT)
			snapshot_note(s, "no /proc/sysvipc: SysV IPC not shown");
		else
			snapshot_note(s, "/proc/sysvipc could not be read (%s): SysV IPC not shown",
			              strerror((int)-err[0]));
		return;
	}
	for (int i = 0; i < 3; i++)
		if (err[i] < 0)
			snapshot_note(s, "%s could not be read (%s): SysV %s not shown", tables[i].path,
			              strerror((int)-err[i]), tables[i].what);
}

void collect_sysvipc(struct snapshot *s, struct scan_ctx *c)
{
	int bad = 0;
	long err[3];
	char link[64];
	if (readlink_at(AT_FDCWD, "/proc/thread-self/ns/ipc", link, sizeof(link)) > 0)
		s->own_ipcns = ns_link_inode(link);
	for (int i = 0; i < 3; i++)
		err[i] = read_table(s, c, i, &bad);
	note_unread(s, err);
	if (bad)
		snapshot_note(s, "/proc/sysvipc: %d malformed rows skipped", bad);
}
