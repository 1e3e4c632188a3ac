/* procfloor.c — the /proc floor for the benchmark: the least /proc reading that any tool giving
 * per-process state and descriptors must do, on one thread. It lists /proc; for each process it
 * opens and reads /proc/PID/stat and /proc/PID/status, lists /proc/PID/fd and reads every link
 * there. It parses nothing and prints only "procfloor: N processes, M descriptors" to stderr.
 * A process that ends meanwhile is passed over without a word.
 *
 *   procfloor --refresh COUNT
 * is the floor of an idle refresh instead: every process's /proc/PID/schedstat opened once and
 * kept open (the least a refresh can read to learn which processes ran), then COUNT passes 1 s
 * apart, each one pread of every kept file; prints "procfloor: N processes, CPU ms per pass
 * U user S system" (getrusage around the passes, the opening left out) to stdout.
 *
 *   procfloor --files
 * is the kernel's price of each /proc file a snapshot may read: for each kind in turn (stat,
 * status, statm, cmdline, cgroup, syscall, maps, io, the fd listing, the fd listing with every
 * link read, the exe and ns/net links, schedstat), that file of every process read whole (or
 * the link read) in three passes; prints "file KIND US" a line, US the CPU microseconds
 * (user + system, getrusage) per process and pass, then "processes N". */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static char buf[16384];

/* Read the whole of PID/NAME below /proc (one read for any file shorter than buf); 0 when it
 * could be opened, -1 when not (the process has ended). */
static int read_file(int proc, const char *pid, const char *name)
{
	char path[NAME_MAX + 16];
	snprintf(path, sizeof path, "%s/%s", pid, name);
	int fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (read(fd, buf, sizeof buf) == (ssize_t)sizeof buf)
		;
	close(fd);
	return 0;
}

/* Read every link in PID/fd; returns how many there were. */
static long read_fds(int proc, const char *pid)
{
	char path[NAME_MAX + 16];
	snprintf(path, sizeof path, "%s/fd", pid);
	int fd = openat(proc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return 0;
	}
	long n = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		if (readlinkat(fd, e->d_name, buf, sizeof buf) >= 0)
			n++;
	}
	closedir(dir);
	return n;
}

static double cpu_ms(int sys)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	const struct timeval *t = sys ? &ru.ru_stime : &ru.ru_utime;
	return (double)t->tv_sec * 1e3 + (double)t->tv_usec / 1e3;
}

/* The listing of PID/fd alone (fds_too 0), or with every link read. */
static void list_fds(int proc, const char *pid, int fds_too)
{
	char path[NAME_MAX + 16];
	snprintf(path, sizeof path, "%s/fd", pid);
	if (fds_too) {
		read_fds(proc, pid);
		return;
	}
	int fd = openat(proc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while (readdir(dir))
		;
	closedir(dir);
}

static void read_one(int proc, const char *pid, const char *kind)
{
	char path[NAME_MAX + 16];
	if (!strcmp(kind, "fd") || !strcmp(kind, "fd+links")) {
		list_fds(proc, pid, kind[2] == '+');
	} else if (!strcmp(kind, "exe") || !strcmp(kind, "ns/net")) {
		snprintf(path, sizeof path, "%s/%s", pid, kind);
		if (readlinkat(proc, path, buf, sizeof buf) < 0)
			buf[0] = 0;
	} else {
		read_file(proc, pid, kind);
	}
}

/* The price of each file: see the top of the file. */
static int file_costs(void)
{
	static const char *kinds[] = { "stat", "status", "statm", "cmdline", "cgroup", "syscall",
				       "maps", "io", "fd", "fd+links", "exe", "ns/net", "schedstat" };
	DIR *proc = opendir("/proc");
	if (!proc) {
		perror("procfloor: /proc");
		return 1;
	}
	int pfd = dirfd(proc);
	char (*pids)[16] = NULL;
	long n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(proc))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9' || strlen(e->d_name) >= 16)
			continue;
		if (n == cap && !(pids = realloc(pids, (size_t)(cap = cap ? 2 * cap : 1024) * sizeof(*pids))))
			return 1;
		strcpy(pids[n++], e->d_name);
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds) && n > 0; k++) {
		double t0 = cpu_ms(0) + cpu_ms(1);
		for (int pass = 0; pass < 3; pass++)
			for (long i = 0; i < n; i++)
				read_one(pfd, pids[i], kinds[k]);
		printf("file %s %.2f\n", kinds[k], (cpu_ms(0) + cpu_ms(1) - t0) * 1e3 / 3 / (double)n);
	}
	printf("processes %ld\n", n);
	closedir(proc);
	free(pids);
	return 0;
}

/* The idle refresh floor: see the top of the file. */
static int refresh_floor(long passes)
{
	DIR *proc = opendir("/proc");
	if (!proc || passes < 1) {
		perror("procfloor: /proc");
		return 1;
	}
	int pfd = dirfd(proc), *fds = NULL;
	long n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(proc))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		char path[NAME_MAX + 16];
		snprintf(path, sizeof path, "%s/schedstat", e->d_name);
		int fd = openat(pfd, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (n == cap && !(fds = realloc(fds, (size_t)(cap = cap ? 2 * cap : 1024) * sizeof(*fds))))
			return 1;
		fds[n++] = fd;
	}
	closedir(proc);
	double user = 0, sys = 0;
	for (long k = 0; k < passes; k++) {
		nanosleep(&(struct timespec){ 1, 0 }, NULL);
		double u0 = cpu_ms(0), s0 = cpu_ms(1);
		for (long i = 0; i < n; i++)
			if (pread(fds[i], buf, sizeof buf, 0) < 0)
				buf[0] = 0;   /* ended: passed over */
		user += cpu_ms(0) - u0;
		sys += cpu_ms(1) - s0;
	}
	printf("procfloor: %ld processes, CPU ms per pass %.2f user %.2f system\n", n,
	       user / (double)passes, sys / (double)passes);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--refresh"))
		return refresh_floor(strtol(argv[2], NULL, 10));
	if (argc == 2 && !strcmp(argv[1], "--files"))
		return file_costs();
	DIR *proc = opendir("/proc");
	if (!proc) {
		perror("procfloor: /proc");
		return 1;
	}
	int pfd = dirfd(proc);
	long procs = 0, fds = 0;
	struct dirent *e;
	while ((e = readdir(proc))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		if (read_file(pfd, e->d_name, "stat") < 0)
			continue;
		read_file(pfd, e->d_name, "status");
		fds += read_fds(pfd, e->d_name);
		procs++;
	}
	closedir(proc);
	fprintf(stderr, "procfloor: %ld processes, %ld descriptors\n", procs, fds);
	return 0;
}
