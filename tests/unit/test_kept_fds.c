/* test_kept_fds.c — the record of ipctop's kept-open descriptors: what is noted is found, what
 * is closed is forgotten, and what cannot be packed (a wide inode, another /proc, a descriptor
 * beyond the table) is not recorded at all, so the caller reads it like any other. */
#include <fcntl.h>
#include <unistd.h>

#include "util/kept_fds.h"
#include "../tap.h"

int main(void)
{
	pid_t pid;
	uint64_t dev, ino;
	int fd = open("/dev/null", O_RDONLY);
	ok(fd >= 0, "a descriptor to record");
	ok(!kept_fd_lookup(fd, &pid, &dev, &ino), "nothing recorded at first");
	is_int(kept_fd_count(), 0, "none counted");
	ok(kept_fd_note(fd, 4321, 23, 77), "a schedstat handle is recorded");
	ok(kept_fd_lookup(fd, &pid, &dev, &ino), "noted descriptor found");
	is_int(pid, 4321, "its pid");
	is_int(dev, 23, "its st_dev");
	is_int(ino, 77, "its inode");
	is_int(kept_fd_count(), 1, "and counted");
	kept_fd_note(fd, 4322, 23, 78);
	ok(kept_fd_lookup(fd, &pid, &dev, &ino) && pid == 4322 && ino == 78, "a new note replaces the old");
	is_int(kept_fd_count(), 1, "counted once");
	is_int(kept_fd_close(fd), 0, "closed through the record");
	ok(!kept_fd_lookup(fd, &pid, &dev, &ino), "a closed descriptor is forgotten");
	is_int(kept_fd_count(), 0, "and no longer counted");
	ok(fcntl(fd, F_GETFD) < 0, "and really closed");

	fd = open("/dev/null", O_RDONLY);
	ok(!kept_fd_note(fd, 4321, 24, 77), "refused: a handle on another /proc");
	ok(!kept_fd_lookup(fd, &pid, &dev, &ino), "a handle on another /proc (st_dev) is not recorded");
	kept_fd_note(fd, 4321, 23, (uint64_t)1 << 33);
	ok(!kept_fd_lookup(fd, &pid, &dev, &ino), "an inode wider than 32 bits is not recorded");
	kept_fd_note(fd, 0, 23, 77);
	ok(!kept_fd_lookup(fd, &pid, &dev, &ino), "pid 0 is not recorded");
	kept_fd_note(KEPT_FDS_MAX, 4321, 23, 77);
	ok(!kept_fd_lookup(KEPT_FDS_MAX, &pid, &dev, &ino), "a descriptor beyond the table is not recorded");
	ok(!kept_fd_lookup(-1, &pid, &dev, &ino), "nor a negative one");
	is_int(kept_fd_count(), 0, "nothing refused was counted");
	kept_fd_close(fd);
	is_int(kept_fd_count(), 0, "closing an unrecorded descriptor changes no count");
	return tap_done();
}
