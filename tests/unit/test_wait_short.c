/* test_wait_short.c — the few words of a wait and the blocked test (model/wait_short), and
 * "blocked since" carried across snapshots (model/wait_since), on hand-made snapshots: a
 * writer on a full pipe says "write pipe -> 101 name" with the name escaped; a plain sleep says
 * nothing and is not blocked, a stopped or unreadable task is; the same wait keeps its first
 * snapshot's time, a new wait or a reused pid starts again; a process whose main thread
 * pauses is blocked by another thread that writes a pipe, and its since follows that thread. */
#include <string.h>
#include <sys/syscall.h>

#include "channel/channel_resolve.h"
#include "channel/wait_chain.h"
#include "model/wait_short.h"
#include "model/wait_since.h"
#include "hand_snapshot.h"
#include "../tap.h"

static struct snapshot A, B, C;
static struct task_wait WA[3], WB[3], WC[3];

static void block(struct snapshot *s, struct task_wait *w, size_t pi, uint8_t kind, int64_t nr,
                  int fd, uint8_t dir)
{
	w[pi] = (struct task_wait){ .tid = s->procs[pi].pid, .state = 'S', .kind = kind,
	                            .syscall_nr = nr, .fd = fd, .dir = dir, .chan = -1 };
	s->procs[pi].state = 'S';
	s->procs[pi].wait = &w[pi];
}

/* 100 writes pipe 7 (fd 3) whose reader 101 sleeps; 102 runs. */
static void build(struct snapshot *s, struct task_wait *w, uint64_t ms)
{
	hand_reset(s, 3, 1);
	s->taken_ms = ms;
	hand_add_fd(s, 0, 3, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(s, 1, 4, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	block(s, w, 0, WK_FD, SYS_write, 3, ACC_W);
	block(s, w, 1, WK_SLEEP, SYS_clock_nanosleep, -1, 0);
	s->procs[2].state = 'R';
	channel_resolve(s);
	wait_resolve(s);
}

static void test_short(void)
{
	build(&A, WA, 1000);
	struct strbuf sb = STRBUF_INIT;
	A.procs[1].comm = "sl\x1b[2Jeep";
	wait_short(&sb, &A, &A.procs[0], 101, "->");
	is_str(sb_str(&sb), "write pipe -> 101 sl\\x1b[2Jeep", "the writer: call, kind, reader, name escaped");
	ok(wait_blocked(&A.procs[0]), "the writer is blocked");
	sb_reset(&sb);
	wait_short(&sb, &A, &A.procs[1], 0, "->");
	is_str(sb_str(&sb), "", "a plain sleep says nothing");
	ok(!wait_blocked(&A.procs[1]), "a plain sleep is not blocked");
	ok(!wait_blocked(&A.procs[2]), "a running process is not blocked");
	sb_reset(&sb);
	wait_short_state(&sb, &A.procs[2], &A);
	is_str(sb_str(&sb), "running", "the running one's state word");
	WA[1].kind = WK_STOPPED;
	WA[1].state = 'T';
	ok(wait_blocked(&A.procs[1]), "a stopped process is blocked");
	sb_reset(&sb);
	wait_short_what(&sb, &A, &WA[1]);
	is_str(sb_str(&sb), "stopped", "stopped");
	WA[1] = (struct task_wait){ .state = 'S', .kind = WK_UNKNOWN, .syscall_nr = -3, .chan = -1 };
	ok(wait_blocked(&A.procs[1]), "an unreadable wait is listed (as unreadable)");
	sb_reset(&sb);
	wait_short(&sb, &A, &A.procs[1], 0, "->");
	is_str(sb_str(&sb), "not readable", "unreadable is said, not guessed");
	WA[1] = (struct task_wait){ .state = 'S', .kind = WK_FD, .syscall_nr = SYS_read, .fd = 9,
	                            .dir = ACC_R, .chan = -1 };
	ok(!wait_blocked(&A.procs[1]), "a read on a descriptor that is no channel is not blocked");
	sb_reset(&sb);
	wait_short(&sb, &A, &A.procs[1], 0, "->");
	is_str(sb_str(&sb), "read fd 9", "... and its words name the fd");
	sb_free(&sb);
	hand_free_lists(&A);
}

static void test_since(void)
{
	build(&A, WA, 1000);
	build(&B, WB, 2000);
	build(&C, WC, 3000);
	wait_since_carry(&A, NULL);
	is_int(A.procs[0].wait_since_ms, 1000, "first snapshot: since now");
	is_int(A.procs[2].wait_since_ms, 0, "a running process: 0");
	wait_since_carry(&B, &A);
	is_int(B.procs[0].wait_since_ms, 1000, "the same wait: since the first snapshot");
	WC[0].syscall_nr = SYS_read;                 /* another call */
	C.procs[1].start_time = 99;                  /* pid 101 reused by a new process */
	wait_since_carry(&C, &B);
	is_int(C.procs[0].wait_since_ms, 3000, "a new wait starts again");
	is_int(C.procs[1].wait_since_ms, 3000, "a reused pid starts again");
	hand_free_lists(&A);
	hand_free_lists(&B);
	hand_free_lists(&C);
}

/* 100's main thread pauses while its thread 105 writes the pipe to 101: blocked by 105. */
static void test_thread(void)
{
	static struct task_wait tasks[2];
	build(&A, WA, 1000);
	struct proc_info *p = &A.procs[0];
	tasks[0] = (struct task_wait){ .tid = 100, .state = 'S', .kind = WK_SIGNAL,
	                               .syscall_nr = SYS_pause, .fd = -1, .chan = -1 };
	tasks[1] = WA[0];
	tasks[1].tid = 105;
	WA[0] = tasks[0];
	p->tasks = tasks;
	p->n_tasks = 2;
	wait_resolve(&A);
	ok(wait_blocked(p), "a main thread in pause, another thread writing a pipe: blocked");
	ok(wait_blocking(p) == &tasks[1], "... by that thread");
	struct strbuf sb = STRBUF_INIT;
	wait_short(&sb, &A, p, 101, "->");
	is_str(sb_str(&sb), "thread 105 write pipe -> 101 p", "... which the WAIT words name");
	wait_since_carry(&A, NULL);
	build(&B, WB, 2000);
	B.procs[0].tasks = tasks;
	B.procs[0].n_tasks = 2;
	B.procs[0].wait = &tasks[0];
	wait_resolve(&B);
	wait_since_carry(&B, &A);
	is_int(B.procs[0].wait_since_ms, 1000, "the thread's same wait: since the first snapshot");
	tasks[1].kind = WK_SLEEP;
	tasks[1].syscall_nr = SYS_clock_nanosleep;
	wait_resolve(&B);
	ok(!wait_blocked(&B.procs[0]), "the thread sleeps instead: not blocked");
	sb_free(&sb);
	p->tasks = B.procs[0].tasks = NULL;
	p->n_tasks = B.procs[0].n_tasks = 0;
	hand_free_lists(&A);
	hand_free_lists(&B);
}

int main(void)
{
	test_short();
	test_thread();
	test_since();
	snapshot_free(&A);
	snapshot_free(&B);
	snapshot_free(&C);
	return tap_done();
}
