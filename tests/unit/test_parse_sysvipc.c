/* test_parse_sysvipc.c — parse_sysv_shm/msg/sem on real /proc/sysvipc captures (a keyed and
 * a private segment, a queue with a negative key and one message, a semaphore set), on
 * appending to existing rows, and on broken rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static void test_shm(void)
{
	size_t len, n = 0;
	char *text = fixture("sysvipc_shm.txt", &len);
	struct sysv_shm *r = NULL;
	is_int(parse_sysv_shm(text, len, &r, &n), 0, "shm: nothing malformed");
	is_int(n, 2, "shm: two segments");
	if (n == 2) {
		ok(r[0].key == 0x1badcafe && r[0].shmid == 0, "shm 0: key 0x1badcafe, id 0");
		is_int(r[0].perms, 0640, "shm 0: perms are octal");
		ok(r[0].size == 8192 && r[0].nattch == 1, "shm 0: size 8192, 1 attach");
		ok(r[0].cpid == 11509 && r[0].lpid == 11509, "shm 0: cpid, lpid");
		ok(r[0].uid == 0 && r[0].cgid == 0, "shm 0: owner root");
		ok(r[0].atime == 1795608345 && r[0].dtime == 0 && r[0].ctime == 1795608345, "shm 0: times");
		ok(r[0].rss == 0 && r[0].swap == 0, "shm 0: rss, swap");
		ok(r[1].key == 0 && r[1].shmid == 1 && r[1].perms == 0600 && r[1].size == 4096,
		   "shm 1: private segment");
	}
	/* appending: the rows already there stay */
	is_int(parse_sysv_shm(text, len, &r, &n), 0, "shm: parsed again");
	ok(n == 4 && r[2].key == 0x1badcafe && r[0].key == 0x1badcafe && r[3].shmid == 1,
	   "shm: appended after the existing rows");
	free(r);
	free(text);
}

static void test_msg_sem(void)
{
	size_t len, n = 0;
	char *text = fixture("sysvipc_msg.txt", &len);
	struct sysv_msg *m = NULL;
	is_int(parse_sysv_msg(text, len, &m, &n), 0, "msg: nothing malformed");
	is_int(n, 1, "msg: one queue");
	if (n == 1) {
		ok(m[0].key == (int32_t)0xdeadbeef && m[0].key == -559038737, "msg: negative key");
		ok(m[0].msqid == 0 && m[0].perms == 0620, "msg: id, perms");
		ok(m[0].cbytes == 11 && m[0].qnum == 1, "msg: 11 bytes in 1 message");
		ok(m[0].lspid == 11509 && m[0].lrpid == 0, "msg: last sender, no receiver");
		ok(m[0].stime == 1795608345 && m[0].rtime == 0, "msg: times");
	}
	free(m);
	free(text);

	struct sysv_sem *s = NULL;
	n = 0;
	text = fixture("sysvipc_sem.txt", &len);
	is_int(parse_sysv_sem(text, len, &s, &n), 0, "sem: nothing malformed");
	ok(n == 1 && s[0].key == 0x5e3a && s[0].semid == 0 && s[0].nsems == 3 &&
	   s[0].perms == 0600 && s[0].otime == 0 && s[0].ctime == 1795608345, "sem: one set of 3");
	free(s);
	free(text);
}

static int sem_text(const char *t, struct sysv_sem **rows, size_t *n)
{
	size_t len = strlen(t);
	char *buf = exact_copy(t, len);
	int bad = parse_sysv_sem(buf, len, rows, n);
	free(buf);
	return bad;
}

static void test_broken_rows(void)
{
	struct sysv_sem *s = NULL;
	size_t n = 0;
	const char *t =
		"       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n"
		"        1          2   600          3     0     0     0     0          0 100\n"
		"        1          2   600          3     0     0     0     0          0\n"          /* short */
		"        1          x   600          3     0     0     0     0          0 100\n"      /* text */
		" 2147483648        2   600          3     0     0     0     0          0 100\n"     /* key overflow */
		"-2147483648        5   600          3     0     0     0     0          0 100\n"     /* smallest key */
		" 2147483647        6   600          3     0     0     0     0          0 100\n"     /* largest key */
		"        1          2   680          3     0     0     0     0          0 100\n"      /* 8 not octal */
		"        1          2   600          3 4294967296  0     0     0          0 100\n"   /* uid overflow */
		"        1          2   600          3     0     0     0     0          0 100 extra 7\n"
		"\n"
		"        9          9   666          1     1     2     3     4          5 6";
	is_int(sem_text(t, &s, &n), 5, "sem: five broken rows");
	is_int(n, 5, "sem: five good rows (extra columns fine, last without newline)");
	if (n == 5) {
		ok(s[1].key == INT32_MIN && s[1].semid == 5, "smallest key");
		ok(s[2].key == INT32_MAX && s[2].semid == 6, "largest key (key_t is a 32-bit int)");
		ok(s[4].uid == 1 && s[4].gid == 2 && s[4].cuid == 3 && s[4].cgid == 4 &&
		   s[4].otime == 5 && s[4].ctime == 6, "column order uid gid cuid cgid otime ctime");
	}
	free(s);
	s = NULL;
	n = 0;
	is_int(sem_text("1 2 600 3 0 0 0 0 0 100\n", &s, &n), 0, "no header: first line is data");
	is_int(n, 1, "...and kept");
	free(s);
	s = NULL;
	n = 0;
	is_int(sem_text("key semid perms\n", &s, &n), 0, "header only");
	is_int(n, 0, "...no rows");
	is_int(parse_sysv_sem(NULL, 0, &s, &n), 0, "NULL text");
	free(s);
}

static void test_many_rows(void)
{
	char *t = malloc(1000 * 160 + 200);
	size_t len = (size_t)sprintf(t, "key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime rtime ctime\n");
	for (int i = 0; i < 1000; i++)
		len += (size_t)sprintf(t + len, "%d %d 600 %d 1 2 3 4 5 6 7 8 9 10\n", i - 500, i, i * 3);
	struct sysv_msg *m = NULL;
	size_t n = 0;
	is_int(parse_sysv_msg(t, len, &m, &n), 0, "1000 rows: nothing malformed");
	is_int(n, 1000, "1000 rows read");
	size_t wrong = 0;
	for (size_t i = 0; i < n; i++)
		wrong += m[i].key != (int)i - 500 || m[i].cbytes != i * 3 || m[i].ctime != 10;
	is_int(wrong, 0, "each row has its own values");
	free(m);
	free(t);
}

int main(void)
{
	test_shm();
	test_msg_sem();
	test_broken_rows();
	test_many_rows();
	return tap_done();
}
