/* proc_target.c — processes held by pidfd for the actions (signal, nice) of the TUI. */
#include "action/proc_target.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "collect/collect.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

/* The PID still names the process that started at start_time. */
static int same_process(pid_t pid, uint64_t start_time)
{
	uint64_t now;
	int r = collect_start_time(pid, &now);
	if (r < 0)
		return r;
	return now == start_time ? 0 : -ESRCH;
}

int target_hold(struct proc_target *t, pid_t pid, uint64_t start_time)
{
	t->pid = pid;
	t->start_time = start_time;
	t->pidfd = -1;
	if (pid <= 0)
		return -ESRCH;
	/* Open first, then check: the process seen at start_time existed before the open and
	 * still does after it, so the pidfd refers to it. */
	int fd = pidfd_open_(pid);
	if (fd < 0)
		return -errno;
	int r = same_process(pid, start_time);
	if (r < 0) {
		close(fd);
		return r;
	}
	t->pidfd = fd;
	return 0;
}

int target_dup(struct proc_target *to, const struct proc_target *from)
{
	*to = *from;
	to->pidfd = from->pidfd >= 0 ? fcntl(from->pidfd, F_DUPFD_CLOEXEC, 3) : -1;
	return from->pidfd >= 0 && to->pidfd < 0 ? -errno : 0;
}

void target_release(struct proc_target *t)
{
	if (t->pidfd >= 0)
		close(t->pidfd);
	t->pidfd = -1;
}

bool target_alive(const struct proc_target *t)
{
	if (t->pidfd < 0)
		return false;
	struct pollfd p = { .fd = t->pidfd, .events = POLLIN };
	return poll(&p, 1, 0) == 0;    /* a pidfd polls readable once its process has exited */
}

int target_signal(const struct proc_target *t, int sig)
{
	if (t->pidfd < 0)
		return -ESRCH;
	if (syscall(SYS_pidfd_send_signal, t->pidfd, sig, NULL, 0) < 0)
		return -errno;
	return 0;
}

int target_renice(const struct proc_target *t, int nice)
{
	if (!target_alive(t))
		return -ESRCH;
	int r = same_process(t->pid, t->start_time);
	if (r < 0)
		return r;
	if (setpriority(PRIO_PROCESS, (id_t)t->pid, nice) < 0)
		return -errno;
	return 0;
}
