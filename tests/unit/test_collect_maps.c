/* test_collect_maps.c — maps of a process far larger than one page of /proc text (the kernel
 * hands maps out a page at a time): every line is read, in detail and in the IPC-only pass,
 * and the IPC-only pass gives the same from PROCMAP_QUERY as from the text. A zombie's maps
 * (no address space: an empty file) is read as no mappings, not as denied. A process that has
 * gone between the listing and its maps (reaped: /proc/PID is no more) is gone, by either
 * way of reading, not denied; one whose maps the kernel refuses (pid 1, when not root) is. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "../tap.h"

enum { N_MAPS = 600 };

/* Many small mappings that cannot merge: alternate protections, one page apart. */
static int make_maps(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *base = mmap(NULL, (size_t)page * N_MAPS * 2, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return -1;
	for (int i = 0; i < N_MAPS; i++)
		if (mprotect(base + (size_t)page * i * 2, (size_t)page, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE) < 0)
			return -1;
	return 0;
}

static const struct map_info *find_sysv(const struct proc_info *p, int shmid)
{
	for (size_t i = 0; p && i < p->n_maps; i++)
		if (!strncmp(p->maps[i].path, "/SYSV", 5) && p->maps[i].ino == (uint64_t)shmid)
			return &p->maps[i];
	return NULL;
}

/* A child left unreaped: the kernel's /proc/PID/maps of it opens and reads empty. */
static void test_zombie(void)
{
	pid_t z = fork();
	if (z == 0)
		_exit(0);
	siginfo_t si;
	waitid(P_PID, (id_t)z, &si, WEXITED | WNOWAIT);   /* it is a zombie now, still unreaped */
	char path[64], buf[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)z);
	int fd = open(path, O_RDONLY);
	ok(fd >= 0 && read(fd, buf, sizeof(buf)) == 0, "the kernel: a zombie's maps opens and is empty");
	if (fd >= 0)
		close(fd);
	struct snapshot s;
	struct collect_opts o = { .detail_pids = &z, .n_detail = 1 };
	snapshot_init(&s);
	ok(snapshot_take(&s, &o) == 0, "detail snapshot of the zombie");
	const struct proc_info *p = snapshot_find_proc(&s, z);
	ok(p && !(p->flags & PF_MAPS_DENIED) && p->n_maps == 0, "its empty maps: no mappings, not denied");
	snapshot_free(&s);
	waitpid(z, NULL, 0);
}

/* A child forked, ended and reaped: a pid that was a process a moment ago. */
static pid_t reaped_pid(void)
{
	pid_t z = fork();
	if (z == 0)
		_exit(0);
	waitpid(z, NULL, 0);
	return z;
}

/* collect_maps on pid (a bare proc_info of it): its result, and the flags it left. */
static int maps_of(pid_t pid, bool text, bool detail, uint32_t *flags)
{
	struct collect_opts o = { .maps_text = text };
	struct scan_ctx c = { .opts = &o, .proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
	struct proc_info p = { .pid = pid };
	struct snapshot s;
	snapshot_init(&s);
	int r = collect_maps(&s, &c, &p, detail);
	*flags = p.flags;
	snapshot_free(&s);
	scan_ctx_free(&c);
	close(c.proc_fd);
	return r;
}

static void test_gone_and_denied(void)
{
	static const char *const how[] = { "PROCMAP_QUERY", "the maps text", "detail" };
	for (int k = 0; k < 3; k++) {
		uint32_t flags = 0;
		pid_t z;
		int r, tries = 0;
		do   /* a pid taken again at once by some other process: try another */
			r = maps_of(z = reaped_pid(), k == 1, k == 2, &flags);
		while (kill(z, 0) == 0 && ++tries < 5);
		ok(r == -ENOENT && !(flags & PF_MAPS_DENIED),
		   "a reaped process, by %s: gone (%d), not denied (flags %#x)", how[k], r, flags);
	}
	int fd = open("/proc/1/maps", O_RDONLY);
	if (fd >= 0 || errno != EACCES) {
		skip(2, "the kernel lets this process read pid 1's maps");
	} else {
		for (int text = 0; text <= 1; text++) {
			uint32_t flags = 0;
			int r = maps_of(1, text, false, &flags);
			ok(r == 0 && (flags & PF_MAPS_DENIED), "pid 1's maps refused by the kernel, by %s: "
			   "denied (%d, flags %#x)", how[text], r, flags);
		}
	}
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	ok(make_maps() == 0, "made %d mappings", N_MAPS);
	int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	void *at = shmid >= 0 ? shmat(shmid, NULL, 0) : (void *)-1;
	ok(at != (void *)-1, "attached a SysV segment (mapped after the others)");
	pid_t self = getpid();

	struct snapshot s;
	struct collect_opts o = { .detail_pids = &self, .n_detail = 1 };
	snapshot_init(&s);
	ok(snapshot_take(&s, &o) == 0, "detail snapshot");
	const struct proc_info *p = snapshot_find_proc(&s, self);
	ok(p && p->n_maps >= N_MAPS, "every mapping read in detail (%zu)", p ? p->n_maps : 0);
	ok(find_sysv(p, shmid) != NULL, "the segment mapped last is there");
	snapshot_free(&s);

	/* A refresh loop's cheap choice (no maps but the detail processes'): ours, the detail
	 * process, still read in full; the parent's, not a detail process, not read. */
	struct collect_opts cheap = { .detail_pids = &self, .n_detail = 1, .no_maps = true };
	snapshot_init(&s);
	ok(snapshot_take(&s, &cheap) == 0, "detail snapshot without others' maps");
	p = snapshot_find_proc(&s, self);
	const struct proc_info *parent = snapshot_find_proc(&s, getppid());
	ok(p && p->n_maps >= N_MAPS && find_sysv(p, shmid) && parent && parent->n_maps == 0,
	   "no_maps: the detail process's mappings read (%zu), the parent's not (%zu)",
	   p ? p->n_maps : 0, parent ? parent->n_maps : 0);
	snapshot_free(&s);

	/* The IPC-only pass: from PROCMAP_QUERY where the kernel has it, and from the text. */
	for (int text = 0; text <= 1; text++) {
		const char *how = text ? "from the maps text" : "by PROCMAP_QUERY (or text)";
		struct collect_opts plain = { .maps_text = text };
		snapshot_init(&s);
		ok(snapshot_take(&s, &plain) == 0, "plain snapshot, shared maps %s", how);
		p = snapshot_find_proc(&s, self);
		ok(find_sysv(p, shmid) != NULL, "the IPC-only pass keeps the segment");
		ok(p && p->n_maps == 1, "and nothing else of the %d private mappings (%zu)", N_MAPS,
		   p ? p->n_maps : 0);
		bool in_channel = false;
		for (size_t i = 0; i < s.n_chans; i++)
			for (size_t j = 0; s.chans[i].kind == CK_SYSV_SHM && j < s.chans[i].n_ep; j++)
				in_channel |= s.chans[i].ep[j].pid == self;
		ok(in_channel, "and its channel names this process");
		snapshot_free(&s);
	}

	if (at != (void *)-1)
		shmdt(at);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
	test_zombie();
	test_gone_and_denied();
	collect_shutdown();
	return tap_done();
}
