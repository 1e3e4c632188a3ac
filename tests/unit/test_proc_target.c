/* test_proc_target.c — the actions' hold on a process (src/action/proc_target) against the
 * kernel: a child of this test is held by its pid and start time (read here from
 * /proc/PID/stat, field 22), reniced (getpriority says the value), signalled (waitid says by
 * which signal it died), and after its end every action says "gone" (-ESRCH). A wrong start
 * time (the PID naming another process) is refused; as root, a user that may not act on the
 * child (nobody, in a forked helper) gets the kernel's EPERM, and the child is untouched. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action/proc_target.h"
#include "../tap.h"

/* Field 22 of /proc/PID/stat (after the ")" that ends the command name): 0 if unreadable. */
static uint64_t start_of(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	unsigned long long v = 0;
	for (int field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p)
		sscanf(p + 1, "%llu", &v);
	return v;
}

static pid_t sleeper(void)
{
	pid_t c = fork();
	if (c == 0) {
		for (;;)
			pause();
	}
	return c;
}

/* As nobody, in a forked helper: hold the child, try to renice and signal it. The helper's
 * exit status: 0 when both were refused with EPERM (and the hold itself worked). */
static int as_nobody(pid_t child, uint64_t start)
{
	pid_t h = fork();
	if (h == 0) {
		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(10);
		struct proc_target t;
		if (target_hold(&t, child, start) != 0)
			_exit(11);
		int r = target_renice(&t, 7), s = target_signal(&t, SIGTERM);
		_exit(r == -EPERM && s == -EPERM ? 0 : 12);
	}
	int st = -1;
	waitpid(h, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}

int main(void)
{
	struct proc_target t, d, none;
	ok(target_hold(&none, 0, 0) == -ESRCH && none.pidfd == -1, "pid 0: nothing held");
	ok(target_signal(&none, 0) == -ESRCH && !target_alive(&none), "a target not held: gone");
	ok(target_dup(&d, &none) == 0 && d.pidfd == -1, "a copy of it holds nothing either");

	pid_t child = sleeper();
	uint64_t start = start_of(child);
	ok(child > 0 && start > 0, "a child (%d) started at tick %llu", (int)child,
	   (unsigned long long)start);
	ok(target_hold(&t, child, start + 1) == -ESRCH && t.pidfd == -1,
	   "held with another start time (its PID taken by another process): refused");
	ok(target_hold(&t, child, start) == 0 && t.pidfd >= 0 && target_alive(&t),
	   "held with its own: alive");
	ok(target_dup(&d, &t) == 0 && d.pidfd >= 0 && d.pidfd != t.pidfd && target_alive(&d),
	   "a second hold of it, by a descriptor of its own");

	int r = target_renice(&t, 5);
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, (id_t)child);
	ok(r == 0 && nice == 5 && errno == 0, "renice 5: the kernel says nice %d (%d)", nice, r);
	struct proc_target moved = t;
	moved.start_time = start + 1;
	ok(target_renice(&moved, 9) == -ESRCH && getpriority(PRIO_PROCESS, (id_t)child) == 5,
	   "renice when the PID names a process of another start time: refused, nice still 5");

	if (geteuid() == 0) {
		ok(as_nobody(child, start) == 0, "as nobody: renice and signal refused with EPERM");
		ok(getpriority(PRIO_PROCESS, (id_t)child) == 5 && target_alive(&t),
		   "and the child is untouched (nice 5, alive)");
	} else {
		ok(target_renice(&t, -5) == -EACCES || target_renice(&t, -5) == -EPERM,
		   "not root: a lower nice refused by the kernel");
		skip(1, "not root: no second user to try");
	}

	int sent = target_signal(&d, SIGUSR1);
	ok(sent == 0, "SIGUSR1 sent through the second hold (%d)", sent);
	if (sent != 0)
		kill(child, SIGKILL);   /* not sent: end it here, the next checks then fail */
	siginfo_t si = { 0 };
	int w = waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT);
	ok(w == 0 && si.si_code == CLD_KILLED && si.si_status == SIGUSR1,
	   "the kernel: the child was killed by SIGUSR1 (code %d, signal %d)", si.si_code, si.si_status);
	ok(!target_alive(&t) && !target_alive(&d), "ended (a zombie): not alive, by either hold");
	ok(target_renice(&t, 3) == -ESRCH, "renice of the ended process: gone");
	waitpid(child, NULL, 0);
	ok(target_signal(&t, SIGTERM) == -ESRCH, "signal once it is reaped: gone");
	target_release(&d);
	target_release(&t);
	ok(t.pidfd == -1 && d.pidfd == -1, "released");
	ok(target_hold(&t, child, start) == -ESRCH && t.pidfd == -1, "its PID held again: gone");
	return tap_done();
}
