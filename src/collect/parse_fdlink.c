/* parse_fdlink.c — what a /proc/PID/fd link's text says the descriptor is, without any system
 * call: pipes, sockets, anonymous inodes, memfds, POSIX shm, pty masters and slaves. */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"

static const char *after_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* s is exactly "<decimal>" followed by `close` (may be ""), then the end of the string. */
static bool exact_number(const char *s, const char *close, uint64_t *out)
{
	const char *end = s + strlen(s);
	uint64_t v;
	if (!pu_read_dec(&s, end, &v) || strcmp(s, close) != 0)
		return false;
	*out = v;
	return true;
}

static enum fd_kind anon_inode_kind(const char *name)
{
	static const struct { const char *name; enum fd_kind kind; } known[] = {
		{ "[eventfd]", FDK_EVENTFD }, { "[eventpoll]", FDK_EVENTPOLL },
		{ "[signalfd]", FDK_SIGNALFD }, { "[timerfd]", FDK_TIMERFD },
		{ "inotify", FDK_INOTIFY }, { "[pidfd]", FDK_PIDFD },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i].name) == 0)
			return known[i].kind;
	return FDK_ANON;
}

static enum fd_kind classify(const char *t, uint64_t *ino)
{
	const char *rest;
	if ((rest = after_prefix(t, "pipe:[")))
		return exact_number(rest, "]", ino) ? FDK_PIPE : FDK_UNKNOWN;
	if ((rest = after_prefix(t, "socket:[")))
		return exact_number(rest, "]", ino) ? FDK_SOCKET : FDK_UNKNOWN;
	if ((rest = after_prefix(t, "anon_inode:")))
		return anon_inode_kind(rest);
	if (after_prefix(t, "pidfd:"))
		return FDK_PIDFD;
	if (after_prefix(t, "/memfd:"))
		return FDK_MEMFD;
	if (after_prefix(t, "/dev/shm/"))
		return FDK_POSIX_SHM;
	if (strcmp(t, "/dev/ptmx") == 0 || strcmp(t, "/dev/pts/ptmx") == 0)
		return FDK_PTMX;
	if ((rest = after_prefix(t, "/dev/pts/")))
		return exact_number(rest, "", ino) ? FDK_PTS : FDK_UNKNOWN;
	return FDK_UNKNOWN;
}

enum fd_kind classify_fd_link(const char *target, uint64_t *ino)
{
	uint64_t dummy;
	if (!ino)
		ino = &dummy;
	*ino = 0;
	if (!target)
		return FDK_UNKNOWN;
	enum fd_kind k = classify(target, ino);
	if (k != FDK_PIPE && k != FDK_SOCKET && k != FDK_PTS)
		*ino = 0;
	return k;
}
