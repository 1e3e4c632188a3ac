/* helper_demo.c — the roles only --demo runs: demo-parent, the parent of every other demo
 * process (it starts them on ipctop's requests, so that the tree shows them under it, and
 * reaps them and their orphans), and two roles that act by themselves: forker forks a
 * short-lived child again and again and reaps it late (a zombie for a while), exec-loop execs
 * itself every few seconds (same pid, a new command line). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lesson/helper.h"

/* One request of ipctop on the control socket (fd 3): the role and its argument ("" none),
 * with the role's object as an SCM_RIGHTS fd when it has one. */
static int read_request(struct helper_launch *req, int *obj)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { req, sizeof(*req) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	ssize_t n;
	while ((n = recvmsg(HELPER_OBJ_FD, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	*obj = -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	if (n > 0 && c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(obj, CMSG_DATA(c), sizeof(int));
	req->role[sizeof(req->role) - 1] = req->arg[sizeof(req->arg) - 1] = '\0';
	return n == (ssize_t)sizeof(*req) ? 0 : -1;
}

/* In the child: the object becomes fd 3 (none: fd 3 closed), fd 4 stays ipctop's report pipe,
 * nothing else is kept; then the helper again, in its role. */
static _Noreturn void exec_role(const struct helper_launch *req, int obj, pid_t parent)
{
	helper_tie_to_parent(parent);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (obj >= 0)
		dup2(obj, HELPER_OBJ_FD);   /* dup2 clears close-on-exec */
	else
		close(HELPER_OBJ_FD);
	close_range(HELPER_REPORT_FD + 1, ~0U, 0);
	char *argv[] = { "ipctop-lesson", (char *)req->role, req->arg[0] ? (char *)req->arg : NULL, NULL };
	execv("/proc/self/exe", argv);
	_exit(127);
}

/* Start each requested role as a child and answer with its pid (0: fork failed), until ipctop
 * closes the socket; then hold nothing of ipctop's and only reap, until killed. Its orphans
 * (a forker's child whose parent ended) come back to it: it is their subreaper. */
int role_demo_parent(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	helper_record("demo-parent", "%s", "");
	struct helper_launch req;
	int obj;
	while (read_request(&req, &obj) == 0) {
		pid_t parent = getpid(), pid = fork();
		if (pid == 0)
			exec_role(&req, obj, parent);
		if (obj >= 0)
			close(obj);
		int answer = pid > 0 ? (int)pid : 0;
		if (send(HELPER_OBJ_FD, &answer, sizeof(answer), MSG_NOSIGNAL) < 0)
			break;
	}
	close(HELPER_OBJ_FD);
	helper_report_done();
	for (;;) {
		if (wait(NULL) < 0 && errno == ECHILD)
			helper_nap(1000);   /* none now; an orphan may still come back */
	}
}

/* Every few seconds: fork a child (same program and command line; it names itself
 * fork-child), which lives FORK_CHILD_MS and exits with status 3; it is waited for only
 * ZOMBIE_MS after it exited, so that it shows as a zombie with its exit status meanwhile. */
#define FORK_CHILD_MS 3000
#define ZOMBIE_MS 4000
#define FORK_GAP_MS 1000
int role_forker(void)
{
	helper_record("forker", "%s", "");
	helper_report_done();
	for (;;) {
		pid_t parent = getpid(), pid = fork();
		if (pid == 0) {
			helper_tie_to_parent(parent);
			helper_name("fork-child");
			helper_record("fork-child", "parent=%d", (int)parent);
			helper_nap(FORK_CHILD_MS);
			_exit(3);
		}
		helper_nap(FORK_CHILD_MS + ZOMBIE_MS);
		while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		helper_nap(FORK_GAP_MS);
	}
}

/* exec-loop N: the Nth run of the loop (1 when no N); after EXEC_EVERY_MS it execs the
 * helper again as exec-loop N+1: the same process, a new command line. */
#define EXEC_EVERY_MS 6000
int role_exec_loop(const char *nth)
{
	long n = nth ? strtol(nth, NULL, 10) : 1;
	if (n < 1 || n > 999999)
		n = 1;
	helper_record("exec-loop", "execs=%ld", n - 1);
	helper_report_done();
	helper_nap(EXEC_EVERY_MS);
	char next[24];
	snprintf(next, sizeof(next), "%ld", n + 1);
	char *argv[] = { "ipctop-lesson", "exec-loop", next, NULL };
	execv("/proc/self/exe", argv);
	return 1;
}
