/* lesson_launch.c — starting a run's processes through demo-parent (a process of the helper,
 * OBJ_LAUNCHER's end of a SOCK_SEQPACKET pair on its fd 3) instead of forking them from
 * ipctop: they are then its children, and the tree shows them under it. ipctop still makes
 * each role's object and sends it along (SCM_RIGHTS); demo-parent answers with the pid. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lesson/helper.h"
#include "lesson/lesson.h"

#define LAUNCH_WAIT_MS 10000   /* only a stuck demo-parent waits this long */

int lesson_launcher_pair(struct lesson_run *r)
{
	int sv[2];
	if (r->launch_fd >= 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	r->launch_fd = sv[0];
	return sv[1];
}

static int send_request(int sock, const struct helper_launch *req, int obj)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	memset(cbuf, 0, sizeof(cbuf));
	struct iovec iov = { (void *)req, sizeof(*req) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (obj >= 0) {
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &obj, sizeof(int));
	}
	ssize_t n;
	while ((n = sendmsg(sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof(*req) ? 0 : -1;
}

pid_t lesson_launch(struct lesson_run *r, const char *role, const char *arg, int obj)
{
	struct helper_launch req;
	memset(&req, 0, sizeof(req));
	snprintf(req.role, sizeof(req.role), "%s", role);
	snprintf(req.arg, sizeof(req.arg), "%s", arg ? arg : "");
	if (send_request(r->launch_fd, &req, obj) < 0)
		return -1;
	struct pollfd p = { .fd = r->launch_fd, .events = POLLIN };
	int pid = 0;
	while (poll(&p, 1, LAUNCH_WAIT_MS) < 0 && errno == EINTR)
		;
	if (!(p.revents & POLLIN) || recv(r->launch_fd, &pid, sizeof(pid), MSG_DONTWAIT) != sizeof(pid)) {
		errno = ETIMEDOUT;   /* no answer */
		return -1;
	}
	errno = EAGAIN;   /* its fork failed */
	return pid > 0 ? (pid_t)pid : -1;
}
