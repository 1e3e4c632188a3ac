/* graph_service.h — which processes the graph draws as one service node when groups are on
 * (pure): those that serve a TCP listener two or more processes serve, holding it or a
 * connection accepted through it (nginx's master and workers, postgres' postmaster and the
 * backends holding what it accepted), so that a client's connections to any of them are one
 * edge "client → nginx :80". */
#ifndef IPCTOP_GRAPH_SERVICE_H
#define IPCTOP_GRAPH_SERVICE_H

#include <stdint.h>
#include <sys/types.h>

#include "model/snapshot.h"

struct graph_services {
	pid_t *first;        /* per s->socks index of a listener: its lowest serving pid (0 none) */
	int32_t *first_proc; /* ... that process's index into s->procs */
	uint32_t *servers;   /* per listener: how many distinct processes hold it or its connections */
	int32_t *proc_listener;   /* per s->procs index: the grouped listener it serves (the first
	                           * of its descriptors' order), or -1 */
	uint8_t *port_shared;     /* per listener: another grouped listener has its port */
};

/* Fill sv (allocated here) from s; free with graph_services_free. */
void graph_services_find(const struct snapshot *s, struct graph_services *sv);
void graph_services_free(struct graph_services *sv);
/* The grouped listener process pi (an index into s->procs) serves, or -1. */
int32_t graph_service_of_proc(const struct graph_services *sv, size_t pi);
/* The service node's name: "COMM :PORT" of the listener (COMM: its lowest serving pid's), or
 * "COMM ADDR:PORT" when another grouped listener has the same port (two servers bound to
 * different addresses), at most size-1 bytes, raw (escaped where drawn). */
void graph_service_name(const struct graph_services *sv, const struct snapshot *s, int32_t l,
			char *buf, size_t size);

#endif
