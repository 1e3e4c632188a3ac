/* lesson_sched.c — the actions of the `scheduling` lesson on its own processes: a higher nice
 * (allowed to the owner), and the real-time policy SCHED_RR (allowed to root, or with
 * CAP_SYS_NICE or an RLIMIT_RTPRIO); a refusal is said in the step's note. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "lesson/lesson.h"

void lesson_nice(struct lesson_run *r, const char *role)
{
	pid_t pid = lesson_pid(r, role);
	if (pid <= 0 || setpriority(PRIO_PROCESS, (id_t)pid, LESSON_NICE) < 0)
		snprintf(r->note, sizeof(r->note), "could not nice %s: %s", role,
			 pid <= 0 ? "it has ended" : strerror(errno));
}

void lesson_rt(struct lesson_run *r, const char *role)
{
	pid_t pid = lesson_pid(r, role);
	struct sched_param sp = { .sched_priority = 1 };
	if (pid <= 0 || sched_setscheduler(pid, SCHED_RR, &sp) < 0)
		snprintf(r->note, sizeof(r->note), "real-time policy for %s not permitted: %s", role,
			 pid <= 0 ? "it has ended" : strerror(errno));
}
