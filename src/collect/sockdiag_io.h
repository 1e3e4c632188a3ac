/* sockdiag_io.h — where the sock_diag collector's requests go and its replies come from: the
 * real NETLINK_SOCK_DIAG socket, or, in tests and fuzzing, a scripted source put in its place
 * with sockdiag_io_swap(). */
#ifndef IPCTOP_SOCKDIAG_IO_H
#define IPCTOP_SOCKDIAG_IO_H

#include <stddef.h>
#include <sys/types.h>
#include <linux/netlink.h>

struct sockdiag_io;

struct sockdiag_io_ops {
	/* Fill io (priv, portid). Returns 0 or -errno. */
	int (*open)(struct sockdiag_io *io);
	/* Send one request. Returns 0 or -errno. */
	int (*send)(struct sockdiag_io *io, const struct nlmsghdr *req);
	/* Receive one datagram into buf: its length, or -errno (-EINTR: try again). */
	ssize_t (*recv)(struct sockdiag_io *io, void *buf, size_t cap);
	void (*close)(struct sockdiag_io *io);
};

/* One open reply source. */
struct sockdiag_io {
	const struct sockdiag_io_ops *ops;
	void *priv;        /* the ops' own state (the real one: a struct mnl_socket) */
	unsigned portid;   /* replies must come to this port id (0: any) */
};

/* The real source: a NETLINK_SOCK_DIAG socket of the calling thread's network namespace. */
extern const struct sockdiag_io_ops sockdiag_io_netlink;

/* Open io with the ops in use (the real ones unless swapped). Returns 0 or -errno. */
int sockdiag_io_open(struct sockdiag_io *io);

/* Use ops for every source opened from now on (NULL: the real one again); returns the ops
 * used before. For tests and fuzzing: not meant to change while a collector runs. */
const struct sockdiag_io_ops *sockdiag_io_swap(const struct sockdiag_io_ops *ops);

#endif
