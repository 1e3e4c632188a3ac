/* sock_describe.c — a socket in the words `ss` uses (see sock_describe.h). */
#include "model/sock_describe.h"

#include <math.h>

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "model/services.h"
#include "util/text_escape.h"

/* NETLINK_* protocol numbers (linux/netlink.h) by the constant's name, lower case. */
static const char *netlink_proto_name(unsigned proto)
{
	static const char *const names[] = {
		"route", "unused", "usersock", "firewall", "sock_diag", "nflog", "xfrm", "selinux",
		"iscsi", "audit", "fib_lookup", "connector", "netfilter", "ip6_fw", "dnrtmsg",
		"kobject_uevent", "generic", NULL, "scsitransport", "ecryptfs", "rdma", "crypto", "smc",
	};
	return proto < sizeof(names) / sizeof(names[0]) ? names[proto] : NULL;
}

static bool is_inet(const struct sock_info *sk)
{
	return sk->family == AF_INET || sk->family == AF_INET6;
}

const char *sock_proto_word(char *buf, size_t size, const struct sock_info *sk)
{
	const char *type = sock_type_name(sk->type);
	if (is_inet(sk) && sk->protocol == IPPROTO_TCP)
		snprintf(buf, size, "tcp");
	else if (is_inet(sk) && sk->protocol == IPPROTO_UDP)
		snprintf(buf, size, "udp");
	else if (is_inet(sk))
		snprintf(buf, size, "%s/%u", type ? type : "inet", sk->protocol);
	else if (sk->family == AF_UNIX && type)
		snprintf(buf, size, "unix %s", type);
	else if (sk->family == AF_NETLINK && netlink_proto_name(sk->protocol))
		snprintf(buf, size, "netlink/%s", netlink_proto_name(sk->protocol));
	else if (sk->family == AF_NETLINK)
		snprintf(buf, size, "netlink/%u", sk->protocol);
	else
		snprintf(buf, size, "family %u", sk->family);
	return buf;
}

void sock_port_service(struct strbuf *sb, const struct sock_info *sk, uint16_t port)
{
	if (!is_inet(sk) || (sk->protocol != IPPROTO_TCP && sk->protocol != IPPROTO_UDP))
		return;
	const char *name = service_word(port, sk->protocol == IPPROTO_UDP);
	if (name)
		sb_printf(sb, " (%s)", name);
}

/* The INET addresses: "local" alone while unconnected, else "local ARROW remote"; each port
 * with its service name where it has one. */
static void put_inet_addrs(struct strbuf *sb, const struct sock_info *sk, const char *arrow)
{
	char addr[ADDR_PORT_MAX];
	sb_printf(sb, " %s", format_sock_local(addr, sizeof addr, sk));
	sock_port_service(sb, sk, sk->lport);
	if (sk->rport != 0) {
		sb_printf(sb, " %s %s", arrow, format_sock_remote(addr, sizeof addr, sk));
		sock_port_service(sb, sk, sk->rport);
	}
}

static void put_unix_name(struct strbuf *sb, const struct sock_info *sk)
{
	sb_putc(sb, ' ');
	if (sk->name && sk->name_len)
		format_unix_name(sb, sk->name, sk->name_len);
	else
		sb_puts(sb, "unnamed");
	if (sk->peer)
		sb_printf(sb, ", peer socket %llu", (unsigned long long)sk->peer);
}

/* The state and queues; with bufs, the buffers' limits after the queues. */
static void state_queues(struct strbuf *sb, const struct sock_info *sk, bool bufs)
{
	const char *st = sock_state_name(sk);
	if (st)
		sb_puts(sb, st);
	else
		sb_printf(sb, "state %u", sk->state);
	sb_printf(sb, ", rq %u wq %u", sk->rqueue, sk->wqueue);
	if (bufs && (sk->family == AF_UNIX || sk->family == AF_INET || sk->family == AF_INET6)) {
		if (sk->has_mem)   /* the limits the queues fill, as ss -m's rb and tb */
			sb_printf(sb, " (buffers rcv %u snd %u)", sk->rcvbuf, sk->sndbuf);
		else
			sb_puts(sb, " (buffers ?)");
	}
	if (sk->has_drops && sk->drops)
		sb_printf(sb, ", drops %u", sk->drops);
}

void sock_state_queues(struct strbuf *sb, const struct sock_info *sk)
{
	state_queues(sb, sk, false);
}

/* The socket of end i of c when no earlier end holds the same one, else NULL. */
static const struct sock_info *own_sock(const struct snapshot *s, const struct channel *c, size_t i)
{
	int32_t k = c->ep[i].sock;
	if (k < 0 || (size_t)k >= s->n_socks)
		return NULL;
	for (size_t j = 0; j < i; j++)
		if (c->ep[j].sock == k)
			return NULL;
	return &s->socks[k];
}

int64_t chan_drops(const struct snapshot *s, const struct channel *c)
{
	int64_t sum = -1;
	for (size_t i = 0; c && i < c->n_ep; i++) {
		const struct sock_info *sk = own_sock(s, c, i);
		if (sk && sk->has_drops)
			sum = (sum < 0 ? 0 : sum) + sk->drops;
	}
	return sum;
}

double chan_drops_rate(const struct snapshot *s, const struct channel *c)
{
	double sum = NAN;
	for (size_t i = 0; c && s->has_rates && i < c->n_ep; i++)
		if (own_sock(s, c, i) && !isnan(c->ep[i].drops_per_s))
			sum = isnan(sum) ? c->ep[i].drops_per_s : sum + c->ep[i].drops_per_s;
	return sum;
}

const struct sock_info *sock_listener(const struct snapshot *s, const struct sock_info *sk)
{
	if (sk->listener1 <= 0 || (size_t)sk->listener1 > s->n_socks)
		return NULL;
	return &s->socks[sk->listener1 - 1];
}

void sock_accepted_on(struct strbuf *sb, const struct snapshot *s, const struct sock_info *sk)
{
	const struct sock_info *l = sock_listener(s, sk);
	if (!l)
		return;
	char addr[ADDR_PORT_MAX];
	sb_printf(sb, ", accepted on %s", format_sock_local(addr, sizeof addr, l));
	sock_port_service(sb, l, l->lport);
}

static void describe_rest(struct strbuf *sb, const struct sock_info *sk, const char *arrow, bool bufs);

void sock_describe(struct strbuf *sb, const struct sock_info *sk, const char *arrow)
{
	char word[32];
	sb_puts(sb, sock_proto_word(word, sizeof word, sk));
	describe_rest(sb, sk, arrow, true);
}

void sock_describe_rest(struct strbuf *sb, const struct sock_info *sk, const char *arrow)
{
	describe_rest(sb, sk, arrow, false);
}

static void describe_rest(struct strbuf *sb, const struct sock_info *sk, const char *arrow, bool bufs)
{
	if (sock_is_listener(sk)) {
		/* sock_diag gives a listener's accept queue as rqueue and its backlog as wqueue */
		sb_puts(sb, " listen");
		if (is_inet(sk))
			put_inet_addrs(sb, sk, arrow);
		else if (sk->family == AF_UNIX)
			put_unix_name(sb, sk);
		sb_printf(sb, ", pending %u of backlog %u", sk->rqueue, sk->wqueue);
		return;
	}
	if (is_inet(sk))
		put_inet_addrs(sb, sk, arrow);
	else if (sk->family == AF_UNIX)
		put_unix_name(sb, sk);
	else if (sk->family == AF_NETLINK)
		sb_printf(sb, " portid %u", sk->portid);
	sb_putc(sb, ' ');
	state_queues(sb, sk, bufs);
}

const struct sock_info *snapshot_fd_sock(const struct snapshot *s, const struct fd_info *f)
{
	if (f->kind != FDK_SOCKET || f->sock < 0 || (size_t)f->sock >= s->n_socks)
		return NULL;
	return &s->socks[f->sock];
}

/* The listen ends of c held by a process, each process once: their proc indices in out (at
 * most max); the count, and in *sk the listener's socket. */
static size_t listen_holders(const struct snapshot *s, const struct channel *c, int32_t *out, size_t max,
			     const struct sock_info **sk)
{
	size_t n = 0;
	for (size_t e = 0; e < c->n_ep; e++) {
		const struct endpoint *ep = &c->ep[e];
		if (!ep->role || strcmp(ep->role, "listen") != 0 || ep->proc < 0 || ep->sock < 0 ||
		    (size_t)ep->sock >= s->n_socks)
			continue;
		*sk = &s->socks[ep->sock];
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = s->procs[out[i]].pid == ep->pid;
		if (!seen && n < max)
			out[n++] = ep->proc;
	}
	return n;
}

/* The holder that is the parent of every other one, or -1. */
static int32_t master_of(const struct snapshot *s, const int32_t *h, size_t n)
{
	for (size_t m = 0; m < n; m++) {
		size_t kids = 0;
		for (size_t i = 0; i < n; i++)
			kids += i != m && s->procs[h[i]].ppid == s->procs[h[m]].pid;
		if (kids == n - 1)
			return h[m];
	}
	return -1;
}

void sock_one_listener(struct strbuf *sb, const char *comm, const struct sock_info *sk)
{
	if (comm)
		esc_append(sb, comm, strlen(comm));
	else
		sb_puts(sb, "1 process");
	char addr[ADDR_PORT_MAX];
	sb_printf(sb, " accepts on %s", format_sock_local(addr, sizeof addr, sk));
	sock_port_service(sb, sk, sk->lport);
}

bool sock_shared_listener(struct strbuf *sb, const struct snapshot *s, const struct channel *c)
{
	int32_t h[256];
	const struct sock_info *sk = NULL;
	size_t n = listen_holders(s, c, h, sizeof h / sizeof h[0], &sk);
	if (n < 1 || !sk || !is_inet(sk))
		return false;
	if (n == 1) {
		sock_one_listener(sb, s->procs[h[0]].comm, sk);
		return true;
	}
	int32_t m = master_of(s, h, n);
	const char *comm = m >= 0 ? s->procs[m].comm : NULL;
	if (comm) {
		esc_append(sb, comm, strlen(comm));
		sb_printf(sb, " master + %zu worker%s", n - 1, n == 2 ? "" : "s");
	} else {
		sb_printf(sb, "%zu processes", n);
	}
	char addr[ADDR_PORT_MAX];
	sb_printf(sb, " accept on %s", format_sock_local(addr, sizeof addr, sk));
	sock_port_service(sb, sk, sk->lport);
	return true;
}
