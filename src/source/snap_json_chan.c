/* snap_json_chan.c — channels, endpoints and sockets of a --json document into the snapshot
 * (see snap_json_chan.h). Each endpoint's socket becomes one entry of snapshot.socks; its
 * process is found by pid among the processes read (-1 when the document did not list it). */
#include "source/snap_json_chan.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/kernel_names.h"
#include "util/xalloc.h"

bool snap_json_depth_ok(json_t *v, int max)
{
	if (max < 0)
		return false;
	size_t i;
	const char *k;
	json_t *c;
	if (json_is_array(v)) {
		json_array_foreach(v, i, c)
			if (!snap_json_depth_ok(c, max - 1))
				return false;
	} else if (json_is_object(v)) {
		json_object_foreach(v, k, c)
			if (!snap_json_depth_ok(c, max - 1))
				return false;
	}
	return true;
}

static const char *kind_name(unsigned k) { return chan_kind_name((enum chan_kind)k); }
static const char *family_name(unsigned f) { return sock_family_name(f); }
static const char *type_name(unsigned t) { return sock_type_name(t); }
static const char *acc_name(unsigned a) { return access_name((uint8_t)a); }

/* "1.2.3.4:80" or "[::1]:80" of the family into addr and port. */
static bool parse_addr_port(struct rd *r, json_t *o, const char *key, int family,
                            uint8_t addr[16], uint16_t *port)
{
	char *text = NULL;
	if (!get_str(r, o, key, REQ, false, &text))
		return false;
	char *colon = strrchr(text, ':');
	if (!colon || colon == text)
		return rd_fail(r, key, "expected ADDRESS:PORT");
	*colon = '\0';
	char *host = text, *tail;
	if (family == AF_INET6) {
		size_t n = strlen(host);
		if (n < 2 || host[0] != '[' || host[n - 1] != ']')
			return rd_fail(r, key, "expected [IPV6]:PORT");
		host[n - 1] = '\0';
		host++;
	}
	unsigned long p = strtoul(colon + 1, &tail, 10);
	if (colon[1] < '0' || colon[1] > '9' || *tail || p > 65535)
		return rd_fail(r, key, "bad port");
	memset(addr, 0, 16);
	if (inet_pton(family, host, addr) != 1)
		return rd_fail(r, key, "bad %s address", family == AF_INET ? "IPv4" : "IPv6");
	*port = (uint16_t)p;
	return true;
}

/* The state by its name for this socket's family and type (as sock_state_name writes it). */
static bool read_state(struct rd *r, json_t *o, struct sock_info *k)
{
	json_t *v = json_object_get(o, "state");
	if (json_is_integer(v)) {
		int64_t st;
		if (!get_int(r, o, "state", REQ, 0, 255, &st))
			return false;
		k->state = (uint8_t)st;
		return true;
	}
	if (!json_is_string(v))
		return rd_fail(r, "state", "expected a name or a number");
	for (unsigned st = 0; st < 256; st++) {
		k->state = (uint8_t)st;
		const char *nm = sock_state_name(k);
		if (nm && strcmp(nm, json_string_value(v)) == 0)
			return true;
	}
	return rd_fail(r, "state", "unknown state for this socket");
}

static bool read_inet(struct rd *r, json_t *o, struct sock_info *k)
{
	int fam = k->family;
	int64_t rtt = 0;
	k->protocol = k->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	if (!parse_addr_port(r, o, "local", fam, k->laddr, &k->lport) ||
	    !parse_addr_port(r, o, "remote", fam, k->raddr, &k->rport))
		return false;
	k->has_tcp_info = json_object_get(o, "bytes_acked") != NULL;
	bool ok = get_u64(r, o, "bytes_acked", OPT, &k->bytes_acked) &&
		get_u64(r, o, "bytes_received", OPT, &k->bytes_received) &&
		get_int(r, o, "rtt_us", OPT, 0, UINT32_MAX, &rtt);
	k->rtt_us = (uint32_t)rtt;
	return ok;
}

static bool read_unix(struct rd *r, json_t *o, struct sock_info *k)
{
	int64_t peer = 0;
	if (!get_str(r, o, "name", REQ, true, &k->name) || !get_int_null(r, o, "peer", 0, INT64_MAX, 0, &peer))
		return false;
	k->name_len = k->name ? strlen(k->name) : 0;
	k->peer = (uint64_t)peer;
	return true;
}

/* rcvbuf and sndbuf: absent or null, unknown (a document of an older ipctop, or of netlink). */
static bool read_bufs(struct rd *r, json_t *o, struct sock_info *k)
{
	int64_t rb = -1, sb = -1;
	bool ok = (!json_object_get(o, "rcvbuf") || get_int_null(r, o, "rcvbuf", 0, UINT32_MAX, -1, &rb)) &&
		(!json_object_get(o, "sndbuf") || get_int_null(r, o, "sndbuf", 0, UINT32_MAX, -1, &sb));
	k->has_mem = rb >= 0 && sb >= 0;
	k->rcvbuf = k->has_mem ? (uint32_t)rb : 0;
	k->sndbuf = k->has_mem ? (uint32_t)sb : 0;
	return ok;
}

static bool read_sock(struct rd *r, json_t *o, struct sock_info *k)
{
	unsigned fam, type;
	int64_t rq = 0, wq = 0, proto = 0, portid = 0;
	if (!json_is_object(o))
		return rd_fail(r, "socket", "expected an object");
	strncat(r->where, ".socket", sizeof(r->where) - strlen(r->where) - 1);
	bool ok = get_u64(r, o, "inode", REQ, &k->ino) && get_u64(r, o, "netns", REQ, &k->netns) &&
		get_name(r, o, "family", family_name, 64, true, &fam) &&
		get_name(r, o, "type", type_name, 16, true, &type) &&
		get_int(r, o, "rqueue", REQ, 0, UINT32_MAX, &rq) &&
		get_int(r, o, "wqueue", REQ, 0, UINT32_MAX, &wq);
	if (!ok)
		return false;
	k->family = (uint8_t)fam;
	k->type = (uint8_t)type;
	k->rqueue = (uint32_t)rq;
	k->wqueue = (uint32_t)wq;
	if (!read_bufs(r, o, k))
		return false;
	if (fam == AF_INET || fam == AF_INET6)
		ok = read_inet(r, o, k);
	else if (fam == AF_UNIX)
		ok = read_unix(r, o, k);
	else if (fam == AF_NETLINK)
		ok = get_int(r, o, "protocol", REQ, 0, 255, &proto) &&
			get_int(r, o, "portid", REQ, 0, UINT32_MAX, &portid);
	k->protocol = fam == AF_NETLINK ? (uint8_t)proto : k->protocol;
	k->portid = (uint32_t)portid;
	return ok && read_state(r, o, k);
}

static int32_t add_sock(struct snapshot *s)
{
	XGROW(s->socks, s->cap_socks, s->n_socks + 1);
	memset(&s->socks[s->n_socks], 0, sizeof(s->socks[0]));
	return (int32_t)s->n_socks++;
}

static bool read_endpoint(struct rd *r, json_t *o, struct endpoint *e)
{
	int64_t pid, fd;
	unsigned acc;
	char *role = NULL, *host = NULL;
	json_t *sk;
	if (!json_is_object(o))
		return rd_fail(r, NULL, "expected an object");
	bool ok = get_str(r, o, "host", OPT, false, &host) &&
		get_int_null(r, o, "pid", 1, INT32_MAX, 0, &pid) &&
		get_int_null(r, o, "fd", 0, INT32_MAX, -1, &fd) &&
		get_name(r, o, "access", acc_name, 4, false, &acc) &&
		get_str(r, o, "role", REQ, true, &role) &&
		get_str(r, o, "remote", OPT, false, &e->remote) &&
		get_u64(r, o, "addr", OPT, &e->addr) && get_u64(r, o, "size", OPT, &e->size) &&
		get_obj(r, o, "socket", OPT, &sk);
	if (!ok)
		return false;
	e->host = host;
	e->pid = (pid_t)pid;
	e->fd = (int)fd;
	e->access = (uint8_t)acc;
	e->role = role;
	e->proc = pid ? snap_json_find_proc(r->s, host, (pid_t)pid) : -1;
	e->sock = -1;
	if (!sk)
		return true;
	int32_t at = add_sock(r->s);
	if (!read_sock(r, sk, &r->s->socks[at]))
		return false;
	e->sock = at;
	return true;
}

static bool read_chan(struct rd *r, json_t *o, size_t ci, struct channel *ch)
{
	unsigned kind;
	json_t *eps;
	if (!json_is_object(o))
		return rd_fail(r, NULL, "expected an object");
	bool ok = get_name(r, o, "kind", kind_name, CK__COUNT, false, &kind) &&
		get_str(r, o, "id", REQ, false, &ch->id) &&
		get_str(r, o, "label", REQ, true, &ch->label) &&
		get_u64(r, o, "netns", OPT, &ch->netns) &&
		get_u64(r, o, "queued", OPT, &ch->queued) &&
		get_u64(r, o, "bytes", OPT, &ch->bytes) &&
		get_bool(r, o, "one_ended", OPT, &ch->one_ended) &&
		get_arr(r, o, "endpoints", REQ, &eps);
	if (!ok)
		return false;
	ch->kind = (enum chan_kind)kind;
	ch->sysv = -1;
	ch->n_ep = json_array_size(eps);
	ch->ep = arena_alloc(&r->s->arena, (ch->n_ep ? ch->n_ep : 1) * sizeof(*ch->ep));
	memset(ch->ep, 0, (ch->n_ep ? ch->n_ep : 1) * sizeof(*ch->ep));
	for (size_t e = 0; e < ch->n_ep; e++) {
		rd_where(r, "channels[%zu].endpoints[%zu]", ci, e);
		if (!read_endpoint(r, json_array_get(eps, e), &ch->ep[e]))
			return false;
	}
	return true;
}

bool snap_json_read_chans(struct rd *r, json_t *doc)
{
	json_t *a;
	r->where[0] = '\0';
	if (!get_arr(r, doc, "channels", REQ, &a))
		return false;
	struct snapshot *s = r->s;
	s->n_chans = json_array_size(a);
	s->cap_chans = s->n_chans;
	s->chans = xcalloc(s->n_chans ? s->n_chans : 1, sizeof(*s->chans));
	for (size_t c = 0; c < s->n_chans; c++) {
		rd_where(r, "channels[%zu]", c);
		if (!read_chan(r, json_array_get(a, c), c, &s->chans[c]))
			return false;
	}
	return true;
}
