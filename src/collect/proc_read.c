/* proc_read.c — whole-file reads and link reads below /proc, never following a link's target. */
#include "collect/proc_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long read_at(int dirfd, const char *path, struct strbuf *sb, bool short_is_end)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	sb_reset(sb);
	char chunk[16384];
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
		if (short_is_end && (size_t)n < sizeof(chunk))
			break;
	}
	close(fd);
	if (!sb->buf)
		sb_putn(sb, "", 0);
	return (long)sb->len;
}

long read_file_at(int dirfd, const char *path, struct strbuf *sb)
{
	return read_at(dirfd, path, sb, false);
}

long read_whole_at(int dirfd, const char *path, struct strbuf *sb)
{
	return read_at(dirfd, path, sb, true);
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

/* The kernel's record: the layout of struct linux_dirent64. */
struct dirent64_rec {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

void dir_reader_init(struct dir_reader *r, int fd)
{
	r->fd = fd;
	r->len = r->pos = 0;
	r->done = false;
}

static bool refill(struct dir_reader *r)
{
	if (r->done)
		return false;
	long n = syscall(SYS_getdents64, r->fd, r->buf, sizeof(r->buf));
	if (n <= 0) {
		r->done = true;
		return false;
	}
	r->len = n;
	r->pos = 0;
	if ((size_t)n < sizeof(r->buf) / 2)
		r->done = true;   /* a short batch is the last one */
	return true;
}

const char *dir_next(struct dir_reader *r)
{
	for (;;) {
		if (r->pos >= r->len && !refill(r))
			return NULL;
		struct dirent64_rec *d = (struct dirent64_rec *)(r->buf + r->pos);
		if (d->reclen == 0 || r->pos + d->reclen > r->len) {
			r->done = true;
			r->len = 0;
			return NULL;
		}
		r->pos += d->reclen;
		if (strcmp(d->name, ".") != 0 && strcmp(d->name, "..") != 0)
			return d->name;
	}
}
