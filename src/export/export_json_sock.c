/* export_json_sock.c — one socket as the SOCK object of the JSON schema. */
#include "export/export_json_int.h"

#include <sys/socket.h>

#include "util/fast_text.h"
#include "model/kernel_names.h"
#include "model/format_addr.h"
#include "model/sock_describe.h"

static void write_unix_part(struct json_writer *w, const struct sock_info *sk)
{
	jw_key(w, "name");
	if (sk->name && sk->name_len > 0) {
		struct strbuf sb = STRBUF_INIT;
		format_unix_name(&sb, sk->name, sk->name_len);
		jw_clean_str(w, sb_str(&sb));
		sb_free(&sb);
	} else {
		jw_null(w);
	}
	jw_kv_u64_or_null(w, "peer", sk->peer != 0, sk->peer);
	if (sock_is_listener(sk))
		jw_kv_u64(w, "pending", sk->n_icons);
}

/* "127.0.0.1:80" or "[::1]:80", as format_addr_port() writes it, without printf. */
static void write_addr(struct json_writer *w, const char *key, const struct sock_info *sk,
                       const uint8_t addr[16], uint16_t port)
{
	char text[FT_ADDR_MAX];
	char *end = ft_put_addr_port(text, sk->family, addr, port);
	jw_key(w, key);
	jw_clean_strn(w, text, (size_t)(end - text));
}

static void write_inet_part(struct json_writer *w, const struct sock_info *sk)
{
	write_addr(w, "local", sk, sk->laddr, sk->lport);
	write_addr(w, "remote", sk, sk->raddr, sk->rport);
	if (sock_is_listener(sk)) {
		jw_kv_u64(w, "backlog", sk->rqueue);         /* connections waiting for accept() */
		jw_kv_u64(w, "backlog_limit", sk->wqueue);
	}
	if (sk->type == SOCK_STREAM && sk->has_tcp_info) {
		jw_kv_u64(w, "bytes_acked", sk->bytes_acked);
		jw_kv_u64(w, "bytes_received", sk->bytes_received);
		jw_kv_u64(w, "rtt_us", sk->rtt_us);
	}
}

void json_write_sock(struct json_writer *w, const struct snapshot *s, const struct sock_info *sk)
{
	jw_object_begin(w);
	jw_kv_u64(w, "inode", sk->ino);
	jw_kv_u64(w, "netns", sk->netns);
	jw_key(w, "family");
	json_write_name_or_num(w, sock_family_name(sk->family), sk->family);
	jw_key(w, "type");
	json_write_name_or_num(w, sock_type_name(sk->type), sk->type);
	jw_key(w, "state");
	json_write_name_or_num(w, sock_state_name(sk), sk->state);
	jw_kv_u64(w, "rqueue", sk->rqueue);
	jw_kv_u64(w, "wqueue", sk->wqueue);
	if (sk->has_drops)
		jw_kv_u64(w, "drops", sk->drops);
	if (sk->family == AF_UNIX) {
		write_unix_part(w, sk);
	} else if (sk->family == AF_INET || sk->family == AF_INET6) {
		write_inet_part(w, sk);
		const struct sock_info *l = sock_listener(s, sk);
		if (l)
			write_addr(w, "listener", l, l->laddr, l->lport);
	} else if (sk->family == AF_NETLINK) {
		jw_kv_u64(w, "protocol", sk->protocol);
		jw_kv_u64(w, "portid", sk->portid);
	}
	jw_object_end(w);
}
