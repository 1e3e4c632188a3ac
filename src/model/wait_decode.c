/* wait_decode.c — the system calls a task blocks in, and which argument names what it waits
 * on. Numbers come from this machine's <sys/syscall.h> (SYS_*), so the table follows the
 * architecture; calls an architecture lacks (poll, select, pause on arm64) are left out. */
#include "model/wait_decode.h"

#include <fcntl.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* How a system call's arguments read: the kind, the argument that is the fd or the object
 * (-1 none), and the direction (ACC_R: waits for data or a connection, ACC_W: for room). */
struct wait_rule { long nr; uint8_t kind; int8_t arg; uint8_t dir; };

static const struct wait_rule rules[] = {
	{ SYS_read, WK_FD, 0, ACC_R }, { SYS_write, WK_FD, 0, ACC_W },
	{ SYS_readv, WK_FD, 0, ACC_R }, { SYS_writev, WK_FD, 0, ACC_W },
	{ SYS_pread64, WK_FD, 0, ACC_R }, { SYS_pwrite64, WK_FD, 0, ACC_W },
	{ SYS_preadv, WK_FD, 0, ACC_R }, { SYS_pwritev, WK_FD, 0, ACC_W },
	{ SYS_preadv2, WK_FD, 0, ACC_R }, { SYS_pwritev2, WK_FD, 0, ACC_W },
	{ SYS_recvfrom, WK_FD, 0, ACC_R }, { SYS_sendto, WK_FD, 0, ACC_W },
	{ SYS_recvmsg, WK_FD, 0, ACC_R }, { SYS_sendmsg, WK_FD, 0, ACC_W },
	{ SYS_recvmmsg, WK_FD, 0, ACC_R }, { SYS_sendmmsg, WK_FD, 0, ACC_W },
	{ SYS_accept4, WK_FD, 0, ACC_R }, { SYS_connect, WK_FD, 0, ACC_W },
	{ SYS_sendfile, WK_FD, 0, ACC_W },
#ifdef SYS_accept
	{ SYS_accept, WK_FD, 0, ACC_R },
#endif
#ifdef SYS_poll
	{ SYS_poll, WK_POLL, 1, 0 },
#endif
#ifdef SYS_select
	{ SYS_select, WK_POLL, 0, 0 },
#endif
	{ SYS_ppoll, WK_POLL, 1, 0 }, { SYS_pselect6, WK_POLL, 0, 0 },
#ifdef SYS_epoll_wait
	{ SYS_epoll_wait, WK_EPOLL, 0, 0 },
#endif
	{ SYS_epoll_pwait, WK_EPOLL, 0, 0 },
#ifdef SYS_epoll_pwait2
	{ SYS_epoll_pwait2, WK_EPOLL, 0, 0 },
#endif
	{ SYS_futex, WK_FUTEX, 0, 0 },
#ifdef SYS_futex_waitv
	{ SYS_futex_waitv, WK_FUTEX, 0, 0 },
#endif
	{ SYS_wait4, WK_CHILD, 0, 0 }, { SYS_waitid, WK_CHILD, 1, 0 },
	{ SYS_msgrcv, WK_SYSV_MSG, 0, ACC_R }, { SYS_msgsnd, WK_SYSV_MSG, 0, ACC_W },
	{ SYS_semop, WK_SYSV_SEM, 0, 0 }, { SYS_semtimedop, WK_SYSV_SEM, 0, 0 },
	{ SYS_mq_timedreceive, WK_MQ, 0, ACC_R }, { SYS_mq_timedsend, WK_MQ, 0, ACC_W },
	{ SYS_nanosleep, WK_SLEEP, -1, 0 }, { SYS_clock_nanosleep, WK_SLEEP, -1, 0 },
#ifdef SYS_pause
	{ SYS_pause, WK_SIGNAL, -1, 0 },
#endif
	{ SYS_rt_sigsuspend, WK_SIGNAL, -1, 0 }, { SYS_rt_sigtimedwait, WK_SIGNAL, -1, 0 },
	{ SYS_fcntl, WK_LOCK, 0, 0 }, { SYS_flock, WK_LOCK, 0, 0 },
};

static const struct wait_rule *rule_of(int64_t nr)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].nr == nr)
			return &rules[i];
	return NULL;
}

int wait_state(char state)
{
	return state == 'S' || state == 'D' || state == 'T' || state == 't';
}

/* waitid(idtype, id, ...) as wait4's pid argument: P_ALL -1, P_PID id, P_PGID -id (0: own
 * group). */
static int64_t waitid_target(uint64_t idtype, uint64_t id)
{
	if (idtype == P_PID)
		return (int32_t)id;
	if (idtype == P_PGID)
		return -(int64_t)(int32_t)id;
	return -1;
}

/* Only F_SETLKW and F_OFD_SETLKW block on a lock; any other fcntl is not a lock wait. */
static int is_lock_call(int64_t nr, uint64_t cmd)
{
	if (nr == SYS_flock)
		return 1;
#ifdef F_OFD_SETLKW
	if (cmd == F_OFD_SETLKW)
		return 1;
#endif
	return cmd == F_SETLKW;
}

static void decode_call(struct task_wait *w, const uint64_t args[6])
{
	const struct wait_rule *r = w->syscall_nr >= 0 ? rule_of(w->syscall_nr) : NULL;
	if (!r) {
		w->kind = w->syscall_nr >= 0 ? WK_OTHER : WK_UNKNOWN;
		return;
	}
	if (!args) {
		w->kind = r->kind == WK_SLEEP || r->kind == WK_SIGNAL ? r->kind : WK_UNKNOWN;
		return;
	}
	if (r->kind == WK_LOCK && !is_lock_call(w->syscall_nr, args[1])) {
		w->kind = WK_OTHER;
		return;
	}
	w->kind = r->kind;
	w->dir = r->dir;
	uint64_t a = r->arg >= 0 ? args[r->arg] : 0;
	switch (r->kind) {
	case WK_FD: case WK_EPOLL: case WK_MQ: case WK_LOCK:
		w->fd = (int)(int32_t)a;   /* the kernel takes an int */
		break;
	case WK_CHILD:
		w->arg = w->syscall_nr == SYS_waitid ? waitid_target(args[0], a) : (int32_t)a;
		break;
	case WK_SYSV_MSG: case WK_SYSV_SEM:
		w->arg = (int32_t)a;
		break;
	case WK_POLL: case WK_FUTEX:
		w->arg = (int64_t)a;
		break;
	default:
		break;
	}
}

void wait_decode(struct task_wait *w, const uint64_t args[6])
{
	w->fd = -1;
	w->arg = 0;
	w->dir = 0;
	if (w->state == 'T') {
		w->kind = WK_STOPPED;
		return;
	}
	if (w->state == 't') {
		w->kind = WK_TRACED;
		return;
	}
	if (w->syscall_nr == -3) {
		w->kind = WK_UNKNOWN;
		return;
	}
	decode_call(w, args);
}

const char *wait_kind_name(uint8_t kind)
{
	static const char *const names[WK__COUNT] = {
		[WK_UNKNOWN] = "unknown", [WK_FD] = "fd", [WK_POLL] = "poll", [WK_EPOLL] = "epoll",
		[WK_FUTEX] = "futex", [WK_CHILD] = "child", [WK_SYSV_MSG] = "sysv_msg",
		[WK_SYSV_SEM] = "sysv_sem", [WK_MQ] = "mqueue", [WK_SLEEP] = "sleep",
		[WK_SIGNAL] = "signal", [WK_LOCK] = "lock", [WK_STOPPED] = "stopped",
		[WK_TRACED] = "traced", [WK_OTHER] = "other",
	};
	return kind < WK__COUNT ? names[kind] : "unknown";
}
