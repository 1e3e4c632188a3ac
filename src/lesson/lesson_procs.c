/* lesson_procs.c — the lesson's processes: each started by fork and exec of the helper, in
 * the lesson's own process group (or, once a launcher runs, by it: lesson_launch.c), with
 * only its object on fd 3 and the report pipe on fd 4;
 * their record lines ("PID ROLE FACTS") read back with a bounded wait; signals by role. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "util/mono_clock.h"

#define REPORT_WAIT_MS 10000   /* only a failed start waits this long */

static long long now_ms(void)
{
	return (long long)(mono_ns() / 1000000u);
}

/* A socket on 127.0.0.1, any port: listening (TCP) or bound (UDP); its port in *port. */
static int loopback_socket(int type, int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 8) < 0) ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

/* The fd the role gets as 3 (ipctop's copy is closed after the fork), -2 for none. */
static int make_obj(struct lesson_run *r, enum lesson_obj o)
{
	int p[2], fd;
	switch (o) {
	case OBJ_PIPE_W:
		if (pipe2(p, O_CLOEXEC) < 0)
			return -1;
		r->pipe_rd = p[0];
		return p[1];
	case OBJ_PIPE_R:
		fd = r->pipe_rd;
		r->pipe_rd = -1;
		return fd;
	case OBJ_TCP_LISTEN: return loopback_socket(SOCK_STREAM, &r->tcp_port);
	case OBJ_UDP_RX: return loopback_socket(SOCK_DGRAM, &r->udp_port);
	case OBJ_UNIX_LISTEN: return lesson_unix_listen(r);
	case OBJ_LAUNCHER: return lesson_launcher_pair(r);
	case OBJ_NONE: break;
	}
	return -2;
}

/* In the child, before exec: only async-signal-safe calls (ipctop has threads). */
static _Noreturn void exec_helper(const struct lesson_run *r, int obj, pid_t parent, char **argv)
{
	setpgid(0, r->pgid);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	int devnull = open("/dev/null", O_RDWR);
	if (obj >= 0)
		obj = fcntl(obj, F_DUPFD, 5);   /* out of the way of 0-4 while they are set */
	int rep = fcntl(r->report_wr, F_DUPFD, 5);
	for (int i = 0; i < 3 && devnull >= 0; i++)
		dup2(devnull, i);      /* the terminal belongs to ipctop */
	if (obj >= 0)
		dup2(obj, 3);
	else
		close(3);
	dup2(rep, 4);
	close_range(5, ~0U, 0);
	execv(r->helper, argv);
	_exit(127);
}

static void add_proc(struct lesson_run *r, pid_t pid, const char *role)
{
	if (r->n_procs >= LESSON_MAX_PROCS)
		return;
	struct lesson_proc *p = &r->procs[r->n_procs++];
	p->pid = pid;
	snprintf(p->role, sizeof(p->role), "%s", role);
	p->reaped = false;
}

static bool known(const struct lesson_run *r, pid_t pid)
{
	for (size_t i = 0; i < r->n_procs; i++)
		if (r->procs[i].pid == pid)
			return true;
	return false;
}

/* Read record lines until one of role (from pid, or any new pid when pid is 0) has come, or
 * the wait ends; returns its pid, or 0. */
static pid_t await_record(struct lesson_run *r, pid_t pid, const char *role)
{
	long long end = now_ms() + REPORT_WAIT_MS;
	for (;;) {
		char *nl;
		while ((nl = memchr(r->rbuf, '\n', r->rlen))) {
			*nl = '\0';
			char got[32] = "";
			int who = 0;
			bool match = sscanf(r->rbuf, "%d %31s", &who, got) == 2 && strcmp(got, role) == 0 &&
				     (pid ? who == pid : !known(r, who));
			size_t used = (size_t)(nl - r->rbuf) + 1;
			memmove(r->rbuf, nl + 1, r->rlen - used);
			r->rlen -= used;
			if (match)
				return who;
		}
		long long left = end - now_ms();
		struct pollfd p = { .fd = r->report_rd, .events = POLLIN };
		if (left <= 0 || r->rlen >= sizeof(r->rbuf) - 1)
			return 0;
		if (poll(&p, 1, (int)left) <= 0)
			continue;
		ssize_t n = read(r->report_rd, r->rbuf + r->rlen, sizeof(r->rbuf) - 1 - r->rlen);
		if (n > 0)
			r->rlen += (size_t)n;
	}
}

int lesson_init(struct lesson_run *r, const char *helper, const char *tag)
{
	memset(r, 0, sizeof(*r));
	r->tag = tag;
	r->pipe_rd = r->msqid = r->shmid = r->janitor_wr = r->report_rd = r->report_wr = -1;
	r->launch_fd = -1;
	snprintf(r->helper, sizeof(r->helper), "%s", helper);
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	r->report_rd = p[0];
	r->report_wr = p[1];
	return 0;
}

/* The System V object arg a names, made on first use; 0, or -1 with a note. */
static int make_sysv(struct lesson_run *r, enum lesson_arg a)
{
	if (a == ARG_MSQID && r->msqid < 0 && (r->msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0) {
		snprintf(r->note, sizeof(r->note), "could not make a message queue: %s", strerror(errno));
		return -1;
	}
	if (a == ARG_SHMID && r->shmid < 0 &&
	    (r->shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)) < 0) {
		snprintf(r->note, sizeof(r->note), "could not make a shared segment: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The role's argument as text: a port, an id, a name or a path. */
static void arg_text(const struct lesson_run *r, enum lesson_arg a, char *buf, size_t n)
{
	int num = a == ARG_TCP_PORT ? r->tcp_port : a == ARG_UDP_PORT ? r->udp_port :
		  a == ARG_MSQID ? r->msqid : a == ARG_SHMID ? r->shmid : 0;
	snprintf(buf, n, "%d", num);
	if (a == ARG_MQ_NAME || a == ARG_SHM_NAME)
		snprintf(buf, n, "%s", a == ARG_MQ_NAME ? r->mq_name : r->shm_name);
	if (a == ARG_UNIX_PATH)
		snprintf(buf, n, "%s/%s", r->sock_dir, LESSON_SOCK_FILE);
}

/* Fork and exec the helper from ipctop, in the run's process group; its pid, or -1. */
static pid_t start_here(struct lesson_run *r, int obj, char **argv)
{
	pid_t parent = getpid(), pid = fork();
	if (pid == 0)
		exec_helper(r, obj, parent, argv);
	if (pid < 0)
		return -1;
	if (r->pgid == 0)
		r->pgid = pid;
	setpgid(pid, r->pgid);   /* also here: the child may not have run yet */
	return pid;
}

int lesson_spawn(struct lesson_run *r, const struct lesson_spawn *s)
{
	char arg[128];
	if (make_sysv(r, s->arg) < 0 || lesson_posix_make(r, s->arg) < 0)
		return -1;
	arg_text(r, s->arg, arg, sizeof(arg));
	char *argv[] = { "ipctop-lesson", (char *)s->role, s->arg != ARG_NONE ? arg : NULL, NULL };
	int obj = make_obj(r, s->obj);
	if (obj == -1 || r->n_procs >= LESSON_MAX_PROCS) {
		snprintf(r->note, sizeof(r->note), "could not start %s: %s", s->role,
			 obj == -1 ? strerror(errno) : "too many processes");
		return -1;
	}
	pid_t pid = r->launcher > 0 ? lesson_launch(r, s->role, argv[2], obj) : start_here(r, obj, argv);
	if (obj >= 0)
		close(obj);   /* ipctop holds no end: only the lesson's processes talk */
	if (pid < 0) {
		snprintf(r->note, sizeof(r->note), "could not start %s: %s", s->role, strerror(errno));
		return -1;
	}
	add_proc(r, pid, s->role);
	if (!await_record(r, pid, s->role)) {
		snprintf(r->note, sizeof(r->note), "%s (PID %d) did not start", s->role, (int)pid);
		return -1;
	}
	if (s->obj == OBJ_LAUNCHER)
		r->launcher = pid;   /* the next roles start under it */
	return 0;
}

void lesson_signal(struct lesson_run *r, const char *role, int sig)
{
	pid_t pid = lesson_pid(r, role);
	if (pid > 0)
		kill(pid, sig);
}

int lesson_fork(struct lesson_run *r, const char *role, const char *child_role)
{
	pid_t parent = lesson_pid(r, role);
	if (parent <= 0 || r->n_procs >= LESSON_MAX_PROCS || kill(parent, SIGUSR1) < 0) {
		snprintf(r->note, sizeof(r->note), "%s cannot fork now", role);
		return -1;
	}
	const char *cr = child_role ? child_role : "fork-child";
	pid_t child = await_record(r, 0, cr);
	if (!child) {
		snprintf(r->note, sizeof(r->note), "%s did not fork", role);
		return -1;
	}
	add_proc(r, child, cr);
	return 0;
}

int lesson_ask(struct lesson_run *r, const char *role, int sig)
{
	pid_t pid = lesson_pid(r, role);
	if (pid <= 0 || kill(pid, sig) < 0 || !await_record(r, pid, role)) {
		snprintf(r->note, sizeof(r->note), "%s did not answer", role);
		return -1;
	}
	return 0;
}
