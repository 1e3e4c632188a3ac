/* demo.c — start and stop the --demo processes: each pair is forked with only its own ends
 * open, named "demo-…" so the list reads like the lesson, and tied to ipctop's life. */
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
#include <sys/wait.h>
#include <unistd.h>

#include "demo/demo_roles.h"

enum role { R_PIPE_W, R_PIPE_R, R_UNIX_S, R_UNIX_C, R_TCP_S, R_TCP_C, R_SHM_W, R_SHM_R,
	    R_MSG_S, R_MSG_R, R_PSHM_W, R_PSHM_R, R_PMQ_S, R_PMQ_R };

static const char *const role_names[] = {
	"demo-producer", "demo-consumer", "demo-unix-srv", "demo-unix-cli", "demo-web-srv",
	"demo-web-cli", "demo-shm-writer", "demo-shm-reader", "demo-msg-sender", "demo-msg-recv",
	"demo-pshm-write", "demo-pshm-read", "demo-mq-sender", "demo-mq-recv",
};

struct demo_setup {
	int pipe[2];
	int unix_listen, tcp_listen, tcp_port;
	char sock_path[108];
};

/* In the child: keep only fd keep (or none), then run the role until killed. */
static void run_child(struct demo *d, struct demo_setup *st, enum role r, int keep)
{
	prctl(PR_SET_NAME, role_names[r], 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
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
	}
	_exit(0);
}

static int spawn(struct demo *d, struct demo_setup *st, enum role r, int keep)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		run_child(d, st, r, keep);
	d->pids[d->n_pids++] = pid;
	return 0;
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
	struct mq_attr qa = { .mq_maxmsg = 8, .mq_msgsize = 64 };
	mqd_t q = mq_open(d->mq_name, O_RDWR | O_CREAT | O_EXCL, 0600, &qa);
	if (q != (mqd_t)-1)
		mq_close(q);
	if (d->shmid < 0 || d->msqid < 0 || shm < 0 || q == (mqd_t)-1 || pipe2(st->pipe, O_CLOEXEC) < 0)
		return -1;
	return listen_unix(d, st) < 0 || listen_tcp(st) < 0 ? -1 : 0;
}

static int spawn_all(struct demo *d, struct demo_setup *st)
{
	int r = 0;
	r |= spawn(d, st, R_PIPE_W, st->pipe[1]);
	r |= spawn(d, st, R_PIPE_R, st->pipe[0]);
	r |= spawn(d, st, R_UNIX_S, st->unix_listen);
	r |= spawn(d, st, R_UNIX_C, -1);
	r |= spawn(d, st, R_TCP_S, st->tcp_listen);
	r |= spawn(d, st, R_TCP_C, -1);
	r |= spawn(d, st, R_SHM_W, -1);
	r |= spawn(d, st, R_SHM_R, -1);
	r |= spawn(d, st, R_MSG_S, -1);
	r |= spawn(d, st, R_MSG_R, -1);
	r |= spawn(d, st, R_PSHM_W, -1);
	r |= spawn(d, st, R_PSHM_R, -1);
	r |= spawn(d, st, R_PMQ_S, -1);
	r |= spawn(d, st, R_PMQ_R, -1);
	return r;
}

static void remove_objects(struct demo *d);

/* A process that waits for ipctop to go (EOF on a pipe only ipctop holds, however ipctop
 * ends: quit, crash, kill) and then ends the demo processes and removes their objects. */
static void start_janitor(struct demo *d)
{
	int p[2];
	d->janitor_fd = -1;
	if (pipe2(p, O_CLOEXEC) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NAME, "demo-cleanup", 0, 0, 0);
		setsid();   /* out of the terminal's session: a hangup that kills ipctop spares it */
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		/* hold nothing but the read end: no share in the demo's own channels */
		if (dup2(p[0], 3) == 3)
			p[0] = 3;
		close_range(4, ~0U, 0);
		char c;
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		for (size_t i = 0; i < d->n_pids; i++)
			kill(d->pids[i], SIGTERM);
		remove_objects(d);
		_exit(0);
	}
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return;
	}
	d->janitor = pid;
	d->janitor_fd = p[1];
}

int demo_start(struct demo *d)
{
	struct demo_setup st = { .pipe = { -1, -1 }, .unix_listen = -1, .tcp_listen = -1 };
	memset(d, 0, sizeof(*d));
	d->shmid = d->msqid = -1;
	int r = make_objects(d, &st);
	int e = errno;
	if (r == 0)
		r = spawn_all(d, &st);
	if (r == 0)
		start_janitor(d);
	int fds[] = { st.pipe[0], st.pipe[1], st.unix_listen, st.tcp_listen };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);   /* ipctop itself holds no end: only the demo processes talk */
	if (r < 0) {
		fprintf(stderr, "ipctop: --demo could not set up its processes: %s\n", strerror(e ? e : errno));
		demo_stop(d);
		return -1;
	}
	return 0;
}

void demo_stop(struct demo *d)
{
	for (size_t i = 0; i < d->n_pids; i++)
		kill(d->pids[i], SIGTERM);
	for (size_t i = 0; i < d->n_pids; i++)
		while (waitpid(d->pids[i], NULL, 0) < 0 && errno == EINTR)
			;
	d->n_pids = 0;
	remove_objects(d);
	if (d->janitor > 0) {
		close(d->janitor_fd);
		while (waitpid(d->janitor, NULL, 0) < 0 && errno == EINTR)
			;
		d->janitor = 0;
	}
}

static void remove_objects(struct demo *d)
{
	if (d->shmid >= 0)
		shmctl(d->shmid, IPC_RMID, NULL);
	if (d->msqid >= 0)
		msgctl(d->msqid, IPC_RMID, NULL);
	d->shmid = d->msqid = -1;
	if (d->shm_name[0])
		shm_unlink(d->shm_name);
	if (d->mq_name[0])
		mq_unlink(d->mq_name);
	d->shm_name[0] = d->mq_name[0] = '\0';
	if (d->dir[0]) {
		char path[128];
		snprintf(path, sizeof(path), "%s/echo.sock", d->dir);
		unlink(path);
		rmdir(d->dir);
		d->dir[0] = '\0';
	}
}
