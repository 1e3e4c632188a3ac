/* proc_read.c — whole-file reads and link reads below /proc, never following a link's target. */
#include "collect/proc_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

long read_file_at(int dirfd, const char *path, struct strbuf *sb)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	sb_reset(sb);
	char chunk[8192];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		sb_putn(sb, chunk, (size_t)n);
	}
	close(fd);
	if (!sb->buf)
		sb_putn(sb, "", 0);
	return (long)sb->len;
}

uint64_t ns_link_inode(const char *link)
{
	const char *p = strchr(link, '[');
	if (!p)
		return 0;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p + 1, &end, 10);
	if (errno || *end != ']' || end == p + 1)
		return 0;
	return v;
}

long readlink_at(int dirfd, const char *path, char *buf, size_t cap)
{
	ssize_t n = readlinkat(dirfd, path, buf, cap - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}
