/* task_child.c — the thread-wait tests' child: paused threads and a reader on a pipe. */
#include "task_child.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int in_fd, tid_fd;

static void *reader(void *arg)
{
	(void)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid);
	char c;
	if (write(tid_fd, &tid, sizeof(tid)) != sizeof(tid))
		_exit(1);
	while (read(in_fd, &c, 1) > 0)
		;
	_exit(0);
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void child_body(int idle)
{
	pthread_attr_t at;
	pthread_t th;
	if (pthread_attr_init(&at) || pthread_attr_setstacksize(&at, 64 * 1024))
		_exit(1);
	for (int i = 0; i < idle; i++)
		if (pthread_create(&th, &at, idle_thread, NULL))
			_exit(1);
	if (pthread_create(&th, &at, reader, NULL))
		_exit(1);
	for (;;)
		pause();
}

pid_t task_child_start(int idle, int *ctl, pid_t *tid)
{
	int p[2], t[2];
	if (pipe(p) < 0 || pipe(t) < 0)
		return -1;
	pid_t c = fork();
	if (c == 0) {
		in_fd = p[0];
		tid_fd = t[1];
		close(p[1]);
		child_body(idle);
	}
	close(p[0]);
	close(t[1]);
	*ctl = p[1];
	int r = read(t[0], tid, sizeof(*tid)) == sizeof(*tid) ? 0 : -1;
	close(t[0]);
	return r ? -1 : c;
}

bool task_in_call(pid_t pid, pid_t tid, long nr)
{
	char path[64], buf[64];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid, (int)tid);
	for (int i = 0; i < 500; i++) {
		FILE *f = fopen(path, "r");
		bool yes = f && fgets(buf, sizeof(buf), f) && strncmp(buf, "running", 7) &&
			   strtol(buf, NULL, 10) == nr;
		if (f)
			fclose(f);
		if (yes)
			return true;
		usleep(10000);
	}
	return false;
}
