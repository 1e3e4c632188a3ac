/* demo.c — start the --demo processes: each pair is forked with only its own ends open, named
 * "demo-…" so the list reads like the lesson, and tied to ipctop's life (demo_end.c ends them,
 * demo_janitor.c cleans up when ipctop is killed). */
#include "demo/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "demo/demo_priv.h"
#include "demo/demo_roles.h"
#include "util/proc_exit.h"

enum role { R_PIPE_W, R_PIPE_R, R_UNIX_S, R_UNIX_C, R_TCP_S, R_TCP_C, R_SHM_W, R_SHM_R,
	    R_MSG_S, R_MSG_R, R_PSHM_W, R_PSHM_R, R_PMQ_S, R_PMQ_R, R_COUNT };

static const char *const role_names[R_COUNT] = {
	"demo-producer", "demo-consumer", "demo-unix-srv", "demo-unix-cli", "demo-web-srv",
	"demo-web-cli", "demo-shm-writer", "demo-shm-reader", "demo-msg-sender", "demo-msg-recv",
	"demo-pshm-write", "demo-pshm-read", "demo-mq-sender", "demo-mq-recv",
};

struct demo_setup {
	int pipe[2];
	int unix_listen, tcp_listen, tcp_port;
	char sock_path[108];
};

/* In the child: die with ipctop (SIGKILL: a stopped process would not act on SIGTERM), keep
 * only fd keep (or none), then run the role until killed. */
static void run_child(struct demo *d, struct demo_setup *st, enum role r, int keep, pid_t parent)
{
	prctl(PR_SET_NAME, role_names[r], 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		proc_exit(0);   /* ipctop died before the prctl: nobody would end this process */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);   /* SIGTERM must end it, whatever ipctop blocked */
	proc_exit_on_signal(SIGTERM);
	int fd = keep >= 0 ? dup2(keep, 3) : -1;
	int devnull = open("/dev/null", O_RDWR);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);   /* the terminal belongs to ipctop */
	}
	close_range(fd >= 0 ? 4 : 3, ~0U, 0);
	switch (r) {
	case R_PIPE_W: demo_pipe_writer(fd); break;
	case R_PIPE_R: demo_pipe_reader(fd); break;
	case R_UNIX_S: demo_unix_server(fd); break;
	case R_UNIX_C: demo_unix_client(st->sock_path); break;
	case R_TCP_S: demo_tcp_server(fd); break;
	case R_TCP_C: demo_tcp_client(st->tcp_port); break;
	case R_SHM_W: demo_sysv_shm_writer(d->shmid); break;
	case R_SHM_R: demo_sysv_shm_reader(d->shmid); break;
	case R_MSG_S: demo_sysv_msg_sender(d->msqid); break;
	case R_MSG_R: demo_sysv_msg_receiver(d->msqid); break;
	case R_PSHM_W: demo_posix_shm_user(d->shm_name, 1); break;
	case R_PSHM_R: demo_posix_shm_user(d->shm_name, 0); break;
	case R_PMQ_S: demo_posix_mq_user(d->mq_name, 1); break;
	case R_PMQ_R: demo_posix_mq_user(d->mq_name, 0); break;
	case R_COUNT: break;
	}
	proc_exit(0);
}

const char *demo_role_name(size_t i)
{
	return i < R_COUNT ? role_names[i] : "demo-?";
}

static int listen_unix(struct demo *d, struct demo_setup *st)
{
	snprintf(st->sock_path, sizeof(st->sock_path), "%s/echo.sock", d->dir);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", st->sock_path);
	st->unix_listen = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (st->unix_listen < 0 || bind(st->unix_listen, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	return listen(st->unix_listen, 4);
}

static int listen_tcp(struct demo_setup *st)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	st->tcp_listen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (st->tcp_listen < 0 || bind(st->tcp_listen, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(st->tcp_listen, 4) < 0 || getsockname(st->tcp_listen, (struct sockaddr *)&a, &len) < 0)
		return -1;
	st->tcp_port = ntohs(a.sin_port);
	return 0;
}

/* Every object the demo uses, made before any process starts. */
static int make_objects(struct demo *d, struct demo_setup *st)
{
	snprintf(d->dir, sizeof(d->dir), "/tmp/ipctop-demo-XXXXXX");
	if (!mkdtemp(d->dir)) {
		d->dir[0] = '\0';
		return -1;
	}
	snprintf(d->shm_name, sizeof(d->shm_name), "/ipctop-demo-%d", (int)getpid());
	snprintf(d->mq_name, sizeof(d->mq_name), "/ipctop-demo-%d", (int)getpid());
	d->shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	d->msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	int shm = shm_open(d->shm_name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (shm >= 0 && ftruncate(shm, 4096) < 0) {
		close(shm);
		shm = -1;
	}
	if (shm >= 0)
		close(shm);
	else if (errno == EEXIST)
		d->shm_name[0] = '\0';   /* not ours: never to be removed */
	struct mq_attr qa = { .mq_maxmsg = 8, .mq_msgsize = 64 };
	mqd_t q = mq_open(d->mq_name, O_RDWR | O_CREAT | O_EXCL, 0600, &qa);
	if (q != (mqd_t)-1)
		mq_close(q);
	else if (errno == EEXIST)
		d->mq_name[0] = '\0';
	if (d->shmid < 0 || d->msqid < 0 || shm < 0 || q == (mqd_t)-1 || pipe2(st->pipe, O_CLOEXEC) < 0)
		return -1;
	return listen_unix(d, st) < 0 || listen_tcp(st) < 0 ? -1 : 0;
}

/* One process per role, in role order (pids[i] runs role i), each with only its own end. */
static int spawn_all(struct demo *d, struct demo_setup *st)
{
	const int keep[R_COUNT] = {
		[R_PIPE_W] = st->pipe[1], [R_PIPE_R] = st->pipe[0], [R_UNIX_S] = st->unix_listen,
		[R_UNIX_C] = -1, [R_TCP_S] = st->tcp_listen, [R_TCP_C] = -1, [R_SHM_W] = -1,
		[R_SHM_R] = -1, [R_MSG_S] = -1, [R_MSG_R] = -1, [R_PSHM_W] = -1, [R_PSHM_R] = -1,
		[R_PMQ_S] = -1, [R_PMQ_R] = -1,
	};
	_Static_assert(R_COUNT <= DEMO_MAX_PIDS, "room for every role");
	pid_t parent = getpid();
	for (int r = 0; r < R_COUNT; r++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			run_child(d, st, (enum role)r, keep[r], parent);
		d->pids[d->n_pids++] = pid;
	}
	return 0;
}

int demo_start(struct demo *d)
{
	struct demo_setup st = { .pipe = { -1, -1 }, .unix_listen = -1, .tcp_listen = -1 };
	memset(d, 0, sizeof(*d));
	d->shmid = d->msqid = d->janitor_fd = -1;
	for (size_t i = 0; i < DEMO_MAX_PIDS; i++)
		d->pidfds[i] = -1;
	errno = 0;
	int r = make_objects(d, &st);
	if (r == 0)
		r = spawn_all(d, &st);
	int e = errno;
	if (r == 0)
		demo_janitor_start(d);
	int fds[] = { st.pipe[0], st.pipe[1], st.unix_listen, st.tcp_listen };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);   /* ipctop itself holds no end: only the demo processes talk */
	if (r < 0) {
		fprintf(stderr, "ipctop: --demo could not set up its processes: %s\n",
			e ? strerror(e) : "a system call failed");
		demo_stop(d);
		return -1;
	}
	return 0;
}
