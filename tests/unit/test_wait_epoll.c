/* test_wait_epoll.c — epoll waits resolved by hand: each watched descriptor's channel and the
 * peers that can end the wait in the direction its events ask for (EPOLLIN: the writers,
 * EPOLLOUT: the readers, both: any holder); a watch whose descriptor number was closed and
 * reused is found through a dup of its inode; the wait's peers are all the watches'. */
#include <string.h>
#include <sys/epoll.h>

#include "model/wait_describe.h"
#include "wait_hand.h"
#include "../tap.h"

/* 100 holds FIFO 55 read-write under fds 3, 4 and 5 and epoll-watches them: fd 3 for EPOLLIN
 * (data: the writers end it), fd 4 for EPOLLOUT (room: the readers), fd 5 for both (anyone).
 * 101 only reads the FIFO, 102 only writes it. */
static void test_epoll_directions(void)
{
	hand_reset(&S, 3, 1);
	for (int fd = 3; fd <= 5; fd++)
		hand_add_fd(&S, 0, fd, FDK_FIFO, 8, 55, ACC_RW, "/tmp/f");
	hand_add_fd(&S, 1, 3, FDK_FIFO, 8, 55, ACC_R, "/tmp/f");
	hand_add_fd(&S, 2, 3, FDK_FIFO, 8, 55, ACC_W, "/tmp/f");
	struct wait_watch x[3] = { { .t = { 3, EPOLLIN, 55 } }, { .t = { 4, EPOLLOUT, 55 } },
	                           { .t = { 5, EPOLLIN | EPOLLOUT, 55 } } };
	block(0, WK_EPOLL, 9, 0, 0);
	W[0].watched = x;
	W[0].n_watched = 3;
	W[0].watch_read = true;
	resolve();
	ok(x[0].n_peers == 1 && x[0].peers[0] == 102, "EPOLLIN: the writer 102");
	ok(x[1].n_peers == 1 && x[1].peers[0] == 101, "EPOLLOUT: the reader 101");
	ok(x[2].n_peers == 2 && x[2].peers[0] == 101 && x[2].peers[1] == 102,
	   "EPOLLIN | EPOLLOUT: both");
	hand_free_lists(&S);
}

/* 100 epoll-watches fd 3 on pipe 7; fd 3 was closed and reused for a regular file, a dup (fd 8)
 * keeps pipe 7, written by 101. Pipe 7 is the snapshot's only channel, channel 0: the dup is
 * found there. */
static void test_epoll_stale_fd_chan0(void)
{
	hand_reset(&S, 2, 1);
	hand_add_fd(&S, 0, 3, FDK_FILE, 8, 500, ACC_R, "/etc/passwd");
	hand_add_fd(&S, 0, 8, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 1, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	struct wait_watch x[1] = { { .t = { 3, EPOLLIN, 7 } } };
	block(0, WK_EPOLL, 9, 0, 0);
	W[0].watched = x;
	W[0].n_watched = 1;
	W[0].watch_read = true;
	resolve();
	ok(S.n_chans == 1 && x[0].chan == 0, "the watch is pipe 7's, channel 0 (of %zu): %d",
	   (size_t)S.n_chans, x[0].chan);
	ok(x[0].n_peers == 1 && x[0].peers[0] == 101, "its peer: the writer 101");
	hand_free_lists(&S);
}

/* 100 in epoll_wait on fd 9, which watches fd 3 (pipe 7, written by 101) and fd 4 (pipe 8,
 * written by 102); 102 reads pipe 10, which only 100 writes. Each watched descriptor gets its
 * channel and peers, the wait all of them; 100 and 102 are a ring until 100 also watches a
 * descriptor no other process holds (something else can wake it). */
static void test_epoll(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 0, 4, FDK_PIPE, 0, 8, ACC_R, "pipe:[8]");
	hand_add_fd(&S, 0, 5, FDK_PIPE, 0, 10, ACC_W, "pipe:[10]");
	hand_add_fd(&S, 0, 6, FDK_PIPE, 0, 11, ACC_R, "pipe:[11]");
	hand_add_fd(&S, 1, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 2, 1, FDK_PIPE, 0, 8, ACC_W, "pipe:[8]");
	hand_add_fd(&S, 2, 0, FDK_PIPE, 0, 10, ACC_R, "pipe:[10]");
	hand_add_fd(&S, 2, 7, FDK_PIPE, 0, 11, ACC_W, "pipe:[11]");
	struct wait_watch x[3] = { { .t = { 3, 1, 7 } }, { .t = { 4, 1, 8 } }, { .t = { 6, 1, 11 } } };
	block(0, WK_EPOLL, 9, 0, 0);
	W[0].watched = x;
	W[0].n_watched = 2;
	W[0].watch_read = true;
	block(2, WK_FD, 0, ACC_R, 0);
	resolve();
	const struct task_wait *w = S.procs[0].wait;
	ok(x[0].chan >= 0 && !strcmp(S.chans[x[0].chan].id, "pipe:7") &&
	   x[0].n_peers == 1 && x[0].peers[0] == 101, "watched fd 3: pipe:7, written by 101");
	ok(x[1].chan >= 0 && x[1].n_peers == 1 && x[1].peers[0] == 102, "watched fd 4: written by 102");
	ok(peers_are(w, 2, (pid_t[]){ 101, 102 }), "the wait's peers: both writers");
	ok(S.n_cycles == 1 && S.cycles[0].n == 2 && S.cycles[0].pids[0] == 100 &&
	   S.cycles[0].pids[1] == 102, "100 watches only 102 and 101 (running), 102 reads 100: ring");
	struct strbuf sb = STRBUF_INIT;
	wait_describe(&sb, &S, &S.procs[0], w);
	ok(strstr(sb_str(&sb), "epoll_wait on fd 9, which watches 2 descriptors: fd 3 (a pipe) -> 101"),
	   "sentence names the watched descriptors: %s", sb_str(&sb));
	x[2].t.ino = 99;   /* a descriptor of no channel: a timer, say */
	W[0].n_watched = 3;
	wait_resolve(&S);
	ok(x[2].chan == -1 && S.n_cycles == 0, "a watched descriptor with no peer: no ring");
	W[0].watch_read = false;
	W[0].n_watched = 0;
	sb_reset(&sb);
	wait_resolve(&S);
	wait_describe(&sb, &S, &S.procs[0], w);
	ok(w->n_peers == 0 && strstr(sb_str(&sb), "not readable"), "list unread: said, no peers");
	sb_free(&sb);
	hand_free_lists(&S);
}

/* 100 in epoll_wait watches pipe 7 under fd 3; since, fd 3 was closed (a dup, fd 8, keeps
 * pipe 7 watched) and the number reused for pipe 12, which 102 writes. The watch is pipe 7's,
 * found by its inode: peer 101, who writes pipe 7, not 102. */
static void test_epoll_stale_fd(void)
{
	hand_reset(&S, 3, 1);
	hand_add_fd(&S, 0, 3, FDK_PIPE, 0, 12, ACC_R, "pipe:[12]");
	hand_add_fd(&S, 0, 8, FDK_PIPE, 0, 7, ACC_R, "pipe:[7]");
	hand_add_fd(&S, 1, 1, FDK_PIPE, 0, 7, ACC_W, "pipe:[7]");
	hand_add_fd(&S, 2, 1, FDK_PIPE, 0, 12, ACC_W, "pipe:[12]");
	struct wait_watch x[1] = { { .t = { 3, 1, 7 } } };
	block(0, WK_EPOLL, 9, 0, 0);
	W[0].watched = x;
	W[0].n_watched = 1;
	W[0].watch_read = true;
	resolve();
	ok(x[0].chan >= 0 && !strcmp(S.chans[x[0].chan].id, "pipe:7") && x[0].n_peers == 1 &&
	   x[0].peers[0] == 101, "watch of fd 3 on inode 7, fd 3 now pipe 12: pipe:7 (%s), written by 101",
	   x[0].chan >= 0 ? S.chans[x[0].chan].id : "none");
	x[0].t.ino = 12;
	wait_resolve(&S);
	ok(x[0].chan >= 0 && !strcmp(S.chans[x[0].chan].id, "pipe:12") && x[0].n_peers == 1 &&
	   x[0].peers[0] == 102, "a watch of fd 3 on inode 12: fd 3 itself, pipe:12, written by 102");
	hand_free_lists(&S);
}

int main(void)
{
	snapshot_init(&S);
	test_epoll_directions();
	test_epoll_stale_fd_chan0();
	test_epoll();
	test_epoll_stale_fd();
	snapshot_free(&S);
	return tap_done();
}
