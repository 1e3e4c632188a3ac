/* test_channel_ids.c — channel resolution gives exactly the same channels, ids, labels,
 * endpoints (and their order) as it always did: the exports and the TUI's graph layout key on
 * ids. A hand-built snapshot covering every kind and the edge values of ids is compared line
 * by line against its expected dump; a large pseudo-random snapshot is compared by the
 * FNV-1a hash and length of its dump. Both expectations were taken from the resolver before
 * it was made faster; run with CHAN_IDS_DUMP=1 to print the dumps. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "channel/channel_id.h"
#include "channel/channel_resolve.h"
#include "channel/channel_table.h"
#include "hand_snapshot.h"
#include "model/format_addr.h"
#include "../tap.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static struct snapshot S;   /* every process and the viewer in IPC namespace 7 (hand_reset) */

/* Descriptors are numbered from 3 in the order they are added. */
static struct fd_info *add_fd(size_t pi, enum fd_kind kind, uint64_t dev, uint64_t ino, uint8_t acc,
			      const char *target)
{
	return hand_add_fd(&S, pi, (int)(3 + S.procs[pi].n_fds), kind, dev, ino, acc, target);
}

static void add_map(size_t pi, const char *path, uint64_t dev, uint64_t ino, const char *perms)
{
	hand_add_map(&S, pi, path, dev, ino, perms);
}

/* A UDP socket is a datagram one, any other a stream. */
static int32_t add_sock(int family, int proto, uint64_t netns, uint64_t ino)
{
	return hand_add_sock(&S, family, proto == IPPROTO_UDP ? SOCK_DGRAM : SOCK_STREAM, proto, netns, ino);
}

static void hold(size_t pi, int32_t sock)
{
	add_fd(pi, FDK_SOCKET, 0, S.socks[sock].ino, ACC_RW, "socket")->sock = sock;
}

static void set_v4(int32_t k, const uint8_t l[4], uint16_t lp, const uint8_t r[4], uint16_t rp)
{
	memcpy(S.socks[k].laddr, l, 4);
	memcpy(S.socks[k].raddr, r, 4);
	S.socks[k].lport = lp;
	S.socks[k].rport = rp;
}

static void set_v6(int32_t k, const uint8_t l[16], uint16_t lp, const uint8_t r[16], uint16_t rp)
{
	memcpy(S.socks[k].laddr, l, 16);
	memcpy(S.socks[k].raddr, r, 16);
	S.socks[k].lport = lp;
	S.socks[k].rport = rp;
}

/* Every resolved fact as text, non-printable bytes as \xHH. */
static void put_text(struct strbuf *sb, const char *t)
{
	if (!t) {
		sb_puts(sb, "(null)");
		return;
	}
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;
		if (c < 0x20 || c >= 0x7f || c == '\\')
			sb_printf(sb, "\\x%02x", c);
		else
			sb_putc(sb, (char)c);
	}
}

static void dump(struct strbuf *sb)
{
	for (size_t c = 0; c < S.n_chans; c++) {
		const struct channel *ch = &S.chans[c];
		sb_printf(sb, "%zu %s id=", c, chan_kind_name(ch->kind));
		put_text(sb, ch->id);
		sb_puts(sb, " label=");
		put_text(sb, ch->label);
		sb_printf(sb, " netns=%llu sysv=%d queued=%llu bytes=%llu\n", (unsigned long long)ch->netns,
			  (int)ch->sysv, (unsigned long long)ch->queued, (unsigned long long)ch->bytes);
		for (size_t e = 0; e < ch->n_ep; e++) {
			const struct endpoint *ep = &ch->ep[e];
			sb_printf(sb, "  pid=%d proc=%d fd=%d acc=%u sock=%d role=", (int)ep->pid, (int)ep->proc,
				  ep->fd, (unsigned)ep->access, (int)ep->sock);
			put_text(sb, ep->role);
			sb_puts(sb, " remote=");
			put_text(sb, ep->remote);
			sb_putc(sb, '\n');
		}
	}
	for (size_t i = 0; i < S.n_procs; i++) {
		const struct proc_info *p = &S.procs[i];
		sb_printf(sb, "proc %d n_channels=%u fds", (int)p->pid, (unsigned)p->n_channels);
		for (size_t j = 0; j < p->n_fds; j++)
			sb_printf(sb, " %d>%d", p->fds[j].fd, (int)p->fds[j].chan);
		sb_putc(sb, '\n');
	}
}

/* Descriptors, mappings and SysV rows of every kind, with the edge values of each id. */
static void build_fd_objects(void)
{
	add_fd(0, FDK_PIPE, 0, 12345, ACC_R, "pipe:[12345]");
	add_fd(1, FDK_PIPE, 0, 12345, ACC_W, "pipe:[12345]");
	add_fd(2, FDK_PIPE, 0, 0, ACC_R, "pipe:[0]");
	add_fd(2, FDK_PIPE, 0, UINT64_MAX, ACC_R, "pipe:[max]");
	add_fd(2, FDK_PIPE, 0, UINT64_MAX, ACC_W, "pipe:[max]");
	add_fd(0, FDK_FIFO, 2049, 77, ACC_W, "/tmp/fifo");
	add_fd(3, FDK_FIFO, 2049, 77, ACC_R, "/tmp/fifo");
	add_fd(3, FDK_FIFO, UINT64_MAX, 1, ACC_RW, "/tmp/\x01odd");
	add_fd(4, FDK_POSIX_SHM, 23, 5, ACC_RW, "/dev/shm/x");
	add_map(4, "/dev/shm/x", 23, 5, "rw-s");
	add_map(5, "/dev/shm/x", 23, 5, "r--s");
	add_fd(1, FDK_MQUEUE, 19, 300, ACC_W, "/q");
	add_fd(6, FDK_MQUEUE, 19, 300, ACC_R, "/q");
	add_fd(3, FDK_MEMFD, 1, 99, ACC_RW, "/memfd:m (deleted)");
	add_map(3, "/memfd:m (deleted)", 1, 99, "rw-s");
	add_map(5, "/memfd:m (deleted)", 1, 99, "r--s");
	add_map(6, "/memfd:other", 0, 0, "rw-s");
	add_fd(0, FDK_PTMX, 0, 0, ACC_RW, "/dev/ptmx")->aux = 0;
	add_fd(1, FDK_PTS, 0, 0, ACC_RW, "/dev/pts/0")->aux = 0;
	add_fd(1, FDK_PTS, 0, 0, ACC_RW, "/dev/pts/0")->aux = 0;
	add_fd(2, FDK_PTMX, 0, 0, ACC_RW, "/dev/ptmx")->aux = INT64_MAX;
	add_fd(1, FDK_EVENTFD, 0, 9, ACC_RW, "anon_inode:[eventfd]")->aux = 5;
	add_fd(2, FDK_EVENTFD, 0, 9, ACC_RW, "anon_inode:[eventfd]")->aux = 5;
	add_fd(3, FDK_EVENTFD, 0, 9, ACC_RW, "anon_inode:[eventfd]");   /* id unknown */
	add_fd(4, FDK_FILE, 8, 1000, ACC_R, "/etc/passwd");
}

static void build_sysv(void)
{
	S.procs[6].ipcns = 8;
	add_map(0, "/SYSV00001234", 1, 5, "rw-s");
	add_map(0, "/SYSV00001234", 1, 5, "r--s");
	add_map(1, "/SYSV00001234", 1, 5, "r--s");
	add_map(6, "/SYSV00000000", 1, 5, "rw-s");
	add_map(2, "/SYSVffffffff", 1, 4294967295u, "rw-s");
	add_map(7, "/SYSV00000000", 1, 0, "rw-s");
	S.shm = xcalloc(3, sizeof(*S.shm));
	S.n_shm = 3;
	S.shm[0] = (struct sysv_shm){ .key = 0x1234, .shmid = 5 };
	S.shm[1] = (struct sysv_shm){ .key = -1, .shmid = -1 };
	S.shm[2] = (struct sysv_shm){ .key = 0, .shmid = 0 };
	S.msg = xcalloc(4, sizeof(*S.msg));
	S.n_msg = 4;
	S.msg[0] = (struct sysv_msg){ .key = 0x7fffffff, .msqid = 3, .lspid = 102, .lrpid = 103, .qnum = 4 };
	S.msg[1] = (struct sysv_msg){ .key = -2, .msqid = 0, .lspid = 104, .lrpid = 104, .qnum = 1 };
	S.msg[2] = (struct sysv_msg){ .key = 1, .msqid = 2147483647, .lspid = 0, .lrpid = 107 };
	S.msg[3] = (struct sysv_msg){ .msqid = 4, .lspid = 999, .lrpid = 0 };   /* nobody alive */
}

static void build_unix(void)
{
	int32_t a = add_sock(AF_UNIX, 0, 1, 10), b = add_sock(AF_UNIX, 0, 1, 11);
	S.socks[a].peer = 11;
	S.socks[b].peer = 10;
	hold(0, a);
	hold(1, b);
	int32_t srv = add_sock(AF_UNIX, 0, 1, UINT64_MAX);
	S.socks[srv].name = "/dev/log";
	S.socks[srv].name_len = 8;
	hold(2, srv);
	for (int i = 0; i < 3; i++) {
		int32_t c = add_sock(AF_UNIX, 0, i == 2 ? 2 : 1, 21 + (uint64_t)i);
		S.socks[c].peer = UINT64_MAX;
		hold(i == 1 ? 4 : 3, c);
	}
	int32_t lis = add_sock(AF_UNIX, 0, 1, 1);   /* abstract listener with a pending connection */
	S.socks[lis].name = "\0ab\0c";
	S.socks[lis].name_len = 5;
	S.socks[lis].state = 10;
	static uint64_t icons[] = { 31 };
	S.socks[lis].icons = icons;
	S.socks[lis].n_icons = 1;
	hold(5, lis);
	int32_t pend = add_sock(AF_UNIX, 0, 1, 31);
	hold(6, pend);
	int32_t lonely = add_sock(AF_UNIX, 0, 1, 40);
	S.socks[lonely].state = 10;
	hold(0, lonely);
	int32_t gone = add_sock(AF_UNIX, 0, 1, 41);   /* peer not visible */
	S.socks[gone].peer = 4242;
	hold(7, gone);
}

static const uint8_t LO[4] = { 127, 0, 0, 1 }, ANY[4] = { 0, 0, 0, 0 }, BCAST[4] = { 255, 255, 255, 255 },
		     FAR[4] = { 10, 1, 2, 3 };
static const uint8_t LO6[16] = { [15] = 1 }, ANY6[16] = { 0 },
		     DOC6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 },
		     LL6[16] = { 0xfe, 0x80, [14] = 0xab, [15] = 0xcd },
		     MAPPED[16] = { [10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1 },
		     FULL6[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void inet_pair(int family, int proto, uint64_t netns, size_t p1, size_t p2, const uint8_t *a,
		      uint16_t ap, const uint8_t *b, uint16_t bp)
{
	static uint64_t ino = 500;
	int32_t x = add_sock(family, proto, netns, ino++), y = add_sock(family, proto, netns, ino++);
	if (family == AF_INET) {
		set_v4(x, a, ap, b, bp);
		set_v4(y, b, bp, a, ap);
	} else {
		set_v6(x, a, ap, b, bp);
		set_v6(y, b, bp, a, ap);
	}
	hold(p1, x);
	if (p2 < S.n_procs)
		hold(p2, y);
}

static void build_inet(void)
{
	S.procs[7].netns = 2;
	int32_t lis = add_sock(AF_INET, IPPROTO_TCP, 1, 400);
	set_v4(lis, ANY, 80, ANY, 0);
	S.socks[lis].state = 10;
	hold(1, lis);
	inet_pair(AF_INET, IPPROTO_TCP, 1, 0, 1, LO, 40000, LO, 80);
	inet_pair(AF_INET, IPPROTO_TCP, 1, 2, 3, ANY, 0, BCAST, 65535);
	inet_pair(AF_INET, IPPROTO_TCP, 1, 2, 99, LO, 50000, FAR, 443);   /* remote peer */
	inet_pair(AF_INET6, IPPROTO_TCP, 1, 4, 5, LO6, 1, LO6, 32768);
	inet_pair(AF_INET6, IPPROTO_TCP, 1, 4, 99, DOC6, 60999, LL6, 61000);
	inet_pair(AF_INET6, IPPROTO_TCP, 1, 5, 99, ANY6, 2, FULL6, 3);
	inet_pair(AF_INET6, IPPROTO_TCP, 1, 6, 0, MAPPED, 8080, MAPPED, 40001);
	inet_pair(AF_INET, IPPROTO_TCP, 2, 7, 7, LO, 40000, LO, 80);   /* foreign namespace */
	inet_pair(AF_INET, IPPROTO_TCP, UINT64_MAX, 7, 99, LO, 1, FAR, 2);
	inet_pair(AF_INET, IPPROTO_UDP, 1, 3, 3, LO, 5000, LO, 5001);
	int32_t t = add_sock(AF_INET, IPPROTO_TCP, 1, 450);
	set_v4(t, LO, 33000, LO, 34000);
	S.socks[t].has_tcp_info = true;
	S.socks[t].bytes_acked = 10;
	S.socks[t].bytes_received = 20;
	hold(6, t);
	/* the other side of the same mapped pair, seen through an IPv4 socket */
	int32_t v4 = add_sock(AF_INET, IPPROTO_TCP, 1, 460);
	set_v4(v4, LO, 40001, LO, 8080);
	hold(7, v4);
}

static const char expect_fixed[] =
	"0 pipe id=pipe:12345 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=3 acc=1 sock=-1 role=read remote=(null)\n"
	"  pid=101 proc=1 fd=3 acc=2 sock=-1 role=write remote=(null)\n"
	"1 fifo id=fifo:2049:77 label=/tmp/fifo netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=4 acc=2 sock=-1 role=write remote=(null)\n"
	"  pid=103 proc=3 fd=3 acc=1 sock=-1 role=read remote=(null)\n"
	"2 pty id=pty:0 label=/dev/pts/0 netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=5 acc=3 sock=-1 role=master remote=(null)\n"
	"  pid=101 proc=1 fd=5 acc=3 sock=-1 role=slave remote=(null)\n"
	"3 posix_mq id=posix_mq:19:300 label=/q netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=101 proc=1 fd=4 acc=2 sock=-1 role=(null) remote=(null)\n"
	"  pid=106 proc=6 fd=3 acc=1 sock=-1 role=(null) remote=(null)\n"
	"4 eventfd id=eventfd:5 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=101 proc=1 fd=7 acc=3 sock=-1 role=(null) remote=(null)\n"
	"  pid=102 proc=2 fd=7 acc=3 sock=-1 role=(null) remote=(null)\n"
	"5 pipe id=pipe:0 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=3 acc=1 sock=-1 role=read remote=(null)\n"
	"6 pipe id=pipe:18446744073709551615 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=4 acc=3 sock=-1 role=(null) remote=(null)\n"
	"7 pty id=pty:9223372036854775807 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=6 acc=3 sock=-1 role=master remote=(null)\n"
	"8 fifo id=fifo:18446744073709551615:1 label=/tmp/\\x01odd netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=103 proc=3 fd=4 acc=3 sock=-1 role=(null) remote=(null)\n"
	"9 memfd id=memfd:1:99 label=/memfd:m (deleted) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=103 proc=3 fd=5 acc=3 sock=-1 role=(null) remote=(null)\n"
	"  pid=105 proc=5 fd=-1 acc=1 sock=-1 role=mapped remote=(null)\n"
	"10 posix_shm id=posix_shm:23:5 label=/dev/shm/x netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=104 proc=4 fd=3 acc=3 sock=-1 role=(null) remote=(null)\n"
	"  pid=105 proc=5 fd=-1 acc=1 sock=-1 role=mapped remote=(null)\n"
	"11 sysv_shm id=sysv_shm:5 label=key 0x00001234 netns=0 sysv=0 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=-1 acc=3 sock=-1 role=mapped remote=(null)\n"
	"  pid=101 proc=1 fd=-1 acc=1 sock=-1 role=mapped remote=(null)\n"
	"12 sysv_shm id=sysv_shm:4294967295 label=key 0xffffffff netns=0 sysv=1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=-1 acc=3 sock=-1 role=mapped remote=(null)\n"
	"13 memfd id=memfd:0:0 label=/memfd:other netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=106 proc=6 fd=-1 acc=3 sock=-1 role=mapped remote=(null)\n"
	"14 sysv_shm id=sysv_shm:ipcns8:5 label=(null) netns=0 sysv=-1 queued=0 bytes=0\n"
	"  pid=106 proc=6 fd=-1 acc=3 sock=-1 role=mapped remote=(null)\n"
	"15 sysv_shm id=sysv_shm:0 label=key 0x00000000 netns=0 sysv=2 queued=0 bytes=0\n"
	"  pid=107 proc=7 fd=-1 acc=3 sock=-1 role=mapped remote=(null)\n"
	"16 sysv_msg id=sysv_msg:3 label=key 0x7fffffff netns=0 sysv=0 queued=4 bytes=0\n"
	"  pid=102 proc=2 fd=-1 acc=2 sock=-1 role=sender remote=(null)\n"
	"  pid=103 proc=3 fd=-1 acc=1 sock=-1 role=receiver remote=(null)\n"
	"17 sysv_msg id=sysv_msg:0 label=key 0xfffffffe netns=0 sysv=1 queued=1 bytes=0\n"
	"  pid=104 proc=4 fd=-1 acc=3 sock=-1 role=(null) remote=(null)\n"
	"18 sysv_msg id=sysv_msg:2147483647 label=key 0x00000001 netns=0 sysv=2 queued=0 bytes=0\n"
	"  pid=107 proc=7 fd=-1 acc=1 sock=-1 role=receiver remote=(null)\n"
	"19 unix id=unix:10 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=6 acc=3 sock=0 role=(null) remote=(null)\n"
	"  pid=101 proc=1 fd=8 acc=3 sock=1 role=(null) remote=(null)\n"
	"20 unix id=unix:18446744073709551615 label=/dev/log netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=8 acc=3 sock=2 role=server remote=(null)\n"
	"  pid=103 proc=3 fd=7 acc=3 sock=3 role=(null) remote=(null)\n"
	"  pid=104 proc=4 fd=5 acc=3 sock=4 role=(null) remote=(null)\n"
	"21 unix id=unix:1 label=@ab@c netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=105 proc=5 fd=3 acc=3 sock=6 role=server remote=(null)\n"
	"  pid=106 proc=6 fd=4 acc=3 sock=7 role=(null) remote=(null)\n"
	"22 unix id=unix:41 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=107 proc=7 fd=3 acc=3 sock=9 role=(null) remote=(null)\n"
	"23 tcp id=tcp:127.0.0.1:80-127.0.0.1:40000 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=8 acc=3 sock=11 role=client remote=(null)\n"
	"  pid=101 proc=1 fd=10 acc=3 sock=12 role=server remote=(null)\n"
	"24 tcp id=tcp:[::ffff:127.0.0.1]:8080-[::ffff:127.0.0.1]:40001 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=100 proc=0 fd=9 acc=3 sock=24 role=client remote=(null)\n"
	"  pid=106 proc=6 fd=5 acc=3 sock=23 role=server remote=(null)\n"
	"  pid=107 proc=7 fd=7 acc=3 sock=32 role=client remote=(null)\n"
	"25 tcp id=tcp:0.0.0.0:0-255.255.255.255:65535 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=9 acc=3 sock=13 role=client remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=-1 role=remote remote=255.255.255.255:65535\n"
	"26 tcp id=tcp:10.1.2.3:443-127.0.0.1:50000 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=102 proc=2 fd=10 acc=3 sock=15 role=client remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=16 role=unseen remote=10.1.2.3:443\n"
	"27 udp id=udp:127.0.0.1:5000-127.0.0.1:5001 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=103 proc=3 fd=10 acc=3 sock=29 role=(null) remote=(null)\n"
	"28 tcp id=tcp:[::1]:1-[::1]:32768 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=104 proc=4 fd=6 acc=3 sock=17 role=server remote=(null)\n"
	"  pid=105 proc=5 fd=4 acc=3 sock=18 role=client remote=(null)\n"
	"29 tcp id=tcp:[2001:db8::1:0:0:1]:60999-[fe80::abcd]:61000 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=104 proc=4 fd=7 acc=3 sock=19 role=client remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=20 role=unseen remote=[fe80::abcd]:61000\n"
	"30 tcp id=tcp:[::]:2-[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:3 label=(null) netns=1 sysv=-1 queued=0 bytes=0\n"
	"  pid=105 proc=5 fd=5 acc=3 sock=21 role=(null) remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=22 role=unseen remote=[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:3\n"
	"31 tcp id=tcp:127.0.0.1:33000-127.0.0.1:34000 label=(null) netns=1 sysv=-1 queued=0 bytes=20\n"
	"  pid=106 proc=6 fd=6 acc=3 sock=31 role=(null) remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=-1 role=remote remote=127.0.0.1:34000\n"
	"32 tcp id=tcp:netns2:127.0.0.1:80-127.0.0.1:40000 label=(null) netns=2 sysv=-1 queued=0 bytes=0\n"
	"  pid=107 proc=7 fd=4 acc=3 sock=25 role=(null) remote=(null)\n"
	"33 tcp id=tcp:netns18446744073709551615:10.1.2.3:2-127.0.0.1:1 label=(null) netns=18446744073709551615 sysv=-1 queued=0 bytes=0\n"
	"  pid=107 proc=7 fd=6 acc=3 sock=27 role=(null) remote=(null)\n"
	"  pid=0 proc=-1 fd=-1 acc=3 sock=28 role=unseen remote=10.1.2.3:2\n"
	"proc 100 n_channels=7 fds 3>0 4>1 5>2 6>19 7>-1 8>23 9>24\n"
	"proc 101 n_channels=7 fds 3>0 4>3 5>2 6>2 7>4 8>19 9>-1 10>23\n"
	"proc 102 n_channels=9 fds 3>5 4>6 5>6 6>7 7>4 8>20 9>25 10>26\n"
	"proc 103 n_channels=6 fds 3>1 4>8 5>9 6>-1 7>20 8>20 9>-1 10>27 11>27\n"
	"proc 104 n_channels=5 fds 3>10 4>-1 5>20 6>28 7>29\n"
	"proc 105 n_channels=5 fds 3>21 4>28 5>30\n"
	"proc 106 n_channels=6 fds 3>3 4>21 5>24 6>31\n"
	"proc 107 n_channels=6 fds 3>22 4>32 5>32 6>33 7>24\n";

/* A reproducible pseudo-random generator (xorshift64*), independent of the C library. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL >> 11) % n;
}

static void random_fd(size_t pi)
{
	static const enum fd_kind kinds[] = { FDK_PIPE, FDK_FIFO, FDK_POSIX_SHM, FDK_MQUEUE, FDK_MEMFD,
					      FDK_PTMX, FDK_PTS, FDK_EVENTFD, FDK_FILE };
	enum fd_kind k = kinds[rnd(sizeof(kinds) / sizeof(kinds[0]))];
	uint64_t obj = rnd(3000);
	struct fd_info *fi = add_fd(pi, k, obj % 7, obj * 1000003, (uint8_t)(1 + rnd(3)), "/some/path");
	if (k == FDK_PTMX || k == FDK_PTS || k == FDK_EVENTFD)
		fi->aux = (int64_t)rnd(500) - 1;
}

static void random_sock(size_t n_procs)
{
	static const uint8_t *v4[] = { LO, ANY, FAR, BCAST };
	uint64_t ino = 1000000 + S.n_socks;
	if (rnd(2)) {
		int32_t k = add_sock(AF_UNIX, 0, 1 + rnd(2), ino);
		S.socks[k].peer = rnd(4) ? 1000000 + rnd(S.n_socks + 50) : 0;
		if (rnd(8) == 0) {
			S.socks[k].name = "/run/x";
			S.socks[k].name_len = 6;
		}
		hold(rnd(n_procs), k);
		return;
	}
	int family = rnd(4) ? AF_INET : AF_INET6;
	int32_t k = add_sock(family, rnd(3) ? IPPROTO_TCP : IPPROTO_UDP, 1 + rnd(2), ino);
	if (family == AF_INET) {
		set_v4(k, v4[rnd(4)], (uint16_t)(30000 + rnd(40)), v4[rnd(4)], (uint16_t)(rnd(5) ? 30000 + rnd(40) : 0));
	} else {
		uint8_t l[16] = { 0 }, r[16] = { 0 };
		l[15] = (uint8_t)rnd(3);
		r[15] = (uint8_t)rnd(3);
		set_v6(k, l, (uint16_t)(30000 + rnd(40)), r, (uint16_t)(30000 + rnd(40)));
	}
	S.socks[k].state = rnd(10) ? 1 : 10;
	hold(rnd(n_procs), k);
}

static void build_random(size_t n_procs)
{
	hand_reset(&S, n_procs, 7);
	for (size_t pi = 0; pi < n_procs; pi++) {
		size_t n = rnd(12);
		for (size_t j = 0; j < n; j++)
			random_fd(pi);
		if (rnd(4) == 0)
			add_map(pi, rnd(2) ? "/SYSV00000001" : "/dev/shm/r", 1, rnd(50), rnd(2) ? "rw-s" : "r--s");
	}
	for (size_t i = 0; i < 6 * n_procs; i++)
		random_sock(n_procs);
	S.msg = xcalloc(40, sizeof(*S.msg));
	S.n_msg = 40;
	for (int i = 0; i < 40; i++)
		S.msg[i] = (struct sysv_msg){ .key = i * 7919, .msqid = i, .lspid = (pid_t)(100 + rnd(n_procs + 5)),
					       .lrpid = (pid_t)(100 + rnd(n_procs + 5)) };
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
	return h;
}

/* Compare line by line, so a failure names the first differing line. */
static void compare_lines(const char *got, const char *want)
{
	int line = 1;
	while (*got || *want) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");
		if (g != w || memcmp(got, want, g) != 0) {
			ok(0, "dump line %d matches", line);
			printf("#   got  %.*s\n#   want %.*s\n", (int)g, got, (int)w, want);
			return;
		}
		got += g + (got[g] == '\n');
		want += w + (want[w] == '\n');
		line++;
	}
	ok(1, "all %d dump lines match", line - 1);
}

/* The ids' address text equals format_addr_port(), which the exports use: edge addresses of
 * both families (RFC 5952 zero runs, v4-mapped and v4-compatible IPv6), then random ones. */
static bool addr_same(unsigned family, const uint8_t a[16], uint16_t port)
{
	char want[ADDR_PORT_MAX];
	struct id_text t;
	idt_init(&t);
	idt_addr_port(&t, family, a, port);
	format_addr_port(want, sizeof(want), family, a, port);
	if (strcmp(t.buf, want) != 0)
		printf("#   got %s, want %s\n", t.buf, want);
	return strcmp(t.buf, want) == 0 && t.len == strlen(want);
}

static void test_addr_text(void)
{
	static const uint8_t compat[16] = { [12] = 1, [13] = 2, [14] = 3, [15] = 4 },
			     one_zero[16] = { 0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7 };
	const uint8_t *edges[] = { ANY, BCAST, LO, FAR, ANY6, LO6, DOC6, LL6, MAPPED, FULL6, compat, one_zero };
	bool all = true;
	const size_t n_v4 = 4;   /* the first ones are 4 bytes long */
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		uint8_t a[16] = { 0 };
		memcpy(a, edges[i], i < n_v4 ? 4 : 16);
		all &= addr_same(AF_INET, a, 0);
		all &= addr_same(AF_INET, a, 65535);
		all &= addr_same(AF_INET6, a, 80);
	}
	all &= addr_same(AF_UNIX, LO6, 1);
	ok(all, "address text of edge addresses equals format_addr_port()");
	int bad = 0;
	for (int i = 0; i < 20000; i++) {
		uint8_t a[16];
		for (int j = 0; j < 16; j++)   /* mostly zero groups, so every run length occurs */
			a[j] = rnd(3) ? 0 : (uint8_t)rnd(256);
		bad += !addr_same(rnd(2) ? AF_INET : AF_INET6, a, (uint16_t)rnd(65536));
	}
	is_int(bad, 0, "address text of 20000 random addresses equals format_addr_port()");
	struct id_text t;
	idt_init(&t);
	for (int i = 0; i < 100; i++)
		idt_str(&t, "0123456789");
	ok(t.len == ID_TEXT_MAX - 1 && strlen(t.buf) == ID_TEXT_MAX - 1, "an over-long id is cut, never overflows");
}

/* Tables sized for an empty snapshot still take thousands of channels and endpoints. */
static void test_table_growth(void)
{
	hand_reset(&S, 1, 7);
	struct chan_table t;
	chan_table_init(&t, &S);
	bool fine = true;
	for (int round = 0; round < 2; round++) {
		for (uint64_t i = 0; i < 5000; i++) {
			bool created;
			int32_t c = chan_table_get(&t, (struct chan_key){ CK_PIPE, 0, i }, &created);
			fine &= c == (int32_t)i && created == (round == 0);
			if (round == 0) {
				S.chans[c].id = "x";
				struct endpoint ep = { .pid = 100, .proc = 0, .fd = (int)i, .access = ACC_R, .sock = -1 };
				chan_table_add_ep(&t, c, &ep);
				ep.pid = 0;   /* off-host: never merged */
				ep.proc = -1;
				chan_table_add_ep(&t, c, &ep);
			} else {
				struct endpoint ep = { .pid = 100, .proc = 0, .fd = 0, .access = ACC_W, .sock = -1 };
				chan_table_add_ep(&t, c, &ep);   /* merges into the first */
			}
		}
	}
	fine &= chan_table_find(&t, (struct chan_key){ CK_PIPE, 0, 5000 }) == -1 &&
		chan_table_find(&t, (struct chan_key){ CK_FIFO, 0, 7 }) == -1 &&
		chan_table_find(&t, (struct chan_key){ CK_PIPE, 0, 4999 }) == 4999;
	chan_table_finish(&t);
	ok(fine, "5000 channels found again after the tables grew");
	bool eps = S.n_chans == 5000;
	for (size_t c = 0; eps && c < S.n_chans; c++)
		eps = S.chans[c].n_ep == 2 && S.chans[c].ep[0].access == ACC_RW && S.chans[c].ep[0].fd == 0 &&
		      S.chans[c].ep[1].pid == 0;
	ok(eps, "endpoints merged per (channel, pid), off-host ones kept apart");
	is_int(S.procs[0].n_channels, 5000, "n_channels after growth");
}

int main(void)
{
	bool print = getenv("CHAN_IDS_DUMP") != NULL;
	snapshot_init(&S);
	hand_reset(&S, 8, 7);
	build_fd_objects();
	build_sysv();
	build_unix();
	build_inet();
	channel_resolve(&S);
	struct strbuf sb = STRBUF_INIT;
	dump(&sb);
	if (print)
		fputs(sb.buf, stderr);
	compare_lines(sb.buf, expect_fixed);
	is_int(S.n_chans, 34, "hand-built snapshot: number of channels");
	hand_free_lists(&S);

	build_random(3000);
	channel_resolve(&S);
	sb_reset(&sb);
	dump(&sb);
	uint64_t h = fnv1a(sb.buf, sb.len);
	if (print)
		fprintf(stderr, "random: %zu channels, %zu bytes, fnv %016llx\n", S.n_chans, sb.len,
			(unsigned long long)h);
	is_int(sb.len, 4133334, "random snapshot: dump length");
	ok(h == 0x330aab3dd0d80e6cULL, "random snapshot: dump hash %016llx", (unsigned long long)h);
	hand_free_lists(&S);
	sb_free(&sb);
	test_addr_text();
	test_table_growth();
	snapshot_free(&S);
	return tap_done();
}
