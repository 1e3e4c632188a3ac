/* helper_msg.c — the lesson roles on a System V message queue (made by ipctop, its id in
 * argv): a sender that puts a 256-byte message in every 20 ms, blocking in msgsnd() when the
 * queue is full, and a receiver that takes them out as they come. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>

#include "lesson/helper.h"

struct lesson_msg {
	long mtype;
	char text[256];
};

int role_msg_sender(const char *id)
{
	int msqid = atoi(id);
	struct lesson_msg m = { .mtype = 1 };
	memset(m.text, 'm', sizeof(m.text));
	helper_record("msg-sender", "msqid=%d size=%zu", msqid, sizeof(m.text));
	helper_report_done();
	for (;;) {
		if (msgsnd(msqid, &m, sizeof(m.text), 0) < 0 && errno != EINTR)
			return 1;
		helper_nap(20);
	}
}

int role_msg_receiver(const char *id)
{
	int msqid = atoi(id);
	struct lesson_msg m;
	helper_record("msg-receiver", "msqid=%d", msqid);
	helper_report_done();
	for (;;)
		if (msgrcv(msqid, &m, sizeof(m.text), 0, 0) < 0 && errno != EINTR)
			return 1;
}
