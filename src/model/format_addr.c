/* format_addr.c — socket addresses and names as text (see format_addr.h). */
#include "model/format_addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "util/text_escape.h"

char *format_addr_port(char *buf, size_t size, unsigned family, const uint8_t addr[16],
                       uint16_t port)
{
	char host[INET6_ADDRSTRLEN];
	if (family == AF_INET && inet_ntop(AF_INET, addr, host, sizeof(host)))
		snprintf(buf, size, "%s:%u", host, (unsigned)port);
	else if (family == AF_INET6 && inet_ntop(AF_INET6, addr, host, sizeof(host)))
		snprintf(buf, size, "[%s]:%u", host, (unsigned)port);
	else
		snprintf(buf, size, "?");
	return buf;
}

char *format_sock_local(char *buf, size_t size, const struct sock_info *sk)
{
	return format_addr_port(buf, size, sk->family, sk->laddr, sk->lport);
}

char *format_sock_remote(char *buf, size_t size, const struct sock_info *sk)
{
	return format_addr_port(buf, size, sk->family, sk->raddr, sk->rport);
}

void format_unix_name(struct strbuf *sb, const char *name, size_t name_len)
{
	if (name_len > 0 && name[0] == '\0') {
		sb_putc(sb, '@');
		esc_append(sb, name + 1, name_len - 1);
	} else if (name_len > 0 && name[0] == '@') {
		sb_puts(sb, "\\x40");
		esc_append(sb, name + 1, name_len - 1);
	} else {
		esc_append(sb, name, name_len);
	}
}

bool format_chan_label(struct strbuf *sb, const struct snapshot *s, const struct channel *ch)
{
	int32_t k = ch->label_sock1 - 1;
	if (k >= 0 && (size_t)k < s->n_socks && s->socks[k].name && s->socks[k].name_len) {
		format_unix_name(sb, s->socks[k].name, s->socks[k].name_len);
		return true;
	}
	if (!ch->label)
		return false;
	esc_append(sb, ch->label, strlen(ch->label));
	return true;
}
