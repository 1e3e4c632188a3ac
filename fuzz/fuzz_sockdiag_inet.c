/* fuzz_sockdiag_inet.c — libFuzzer target: sockdiag_parse_inet() on any message; bit 0 of
 * nlmsg_flags picks the protocol asked for (TCP or UDP). */
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "collect/sockdiag_parse.h"
#include "fuzz_nlmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	if (!nlh)
		return 0;
	uint8_t proto = (nlh->nlmsg_flags & 1) ? IPPROTO_UDP : IPPROTO_TCP;
	struct sock_info si;
	fuzz_sock_mark(&si);
	if (sockdiag_parse_inet(nlh, &si, proto) == 0) {
		if ((si.family != AF_INET && si.family != AF_INET6) || si.protocol != proto)
			abort();
		if (proto == IPPROTO_UDP && si.has_tcp_info)
			abort();
		if (si.name != NULL || si.icons != NULL)
			abort();
	} else {
		fuzz_sock_check_untouched(&si);
	}
	free(nlh);
	return 0;
}
