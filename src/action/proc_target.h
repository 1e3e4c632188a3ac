/* proc_target.h — a process an action is aimed at, held by a pidfd from the moment the user
 * chose it: a signal goes to exactly that process (pidfd_send_signal), a nice value only after
 * a check that the PID still names it; a process that has gone is reported gone, never
 * replaced by another that took its PID. */
#ifndef IPCTOP_PROC_TARGET_H
#define IPCTOP_PROC_TARGET_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct proc_target {
	pid_t pid;
	uint64_t start_time;    /* clock ticks after boot, as in the snapshot */
	int pidfd;              /* -1: not held */
};

/* Hold pid as the snapshot saw it (start_time): 0, -ESRCH when it has gone or its PID now
 * names another process, or -errno (pidfd_open not supported, out of descriptors). */
int target_hold(struct proc_target *t, pid_t pid, uint64_t start_time);
/* A second hold of the same process (its own pidfd): 0 or -errno. */
int target_dup(struct proc_target *to, const struct proc_target *from);
void target_release(struct proc_target *t);
/* Still running (or a zombie not yet reaped is "ended": false). */
bool target_alive(const struct proc_target *t);
/* Send sig to exactly the held process: 0, -ESRCH when it has ended, or -errno. */
int target_signal(const struct proc_target *t, int sig);
/* Set its nice value: alive, and its PID still names it (start time), then setpriority.
 * 0, -ESRCH when it has ended, or -errno (EACCES / EPERM: not allowed). */
int target_renice(const struct proc_target *t, int nice);

#endif
