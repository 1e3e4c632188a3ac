/* kept_fds.h — a record of the descriptors ipctop keeps open between refreshes (a process's
 * /proc/PID/stat and schedstat, and /proc/PID/syscall or a thread's task/TID/syscall while it
 * waits), so that ipctop's own descriptor table can be described without a readlink and a
 * stat for each of them. */
#ifndef IPCTOP_KEPT_FDS_H
#define IPCTOP_KEPT_FDS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Descriptors at or above this number are not recorded, so not kept: the collector reads that
 * process's schedstat anew each refresh. */
enum { KEPT_FDS_MAX = 1 << 16 };

/* Which file of /proc/<pid> a kept descriptor is open on; KEPT_TASK_SYSCALL is a thread's
 * /proc/<tid>/task/<tid>/syscall (its pid is the thread's id). */
enum kept_file { KEPT_SCHEDSTAT = 1, KEPT_SYSCALL = 2, KEPT_TASK_SYSCALL = 3, KEPT_STAT = 4 };
/* The file's name: "schedstat", "syscall" (in /proc/<pid>, or a thread's task directory), "stat". */
const char *kept_file_name(enum kept_file file);

/* Record fd, just opened as /proc/<pid>/<file> with this st_dev and st_ino. False when it
 * cannot be recorded (then it is not to be kept): a pid of 2^29 or more (Linux's are below
 * 2^22), an inode wider than 32 bits, another /proc. Any thread. */
bool kept_fd_note(int fd, pid_t pid, enum kept_file file, uint64_t dev, uint64_t ino);
/* Forget fd, then close it. Any thread. */
int kept_fd_close(int fd);
/* How many descriptors are recorded (kept open) now; of one file. */
int kept_fd_count(void);
int kept_fd_count_of(enum kept_file file);
/* The highest descriptor number ever recorded (-1: none): a bound, never lowered. */
int kept_fd_highest(void);
/* If fd is a recorded handle: its pid, which file, st_dev and st_ino. */
bool kept_fd_lookup(int fd, pid_t *pid, enum kept_file *file, uint64_t *dev, uint64_t *ino);

#endif
