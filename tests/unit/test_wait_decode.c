/* test_wait_decode.c — the wait table (system call and arguments to a kind of wait and its
 * object), read with the syscall lines the kernel printed on this machine (see
 * linux-facts-traffic-waits.md §5), and the parsers of a task's state and of /proc/locks. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "collect/parse_pcb.h"
#include "collect/parse_waits.h"
#include "model/wait_decode.h"
#include "../tap.h"

/* Decode a syscall line as the collector does, for a task in state st. */
static struct task_wait decode(const char *line, char st)
{
	struct task_wait w = { .tid = 1, .state = st, .chan = -1 };
	uint64_t args[6], sp, pc;
	bool regs;
	if (parse_syscall_args(line, strlen(line), &w.syscall_nr, args, &sp, &pc, &regs) < 0)
		w.syscall_nr = -3;
	wait_decode(&w, w.syscall_nr >= 0 ? args : NULL);
	return w;
}

static char line[256];

/* A syscall line: nr and six arguments, then SP and PC. */
static const char *call(long nr, unsigned long a0, unsigned long a1, unsigned long a2)
{
	snprintf(line, sizeof(line), "%ld 0x%lx 0x%lx 0x%lx 0x0 0x0 0x0 0x7ffc0 0x7f00\n",
	         nr, a0, a1, a2);
	return line;
}

static void test_fd_calls(void)
{
	struct task_wait w = decode("0 0x3 0x7ffc1000 0x1 0x0 0x0 0x0 0x7ffc0 0x7f00\n", 'S');
	ok(w.kind == WK_FD && w.fd == 3 && w.dir == ACC_R, "read on fd 3: an fd wait, inward");
	w = decode(call(SYS_write, 1, 0x1000, 65536), 'S');
	ok(w.kind == WK_FD && w.fd == 1 && w.dir == ACC_W, "write on fd 1: outward");
	w = decode(call(SYS_recvfrom, 7, 0, 0), 'S');
	ok(w.kind == WK_FD && w.fd == 7 && w.dir == ACC_R, "recvfrom on fd 7");
	w = decode(call(SYS_accept4, 5, 0, 0), 'S');
	ok(w.kind == WK_FD && w.fd == 5 && w.dir == ACC_R, "accept4 on a listener");
	w = decode(call(SYS_connect, 4, 0, 0), 'S');
	ok(w.kind == WK_FD && w.fd == 4 && w.dir == ACC_W, "connect");
	w = decode(call(SYS_mq_timedreceive, 3, 0, 0), 'S');
	ok(w.kind == WK_MQ && w.fd == 3, "mq_timedreceive on its queue descriptor");
	w = decode(call(SYS_epoll_pwait, 9, 0, 0), 'S');
	ok(w.kind == WK_EPOLL && w.fd == 9, "epoll_pwait: the epoll fd");
}

static void test_object_calls(void)
{
	struct task_wait w = decode(call(SYS_futex, 0x7f0012340000ul, 0x189, 0), 'S');
	ok(w.kind == WK_FUTEX && w.arg == 0x7f0012340000 && w.fd == -1, "futex: the address");
	w = decode(call(SYS_wait4, 0xffffffff, 0, 0), 'S');
	ok(w.kind == WK_CHILD && w.arg == -1, "wait4(-1): any child (a 32-bit -1)");
	w = decode(call(SYS_wait4, 4242, 0, 0), 'S');
	ok(w.kind == WK_CHILD && w.arg == 4242, "wait4(4242): that child");
	w = decode(call(SYS_waitid, 1 /* P_PID */, 77, 0), 'S');
	ok(w.kind == WK_CHILD && w.arg == 77, "waitid(P_PID, 77)");
	w = decode(call(SYS_waitid, 0 /* P_ALL */, 0, 0), 'S');
	ok(w.kind == WK_CHILD && w.arg == -1, "waitid(P_ALL): any child");
	w = decode(call(SYS_msgrcv, 0x16, 0, 0), 'S');
	ok(w.kind == WK_SYSV_MSG && w.arg == 22 && w.dir == ACC_R, "msgrcv: the msqid");
	w = decode(call(SYS_semop, 5, 0, 1), 'S');
	ok(w.kind == WK_SYSV_SEM && w.arg == 5, "semop: the semid");
	w = decode(call(SYS_ppoll, 0x7ffc0, 3, 0), 'S');
	ok(w.kind == WK_POLL && w.arg == 3, "ppoll: the number of fds");
	w = decode(call(SYS_pselect6, 251, 0, 0), 'S');
	ok(w.kind == WK_POLL && w.arg == 251, "pselect6: nfds");
}

static void test_other_calls(void)
{
	struct task_wait w = decode(call(SYS_clock_nanosleep, 0, 0, 0), 'S');
	ok(w.kind == WK_SLEEP && w.fd == -1, "clock_nanosleep: sleeping");
	w = decode(call(SYS_rt_sigsuspend, 0, 8, 0), 'S');
	ok(w.kind == WK_SIGNAL, "rt_sigsuspend: a signal");
	w = decode(call(SYS_fcntl, 3, F_SETLKW, 0), 'S');
	ok(w.kind == WK_LOCK && w.fd == 3, "fcntl F_SETLKW: a lock wait on fd 3");
	w = decode(call(SYS_fcntl, 3, F_GETFL, 0), 'S');
	ok(w.kind == WK_OTHER && w.fd == -1, "fcntl F_GETFL is no lock wait");
	w = decode(call(SYS_flock, 4, 2, 0), 'D');
	ok(w.kind == WK_LOCK && w.fd == 4, "flock on fd 4");
	w = decode(call(SYS_getpid, 0, 0, 0), 'S');
	ok(w.kind == WK_OTHER, "a call with no rule: other");
	w = decode(call(SYS_read, 0, 0, 0), 'T');
	ok(w.kind == WK_STOPPED && w.fd == -1, "stopped: the last call is not the wait");
	w = decode(call(SYS_read, 0, 0, 0), 't');
	ok(w.kind == WK_TRACED, "traced");
	w = decode("-1 0x7ffc0 0x7f00\n", 'D');
	ok(w.kind == WK_UNKNOWN && w.syscall_nr == -1, "blocked outside a call: unknown");
	w = decode("", 'S');
	ok(w.kind == WK_UNKNOWN && w.syscall_nr == -3, "unreadable: unknown, nothing guessed");
	ok(!strcmp(wait_kind_name(WK_SYSV_MSG), "sysv_msg") && !strcmp(wait_kind_name(200), "unknown"),
	   "kind names");
	ok(wait_state('S') && wait_state('D') && wait_state('T') && wait_state('t') &&
	   !wait_state('R') && !wait_state('Z') && !wait_state('I'), "waiting states");
}

static void test_parsers(void)
{
	const char *locks =
		"1: POSIX  ADVISORY  WRITE 22771 fe:00:10952904 0 EOF\n"
		"1: -> POSIX  ADVISORY  WRITE 22773 fe:00:10952904 0 9\n"
		"1: -> FLOCK  ADVISORY  WRITE 22775 fe:00:10952904 0 EOF\n"
		"2: OFDLCK ADVISORY  WRITE -1 fe:00:55 0 EOF\n"
		"2: -> OFDLCK ADVISORY  WRITE -1 fe:00:55 0 EOF\n"
		"garbage line\n"
		"3: -> POSIX  ADVISORY  READ 500 08:01:7 0 EOF";
	struct lock_wait lw[8];
	size_t n = parse_lock_waits(locks, strlen(locks), lw, 8);
	is_int(n, 4, "four waiters");
	ok(lw[0].waiter == 22773 && lw[0].holder == 22771 && lw[0].dev == makedev(0xfe, 0) &&
	   lw[0].ino == 10952904, "POSIX waiter, its holder, the file");
	ok(lw[1].waiter == 22775 && lw[1].holder == 22771, "a second waiter of the same lock");
	ok(lw[2].waiter == 0 && lw[2].holder == 0, "OFD: pids -1 kept as unknown (0)");
	ok(lw[3].waiter == 500 && lw[3].holder == 0, "a waiter with no holder line before it");
	is_int(parse_lock_waits(locks, strlen(locks), lw, 1), 4, "cap: the count is still whole");
}

int main(void)
{
	test_fd_calls();
	test_object_calls();
	test_other_calls();
	test_parsers();
	return tap_done();
}
