/* churn_pair.c — one churned pair for churner.c: the caller creates the channels,
 * starts both processes (so it can count every one), and keeps none of the descriptors. */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "churn_pair.h"

/* Abortive close on exit: a killed pair leaves no TIME-WAIT socket holding a loopback port. */
static void linger_zero(int fd)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

/* A connected TCP pair over 127.0.0.1 (*a accepted, *b connecting); -1 on any failure. */
static int tcp_pair(int *a, int *b)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int lst = socket(AF_INET, SOCK_STREAM, 0);
	if (lst < 0)
		return -1;
	*a = *b = -1;
	if (bind(lst, (struct sockaddr *)&sin, sizeof(sin)) < 0 || listen(lst, 1) < 0 ||
	    getsockname(lst, (struct sockaddr *)&sin, &len) < 0)
		goto fail;
	*b = socket(AF_INET, SOCK_STREAM, 0);
	if (*b < 0 || connect(*b, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		goto fail;
	*a = accept(lst, NULL, NULL);
	if (*a < 0)
		goto fail;
	close(lst);
	linger_zero(*a);
	linger_zero(*b);
	return 0;
fail:
	if (*b >= 0)
		close(*b);
	close(lst);
	return -1;
}

/* The channels, end 0 of each in `one`, end 1 in `other`: a pipe, a socketpair and, where the
 * loopback works (not in a new network namespace whose lo is down), a TCP connection. Returns
 * how many (2 or 3), or -1 if even the first two failed. */
static int make_channels(int one[3], int other[3])
{
	int p[2], sv[2];
	if (pipe(p) < 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	one[0] = p[0], other[0] = p[1];
	one[1] = sv[0], other[1] = sv[1];
	return tcp_pair(&one[2], &other[2]) < 0 ? 2 : 3;
}

int churn_pair_start(struct churn_pair *p, const char *name, int use_fork)
{
	int one[3], other[3];
	p->a = p->b = 0;
	int n = make_channels(one, other);
	if (n < 0)
		return 0;
	p->sa.name = p->sb.name = name;
	p->sa.n_fds = p->sb.n_fds = n;
	for (int i = 0; i < n; i++) {
		p->sa.fds[i] = one[i];
		p->sb.fds[i] = other[i];
	}
	pid_t a = sleeper_start(&p->sa, use_fork);
	pid_t b = a > 0 ? sleeper_start(&p->sb, use_fork) : -1;
	for (int i = 0; i < n; i++) {
		close(one[i]);
		close(other[i]);
	}
	p->a = a > 0 ? a : 0;
	p->b = b > 0 ? b : 0;
	return (a > 0) + (b > 0);
}

static void reap(pid_t pid)
{
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

void churn_pair_stop(struct churn_pair *p)
{
	if (p->a > 0)
		kill(p->a, SIGKILL);
	if (p->b > 0)
		kill(p->b, SIGKILL);
	reap(p->a);
	reap(p->b);
	p->a = p->b = 0;
}
