/* fuzz_sockdiag_netlink.c — libFuzzer target: sockdiag_parse_netlink() on any message. */
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
	struct sock_info si;
	fuzz_sock_mark(&si);
	if (sockdiag_parse_netlink(nlh, &si) == 0) {
		if (si.family != AF_NETLINK || si.name != NULL || si.icons != NULL)
			abort();
	} else {
		fuzz_sock_check_untouched(&si);
	}
	free(nlh);
	return 0;
}
