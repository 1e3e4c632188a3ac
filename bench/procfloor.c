/* procfloor.c — the /proc floor for the benchmark: the least /proc reading that any tool giving
 * per-process state and descriptors must do, on one thread. It lists /proc; for each process it
 * opens and reads /proc/PID/stat and /proc/PID/status, lists /proc/PID/fd and reads every link
 * there. It parses nothing and prints only "procfloor: N processes, M descriptors" to stderr.
 * A process that ends meanwhile is passed over without a word. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
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

int main(void)
{
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
