/* test_collect_reuse.c — refresh that follows activity, on real processes: a process that has
 * not run keeps its descriptors from the previous snapshot; one that ran is read again. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "util/kept_fds.h"
#include "../tap.h"

/* The child opens one more descriptor each time it reads a byte, then blocks again. */
static pid_t start_child(int *ctl)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		char c;
		while (read(p[0], &c, 1) == 1) {
			prctl(PR_SET_NAME, "reuse-woken", 0, 0, 0);
			if (open("/dev/null", O_RDONLY) < 0)
				_exit(1);
		}
		_exit(0);
	}
	close(p[0]);
	*ctl = p[1];
	return pid;
}

static size_t fds_of(struct snapshot *s, pid_t pid)
{
	struct proc_info *p = snapshot_find_proc(s, pid);
	return p ? p->n_fds : 0;
}

/* Wait until the child has opened its descriptor (it blocks in read again). */
static void wait_blocked(pid_t pid, size_t want, struct snapshot *tmp)
{
	for (int i = 0; i < 200; i++) {
		struct collect_opts o = { .no_maps = true };
		snapshot_init(tmp);
		snapshot_take(tmp, &o);
		size_t n = fds_of(tmp, pid);
		snapshot_free(tmp);
		if (n >= want)
			return;
		usleep(10000);
	}
}

/* ipctop's own schedstat handles (here: this test's) are in its own descriptor table, described
 * from the record of kept descriptors as the kernel would describe them. A handle of a process
 * that exited while the snapshot was taken may be closed by now, and its number given to another
 * process's handle: those are not compared. */
static void check_own_handles(struct snapshot *s)
{
	struct proc_info *me = snapshot_find_proc(s, getpid());
	size_t handles = 0, still = 0, right = 0;
	for (size_t i = 0; me && i < me->n_fds; i++) {
		const struct fd_info *fi = &me->fds[i];
		const char *t = fi->target;
		size_t len = strlen(t);
		if (strncmp(t, "/proc/", 6) || len < 10 || strcmp(t + len - 10, "/schedstat"))
			continue;
		handles++;
		pid_t pid;
		uint64_t dev, ino;
		if (!kept_fd_lookup(fi->fd, &pid, &dev, &ino))
			continue;
		/* closed and its number taken by another process's handle since it was read (its
		 * process exited during the snapshot): not the handle the snapshot saw */
		if (atoi(t + 6) != (int)pid)
			continue;
		still++;
		char path[64], link[64];
		struct stat st;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fi->fd);
		ssize_t n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		right += !strcmp(link, t) && stat(path, &st) == 0 && st.st_ino == fi->ino &&
			 st.st_dev == fi->dev && fi->kind == FDK_FILE && fi->access == ACC_NONE;
	}
	size_t held = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		held += s->procs[i].runtime_fd1 > 0;
	ok(handles > 0 && handles + 16 >= held, "own table lists the kept schedstat files (%zu, %zu held)", handles, held);
	ok(still + 8 >= handles, "nearly all of them are still open and recorded (%zu of %zu)", still, handles);
	is_int(right, still, "each as readlink and stat describe it");
}

int main(void)
{
	int ctl = -1;
	pid_t child = start_child(&ctl);
	ok(child > 0, "child started");
	struct snapshot a, b, c, tmp;
	struct collect_opts o = { .refresh_loop = true };
	wait_blocked(child, 3, &tmp);
	snapshot_init(&a);
	ok(snapshot_take(&a, &o) == 0, "first snapshot");
	size_t n0 = fds_of(&a, child);
	ok(n0 >= 3, "child's descriptors read");

	o.prev = &a;
	snapshot_init(&b);
	ok(snapshot_take(&b, &o) == 0, "second snapshot");
	ok(b.n_reused > 0, "idle processes carried over (%zu)", b.n_reused);
	is_int(fds_of(&b, child), n0, "idle child keeps its descriptors");

	ok(write(ctl, "x", 1) == 1, "wake the child");
	wait_blocked(child, n0 + 1, &tmp);
	o.prev = &b;
	snapshot_init(&c);
	ok(snapshot_take(&c, &o) == 0, "third snapshot");
	is_int(fds_of(&c, child), n0 + 1, "a child that ran is read again: its new descriptor is there");
	/* in b the child was carried over from a: same descriptors, targets and kinds */
	struct proc_info *pa = snapshot_find_proc(&a, child), *pb = snapshot_find_proc(&b, child);
	bool same = pa && pb && pa->n_fds == pb->n_fds;
	for (size_t i = 0; same && i < pa->n_fds; i++)
		same = pa->fds[i].fd == pb->fds[i].fd && pa->fds[i].kind == pb->fds[i].kind &&
		       pa->fds[i].ino == pb->fds[i].ino && !strcmp(pa->fds[i].target, pb->fds[i].target) &&
		       pa->fds[i].target != pb->fds[i].target;
	ok(same, "carried-over descriptors are complete copies, owned by the new snapshot");
	ok(pa && pb && !strcmp(pa->comm, pb->comm) && pa->comm != pb->comm && pb->user &&
	   pa->vol_ctxt == pb->vol_ctxt && !strcmp(pa->cmdline, pb->cmdline), "status fields and command line carried over");
	struct proc_info *pc = snapshot_find_proc(&c, child);
	is_str(pc ? pc->comm : NULL, "reuse-woken", "a process that ran shows its new name");
	check_own_handles(&c);

	o.prev = &c;
	o.full_rescan = true;
	snapshot_free(&a);
	snapshot_init(&a);
	snapshot_take(&a, &o);
	is_int(a.n_reused, 0, "a full rescan carries nothing over");

	close(ctl);
	waitpid(child, NULL, 0);
	snapshot_free(&a);
	snapshot_free(&b);
	snapshot_free(&c);
	collect_shutdown();
	return tap_done();
}
