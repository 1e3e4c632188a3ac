/* demo_pidfd.c — the demo processes are demo-parent's children, not ipctop's: ipctop reaches
 * them through pidfds (one a process, opened while it was known to run), which name that very
 * process however long it has gone (never a stranger that got its number), tell when it has
 * ended (readable), and carry signals. An epoll set of them wakes ipctop's loop. */
#include "demo/demo_priv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

int demo_pidfd_open(pid_t pid)
{
#ifdef SYS_pidfd_open
	return pid > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;   /* close-on-exec */
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

void demo_pidfd_signal(int fd, int sig)
{
#ifdef SYS_pidfd_send_signal
	if (fd >= 0)
		syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
#else
	(void)fd;
	(void)sig;
#endif
}

bool demo_pidfd_ended(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return fd < 0 || (poll(&p, 1, 0) == 1 && p.revents);
}

int demo_watch_start(struct demo *d)
{
	d->watch_fd = epoll_create1(EPOLL_CLOEXEC);
	if (d->watch_fd < 0)
		return -1;
	for (size_t i = 0; i < d->n_pids; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = i };
		if (d->pidfds[i] < 0 || epoll_ctl(d->watch_fd, EPOLL_CTL_ADD, d->pidfds[i], &ev) < 0)
			return -1;
	}
	return 0;
}

void demo_watch_drop(struct demo *d, size_t i)
{
	if (d->watch_fd >= 0 && d->pidfds[i] >= 0)
		epoll_ctl(d->watch_fd, EPOLL_CTL_DEL, d->pidfds[i], NULL);
}

void demo_pidfds_close(struct demo *d)
{
	for (size_t i = 0; i < d->n_pids; i++) {
		if (d->pidfds[i] >= 0)
			close(d->pidfds[i]);
		d->pidfds[i] = -1;
	}
	if (d->parent_pidfd >= 0)
		close(d->parent_pidfd);
	if (d->watch_fd >= 0)
		close(d->watch_fd);
	d->parent_pidfd = d->watch_fd = -1;
}
