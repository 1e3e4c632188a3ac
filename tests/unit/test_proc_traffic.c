/* test_proc_traffic.c — model/proc_traffic on two snapshots built by hand, one second apart:
 * a process's channel rate is the sum of its TCP ends both ways, a socket held through two
 * descriptors counted once; its busiest channel names the peer process, or the address of an
 * off-host peer; an idle connection is 0, a process with no counted channel has nothing to
 * measure (n_counted 0), one whose descriptors are unreadable has unknown channels, and a new
 * connection is unknown (NAN), never 0; I/O rates from
 * /proc/PID/io, unknown where unreadable or without rates; the traffic sort (B) puts the
 * chattiest first and the unknown last; the short rate text of the list's cells. */
#include <math.h>
#include <string.h>

#include "channel/channel_resolve.h"
#include "model/proc_traffic.h"
#include "model/rates.h"
#include "util/human_size.h"
#include "view/proc_sort.h"
#include "hand_snapshot.h"
#include "../tap.h"

#define NPROCS 7
static struct snapshot A, B;   /* before, now */
static const uint8_t LO[4] = { 127, 0, 0, 1 }, FAR[4] = { 10, 0, 0, 9 };

/* Both snapshots: after = 1 when building the later one (counters grown by a second). */
static void fill(struct snapshot *s, int after)
{
	hand_reset(s, NPROCS, 1);
	s->taken_ms = 10000 + 1000 * (uint64_t)after;
	/* 100 → 101: 1000 B/s, 10 B/s back; 100 holds its socket through fds 3 and 4 */
	int32_t k = hand_add_tcp(s, 0, 3, 11, 40000, 5000, LO, 5000 + 1000 * after, 70 + 10 * after);
	hand_add_fd(s, 0, 4, FDK_SOCKET, 0, 11, ACC_RW, "socket")->sock = k;
	hand_add_tcp(s, 1, 3, 12, 5000, 40000, LO, 70 + 10 * after, 5000 + 1000 * after);
	/* 100 → 102: idle */
	hand_add_tcp(s, 0, 5, 21, 40001, 5001, LO, 300, 40);
	hand_add_tcp(s, 2, 3, 22, 5001, 40001, LO, 40, 300);
	/* 103 and 104: a UNIX pair, no byte counters */
	hand_add_unix_pair(s, 3, 4, 3, 71);
	/* 105 → 101: a connection new in the later snapshot */
	if (after) {
		hand_add_tcp(s, 5, 3, 31, 40002, 5002, LO, 50, 0);
		hand_add_tcp(s, 1, 4, 32, 5002, 40002, LO, 0, 50);
	}
	/* 106 → 10.0.0.9:443, off-host: 5000 B/s */
	hand_add_tcp(s, 6, 3, 41, 40003, 443, FAR, 100 + 5000 * after, 0);
	/* /proc/PID/io: 100 read both times, 101 unreadable now */
	s->procs[0].has_io = true;
	s->procs[0].io = (struct proc_io){ 1000 + 2000 * after, 500 + 300 * after, 0, 0, 0 };
	s->procs[1].has_io = !after;
	s->procs[4].flags |= PF_FDS_DENIED;   /* as another user's process is to a non-root viewer */
	channel_resolve(s);
}

static struct proc_traffic T[NPROCS];

static void test_sums(void)
{
	ok(T[0].ipc == 1010.0, "100: 1010 B/s over its ends, the socket on two fds counted once (got %g)", T[0].ipc);
	ok(T[0].n_counted == 2, "100: two counted ends (got %u)", T[0].n_counted);
	ok(T[1].ipc == 1010.0 && T[1].n_counted == 2, "101: 1010 B/s; its new connection counted but not measured (got %g, %u)",
	   T[1].ipc, T[1].n_counted);
	ok(T[2].ipc == 0.0 && T[2].n_counted == 1, "102: an idle connection is 0, not unknown (got %g)", T[2].ipc);
	ok(T[3].n_counted == 0 && isnan(T[3].ipc) && T[3].busiest < 0 && !T[3].fds_unknown,
	   "103: UNIX only, nothing to measure");
	ok(T[4].fds_unknown && !T[0].fds_unknown, "104: descriptors unreadable: its channels unknown, not absent");
	ok(T[5].n_counted == 1 && isnan(T[5].ipc) && T[5].busiest < 0 && isnan(T[5].busiest_rate),
	   "105: a connection new now is unknown, not 0");
}

static void test_busiest(void)
{
	ok(T[0].busiest >= 0 && B.chans[T[0].busiest].kind == CK_TCP && T[0].busiest_rate == 1010.0 && T[0].peer == 101,
	   "100: busiest is the tcp to 101 at 1010 B/s (got chan %d, %g, peer %d)", T[0].busiest, T[0].busiest_rate, (int)T[0].peer);
	ok(T[2].busiest >= 0 && T[2].busiest_rate == 0.0 && T[2].peer == 100, "102: its idle channel to 100, at 0 B/s");
	ok(T[6].peer == 0 && T[6].remote && strcmp(T[6].remote, "10.0.0.9:443") == 0 && T[6].busiest_rate == 5000.0,
	   "106: an off-host peer is named by its address (got %s, %g)", T[6].remote ? T[6].remote : "(null)", T[6].busiest_rate);
}

static void test_io(void)
{
	ok(T[0].io_r == 2000.0 && T[0].io_w == 300.0, "100: I/O 2000 B/s read, 300 written (got %g, %g)", T[0].io_r, T[0].io_w);
	ok(isnan(T[1].io_r) && isnan(T[1].io_w), "101: /proc/PID/io unreadable now: unknown");
	struct proc_traffic first[NPROCS];
	proc_traffic_compute(&A, first);   /* A has no earlier snapshot: no rates at all */
	ok(isnan(first[0].io_r) && isnan(first[0].ipc) && first[0].n_counted == 2,
	   "without rates: I/O and channel rates unknown, the counted ends still known");
}

static void test_sort(void)
{
	uint32_t idx[NPROCS];
	for (uint32_t i = 0; i < NPROCS; i++)
		idx[i] = NPROCS - 1 - i;
	struct proc_rates r = { .traffic = T };
	proc_sort(B.procs, &r, idx, NPROCS, COL_IPC, true);
	pid_t want[NPROCS] = { 106, 100, 101, 102, 103, 104, 105 };
	int same = 1;
	for (int i = 0; i < NPROCS; i++)
		same &= B.procs[idx[i]].pid == want[i];
	ok(same, "IPC/s descending: 106, 100, 101 (tie by pid), 102 (idle 0), then the unknown (got %d %d %d %d ...)",
	   (int)B.procs[idx[0]].pid, (int)B.procs[idx[1]].pid, (int)B.procs[idx[2]].pid, (int)B.procs[idx[3]].pid);
	proc_sort(B.procs, &r, idx, NPROCS, COL_IO_R, true);
	ok(B.procs[idx[0]].pid == 100, "IO_R/s descending: 100 first");
}

static void test_short_text(void)
{
	static const struct { double v; const char *s; } cases[] = {
		{ 0, "0" }, { 512, "512" }, { 999, "999" }, { 1000, "1.0K" }, { 4194304, "4.0M" },
		{ 153600, "150K" }, { 1047552, "1.0M" }, { 3.5 * 1073741824.0, "3.5G" }, { NAN, "?" }, { -1, "?" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[16];
		human_short(buf, sizeof buf, cases[i].v);
		ok(strcmp(buf, cases[i].s) == 0, "human_short(%g) = %s (got %s)", cases[i].v, cases[i].s, buf);
	}
}

int main(void)
{
	fill(&A, 0);
	fill(&B, 1);
	snapshot_rates(&B, &A);
	proc_traffic_compute(&B, T);
	test_sums();
	test_busiest();
	test_io();
	test_sort();
	test_short_text();
	hand_free_lists(&A);
	hand_free_lists(&B);
	snapshot_free(&A);
	snapshot_free(&B);
	return tap_done();
}
