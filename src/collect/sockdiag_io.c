/* sockdiag_io.c — the real reply source of the sock_diag collector (a NETLINK_SOCK_DIAG
 * socket over libmnl) and the switch that lets a test put a scripted one in its place. */
#include "collect/sockdiag_io.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <stdatomic.h>
#include <sys/socket.h>

static int nl_open(struct sockdiag_io *io)
{
	struct mnl_socket *nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);

	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno;
		mnl_socket_close(nl);
		return -err;
	}
	io->priv = nl;
	io->portid = mnl_socket_get_portid(nl);
	return 0;
}

static int nl_send(struct sockdiag_io *io, const struct nlmsghdr *req)
{
	return mnl_socket_sendto(io->priv, req, req->nlmsg_len) < 0 ? -errno : 0;
}

static ssize_t nl_recv(struct sockdiag_io *io, void *buf, size_t cap)
{
	ssize_t n = mnl_socket_recvfrom(io->priv, buf, cap);
	return n < 0 ? -errno : n;
}

static void nl_close(struct sockdiag_io *io)
{
	mnl_socket_close(io->priv);
	io->priv = NULL;
}

const struct sockdiag_io_ops sockdiag_io_netlink = {
	.open = nl_open, .send = nl_send, .recv = nl_recv, .close = nl_close,
};

static const struct sockdiag_io_ops *_Atomic io_ops = &sockdiag_io_netlink;

const struct sockdiag_io_ops *sockdiag_io_swap(const struct sockdiag_io_ops *ops)
{
	return atomic_exchange(&io_ops, ops ? ops : &sockdiag_io_netlink);
}

int sockdiag_io_open(struct sockdiag_io *io)
{
	io->ops = atomic_load(&io_ops);
	io->priv = NULL;
	io->portid = 0;
	return io->ops->open(io);
}
