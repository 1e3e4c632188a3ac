/* lesson_unix.c — the UNIX socket a unix-server role listens on: bound to a path in a
 * directory of its own that ipctop makes under /tmp (private: mode 0700), so that its clients
 * connect by name; removed with the directory at the end, or by a janitor. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lesson/lesson.h"

int lesson_unix_listen(struct lesson_run *r)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (r->sock_dir[0])
		return -1;   /* one listener a run: its clients know one path */
	snprintf(r->sock_dir, sizeof(r->sock_dir), "/tmp/ipctop-%s-XXXXXX", r->tag ? r->tag : "lesson");
	if (!mkdtemp(r->sock_dir)) {
		r->sock_dir[0] = '\0';
		return -1;
	}
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/%s", r->sock_dir, LESSON_SOCK_FILE);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(fd, 8) == 0)
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;   /* the directory stays recorded: the run's end removes it */
}

void lesson_unix_remove(const char *sock_dir)
{
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	if (!sock_dir[0])
		return;
	snprintf(path, sizeof(path), "%s/%s", sock_dir, LESSON_SOCK_FILE);
	unlink(path);
	rmdir(sock_dir);
}
