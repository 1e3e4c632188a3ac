/* export_fixture.c — the hand-built snapshot of export_fixture.h. */
#include "export_fixture.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "util/xalloc.h"

static struct proc_info *add_proc(struct snapshot *s, pid_t pid, const char *comm, size_t comm_len,
                                  const char *cmdline)
{
	XGROW(s->procs, s->cap_procs, s->n_procs + 1);
	struct proc_info *p = &s->procs[s->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = p->tgid = pid;
	p->ppid = 1;
	p->pgid = p->sid = pid;
	p->state = 'S';
	p->comm = arena_strndup(&s->arena, comm, comm_len);
	p->cmdline = arena_strdup(&s->arena, cmdline);
	p->ruid = p->euid = p->suid = p->fsuid = 1000;
	p->rgid = p->egid = p->sgid = p->fsgid = 1000;
	p->user = arena_strdup(&s->arena, "alice");
	p->nlwp = 1;
	p->priority = 20;
	p->netns = 4026531840u;
	return p;
}

static int32_t add_sock(struct snapshot *s, uint64_t ino, uint8_t family, uint8_t type, uint8_t state)
{
	XGROW(s->socks, s->cap_socks, s->n_socks + 1);
	struct sock_info *k = &s->socks[s->n_socks];
	memset(k, 0, sizeof(*k));
	k->netns = 4026531840u;
	k->ino = ino;
	k->family = family;
	k->type = type;
	k->state = state;
	return (int32_t)s->n_socks++;
}

static struct channel *add_chan(struct snapshot *s, enum chan_kind kind, const char *id, size_t n_ep)
{
	XGROW(s->chans, s->cap_chans, s->n_chans + 1);
	struct channel *c = &s->chans[s->n_chans++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->id = arena_strdup(&s->arena, id);
	c->sysv = -1;
	c->n_ep = n_ep;
	c->ep = arena_alloc(&s->arena, n_ep * sizeof(*c->ep));
	for (size_t i = 0; i < n_ep; i++) {
		c->ep[i].proc = -1;
		c->ep[i].fd = -1;
		c->ep[i].sock = -1;
	}
	return c;
}

static void set_ep(const struct snapshot *s, struct endpoint *e, pid_t pid, int fd, uint8_t acc,
                   const char *role)
{
	e->pid = pid;
	e->fd = fd;
	e->access = acc;
	e->role = role;
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			e->proc = (int32_t)i;
}

static void add_procs(struct snapshot *s)
{
	add_proc(s, 1, "init", 4, "/sbin/init");
	struct proc_info *k = add_proc(s, 2, "kthreadd", 8, "");
	k->flags = PF_KTHREAD;
	k->ruid = k->euid = k->suid = k->fsuid = 0;
	k->user = arena_strdup(&s->arena, "root");
	add_proc(s, 100, "writer", 6, "writer --fast");
	/* the list's columns in JSON: a terminal, a program path, SHR, MEM% 1.0, started at 3600 s */
	struct proc_info *r = add_proc(s, 200, "reader", 6, "reader");
	r->tty_nr = (136 << 8) | 3;
	r->exe = arena_strdup(&s->arena, "/usr/bin/reader");
	r->shr_kib = 512;
	r->flags |= PF_SHR;
	r->rss_kib = 20480;
	r->start_time = 360000;
	r->cgroup = arena_strdup(&s->arena, "/system.slice/reader.service");
	struct proc_info *e = add_proc(s, 300, FIX_EVIL_COMM, FIX_EVIL_COMM_LEN, "evil \xe2\x80\xae" "cod.exe");
	e->state = 'D';
	e->policy = 1;
	e->rt_priority = 50;
	e->exe = arena_strdup(&s->arena, "/tmp/e\x1b[31mvil");
	struct proc_info *l = add_proc(s, 400, "locked", 6, "locked");
	l->flags = PF_FDS_DENIED | PF_MAPS_DENIED | PF_NETNS_UNDUMPED;
	l->netns = 0;
	l->state = 'Z';
	l->policy = 42;
}

static void add_writer_detail(struct snapshot *s, struct proc_info *p, int32_t unix_sock,
                              int32_t listener)
{
	p->flags |= PF_DETAIL;
	p->sig_pending = 1ull << (15 - 1);                               /* TERM */
	p->sig_blocked = (1ull << (2 - 1)) | (1ull << (35 - 1));         /* INT, a real-time one */
	p->sig_caught = 1ull << (17 - 1);                                /* CHLD */
	p->vol_ctxt = 12;
	p->nonvol_ctxt = 3;
	p->n_maps = 2;
	p->maps = arena_alloc(&s->arena, 2 * sizeof(*p->maps));
	p->maps[0] = (struct map_info){ .start = 0x55550000, .end = 0x55571000, .perms = "rw-p",
		.seg = SEG_HEAP, .path = arena_strdup(&s->arena, "[heap]"), .has_smaps = true,
		.rss_kib = 120, .pss_kib = 60, .swap_kib = 0 };
	p->maps[1] = (struct map_info){ .start = 0x7f0000000000, .end = 0x7f0000001000,
		.perms = "rw-s", .dev = makedev(0, 1), .ino = 65538, .seg = SEG_SHM,
		.path = arena_strdup(&s->arena, "/SYSV00001234"), .deleted = true };
	p->n_fds = 5;
	p->fds = arena_alloc(&s->arena, 5 * sizeof(*p->fds));
	p->fds[0] = (struct fd_info){ .fd = 3, .kind = FDK_PIPE, .access = ACC_W,
		.target = arena_strdup(&s->arena, "pipe:[5001]"), .ino = 5001, .aux = -1, .sock = -1 };
	p->fds[1] = (struct fd_info){ .fd = 4, .kind = FDK_SOCKET, .access = ACC_RW,
		.target = arena_strdup(&s->arena, "socket:[7001]"), .ino = 7001, .aux = -1, .sock = unix_sock };
	p->fds[2] = (struct fd_info){ .fd = 5, .kind = FDK_PTMX, .access = ACC_RW,
		.target = arena_strdup(&s->arena, "/dev/ptmx"), .ino = 88, .aux = 7, .sock = -1 };
	p->fds[3] = (struct fd_info){ .fd = 6, .kind = FDK_SOCKET, .access = ACC_RW,
		.target = arena_strdup(&s->arena, "socket:[7003]"), .ino = 7003, .aux = -1, .sock = listener };
	p->fds[4] = (struct fd_info){ .fd = 7, .kind = FDK_SOCKET, .access = ACC_RW,
		.target = arena_strdup(&s->arena, "socket:[9001]"), .ino = 9001, .aux = -1, .sock = listener + 1 };
	p->sched = arena_alloc(&s->arena, sizeof(*p->sched));
	p->sched->affinity = arena_strdup(&s->arena, "0-1");
	p->sched->has_schedstat = true;
	p->sched->run_ns = 123456789;
	p->sched->wait_ns = 4567;
	p->sched->timeslices = 89;
	p->sched->wchan = arena_strdup(&s->arena, "pipe_write");
}

static int32_t add_socks(struct snapshot *s, int32_t *ux_a, int32_t *ux_b, int32_t *tcp, int32_t *udp)
{
	*ux_a = add_sock(s, 7001, AF_UNIX, SOCK_STREAM, 1);
	s->socks[*ux_a].name = arena_memdup(&s->arena, FIX_ABSTRACT_NAME, FIX_ABSTRACT_NAME_LEN);
	s->socks[*ux_a].name_len = FIX_ABSTRACT_NAME_LEN;
	s->socks[*ux_a].peer = 7002;
	*ux_b = add_sock(s, 7002, AF_UNIX, SOCK_STREAM, 1);
	s->socks[*ux_b].peer = 7001;
	s->socks[*ux_b].rqueue = 42;
	s->socks[*ux_b].has_mem = true;   /* its buffers known; the other sockets' unknown (null) */
	s->socks[*ux_b].rcvbuf = 212992;
	s->socks[*ux_b].sndbuf = 425984;
	*tcp = add_sock(s, 8001, AF_INET, SOCK_STREAM, 1);
	struct sock_info *t = &s->socks[*tcp];
	t->protocol = IPPROTO_TCP;
	memcpy(t->laddr, "\x7f\x00\x00\x01", 4);
	memcpy(t->raddr, "\x0a\x00\x00\x01", 4);
	t->lport = 5000;
	t->rport = 443;
	t->has_tcp_info = true;
	t->bytes_acked = 1000;
	t->bytes_received = 2000;
	t->rtt_us = 150;
	*udp = add_sock(s, 8002, AF_INET6, SOCK_DGRAM, 7);
	s->socks[*udp].protocol = IPPROTO_UDP;
	s->socks[*udp].laddr[15] = 1;
	s->socks[*udp].lport = 53;
	int32_t lst = add_sock(s, 7003, AF_UNIX, SOCK_STREAM, 10);
	s->socks[lst].name = arena_strdup(&s->arena, "/run/x.sock");
	s->socks[lst].name_len = strlen("/run/x.sock");
	s->socks[lst].n_icons = 2;
	int32_t nl = add_sock(s, 9001, AF_NETLINK, SOCK_RAW, 0);
	s->socks[nl].protocol = 0;
	s->socks[nl].portid = 300;
	return lst;   /* the netlink socket follows it */
}

static void add_sysv(struct snapshot *s)
{
	s->shm = xcalloc(1, sizeof(*s->shm));
	s->n_shm = 1;
	s->shm[0] = (struct sysv_shm){ .key = 0x1234, .shmid = 65538, .perms = 0600, .size = 4096,
		.cpid = 100, .lpid = 300, .nattch = 3, .uid = 1000, .cuid = 1000, .gid = 1000, .cgid = 1000 };
	s->msg = xcalloc(1, sizeof(*s->msg));
	s->n_msg = 1;
	s->msg[0] = (struct sysv_msg){ .key = -1, .msqid = 3, .perms = 0644, .cbytes = 10, .qnum = 2,
		.lspid = 100, .lrpid = 300, .uid = 1000 };
	s->sem = xcalloc(1, sizeof(*s->sem));
	s->n_sem = 1;
	s->sem[0] = (struct sysv_sem){ .key = 0x42, .semid = 9, .perms = 0666, .nsems = 2 };
}

static void add_pipes_and_sockets(struct snapshot *s, int32_t ux_a, int32_t ux_b, int32_t tcp, int32_t udp)
{
	struct channel *c = add_chan(s, CK_PIPE, "pipe:5001", 2);
	set_ep(s, &c->ep[0], 100, 3, ACC_W, "write");
	set_ep(s, &c->ep[1], 200, 0, ACC_R, "read");
	c->queued = 17;               /* as root measured it; pipe:5002's fill is unknown */
	c->queued_known = true;
	c->capacity = 65536;
	c = add_chan(s, CK_PIPE, "pipe:5002", 2);
	set_ep(s, &c->ep[0], 200, 7, ACC_R, "read");
	set_ep(s, &c->ep[1], 100, 8, ACC_W, "write");
	c = add_chan(s, CK_UNIX, "unix:7001", 2);
	c->label = arena_strdup(&s->arena, "@bus\x01");
	c->label_sock1 = ux_a + 1;   /* the label stands for the abstract name of ux_a */
	c->netns = 4026531840u;
	set_ep(s, &c->ep[0], 200, 4, ACC_RW, NULL);
	c->ep[0].sock = ux_a;
	set_ep(s, &c->ep[1], 300, 9, ACC_RW, NULL);
	c->ep[1].sock = ux_b;
	c = add_chan(s, CK_TCP, "tcp:10.0.0.1:443-127.0.0.1:5000", 2);
	c->netns = 4026531840u;
	c->bytes = 3000;
	set_ep(s, &c->ep[0], 300, 6, ACC_RW, "client");
	c->ep[0].sock = tcp;
	c->ep[1].remote = arena_strdup(&s->arena, "10.0.0.1:443");
	(void)udp;
}

static void add_ipc_channels(struct snapshot *s, int32_t udp)
{
	struct channel *c = add_chan(s, CK_SYSV_SHM, "sysv_shm:65538", 3);
	c->label = arena_strdup(&s->arena, "key \"0x1234\"");
	c->sysv = 0;
	set_ep(s, &c->ep[0], 100, -1, ACC_RW, "mapped");
	set_ep(s, &c->ep[1], 200, -1, ACC_R, "mapped");
	set_ep(s, &c->ep[2], 300, -1, ACC_RW, "mapped");
	c = add_chan(s, CK_SYSV_MSG, "sysv_msg:3", 2);
	c->sysv = 0;
	c->queued = 2;
	c->queued_known = true;
	set_ep(s, &c->ep[0], 100, -1, ACC_W, "sender");
	set_ep(s, &c->ep[1], 300, -1, ACC_R, "receiver");
	c = add_chan(s, CK_EVENTFD, "eventfd:1", 2);
	set_ep(s, &c->ep[0], 400, 3, ACC_RW, NULL);
	set_ep(s, &c->ep[1], 400, 4, ACC_RW, NULL);
	c = add_chan(s, CK_UDP, "udp:[::1]:53", 1);
	c->netns = 4026531840u;
	set_ep(s, &c->ep[0], 200, 11, ACC_RW, NULL);
	c->ep[0].sock = udp;
}

static int32_t chan_index(const struct snapshot *s, const char *id)
{
	for (size_t c = 0; c < s->n_chans; c++)
		if (!strcmp(s->chans[c].id, id))
			return (int32_t)c;
	return -1;
}

/* 400 waits in epoll_wait on fd 9, which watches its eventfd (fd 3) and a descriptor with no
 * channel (fd 12). */
static void add_epoll_wait(struct snapshot *s)
{
	struct proc_info *p = snapshot_find_proc(s, 400);
	struct wait_watch *x = arena_alloc(&s->arena, 2 * sizeof(*x));
	x[0] = (struct wait_watch){ .t = { 3, 0x19, 0x51 }, .chan = chan_index(s, "eventfd:1") };
	x[1] = (struct wait_watch){ .t = { 12, 0x1d, 0x52 }, .chan = -1 };
	p->wait = arena_alloc(&s->arena, sizeof(*p->wait));
	*p->wait = (struct task_wait){ .tid = 400, .state = 'S', .kind = WK_EPOLL, .syscall_nr = 232,
		.fd = 9, .chan = -1, .watched = x, .n_watched = 2, .watch_read = true };
}

/* 100 blocks writing the full pipe 5001 to 200, which blocks reading pipe 5002 from 100: a
 * ring. 100's second thread (150) runs. Set as wait_resolve would, without it. */
static void add_waits(struct snapshot *s)
{
	struct proc_info *w = snapshot_find_proc(s, 100), *r = snapshot_find_proc(s, 200);
	pid_t *pids = arena_alloc(&s->arena, 2 * sizeof(*pids));
	pids[0] = 100;
	pids[1] = 200;
	w->wait = arena_alloc(&s->arena, sizeof(*w->wait));
	*w->wait = (struct task_wait){ .tid = 100, .state = 'D', .kind = WK_FD, .dir = ACC_W,
		.syscall_nr = 1, .fd = 3, .chan = chan_index(s, "pipe:5001"), .peers = pids + 1,
		.n_peers = 1 };
	r->wait = arena_alloc(&s->arena, sizeof(*r->wait));
	*r->wait = (struct task_wait){ .tid = 200, .state = 'S', .kind = WK_FD, .dir = ACC_R,
		.syscall_nr = 0, .fd = 7, .chan = chan_index(s, "pipe:5002"), .peers = pids,
		.n_peers = 1 };
	w->n_tasks = 3;
	w->tasks = arena_alloc(&s->arena, 3 * sizeof(*w->tasks));
	w->tasks[0] = *w->wait;
	w->tasks[1] = (struct task_wait){ .tid = 150, .state = 'R', .syscall_nr = -2, .fd = -1,
		.chan = -1 };
	/* read by a refresh 2.5 s before this one (a big process's threads are read in turn) */
	w->tasks[2] = (struct task_wait){ .tid = 160, .state = 'S', .kind = WK_SLEEP,
		.syscall_nr = 230, .fd = -1, .chan = -1, .read_ms = 1700000000123ull - 2500 };
	s->cycles = arena_alloc(&s->arena, sizeof(*s->cycles));
	s->cycles[0] = (struct wait_cycle){ pids, 2 };
	s->n_cycles = 1;
	add_epoll_wait(s);
}

void export_fixture_build(struct snapshot *s)
{
	snapshot_init(s);
	s->taken_ms = 1700000000123ull;
	s->viewer_uid = 1000;
	s->own_netns = 4026531840u;
	s->sys = (struct sys_info){ .load = { 0.5, 0.25, 1.0 / 3 }, .mem_total_kib = 2048000,
		.mem_avail_kib = 1024000, .uptime_s = 3600.5, .ticks_per_sec = 100, .ncpu = 2 };
	add_procs(s);
	add_sysv(s);
	int32_t ux_a, ux_b, tcp, udp;
	int32_t listener = add_socks(s, &ux_a, &ux_b, &tcp, &udp);
	add_writer_detail(s, snapshot_find_proc(s, 100), ux_a, listener);
	add_pipes_and_sockets(s, ux_a, ux_b, tcp, udp);
	add_ipc_channels(s, udp);
	add_waits(s);
	for (size_t i = 0; i < s->n_procs; i++)
		for (size_t c = 0; c < s->n_chans; c++)
			for (size_t e = 0; e < s->chans[c].n_ep; e++)
				if (s->chans[c].ep[e].proc == (int32_t)i) {
					s->procs[i].n_channels++;
					break;
				}
	snapshot_note(s, "could not read /proc/400/fd: \x1b]0;pwned\x07 denied");
}
