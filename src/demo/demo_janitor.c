/* demo_janitor.c — the demo-cleanup process: it waits for ipctop to go (EOF on a pipe only
 * ipctop holds, however ipctop ends: quit, crash, kill -9), then ends the demo processes and
 * demo-parent and removes their objects. It reaches the processes through ipctop's pidfds
 * (demo_pidfd.c), never by pid numbers, which may be reused once ipctop is gone. */
#include "demo/demo_priv.h"
#include "util/proc_exit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the janitor: hold /dev/null as 0-2 and only fds[0..n) as 3, 4, ... (fds updated). */
static void keep_only(int *fds, size_t n)
{
	int devnull = open("/dev/null", O_RDWR);
	for (int i = 0; devnull >= 0 && i < 3; i++)
		dup2(devnull, i);   /* no share in the terminal: the pane can close with ipctop */
	int tmp[DEMO_MAX_PIDS + 2];
	for (size_t i = 0; i < n; i++)
		tmp[i] = fds[i] >= 0 ? fcntl(fds[i], F_DUPFD, (int)(3 + n)) : -1;
	for (size_t i = 0; i < n; i++)
		fds[i] = tmp[i] >= 0 ? dup2(tmp[i], (int)(3 + i)) : -1;
	close_range((unsigned)(3 + n), ~0U, 0);
}

/* Until every signalled process has exited (its pidfd reads as ready), or about 2 s. */
static void wait_exits(struct demo *d)
{
	struct pollfd p[DEMO_MAX_PIDS];
	for (size_t i = 0; i < d->n_pids; i++)
		p[i] = (struct pollfd){ .fd = d->pidfds[i], .events = POLLIN };
	long long end = demo_now_ms() + 2000;
	for (;;) {
		size_t left = 0;
		for (size_t i = 0; i < d->n_pids; i++)
			left += p[i].fd >= 0;
		long long now = demo_now_ms();
		if (!left || now >= end || poll(p, d->n_pids, (int)(end - now)) < 0)
			return;
		for (size_t i = 0; i < d->n_pids; i++)
			if (p[i].revents)
				p[i].fd = -1;   /* ended: poll ignores it from now on */
	}
}

static _Noreturn void janitor_run(struct demo *d, int rd)
{
	prctl(PR_SET_NAME, "demo-cleanup", 0, 0, 0);
	setsid();   /* out of the terminal's session: a hangup that kills ipctop spares it */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	int fds[DEMO_MAX_PIDS + 2] = { rd, d->parent_pidfd };
	for (size_t i = 0; i < d->n_pids; i++)
		fds[2 + i] = d->pidfds[i];
	keep_only(fds, 2 + d->n_pids);
	d->parent_pidfd = fds[1];
	for (size_t i = 0; i < d->n_pids; i++)
		d->pidfds[i] = fds[2 + i];
	char c;
	while (read(fds[0], &c, 1) < 0 && errno == EINTR)
		;
	for (size_t i = 0; i <= d->n_pids; i++) {
		int fd = i < d->n_pids ? d->pidfds[i] : d->parent_pidfd;   /* demo-parent last */
		demo_pidfd_signal(fd, SIGCONT);   /* harmless once the process is gone */
		demo_pidfd_signal(fd, SIGKILL);
	}
	wait_exits(d);   /* a SysV segment goes only when its last user has detached */
	demo_remove_objects(d);
	proc_exit(0);
}

void demo_janitor_start(struct demo *d)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) == 0) {
		pid_t pid = fork();
		if (pid == 0)
			janitor_run(d, p[0]);
		close(p[0]);
		if (pid > 0) {
			d->janitor = pid;
			d->janitor_fd = p[1];
		} else {
			close(p[1]);
		}
	}
}

void demo_janitor_end(struct demo *d)
{
	if (d->janitor <= 0)
		return;
	kill(d->janitor, SIGKILL);   /* before its pipe closes: it must not clean up twice */
	close(d->janitor_fd);
	d->janitor_fd = -1;
	/* killed: it ends as soon as it is scheduled, which on a machine loaded with thousands of
	 * processes has taken more than the 2 s once allowed here (then it was left unreaped) */
	long long end = demo_now_ms() + 10000;
	while (!demo_try_reap(d->janitor, NULL) && demo_now_ms() < end)
		demo_nap();
	d->janitor = 0;
}

bool demo_janitor_gone(struct demo *d)
{
	if (d->janitor > 0 && demo_try_reap(d->janitor, NULL)) {
		close(d->janitor_fd);
		d->janitor_fd = -1;
		d->janitor = 0;
	}
	return d->janitor <= 0;
}
