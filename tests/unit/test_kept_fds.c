/* test_kept_fds.c — the record of ipctop's kept-open descriptors: what is noted is found, with
 * which file it is (schedstat or syscall), what is closed is forgotten, and what cannot be
 * packed (a wide inode, a pid of 2^29, another /proc, a descriptor beyond the table, an unknown
 * file) is not recorded at all, so the caller reads it like any other. */
#include <fcntl.h>
#include <unistd.h>

#include "util/kept_fds.h"
#include "../tap.h"

int main(void)
{
	pid_t pid;
	enum kept_file file;
	uint64_t dev, ino;
	int fd = open("/dev/null", O_RDONLY);
	ok(fd >= 0, "a descriptor to record");
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "nothing recorded at first");
	is_int(kept_fd_count(), 0, "none counted");
	ok(kept_fd_note(fd, 4321, KEPT_SCHEDSTAT, 23, 77), "a schedstat handle is recorded");
	ok(kept_fd_lookup(fd, &pid, &file, &dev, &ino), "noted descriptor found");
	is_int(pid, 4321, "its pid");
	is_int(file, KEPT_SCHEDSTAT, "a schedstat file");
	is_int(dev, 23, "its st_dev");
	is_int(ino, 77, "its inode");
	is_int(kept_fd_count(), 1, "and counted");
	is_int(kept_fd_count_of(KEPT_SCHEDSTAT), 1, "counted as a schedstat");
	kept_fd_note(fd, 4322, KEPT_SYSCALL, 23, 78);
	ok(kept_fd_count_of(KEPT_SCHEDSTAT) == 0 && kept_fd_count_of(KEPT_SYSCALL) == 1,
	   "a new note moves the count from the old file to the new");
	ok(kept_fd_lookup(fd, &pid, &file, &dev, &ino) && pid == 4322 && ino == 78, "a new note replaces the old");
	is_int(file, KEPT_SYSCALL, "which now names a syscall file");
	is_str(kept_file_name(file), "syscall", "named syscall");
	kept_fd_note(fd, 4323, KEPT_TASK_SYSCALL, 23, 79);
	ok(kept_fd_lookup(fd, &pid, &file, &dev, &ino) && pid == 4323 && file == KEPT_TASK_SYSCALL &&
	   ino == 79, "a thread's syscall file, by its tid");
	is_str(kept_file_name(file), "syscall", "named syscall too");
	kept_fd_note(fd, (1 << 29) - 1, KEPT_STAT, 23, 80);
	ok(kept_fd_lookup(fd, &pid, &file, &dev, &ino) && pid == (1 << 29) - 1 && file == KEPT_STAT &&
	   ino == 80, "a stat file (the widest file number) beside the widest pid it packs");
	is_str(kept_file_name(file), "stat", "named stat");
	kept_fd_note(fd, (1 << 22) + 5, KEPT_SYSCALL, 23, UINT32_MAX);
	ok(kept_fd_lookup(fd, &pid, &file, &dev, &ino) && pid == (1 << 22) + 5 && ino == UINT32_MAX &&
	   file == KEPT_SYSCALL, "the largest pid Linux gives and a 32-bit inode pack beside the file");
	is_int(kept_fd_count(), 1, "counted once");
	is_int(kept_fd_close(fd), 0, "closed through the record");
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "a closed descriptor is forgotten");
	is_int(kept_fd_count(), 0, "and no longer counted");
	ok(kept_fd_count_of(KEPT_SYSCALL) == 0 && kept_fd_count_of(KEPT_STAT) == 0 &&
	   kept_fd_count_of((enum kept_file)0) == 0, "nor counted by file");
	ok(fcntl(fd, F_GETFD) < 0, "and really closed");

	fd = open("/dev/null", O_RDONLY);
	ok(!kept_fd_note(fd, 4321, KEPT_SCHEDSTAT, 24, 77), "refused: a handle on another /proc");
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "a handle on another /proc (st_dev) is not recorded");
	kept_fd_note(fd, 4321, KEPT_SCHEDSTAT, 23, (uint64_t)1 << 33);
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "an inode wider than 32 bits is not recorded");
	kept_fd_note(fd, 0, KEPT_SCHEDSTAT, 23, 77);
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "pid 0 is not recorded");
	ok(!kept_fd_note(fd, 1 << 29, KEPT_SYSCALL, 23, 77), "refused: a pid of 2^29, which would run into the file's bits");
	ok(!kept_fd_lookup(fd, &pid, &file, &dev, &ino), "so not recorded");
	ok(!kept_fd_note(fd, 4321, (enum kept_file)5, 23, 77) &&
	   !kept_fd_note(fd, 4321, (enum kept_file)0, 23, 77), "refused: an unknown file");
	kept_fd_note(KEPT_FDS_MAX, 4321, KEPT_SCHEDSTAT, 23, 77);
	ok(!kept_fd_lookup(KEPT_FDS_MAX, &pid, &file, &dev, &ino), "a descriptor beyond the table is not recorded");
	ok(!kept_fd_lookup(-1, &pid, &file, &dev, &ino), "nor a negative one");
	is_int(kept_fd_count(), 0, "nothing refused was counted");
	kept_fd_close(fd);
	is_int(kept_fd_count(), 0, "closing an unrecorded descriptor changes no count");
	return tap_done();
}
