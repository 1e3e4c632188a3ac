/* sockdiag_fake.c — the scripted sock_diag reply source of sockdiag_fake.h. */
#include "sockdiag_fake.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "collect/sockdiag_io.h"

enum { MAX_ANSWERS = 32, MAX_STEPS = 16, DGRAM_CAP = 8192 };

struct step {
	int err;                 /* a receive error instead of a datagram */
	size_t len;
	_Alignas(8) char buf[DGRAM_CAP];
};

struct answer {
	uint16_t type;
	uint8_t family, protocol;
	struct step *steps[MAX_STEPS];
	size_t n_steps, next;
};

static struct {
	struct answer answers[MAX_ANSWERS];
	size_t n_answers;
	struct fake_req reqs[MAX_ANSWERS * 2];
	size_t n_reqs;
	uint32_t seq;            /* of the last request */
	int open_err, send_err;
	struct nlmsghdr *last;   /* the message put last */
	char problem[160];
	const struct sockdiag_io_ops *saved;
} F;

__attribute__((format(printf, 1, 2)))
static void off_script(const char *fmt, ...)
{
	va_list ap;
	if (F.problem[0])
		return;
	va_start(ap, fmt);
	vsnprintf(F.problem, sizeof(F.problem), fmt, ap);
	va_end(ap);
}

/* ---- the reply source ---- */

static int fake_open(struct sockdiag_io *io)
{
	if (F.open_err)
		return -F.open_err;
	io->portid = FAKE_PORTID;
	return 0;
}

static void record(const struct nlmsghdr *req)
{
	struct fake_req r = { .type = req->nlmsg_type, .flags = req->nlmsg_flags };
	const uint8_t *p = mnl_nlmsg_get_payload(req);
	size_t len = mnl_nlmsg_get_payload_len(req);

	if (len >= 2)
		r.family = p[0], r.protocol = p[1];
	if (req->nlmsg_type == SOCK_DIAG_BY_FAMILY && r.family == AF_UNIX &&
	    len >= sizeof(struct unix_diag_req))
		memcpy(&r.ino, p + offsetof(struct unix_diag_req, udiag_ino), sizeof(r.ino));
	F.reqs[F.n_reqs++] = r;
}

static bool matches(const struct answer *a, const struct fake_req *r)
{
	if (a->type != r->type)
		return false;
	return r->type == TCPDIAG_GETSOCK || (a->family == r->family && a->protocol == r->protocol);
}

static int fake_send(struct sockdiag_io *io, const struct nlmsghdr *req)
{
	(void)io;
	if (F.send_err)
		return -F.send_err;
	if (F.n_reqs == sizeof(F.reqs) / sizeof(F.reqs[0])) {
		off_script("more than %zu requests", F.n_reqs);
		return -E2BIG;
	}
	record(req);
	F.seq = req->nlmsg_seq;
	if (F.n_reqs > F.n_answers)
		off_script("request %zu has no answer in the script", F.n_reqs);
	else if (!matches(&F.answers[F.n_reqs - 1], &F.reqs[F.n_reqs - 1]))
		off_script("request %zu is not the one the script expects", F.n_reqs);
	return 0;
}

/* Messages without a sequence number get the last request's, as the kernel's would. The walk
 * stops at the first message that does not fit (compared unsigned: mnl_nlmsg_ok would take a
 * length of 2 GiB or more for a fitting negative one). */
static void fill_seq(char *buf, size_t len)
{
	size_t off = 0;

	while (off + sizeof(struct nlmsghdr) <= len) {   /* off may pass len: padding */
		struct nlmsghdr *nlh = (struct nlmsghdr *)(buf + off);
		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len - off)
			return;
		if (nlh->nlmsg_seq == 0)
			nlh->nlmsg_seq = F.seq;
		off += MNL_ALIGN(nlh->nlmsg_len);
	}
}

static ssize_t fake_recv(struct sockdiag_io *io, void *buf, size_t cap)
{
	(void)io;
	struct answer *a = F.n_reqs && F.n_reqs <= F.n_answers ? &F.answers[F.n_reqs - 1] : NULL;

	if (!a || a->next == a->n_steps) {
		off_script("read past the script after request %zu", F.n_reqs);
		return -EAGAIN;
	}
	struct step *st = a->steps[a->next++];
	if (st->err)
		return -st->err;
	if (st->len > cap) {
		off_script("datagram of request %zu bigger than the buffer", F.n_reqs);
		return -ENOSPC;
	}
	memcpy(buf, st->buf, st->len);
	fill_seq(buf, st->len);
	return (ssize_t)st->len;
}

static void fake_close(struct sockdiag_io *io)
{
	(void)io;
}

static const struct sockdiag_io_ops fake_ops = {
	.open = fake_open, .send = fake_send, .recv = fake_recv, .close = fake_close,
};

/* ---- the script ---- */

static void free_script(void)
{
	for (size_t i = 0; i < F.n_answers; i++)
		for (size_t j = 0; j < F.answers[i].n_steps; j++)
			free(F.answers[i].steps[j]);
}

void fake_begin(void)
{
	const struct sockdiag_io_ops *saved = F.saved;
	free_script();
	memset(&F, 0, sizeof(F));
	F.saved = sockdiag_io_swap(&fake_ops);
	if (saved)
		F.saved = saved;   /* begun twice: keep the real ops to put back */
}

void fake_end(void)
{
	free_script();
	sockdiag_io_swap(F.saved);
	memset(&F, 0, sizeof(F));
}

void fake_fail_open(int err) { F.open_err = err; }
void fake_fail_send(int err) { F.send_err = err; }

static struct answer *cur_answer(void)
{
	if (F.n_answers == 0) {
		fprintf(stderr, "sockdiag_fake: a message put before fake_answer\n");
		abort();
	}
	return &F.answers[F.n_answers - 1];
}

static struct step *new_step(void)
{
	struct answer *a = cur_answer();
	if (a->n_steps == MAX_STEPS) {
		fprintf(stderr, "sockdiag_fake: more than %d datagrams in one answer\n", MAX_STEPS);
		abort();
	}
	struct step *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	a->steps[a->n_steps++] = st;
	return st;
}

void fake_answer(uint16_t type, uint8_t family, uint8_t protocol)
{
	if (F.n_answers == MAX_ANSWERS)
		abort();
	F.answers[F.n_answers++] = (struct answer){
		.type = type, .family = family, .protocol = protocol,
	};
}

void fake_dgram(void)
{
	new_step();
}

void fake_recv_error(int err)
{
	new_step()->err = err;
}

/* The datagram messages go into: the answer's last, or a new one after a receive error. */
static struct step *cur_step(void)
{
	struct answer *a = cur_answer();
	if (a->n_steps == 0 || a->steps[a->n_steps - 1]->err)
		return new_step();
	return a->steps[a->n_steps - 1];
}

/* A new message of type with a header of hdr_len bytes, at the end of the current datagram. */
static struct nlmsghdr *put_msg(uint16_t type, size_t hdr_len, void **hdr)
{
	struct step *st = cur_step();
	if (st->len + MNL_ALIGN(MNL_NLMSG_HDRLEN + hdr_len) + 512 > DGRAM_CAP)
		abort();
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(st->buf + st->len);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_pid = FAKE_PORTID;
	*hdr = mnl_nlmsg_put_extra_header(nlh, hdr_len);
	F.last = nlh;
	return nlh;
}

/* Close the message put last: its length (with attributes) counted into the datagram. */
static void end_msg(struct nlmsghdr *nlh)
{
	cur_step()->len += MNL_ALIGN(nlh->nlmsg_len);
}

void fake_put_unix(uint32_t ino, uint32_t peer, const char *name)
{
	struct unix_diag_msg *m;
	struct nlmsghdr *nlh = put_msg(cur_answer()->type, sizeof(*m), (void **)&m);
	m->udiag_family = AF_UNIX;
	m->udiag_type = SOCK_STREAM;
	m->udiag_state = 1;
	m->udiag_ino = ino;
	if (peer)
		mnl_attr_put_u32(nlh, UNIX_DIAG_PEER, peer);
	if (name)
		mnl_attr_put(nlh, UNIX_DIAG_NAME, strlen(name), name);
	end_msg(nlh);
}

void fake_put_inet(uint8_t family, uint32_t ino, uint16_t sport)
{
	struct inet_diag_msg *m;
	struct nlmsghdr *nlh = put_msg(cur_answer()->type, sizeof(*m), (void **)&m);
	m->idiag_family = family;
	m->idiag_state = 10;
	m->idiag_inode = ino;
	m->id.idiag_sport = (uint16_t)(sport << 8 | sport >> 8);
	end_msg(nlh);
}

void fake_put_netlink(uint32_t ino, uint32_t portid)
{
	struct netlink_diag_msg *m;
	struct nlmsghdr *nlh = put_msg(cur_answer()->type, sizeof(*m), (void **)&m);
	m->ndiag_family = AF_NETLINK;
	m->ndiag_type = SOCK_RAW;
	m->ndiag_ino = ino;
	m->ndiag_portid = portid;
	end_msg(nlh);
}

void fake_put_done(void)
{
	int32_t *len;
	struct nlmsghdr *nlh = put_msg(NLMSG_DONE, sizeof(*len), (void **)&len);
	end_msg(nlh);
}

void fake_put_error(int err)
{
	struct nlmsgerr *e;
	struct nlmsghdr *nlh = put_msg(NLMSG_ERROR, sizeof(*e), (void **)&e);
	nlh->nlmsg_flags = 0;
	e->error = -err;
	end_msg(nlh);
}

void fake_put_raw(const void *bytes, size_t len)
{
	struct step *st = cur_step();
	if (st->len + len > DGRAM_CAP)
		abort();
	memcpy(st->buf + st->len, bytes, len);
	F.last = len >= sizeof(struct nlmsghdr) ? (struct nlmsghdr *)(st->buf + st->len) : NULL;
	st->len += len;
}

void fake_last_flags(uint16_t flags) { F.last->nlmsg_flags |= flags; }
void fake_last_seq(uint32_t seq) { F.last->nlmsg_seq = seq; }
void fake_last_portid(uint32_t portid) { F.last->nlmsg_pid = portid; }

size_t fake_n_requests(void)
{
	return F.n_reqs;
}

const struct fake_req *fake_request(size_t i)
{
	return i < F.n_reqs ? &F.reqs[i] : NULL;
}

const char *fake_problem(void)
{
	if (F.problem[0])
		return F.problem;
	for (size_t i = 0; i < F.n_answers; i++) {
		const struct answer *a = &F.answers[i];
		if (i >= F.n_reqs || a->next < a->n_steps) {
			snprintf(F.problem, sizeof(F.problem), "answer %zu not read to its end", i + 1);
			return F.problem;
		}
	}
	return NULL;
}
