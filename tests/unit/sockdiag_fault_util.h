/* sockdiag_fault_util.h — what the tests on scripted sock_diag replies share: the request
 * each answer is for, a fresh snapshot and script, and checks on notes and the script. */
#ifndef IPCTOP_SOCKDIAG_FAULT_UTIL_H
#define IPCTOP_SOCKDIAG_FAULT_UTIL_H

#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "collect/collect_sockdiag.h"
#include "sockdiag_fake.h"
#include "sockdiag_test_util.h"

enum { NETNS = 4026531999u };

#define UNIX_DUMP SOCK_DIAG_BY_FAMILY, AF_UNIX, 0
#define TCP_BOTH TCPDIAG_GETSOCK, 0, 0
#define TCP4 SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_TCP
#define TCP6 SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_TCP
#define UDP4 SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_UDP
#define UDP6 SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_UDP
#define NETLINK SOCK_DIAG_BY_FAMILY, AF_NETLINK, NDIAG_PROTO_ALL

static inline void answer_empty(uint16_t type, uint8_t family, uint8_t protocol)
{
	fake_answer(type, family, protocol);
	fake_put_done();
}

/* The four dumps after UNIX, each listing nothing. */
static inline void rest_empty(void)
{
	answer_empty(TCP_BOTH);
	answer_empty(UDP4);
	answer_empty(UDP6);
	answer_empty(NETLINK);
}

/* A fresh snapshot and script: TCP asked for in one request, as on a first run. */
static inline void begin(struct snapshot *s)
{
	snapshot_init(s);
	fake_begin();
	sockdiag_split_tcp(false);
}

static inline void end(struct snapshot *s)
{
	fake_end();
	snapshot_free(s);
}

static inline bool has_note(const struct snapshot *s, const char *text)
{
	for (size_t i = 0; i < s->n_notes; i++)
		if (strstr(s->notes[i].text, text))
			return true;
	return false;
}

static inline size_t n_requests_of(uint16_t type, uint8_t family)
{
	size_t n = 0;
	for (size_t i = 0; i < fake_n_requests(); i++)
		if (fake_request(i)->type == type && fake_request(i)->family == family)
			n++;
	return n;
}

static inline void no_problem(const char *what)
{
	const char *p = fake_problem();
	ok(p == NULL, "%s: every request as scripted, every reply read", what);
	if (p)
		diag("%s", p);
}

#endif
