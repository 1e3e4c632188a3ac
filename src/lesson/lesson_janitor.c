/* lesson_janitor.c — the lesson's System V and POSIX objects outlive a killed ipctop unless
 * someone removes them: a small process forked at the start waits for EOF on a pipe only ipctop
 * holds (however ipctop ends), then removes the queues and segments. The lesson's processes
 * need no janitor: their parent-death signal ends them. When the lesson ends normally,
 * ipctop kills the janitor first and removes the objects itself. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "util/proc_exit.h"

/* In the child: async-signal-safe calls only (ipctop has threads). */
static _Noreturn void janitor_run(const struct lesson_run *r, int rd)
{
	prctl(PR_SET_NAME, "lesson-cleanup", 0, 0, 0);
	setsid();   /* out of the terminal's session: a hangup that ends ipctop spares it */
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	int fd = fcntl(rd, F_DUPFD, 3);
	int devnull = open("/dev/null", O_RDWR);
	for (int i = 0; i < 3 && devnull >= 0; i++)
		dup2(devnull, i);   /* no share in the terminal */
	if (fd >= 0 && fd != 3)
		dup2(fd, 3);
	close_range(4, ~0U, 0);
	char c;
	while (read(3, &c, 1) < 0 && errno == EINTR)
		;
	if (r->msqid >= 0)
		msgctl(r->msqid, IPC_RMID, NULL);
	if (r->shmid >= 0)
		shmctl(r->shmid, IPC_RMID, NULL);   /* gone once the killed processes have detached */
	lesson_posix_remove(r->mq_name, r->shm_name);
	lesson_unix_remove(r->sock_dir);
	proc_exit(0);   /* _exit, with the gcov counts of a coverage build */
}

void lesson_janitor_start(struct lesson_run *r)
{
	int p[2];
	r->janitor = 0;
	r->janitor_wr = -1;
	if ((r->msqid < 0 && r->shmid < 0 && !r->mq_name[0] && !r->shm_name[0] && !r->sock_dir[0]) ||
	    pipe2(p, O_CLOEXEC) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0)
		janitor_run(r, p[0]);
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return;
	}
	r->janitor = pid;
	r->janitor_wr = p[1];
}

void lesson_janitor_end(struct lesson_run *r)
{
	if (r->janitor <= 0)
		return;
	kill(r->janitor, SIGKILL);   /* before its pipe closes: ipctop removes the objects */
	close(r->janitor_wr);
	while (waitpid(r->janitor, NULL, 0) < 0 && errno == EINTR)
		;
	r->janitor = 0;
	r->janitor_wr = -1;
}
