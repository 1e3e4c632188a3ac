/* state_names.c — words for process states, scheduling policies and socket facts (see
 * kernel_names.h). */
#include "model/kernel_names.h"

#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>

const char *proc_state_name(char state)
{
	switch (state) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'Z': return "zombie";
	case 'T': return "stopped";
	case 't': return "tracing stop";
	case 'X': case 'x': return "dead";
	case 'I': return "idle";
	case 'P': return "parked";
	case 'K': return "wakekill";
	case 'W': return "waking";
	default: return NULL;
	}
}

const char *sched_policy_name(int policy)
{
	switch (policy) {
	case SCHED_OTHER: return "other";
	case SCHED_FIFO: return "fifo";
	case SCHED_RR: return "rr";
	case SCHED_BATCH: return "batch";
	case SCHED_IDLE: return "idle";
	case 6: return "deadline";     /* SCHED_DEADLINE: not in every libc's <sched.h> */
	default: return NULL;
	}
}

const char *sock_family_name(unsigned family)
{
	switch (family) {
	case AF_UNIX: return "unix";
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	case AF_NETLINK: return "netlink";
	default: return NULL;
	}
}

const char *sock_type_name(unsigned type)
{
	switch (type) {
	case SOCK_STREAM: return "stream";
	case SOCK_DGRAM: return "dgram";
	case SOCK_SEQPACKET: return "seqpacket";
	case SOCK_RAW: return "raw";
	default: return NULL;
	}
}

/* The kernel's TCP_* numbering (include/net/tcp_states.h), also used by UNIX sockets. */
static const char *tcp_state_name(unsigned st)
{
	static const char *const names[] = {
		[1] = "established", [2] = "syn_sent", [3] = "syn_recv", [4] = "fin_wait1",
		[5] = "fin_wait2", [6] = "time_wait", [7] = "close", [8] = "close_wait",
		[9] = "last_ack", [10] = "listen", [11] = "closing",
	};
	return st < sizeof(names) / sizeof(names[0]) ? names[st] : NULL;
}

static int is_udp(const struct sock_info *sk)
{
	return (sk->family == AF_INET || sk->family == AF_INET6) &&
	       (sk->protocol == IPPROTO_UDP || sk->type == SOCK_DGRAM);
}

const char *sock_state_name(const struct sock_info *sk)
{
	/* a datagram socket has no connection states: UDP's, and a UNIX datagram socket's (the
	 * kernel's TCP_CLOSE 7 for one without a peer would read "close") */
	if (is_udp(sk) || (sk->family == AF_UNIX && sk->type == SOCK_DGRAM))
		return sk->state == 7 ? "unconnected" : sk->state == 1 ? "connected" : NULL;
	if (sk->family == AF_NETLINK)   /* NETLINK_UNCONNECTED 0, NETLINK_CONNECTED 1 */
		return sk->state == 0 ? "unconnected" : sk->state == 1 ? "connected" : NULL;
	return tcp_state_name(sk->state);
}

int sock_is_listener(const struct sock_info *sk)
{
	return sk->state == 10 && !is_udp(sk) && sk->family != AF_NETLINK;
}
