/* demo_roles.c — what each demo process does: a little traffic every half second, so the
 * counters and queues ipctop shows move. Errors end the process quietly: the demo shows
 * whatever is left. */
#include "demo/demo_roles.h"
#include "util/proc_exit.h"

#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned sink;   /* readers store what they read, so the reads happen */

static void tick(void)
{
	struct timespec ts = { 0, 500 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

void demo_pipe_writer(int fd)
{
	for (unsigned n = 0;; n++) {
		char line[32];
		int len = snprintf(line, sizeof(line), "line %u\n", n);
		if (write(fd, line, (size_t)len) < 0)
			proc_exit(0);
		tick();
	}
}

void demo_pipe_reader(int fd)
{
	char buf[256];
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	proc_exit(0);
}

/* Echo each request back: one connection at a time is enough for the demo. */
static void echo_loop(int fd)
{
	char buf[256];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			break;
	close(fd);
}

void demo_unix_server(int listen_fd)
{
	for (;;) {
		int c = accept(listen_fd, NULL, NULL);
		if (c < 0)
			proc_exit(0);
		echo_loop(c);
	}
}

static void ping_loop(int fd)
{
	char buf[64];
	for (;;) {
		if (write(fd, "ping\n", 5) != 5 || read(fd, buf, sizeof(buf)) <= 0)
			proc_exit(0);
		tick();
	}
}

void demo_unix_client(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		proc_exit(1);
	ping_loop(fd);
}

void demo_tcp_server(int listen_fd)
{
	demo_unix_server(listen_fd);
}

void demo_tcp_client(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		proc_exit(1);
	ping_loop(fd);
}

void demo_sysv_shm_writer(int shmid)
{
	volatile unsigned *counter = shmat(shmid, NULL, 0);
	if (counter == (void *)-1)
		proc_exit(1);
	for (;;) {
		(*counter)++;
		tick();
	}
}

void demo_sysv_shm_reader(int shmid)
{
	volatile unsigned *counter = shmat(shmid, NULL, SHM_RDONLY);
	if (counter == (void *)-1)
		proc_exit(1);
	for (;; tick())
		sink = *counter;
}

struct demo_msg { long mtype; char text[32]; };

void demo_sysv_msg_sender(int msqid)
{
	struct demo_msg m = { .mtype = 1 };
	for (unsigned n = 0;; n++) {
		snprintf(m.text, sizeof(m.text), "message %u", n);
		if (msgsnd(msqid, &m, sizeof(m.text), 0) < 0)
			proc_exit(0);
		tick();
	}
}

void demo_sysv_msg_receiver(int msqid)
{
	struct demo_msg m;
	while (msgrcv(msqid, &m, sizeof(m.text), 0, 0) >= 0)
		;
	proc_exit(0);
}

void demo_posix_shm_user(const char *name, int writer)
{
	int fd = shm_open(name, O_RDWR, 0);
	volatile unsigned *p = fd < 0 ? MAP_FAILED : mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		proc_exit(1);
	if (!writer)
		close(fd);   /* the reader holds it as a mapping only */
	for (;; tick()) {
		if (writer)
			(*p)++;
		else
			sink = *p;
	}
}

void demo_posix_mq_user(const char *name, int sender)
{
	mqd_t q = mq_open(name, sender ? O_WRONLY : O_RDONLY);
	if (q == (mqd_t)-1)
		proc_exit(1);
	char buf[64];
	for (unsigned n = 0;; n++) {
		if (sender) {
			int len = snprintf(buf, sizeof(buf), "note %u", n);
			if (mq_send(q, buf, (size_t)len, 0) < 0)
				proc_exit(0);
			tick();
		} else if (mq_receive(q, buf, sizeof(buf), NULL) < 0) {
			proc_exit(0);
		}
	}
}
