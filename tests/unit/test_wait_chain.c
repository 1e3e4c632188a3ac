/* test_wait_chain.c — waits resolved by hand: a blocked reader's peers are the writers of its
 * pipe (not other readers, not itself), a writer's the readers (an epoll watch's:
 * test_wait_epoll); a remote end is no peer; wait4 names the children its pid argument
 * selects, a lock wait the holder /proc/locks gives; chains follow waits across processes (the
 * peer that waits first), and rings of waits are deadlocks, found once, smallest pid first. */
#include <string.h>

#include "channel/channel_resolve.h"
#include "channel/wait_chain.h"
#include "model/wait_describe.h"
#include "hand_snapshot.h"
#include "wait_hand.h"
#include "../tap.h"

/* 100 reads pipe 7 (fd 3); 101 and 102 hold its write end, 103 another read end; 101 and 102
 * run. The reader's peers are 101 and 102 only. */
static void test_pipe_reader(void)
{
	hand_reset(&S, 4, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 1, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 2, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 3, 0, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	block(0, WK_FD, 3, ACC_R, 0);
	resolve();
	const struct task_wait *w = S.procs[0].wait;
	ok(w->chan >= 0 && !strcmp(S.chans[w->chan].id, "pipe:7"), "fd 3 resolved to pipe:7 (%s)",
	   w->chan >= 0 ? S.chans[w->chan].id : "none");
	ok(peers_are(w, 2, (pid_t[]){ 101, 102 }), "peers: the two writers, not the other reader");
	pid_t chain[8];
	size_t n = wait_chain(&S, 100, chain, 8);
	ok(n == 2 && chain[0] == 100 && chain[1] == 101, "chain 100 -> 101, which does not wait");
	is_int(S.n_cycles, 0, "no ring");
	struct strbuf sb = STRBUF_INIT;
	S.procs[1].comm = "evil\x1b[31m";
	wait_describe(&sb, &S, &S.procs[0], w);
	is_str(sb_str(&sb), "blocked reading fd 3, a pipe to 101 (evil\\x1b[31m) and 102 (p)",
	       "the sentence: both writers, a name escaped");
	sb_reset(&sb);
	ok(!wait_ring_describe(&sb, &S, 100) && sb.len == 0, "no ring to describe");
	S.procs[1].state = 'R';
	S.procs[1].comm = "p";
	sb_free(&sb);
	hand_free_lists(&S);
}

/* The same on a FIFO (a named pipe): 100 reads it, 101 writes, 102 reads too: only the
 * writer can end the wait. */
static void test_fifo_reader(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_FIFO, 8, 55, ACC_R, "/tmp/f");
	hand_add_fd(&S, 1, 4, FDK_FIFO, 8, 55, ACC_W, "/tmp/f");
	hand_add_fd(&S, 2, 5, FDK_FIFO, 8, 55, ACC_R, "/tmp/f");
	block(0, WK_FD, 3, ACC_R, 0);
	resolve();
	const struct task_wait *w = S.procs[0].wait;
	ok(w->chan >= 0 && S.chans[w->chan].kind == CK_FIFO, "a FIFO read: the wait names the FIFO");
	ok(peers_are(w, 1, (pid_t[]){ 101 }), "FIFO peers: the writer, not the other reader (%zu)",
	   (size_t)w->n_peers);
	hand_free_lists(&S);
}

/* 100 blocks writing pipe 7 (fd 3): the readers can end it (101), the other writer (102)
 * cannot; 103 holds it with unknown access, so it might. A wait of no direction on the same
 * pipe: anyone holding it. */
static void test_pipe_writer(void)
{
	hand_reset(&S, 4, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 1, 0, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 2, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 3, 4, FDK_PIPE, 0, 7, ACC_NONE, "pipe:[7]");
	block(0, WK_FD, 3, ACC_W, 0);
	resolve();
	ok(peers_are(S.procs[0].wait, 2, (pid_t[]){ 101, 103 }),
	   "a writer's peers: the reader and the holder of unknown access, not the other writer");
	W[0].dir = 0;
	wait_resolve(&S);
	ok(peers_are(S.procs[0].wait, 3, (pid_t[]){ 101, 102, 103 }),
	   "a wait of no direction: every other holder");
	hand_free_lists(&S);
}

/* 100 blocks reading a TCP connection to another host: the remote end (pid 0) is no process
 * to wait on; the wait still names the connection. */
static void test_remote_end(void)
{
	hand_reset(&S, 1, 1);
	hand_add_tcp(&S, 0, 3, 40, 40000, 443, (const uint8_t[]){ 10, 0, 0, 1 }, 0, 0);
	block(0, WK_FD, 3, ACC_R, 0);
	resolve();
	const struct task_wait *w = S.procs[0].wait;
	ok(w->chan >= 0 && S.chans[w->chan].kind == CK_TCP, "the wait names the TCP connection");
	ok(w->n_peers == 0, "the remote end is not a peer (%zu peers)", (size_t)w->n_peers);
	hand_free_lists(&S);
}

/* Two receivers blocked on one POSIX message queue (opened read-only) and a sender that holds
 * it write-only: each receiver waits for the sender only, and the two are no ring. */
static void test_mq_receivers(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_MQUEUE, 9, 40, ACC_R, "/q");
	hand_add_fd(&S, 1, 3, FDK_MQUEUE, 9, 40, ACC_R, "/q");
	hand_add_fd(&S, 2, 4, FDK_MQUEUE, 9, 40, ACC_W, "/q");
	block(0, WK_MQ, 3, ACC_R, 0);
	block(1, WK_MQ, 3, ACC_R, 0);
	resolve();
	ok(peers_are(S.procs[0].wait, 1, (pid_t[]){ 102 }) && peers_are(S.procs[1].wait, 1, (pid_t[]){ 102 }),
	   "mq_receive: each receiver's peer is the sender, not the other receiver");
	is_int(S.n_cycles, 0, "two receivers of one queue: no ring");
	hand_free_lists(&S);
}

/* 100 reads pipe 1 written by 101; 101 reads pipe 2 written by 100: a deadlock. 102 waits on
 * 100 (reading pipe 3) and is in the chain but not in the ring. */
static void test_two_pipe_deadlock(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 1, ACC_R, "pipe:[1]");
	hand_add_fd(&S, 1, 4, FDK_PIPE, 0, 1, ACC_W, "pipe:[1]");
	hand_add_fd(&S, 1, 5, FDK_PIPE, 0, 2, ACC_R, "pipe:[2]");
	hand_add_fd(&S, 0, 6, FDK_PIPE, 0, 2, ACC_W, "pipe:[2]");
	hand_add_fd(&S, 2, 0, FDK_PIPE, 0, 3, ACC_R, "pipe:[3]");
	hand_add_fd(&S, 0, 7, FDK_PIPE, 0, 3, ACC_W, "pipe:[3]");
	block(0, WK_FD, 3, ACC_R, 0);
	block(1, WK_FD, 5, ACC_R, 0);
	block(2, WK_FD, 0, ACC_R, 0);
	resolve();
	is_int(S.n_cycles, 1, "one ring");
	ok(S.n_cycles == 1 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 101, "the ring is 100, 101");
	ok(wait_cycle_of(&S, 101) == 0 && wait_cycle_of(&S, 102) == -1, "102 waits on the ring, not in it");
	struct strbuf sb = STRBUF_INIT;
	ok(wait_ring_describe(&sb, &S, 101), "101 is on a ring");
	is_str(sb_str(&sb), "101 (p) -> 100 (p) -> 101 (p)", "the ring said from 101 round");
	sb_reset(&sb);
	wait_describe(&sb, &S, &S.procs[1], S.procs[1].wait);
	is_str(sb_str(&sb), "blocked reading fd 5, a pipe to 100 (p), which is not writing (it waits in "
	       "read)", "101's wait: 100 does not write, it reads");
	sb_free(&sb);
	pid_t chain[8];
	size_t n = wait_chain(&S, 102, chain, 8);
	ok(n == 4 && chain[0] == 102 && chain[1] == 100 && chain[2] == 101 && chain[3] == 100,
	   "chain 102 -> 100 -> 101 -> 100 (closed)");
	/* 101 wakes up: no more ring */
	S.procs[1].wait = NULL;
	wait_resolve(&S);
	is_int(S.n_cycles, 0, "a running end breaks the ring");
	hand_free_lists(&S);
}

/* 100 in wait4(-1) with children 101, 102 (and 103 of another parent); 103 in wait4(101); 101
 * waits for a lock held by 102; 102 is traced by 100. */
static void test_children_locks_tracer(void)
{
	hand_reset(&S, 4, 1);
	S.procs[1].ppid = S.procs[2].ppid = 100;
	S.procs[3].ppid = 1;
	block(0, WK_CHILD, -1, 0, -1);
	block(3, WK_CHILD, -1, 0, 101);
	block(1, WK_LOCK, 3, 0, 0);
	block(2, WK_TRACED, -1, 0, 0);
	W[2].by = 100;
	struct lock_wait lw[] = { { 0, 100, 1, 2 }, { 101, 102, 1, 2 } };
	S.lock_waits = lw;
	S.n_lock_waits = 2;
	resolve();
	ok(peers_are(S.procs[0].wait, 2, (pid_t[]){ 101, 102 }), "wait4(-1): the children");
	ok(peers_are(S.procs[3].wait, 1, (pid_t[]){ 101 }), "wait4(101): that pid");
	ok(S.procs[1].wait->by == 102 && peers_are(S.procs[1].wait, 1, (pid_t[]){ 102 }),
	   "lock wait: held by 102");
	ok(peers_are(S.procs[2].wait, 1, (pid_t[]){ 100 }), "traced: waits on its tracer");
	/* 100 -> 101 -> 102 -> 100 and 100 -> 102 -> 100: the walk names the first ring it
	 * closes; the second shares its edges back to 100 and is not named again. */
	is_int(S.n_cycles, 1, "100 waits for its children, 102 for its tracer 100: one ring");
	ok(S.n_cycles == 1 && S.cycles[0].n == 3 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 101 && S.cycles[0].pids[2] == 102, "ring 100, 101, 102");
	S.lock_waits = NULL;
	S.n_lock_waits = 0;
	hand_free_lists(&S);
}

/* wait4's pid argument (wait4(2)): 100 (group 100) has children 101 (group 100), 102 and 103
 * (group 200); 104, also in group 200, is not its child. 0: the children in its own group;
 * -200: those in group 200; -1: any child; 102: that child; 999 (no such process): none. Then
 * 104 is its child too: four peers, none waiting, so the chain goes to the first. */
static void test_wait4_groups(void)
{
	hand_reset(&S, 5, 1);
	S.procs[0].pgid = S.procs[1].pgid = 100;
	S.procs[2].pgid = S.procs[3].pgid = S.procs[4].pgid = 200;
	S.procs[1].ppid = S.procs[2].ppid = S.procs[3].ppid = 100;
	S.procs[4].ppid = 1;
	block(0, WK_CHILD, -1, 0, 0);
	resolve();
	ok(peers_are(&W[0], 1, (pid_t[]){ 101 }), "wait4(0): the child in its own group, 101");
	W[0].arg = -200;
	wait_resolve(&S);
	ok(peers_are(&W[0], 2, (pid_t[]){ 102, 103 }), "wait4(-200): its children in group 200");
	W[0].arg = -1;
	wait_resolve(&S);
	ok(peers_are(&W[0], 3, (pid_t[]){ 101, 102, 103 }), "wait4(-1): every child");
	W[0].arg = 102;
	wait_resolve(&S);
	ok(peers_are(&W[0], 1, (pid_t[]){ 102 }), "wait4(102): that child");
	W[0].arg = 999;
	wait_resolve(&S);
	ok(W[0].n_peers == 0, "wait4(999), not in the snapshot: no peer");
	S.procs[4].ppid = 100;
	W[0].arg = -1;
	wait_resolve(&S);
	pid_t chain[4];
	ok(peers_are(&W[0], 4, (pid_t[]){ 101, 102, 103, 104 }) && wait_chain(&S, 100, chain, 4) == 2 &&
	   chain[1] == 101, "wait4(-1) on four children, none waiting: chain 100 -> 101, the first");
	hand_free_lists(&S);
}

/* Lock waits as /proc/locks gives them. Thread 150 of 101 waits for a POSIX lock, listed under
 * its process 101, held by 102. 100's lock wait is listed with holder 0 (an OFD lock: holder
 * unknown): no peer. Then /proc/locks lists no wait at all: no holder, no peer. Then 100's lock
 * is held by 999, a process not in the snapshot: the peer, the end of the chain, no ring. */
static void test_lock_waits(void)
{
	hand_reset(&S, 3, 1);
	block(0, WK_LOCK, 3, 0, 0);
	block(1, WK_SIGNAL, -1, 0, 0);
	struct task_wait t[2] = { W[1], { .tid = 150, .state = 'S', .kind = WK_LOCK, .fd = 4,
	                                  .chan = -1 } };
	S.procs[1].tasks = t;
	S.procs[1].n_tasks = 2;
	struct lock_wait lw[] = { { 100, 0, 1, 2 }, { 101, 102, 1, 3 } };
	S.lock_waits = lw;
	S.n_lock_waits = 2;
	resolve();
	ok(t[1].by == 102 && peers_are(&t[1], 1, (pid_t[]){ 102 }),
	   "thread 150's wait, listed under its process 101: held by 102");
	ok(W[0].by == 0 && W[0].n_peers == 0, "holder 0 (OFD): no holder, no peer");
	S.lock_waits = NULL;
	S.n_lock_waits = 0;
	W[0].by = t[1].by = 0;   /* as read from the kernel: by comes from /proc/locks */
	wait_resolve(&S);
	ok(W[0].by == 0 && W[0].n_peers == 0 && t[1].by == 0 && t[1].n_peers == 0,
	   "no lock wait listed: no holder, no peer");
	lw[0].holder = 999;
	S.lock_waits = lw;
	S.n_lock_waits = 1;
	wait_resolve(&S);
	ok(W[0].by == 999 && peers_are(&W[0], 1, (pid_t[]){ 999 }), "held by 999: its peer");
	pid_t chain[4];
	size_t n = wait_chain(&S, 100, chain, 4);
	ok(n == 2 && chain[0] == 100 && chain[1] == 999 && S.n_cycles == 0,
	   "chain 100 -> 999, which the snapshot does not show; no ring");
	S.lock_waits = NULL;
	S.n_lock_waits = 0;
	S.procs[1].tasks = NULL;
	S.procs[1].n_tasks = 0;
	hand_free_lists(&S);
}

/* A traced process whose tracer is not known (by 0) waits on no one. */
static void test_traced_unknown(void)
{
	hand_reset(&S, 1, 1);
	block(0, WK_TRACED, -1, 0, 0);
	resolve();
	ok(W[0].n_peers == 0, "tracer unknown: no peer");
	hand_free_lists(&S);
}

/* A wait on a descriptor the process does not have (closed since), or a sleep: no peers. */
static void test_no_peers(void)
{
	hand_reset(&S, 2, 1);
	hand_add_fd(&S, 1, 3, FDK_PIPE, 0, 9, ACC_W, "pipe:[9]");
	block(0, WK_FD, 3, ACC_R, 0);
	block(1, WK_SLEEP, -1, 0, 0);
	resolve();
	ok(S.procs[0].wait->chan == -1 && S.procs[0].wait->n_peers == 0, "unknown fd: no channel");
	ok(S.procs[1].wait->n_peers == 0, "sleeping: waits on no one");
	pid_t chain[2];
	is_int(wait_chain(&S, 100, chain, 2), 1, "a chain of one");
	hand_free_lists(&S);
}

/* 100's main thread is in pause(); its thread 150 reads pipe 7, which only 101 writes; 101
 * reads pipe 8, which only 100 writes: a ring through a thread. */
static void test_thread_ring(void)
{
	hand_reset(&S, 2, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 0, 4, FDK_PIPE, 0, 8, ACC_W, "pipe:[8]");
	hand_add_fd(&S, 1, 3, FDK_PIPE, 0, 8, ACC_R, "pipe:[8]");
	hand_add_fd(&S, 1, 4, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	block(0, WK_SIGNAL, -1, 0, 0);
	block(1, WK_FD, 3, ACC_R, 0);
	struct task_wait t[2] = { W[0], { .tid = 150, .state = 'S', .kind = WK_FD, .fd = 3,
	                                  .dir = ACC_R, .chan = -1 } };
	S.procs[0].tasks = t;
	S.procs[0].n_tasks = 2;
	resolve();
	ok(peers_are(&t[1], 1, (pid_t[]){ 101 }), "thread 150 waits on 101");
	ok(S.n_cycles == 1 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 101, "ring 100 (through thread 150), 101");
	t[1].state = 'R';
	wait_resolve(&S);
	is_int(S.n_cycles, 0, "the thread runs: no ring");
	S.procs[0].tasks = NULL;
	S.procs[0].n_tasks = 0;
	hand_free_lists(&S);
}

/* 100 reads pipe 7, which only 101 writes; both threads of 101 (150, 151) read pipes that only
 * 100 writes. The walk closes the ring 100, 101 twice, once through each thread: it is named
 * once. */
static void test_ring_closed_twice(void)
{
	hand_reset(&S, 2, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 0, 4, FDK_PIPE, 0, 8, ACC_W, "pipe:[8]");
	hand_add_fd(&S, 0, 5, FDK_PIPE, 0, 9, ACC_W, "pipe:[9]");
	hand_add_fd(&S, 1, 4, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 1, 3, FDK_PIPE, 0, 8, ACC_R, "pipe:[8]");
	hand_add_fd(&S, 1, 6, FDK_PIPE, 0, 9, ACC_R, "pipe:[9]");
	block(0, WK_FD, 3, ACC_R, 0);
	block(1, WK_SIGNAL, -1, 0, 0);
	struct task_wait t[3] = { W[1],
		{ .tid = 150, .state = 'S', .kind = WK_FD, .fd = 3, .dir = ACC_R, .chan = -1 },
		{ .tid = 151, .state = 'S', .kind = WK_FD, .fd = 6, .dir = ACC_R, .chan = -1 } };
	S.procs[1].tasks = t;
	S.procs[1].n_tasks = 3;
	resolve();
	ok(peers_are(&t[1], 1, (pid_t[]){ 100 }) && peers_are(&t[2], 1, (pid_t[]){ 100 }),
	   "both threads of 101 wait on 100");
	is_int(S.n_cycles, 1, "the ring closed through two threads is named once");
	ok(S.n_cycles >= 1 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 101, "ring 100, 101");
	S.procs[1].tasks = NULL;
	S.procs[1].n_tasks = 0;
	hand_free_lists(&S);
}

/* 101 has three waits: its main thread reads a pipe only 100 writes, its thread 150 one only
 * 102 writes, its thread 151 another only 100 writes; 100 and 102 read pipes only 101 and 100
 * write. The ring 100, 101 is closed twice, and the ring 100, 101, 102 between the two: each
 * is named once. */
static void test_rings_interleaved(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 1, ACC_R, "pipe:[1]");
	hand_add_fd(&S, 1, 4, FDK_PIPE, 0, 1, ACC_W, "pipe:[1]");
	hand_add_fd(&S, 1, 3, FDK_PIPE, 0, 2, ACC_R, "pipe:[2]");
	hand_add_fd(&S, 0, 4, FDK_PIPE, 0, 2, ACC_W, "pipe:[2]");
	hand_add_fd(&S, 1, 6, FDK_PIPE, 0, 3, ACC_R, "pipe:[3]");
	hand_add_fd(&S, 2, 4, FDK_PIPE, 0, 3, ACC_W, "pipe:[3]");
	hand_add_fd(&S, 1, 7, FDK_PIPE, 0, 4, ACC_R, "pipe:[4]");
	hand_add_fd(&S, 0, 5, FDK_PIPE, 0, 4, ACC_W, "pipe:[4]");
	hand_add_fd(&S, 2, 3, FDK_PIPE, 0, 5, ACC_R, "pipe:[5]");
	hand_add_fd(&S, 0, 6, FDK_PIPE, 0, 5, ACC_W, "pipe:[5]");
	block(0, WK_FD, 3, ACC_R, 0);
	block(1, WK_FD, 3, ACC_R, 0);
	block(2, WK_FD, 3, ACC_R, 0);
	struct task_wait t[3] = { W[1],
		{ .tid = 150, .state = 'S', .kind = WK_FD, .fd = 6, .dir = ACC_R, .chan = -1 },
		{ .tid = 151, .state = 'S', .kind = WK_FD, .fd = 7, .dir = ACC_R, .chan = -1 } };
	S.procs[1].tasks = t;
	S.procs[1].n_tasks = 3;
	resolve();
	ok(peers_are(&W[1], 1, (pid_t[]){ 100 }) && peers_are(&t[1], 1, (pid_t[]){ 102 }) &&
	   peers_are(&t[2], 1, (pid_t[]){ 100 }), "101 waits on 100, 102 and 100");
	is_int(S.n_cycles, 2, "two rings, each named once");
	ok(S.n_cycles == 2 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 101 && S.cycles[1].n == 3 && S.cycles[1].pids[0] == 100 &&
	   S.cycles[1].pids[1] == 101 && S.cycles[1].pids[2] == 102, "rings 100, 101 and 100, 101, 102");
	S.procs[1].tasks = NULL;
	S.procs[1].n_tasks = 0;
	hand_free_lists(&S);
}

/* A chain 100 -> 101 -> 102 -> 103 -> 104 (running); 105 waits on 107, and 106 and 107 on each
 * other: the walk enters that ring at 107, after a deeper path, and still names it smallest
 * first, 106, 107. */
static void test_ring_entered_high(void)
{
	hand_reset(&S, 8, 1);
	static const int waits_on[] = { 1, 2, 3, 4, -1, 7, 7, 6 };
	for (size_t i = 0; i < 8; i++) {
		if (waits_on[i] < 0)
			continue;
		hand_add_fd(&S, i, 3, FDK_PIPE, 0, 10 + i, ACC_R, "pipe");
		hand_add_fd(&S, (size_t)waits_on[i], 10 + (int)i, FDK_PIPE, 0, 10 + i, ACC_W, "pipe");
		block(i, WK_FD, 3, ACC_R, 0);
	}
	resolve();
	pid_t chain[8];
	size_t n = wait_chain(&S, 100, chain, 8);
	ok(n == 5 && chain[4] == 104, "chain 100 -> ... -> 104 (%zu long)", n);
	is_int(S.n_cycles, 1, "one ring");
	ok(S.n_cycles == 1 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 106 &&
	   S.cycles[0].pids[1] == 107, "the ring entered at 107 is named 106, 107");
	ok(wait_cycle_of(&S, 105) == -1, "105 waits on the ring, not in it");
	hand_free_lists(&S);
}

/* 100 reads pipe 7, written by 101 (running) and 102; 102 reads pipe 8, written by 103
 * (running). The chain follows the peer that waits itself: 100 -> 102 -> 103, whatever the
 * buffer held before; a buffer of two gets the first two. */
static void test_chain_follows_waiter(void)
{
	hand_reset(&S, 4, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 1, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 2, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 2, 0, FDK_PIPE, 0, 8, ACC_R, "pipe:[8]");
	hand_add_fd(&S, 3, 1, FDK_PIPE, 0, 8, ACC_W, "pipe:[8]");
	block(0, WK_FD, 3, ACC_R, 0);
	block(2, WK_FD, 0, ACC_R, 0);
	resolve();
	pid_t chain[4] = { 102, 102, 102, 102 };
	size_t n = wait_chain(&S, 100, chain, 4);
	ok(n == 3 && chain[0] == 100 && chain[1] == 102 && chain[2] == 103,
	   "chain 100 -> 102 (which waits, not 101) -> 103");
	chain[2] = -1;
	n = wait_chain(&S, 100, chain, 2);
	ok(n == 2 && chain[0] == 100 && chain[1] == 102 && chain[2] == -1,
	   "a buffer of two: 100 -> 102, nothing written past it");
	hand_free_lists(&S);
}

/* 100 waits in msgrcv on queue 20; 101 sent to queues 10 and 20 last (so both have a channel).
 * The wait's channel is queue 20's, by its id; then queue 10's (the first record). */
static void test_msg_queue(void)
{
	hand_reset(&S, 2, 1);
	struct sysv_msg q[2] = { { .key = 5, .msqid = 10, .lspid = 101 },
	                         { .key = 6, .msqid = 20, .lspid = 101, .lrpid = 100 } };
	S.msg = q;
	S.n_msg = 2;
	block(0, WK_SYSV_MSG, -1, ACC_R, 20);
	resolve();
	const struct task_wait *w = S.procs[0].wait;
	ok(w->chan >= 0 && !strcmp(S.chans[w->chan].id, "sysv_msg:20"),
	   "msgrcv on queue 20: its channel (%s)", w->chan >= 0 ? S.chans[w->chan].id : "none");
	W[0].arg = 10;
	wait_resolve(&S);
	ok(w->chan >= 0 && !strcmp(S.chans[w->chan].id, "sysv_msg:10"),
	   "msgrcv on queue 10, the first record: its channel (%s)",
	   w->chan >= 0 ? S.chans[w->chan].id : "none");
	W[0].arg = 30;
	wait_resolve(&S);
	ok(S.procs[0].wait->chan == -1, "a queue with no channel: none");
	S.msg = NULL;
	S.n_msg = 0;
	hand_free_lists(&S);
}

int main(void)
{
	snapshot_init(&S);
	test_pipe_reader();
	test_fifo_reader();
	test_mq_receivers();
	test_pipe_writer();
	test_remote_end();
	test_two_pipe_deadlock();
	test_children_locks_tracer();
	test_wait4_groups();
	test_lock_waits();
	test_traced_unknown();
	test_no_peers();
	test_thread_ring();
	test_ring_closed_twice();
	test_rings_interleaved();
	test_ring_entered_high();
	test_chain_follows_waiter();
	test_msg_queue();
	snapshot_free(&S);
	return tap_done();
}
