/* helper_shm.c — the lesson roles on a System V shared memory segment (made by ipctop, its id
 * in argv): a writer that stores a counter in it every 100 ms, and a reader that looks at the
 * counter; both attach the one segment, each at an address of its own. The loop is shared
 * with the POSIX roles (helper_posix.c). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/shm.h>

#include "lesson/helper.h"

static volatile uint64_t *attach(const char *id, const char *role)
{
	int shmid = atoi(id);
	void *p = shmat(shmid, NULL, 0);
	if (p == (void *)-1)
		return NULL;
	helper_record(role, "shmid=%d addr=%p", shmid, p);
	helper_report_done();
	return p;
}

static volatile uint64_t seen;   /* what a reader last read */

int helper_counter_loop(volatile uint64_t *counter, bool writer)
{
	if (!counter)
		return 1;
	for (;;) {
		if (writer)
			(*counter)++;
		else
			seen = *counter;   /* no system call: the value is in its own memory */
		helper_nap(100);
	}
}

int role_shm_writer(const char *id)
{
	return helper_counter_loop(attach(id, "shm-writer"), true);
}

int role_shm_reader(const char *id)
{
	return helper_counter_loop(attach(id, "shm-reader"), false);
}
