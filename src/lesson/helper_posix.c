/* helper_posix.c — the lesson roles on POSIX objects, which have names (made by ipctop, the
 * name in argv): a queue sender that puts a 256-byte message in every 20 ms (mq_send blocks
 * when the queue holds its maximum), its receiver, and a writer and a reader that map one
 * shared memory object (shm_open + mmap), each at an address of its own. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lesson/helper.h"

int role_pmq_sender(const char *name)
{
	char msg[LESSON_MQ_MSGSIZE];
	mqd_t q = mq_open(name, O_WRONLY);
	if (q == (mqd_t)-1)
		return 1;
	memset(msg, 'q', sizeof(msg));
	helper_record("pmq-sender", "name=%s size=%zu", name, sizeof(msg));
	helper_report_done();
	for (;;) {
		if (mq_send(q, msg, sizeof(msg), 0) < 0 && errno != EINTR)
			return 1;
		helper_nap(20);
	}
}

int role_pmq_receiver(const char *name)
{
	char msg[LESSON_MQ_MSGSIZE];
	mqd_t q = mq_open(name, O_RDONLY);
	if (q == (mqd_t)-1)
		return 1;
	helper_record("pmq-receiver", "name=%s", name);
	helper_report_done();
	for (;;)
		if (mq_receive(q, msg, sizeof(msg), NULL) < 0 && errno != EINTR)
			return 1;
}

static volatile uint64_t *map_shm(const char *name, const char *role)
{
	int fd = shm_open(name, O_RDWR, 0);
	if (fd < 0)
		return NULL;
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);   /* the mapping keeps the object: no descriptor needed */
	if (p == MAP_FAILED)
		return NULL;
	helper_record(role, "name=%s addr=%p", name, p);
	helper_report_done();
	return p;
}

int role_pshm_writer(const char *name)
{
	return helper_counter_loop(map_shm(name, "pshm-writer"), true);
}

int role_pshm_reader(const char *name)
{
	return helper_counter_loop(map_shm(name, "pshm-reader"), false);
}
