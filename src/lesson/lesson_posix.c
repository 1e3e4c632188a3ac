/* lesson_posix.c — the POSIX message queue and shared memory object a lesson uses: made by
 * ipctop under a name of its own (its pid in it), opened by name by the lesson's processes,
 * unlinked at the end (or by the janitor when ipctop is killed). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lesson/helper.h"
#include "lesson/lesson.h"

static int make_mq(struct lesson_run *r)
{
	struct mq_attr attr = { .mq_maxmsg = LESSON_MQ_MAXMSG, .mq_msgsize = LESSON_MQ_MSGSIZE };
	snprintf(r->mq_name, sizeof(r->mq_name), "/ipctop-%s-%d-queue", r->tag, (int)getpid());
	mqd_t q = mq_open(r->mq_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attr);
	if (q == (mqd_t)-1) {
		snprintf(r->note, sizeof(r->note), "could not make a POSIX queue: %s", strerror(errno));
		r->mq_name[0] = '\0';
		return -1;
	}
	mq_close(q);   /* ipctop holds no end: only the lesson's processes use it */
	return 0;
}

static int make_shm(struct lesson_run *r)
{
	snprintf(r->shm_name, sizeof(r->shm_name), "/ipctop-%s-%d-shm", r->tag, (int)getpid());
	int fd = shm_open(r->shm_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, 4096) < 0) {
		snprintf(r->note, sizeof(r->note), "could not make a POSIX shared memory object: %s",
			 strerror(errno));
		if (fd >= 0) {
			close(fd);
			shm_unlink(r->shm_name);
		}
		r->shm_name[0] = '\0';
		return -1;
	}
	close(fd);
	return 0;
}

int lesson_posix_make(struct lesson_run *r, enum lesson_arg a)
{
	if (a == ARG_MQ_NAME && !r->mq_name[0])
		return make_mq(r);
	if (a == ARG_SHM_NAME && !r->shm_name[0])
		return make_shm(r);
	return 0;
}

void lesson_posix_remove(const char *mq_name, const char *shm_name)
{
	if (mq_name[0])
		mq_unlink(mq_name);
	if (shm_name[0])
		shm_unlink(shm_name);
}
