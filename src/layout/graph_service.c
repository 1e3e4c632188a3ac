/* graph_service.c — a listener's service for the graph: every process that holds a TCP
 * listener or a connection accepted through it (sock_info.listener1) serves it; the servers
 * of a listener served by two or more processes are one service node (graph_service.h). */
#include "layout/graph_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/format_addr.h"
#include "model/kernel_names.h"
#include "util/xalloc.h"

/* The listener socket k serves: itself when it listens, the one it was accepted through, or -1. */
static int32_t served_listener(const struct snapshot *s, int32_t k)
{
	const struct sock_info *sk = &s->socks[k];
	if (sock_is_listener(sk) && sk->family != AF_UNIX)
		return k;
	if (sk->listener1 > 0 && (size_t)sk->listener1 <= s->n_socks)
		return sk->listener1 - 1;
	return -1;
}

/* Count pid (s->procs index pi) as a server of listener l, each process once: last[l] is the
 * last pid counted for l, and a process's descriptors are read together. */
static void count_server(struct graph_services *sv, pid_t *last, int32_t l, pid_t pid, int32_t pi)
{
	if (last[l] == pid)
		return;
	last[l] = pid;
	sv->servers[l]++;
	if (!sv->first[l] || pid < sv->first[l]) {
		sv->first[l] = pid;
		sv->first_proc[l] = pi;
	}
}

/* Mark each grouped listener whose port another grouped listener also has. */
static void find_shared_ports(const struct snapshot *s, struct graph_services *sv)
{
	size_t n = s->n_socks ? s->n_socks : 1;
	sv->port_shared = xcalloc(n, sizeof(*sv->port_shared));
	int32_t *grouped = xmalloc(n * sizeof(*grouped));
	size_t m = 0;
	for (size_t k = 0; k < s->n_socks; k++)
		if (sv->servers[k] >= 2)
			grouped[m++] = (int32_t)k;
	for (size_t i = 0; i < m; i++)
		for (size_t j = i + 1; j < m; j++)
			if (s->socks[grouped[i]].lport == s->socks[grouped[j]].lport)
				sv->port_shared[grouped[i]] = sv->port_shared[grouped[j]] = 1;
	free(grouped);
}

void graph_services_find(const struct snapshot *s, struct graph_services *sv)
{
	size_t n = s->n_socks ? s->n_socks : 1;
	sv->first = xcalloc(n, sizeof(*sv->first));
	sv->first_proc = xcalloc(n, sizeof(*sv->first_proc));
	sv->servers = xcalloc(n, sizeof(*sv->servers));
	pid_t *last = xcalloc(n, sizeof(*last));
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		const struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++) {
			int32_t k = p->fds[j].sock;
			int32_t l = k >= 0 && (size_t)k < s->n_socks ? served_listener(s, k) : -1;
			if (l >= 0)
				count_server(sv, last, l, p->pid, (int32_t)pi);
		}
	}
	free(last);
	find_shared_ports(s, sv);
	sv->proc_listener = xmalloc((s->n_procs ? s->n_procs : 1) * sizeof(*sv->proc_listener));
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		const struct proc_info *p = &s->procs[pi];
		sv->proc_listener[pi] = -1;
		for (size_t j = 0; j < p->n_fds && sv->proc_listener[pi] < 0; j++) {
			int32_t k = p->fds[j].sock;
			int32_t l = k >= 0 && (size_t)k < s->n_socks ? served_listener(s, k) : -1;
			if (l >= 0 && sv->servers[l] >= 2)
				sv->proc_listener[pi] = l;
		}
	}
}

void graph_services_free(struct graph_services *sv)
{
	free(sv->first);
	free(sv->first_proc);
	free(sv->servers);
	free(sv->proc_listener);
	free(sv->port_shared);
	memset(sv, 0, sizeof(*sv));
}

int32_t graph_service_of_proc(const struct graph_services *sv, size_t pi)
{
	return sv->proc_listener ? sv->proc_listener[pi] : -1;
}

void graph_service_name(const struct graph_services *sv, const struct snapshot *s, int32_t l,
			char *buf, size_t size)
{
	int32_t pi = sv->first_proc[l];
	const char *comm = pi >= 0 && (size_t)pi < s->n_procs && s->procs[pi].comm ? s->procs[pi].comm : "?";
	const struct sock_info *sk = &s->socks[l];
	char addr[ADDR_PORT_MAX];
	if (sv->port_shared[l])
		snprintf(buf, size, "%s %s", comm, format_sock_local(addr, sizeof addr, sk));
	else
		snprintf(buf, size, "%s :%u", comm, (unsigned)sk->lport);
}
