/* test_rates.c — model/rates on two snapshots built by hand, one second apart: a TCP
 * connection's send and receive rates per end, kept apart; a counter that went backwards (the
 * socket was reused) and a connection new in the second snapshot give unknown (NAN), never a
 * negative rate or 0; UNIX sockets have no byte counters (unknown) but drops (a rate per
 * second where both snapshots have them); /proc/PID/io rates, and unknown for an unreadable io
 * file and for a pid reused by another process; CPU% and context switches per second. */
#include <math.h>
#include <string.h>

#include "channel/channel_resolve.h"
#include "model/rates.h"
#include "hand_snapshot.h"
#include "../tap.h"

static struct snapshot A, B;   /* before, now */
static const uint8_t LO[4] = { 127, 0, 0, 1 };

static void tcp(struct snapshot *s, size_t pi, uint64_t ino, uint16_t lp, uint16_t rp,
                uint64_t sent, uint64_t rcvd)
{
	hand_add_tcp(s, pi, 3 + (int)(ino % 10), ino, lp, rp, LO, sent, rcvd);
}

static const struct endpoint *end_of(const struct snapshot *s, const char *id, pid_t pid)
{
	for (size_t c = 0; c < s->n_chans; c++)
		if (s->chans[c].id && strcmp(s->chans[c].id, id) == 0)
			return hand_ep_of(&s->chans[c], pid);
	return NULL;
}

#define CONN1 "tcp:127.0.0.1:5000-127.0.0.1:40000"
#define CONN2 "tcp:127.0.0.1:5001-127.0.0.1:40001"
#define CONN3 "tcp:127.0.0.1:5002-127.0.0.1:40002"

static void build(void)
{
	hand_reset(&A, 3, 1);
	hand_reset(&B, 3, 1);
	A.taken_ms = 10000;
	B.taken_ms = 11000;
	/* connection 1: 100 sends 1000 B/s to 101, which answers 10 B/s */
	tcp(&A, 0, 11, 40000, 5000, 5000, 70);
	tcp(&A, 1, 12, 5000, 40000, 70, 5000);
	tcp(&B, 0, 11, 40000, 5000, 6000, 80);
	tcp(&B, 1, 12, 5000, 40000, 80, 6000);
	/* connection 2: its inodes came back for a new connection: counters went down */
	tcp(&A, 0, 21, 40001, 5001, 900, 900);
	tcp(&A, 2, 22, 5001, 40001, 900, 900);
	tcp(&B, 0, 21, 40001, 5001, 10, 0);
	tcp(&B, 2, 22, 5001, 40001, 0, 10);
	/* connection 3: only in the second snapshot */
	tcp(&B, 1, 31, 40002, 5002, 50, 0);
	tcp(&B, 2, 32, 5002, 40002, 0, 50);
	/* a UNIX socket pair between 100 and 102 */
	for (int i = 0; i < 2; i++) {   /* 100's end dropped 30 in the second */
		struct snapshot *s = i ? &B : &A;
		struct sock_info *u = &s->socks[hand_add_unix_pair(s, 0, 2, 9, 71)];
		u->rqueue = 100;
		u->has_drops = true;
		u->drops = i ? 35 : 5;
	}
	/* /proc/PID/io: 100 read in both; 101 unreadable now; 102 is another process now */
	A.procs[0].has_io = B.procs[0].has_io = true;
	A.procs[0].io = (struct proc_io){ 1000, 500, 10, 5, 0 };
	B.procs[0].io = (struct proc_io){ 3000, 500, 30, 5, 0 };
	A.procs[1].has_io = true;
	A.procs[1].io = (struct proc_io){ 1, 1, 1, 1, 0 };
	A.procs[2].has_io = B.procs[2].has_io = true;
	B.procs[2].start_time = A.procs[2].start_time + 5;
	/* CPU and context switches: 100 runs 100 ticks (at 100 Hz) and switches 30 + 2 times in the
	 * second; 101's status is unreadable now (its switches unknown, its CPU known) */
	B.sys.ticks_per_sec = 100;
	A.procs[0].utime = 100, A.procs[0].stime = 50;
	B.procs[0].utime = 150, B.procs[0].stime = 100;
	A.procs[0].vol_ctxt = 10, A.procs[0].nonvol_ctxt = 5;
	B.procs[0].vol_ctxt = 40, B.procs[0].nonvol_ctxt = 7;
	A.procs[1].utime = B.procs[1].utime = 20;
	B.procs[1].flags |= PF_STATUS_DENIED;
	channel_resolve(&A);
	channel_resolve(&B);
	snapshot_rates(&B, &A);
}

static void test_tcp(void)
{
	const struct endpoint *c = end_of(&B, CONN1, 100), *s = end_of(&B, CONN1, 101);
	ok(c && s, "connection 1 has both ends");
	if (!c || !s)
		return;
	ok(c->tx_per_s == 1000.0 && c->rx_per_s == 10.0, "client end: tx 1000/s, rx 10/s (got %g, %g)",
	   c->tx_per_s, c->rx_per_s);
	ok(s->tx_per_s == 10.0 && s->rx_per_s == 1000.0, "server end: directions kept apart (got %g, %g)",
	   s->tx_per_s, s->rx_per_s);
	ok(c->has_bytes && c->tx_bytes == 6000 && c->rx_bytes == 80, "client end keeps its counters");
	const struct endpoint *r = end_of(&B, CONN2, 100);
	ok(r && isnan(r->tx_per_s) && isnan(r->rx_per_s), "counters that went backwards: unknown, not negative");
	const struct endpoint *n = end_of(&B, CONN3, 101);
	ok(n && isnan(n->tx_per_s) && isnan(n->rx_per_s), "a connection new in the second snapshot: unknown");
	int unix_ends = 0;
	for (size_t i = 0; i < B.n_chans; i++)
		for (size_t e = 0; B.chans[i].kind == CK_UNIX && e < B.chans[i].n_ep; e++)
			unix_ends += isnan(B.chans[i].ep[e].tx_per_s) && isnan(B.chans[i].ep[e].rx_per_s);
	is_int(unix_ends, 2, "UNIX ends have no byte counters: unknown");
	const struct endpoint *u100 = NULL, *u102 = NULL;
	for (size_t i = 0; i < B.n_chans; i++)
		if (B.chans[i].kind == CK_UNIX) {
			u100 = hand_ep_of(&B.chans[i], 100);
			u102 = hand_ep_of(&B.chans[i], 102);
		}
	ok(u100 && u100->drops_per_s == 30.0, "a UNIX end's drops per second (got %g)",
	   u100 ? u100->drops_per_s : -1);
	ok(u102 && isnan(u102->drops_per_s), "an end the kernel gave no drops for: unknown");
	ok(c && isnan(c->drops_per_s), "a TCP end: no drop counter, unknown");
	ok(B.has_rates && B.rate_interval_ms == 1000, "the snapshot says its rates' interval");
}

static void test_io(void)
{
	const struct proc_io_rate *r = &B.procs[0].io_rate;
	ok(r->rchar == 2000.0 && r->wchar == 0.0 && r->syscr == 20.0 && r->syscw == 0.0,
	   "io rates of a process read twice (got %g %g %g %g)", r->rchar, r->wchar, r->syscr, r->syscw);
	ok(isnan(B.procs[1].io_rate.rchar) && isnan(B.procs[1].io_rate.syscw), "io unreadable now: unknown");
	ok(isnan(B.procs[2].io_rate.wchar), "a pid reused by another process: unknown");
}

static void test_run(void)
{
	const struct proc_run_rate *r = &B.procs[0].run_rate;
	ok(r->cpu_pct == 100.0 && r->vcsw == 30.0 && r->icsw == 2.0,
	   "100 ticks of 100 Hz in 1 s: CPU 100%%; 30 and 2 switches/s (got %g %g %g)", r->cpu_pct, r->vcsw, r->icsw);
	r = &B.procs[1].run_rate;
	ok(r->cpu_pct == 0.0 && isnan(r->vcsw) && isnan(r->icsw),
	   "status unreadable: switches unknown, CPU 0%% (got %g %g %g)", r->cpu_pct, r->vcsw, r->icsw);
	r = &B.procs[2].run_rate;
	ok(isnan(r->cpu_pct) && isnan(r->vcsw), "a pid reused by another process: unknown");
}

static void test_counter_rate(void)
{
	ok(counter_rate(100, 350, 0.5) == 500.0, "250 in half a second: 500/s");
	ok(counter_rate(7, 7, 2) == 0.0, "an idle counter: 0/s");
	ok(isnan(counter_rate(350, 100, 0.5)), "backwards: unknown");
	ok(isnan(counter_rate(1, 2, 0)), "no time between the readings: unknown");
}

/* Each reading's own clock, where known, sets the span (not the snapshots' start times). */
static void test_own_clock(void)
{
	for (size_t i = 0; i < A.n_socks; i++)
		A.socks[i].at_ns = 5000000000ull;
	for (size_t i = 0; i < B.n_socks; i++)
		B.socks[i].at_ns = 5500000000ull;
	snapshot_rates(&B, &A);
	const struct endpoint *c = end_of(&B, CONN1, 100);
	ok(c && c->tx_per_s == 2000.0, "1000 B over the sockets' own half second: 2000/s (got %g)",
	   c ? c->tx_per_s : -1);
}

int main(void)
{
	build();
	test_tcp();
	test_io();
	test_run();
	test_counter_rate();
	test_own_clock();
	hand_free_lists(&A);
	hand_free_lists(&B);
	snapshot_free(&A);
	snapshot_free(&B);
	return tap_done();
}
