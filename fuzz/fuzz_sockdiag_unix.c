/* fuzz_sockdiag_unix.c — libFuzzer target: sockdiag_parse_unix() on any message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "collect/sockdiag_parse.h"
#include "fuzz_nlmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_parsed(const struct sock_info *si, size_t msg_len)
{
	if ((si->name == NULL) != (si->name_len == 0))
		abort();
	if (si->name_len > sizeof(((struct sockaddr_un *)0)->sun_path))
		abort();
	if (si->name && si->name[si->name_len] != '\0')
		abort();
	if (si->name && si->name[0] != '\0' && memchr(si->name, '\0', si->name_len))
		abort();   /* a path name is cut at its first NUL */
	if ((si->icons == NULL) != (si->n_icons == 0) || si->n_icons * 4 > msg_len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	if (!nlh)
		return 0;
	struct arena a;
	arena_init(&a);
	struct sock_info si;
	fuzz_sock_mark(&si);
	if (sockdiag_parse_unix(nlh, &si, &a) == 0) {
		check_parsed(&si, size);
		for (size_t i = 0; i < si.n_icons; i++)
			(void)si.icons[i];
	} else {
		fuzz_sock_check_untouched(&si);
		if (a.used_total != 0)
			abort();   /* nothing is taken from the arena for a bad message */
	}
	arena_free(&a);
	free(nlh);
	return 0;
}
