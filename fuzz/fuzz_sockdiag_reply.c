/* fuzz_sockdiag_reply.c — libFuzzer target: the whole sock_diag collector (every dump of a
 * namespace, then a lookup of two UNIX inodes) reading its replies from the fuzz input instead
 * of the kernel, through sockdiag_io_swap(). Input: one byte of options (bit 0: TCP asked for
 * per family), then records of a 16-bit little-endian header and, for a datagram, its bytes:
 * header bit 15 set means a failed receive (errno chosen by the low bits), else the header is
 * the datagram's length (cut to what the input has). Sequence 0 and port 0 are always
 * accepted, so a reply need not guess them. Once the input is used up every receive fails. */
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "collect/collect_sockdiag.h"
#include "collect/sockdiag_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *in;
static size_t in_left;

static int in_open(struct sockdiag_io *io)
{
	io->portid = 0;
	return 0;
}

static int in_send(struct sockdiag_io *io, const struct nlmsghdr *req)
{
	(void)io, (void)req;
	return 0;
}

static ssize_t in_recv(struct sockdiag_io *io, void *buf, size_t cap)
{
	static const int errs[] = { EINTR, ENOBUFS, EAGAIN, ENOSPC };
	(void)io;
	if (in_left < 2)
		return -EIO;
	unsigned h = in[0] | (unsigned)in[1] << 8;
	in += 2, in_left -= 2;
	if (h & 0x8000)
		return -errs[h % (sizeof(errs) / sizeof(errs[0]))];
	size_t len = h < in_left ? h : in_left;
	if (len > cap)
		len = cap;
	memcpy(buf, in, len);
	in += len, in_left -= len;
	return (ssize_t)len;
}

static void in_close(struct sockdiag_io *io)
{
	(void)io;
}

static const struct sockdiag_io_ops in_ops = {
	.open = in_open, .send = in_send, .recv = in_recv, .close = in_close,
};

/* What any result must be: a count that matches, sockets in our netns with an inode (TCP
 * may have none: a connection not accepted yet, or an orphan closing, is kept). */
static void check(const struct snapshot *s, size_t before, int r)
{
	if (r < 0) {
		if (s->n_socks != before)
			abort();   /* a failed dump adds nothing */
		return;
	}
	if (s->n_socks != before + (size_t)r)
		abort();
	for (size_t i = before; i < s->n_socks; i++) {
		const struct sock_info *si = &s->socks[i];
		if ((si->ino == 0 && si->protocol != IPPROTO_TCP) || si->netns != 7)
			abort();
		if ((si->name == NULL) != (si->name_len == 0) || (si->icons == NULL) != (si->n_icons == 0))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static bool swapped;
	if (!swapped) {
		sockdiag_io_swap(&in_ops);
		swapped = true;
	}
	sockdiag_split_tcp(data[0] & 1);
	in = data + 1, in_left = size - 1;

	struct snapshot s;
	snapshot_init(&s);
	int r = sockdiag_dump_current(&s, 7);
	check(&s, 0, r);
	size_t before = s.n_socks;
	static const uint64_t inos[] = { 1, 2 };
	r = sockdiag_lookup_unix(&s, 7, inos, 2);
	check(&s, before, r);
	snapshot_free(&s);
	return 0;
}
