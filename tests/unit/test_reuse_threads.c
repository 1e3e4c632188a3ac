/* test_reuse_threads.c — the run time a refresh loop compares, for many-threaded processes:
 * up to 8 threads it is the sum of the threads' /proc/PID/task/TID/schedstat run times (read
 * here from the kernel), above 8 it is not read (0: the process is always rescanned). Real
 * children with exactly 8 and 9 threads, all blocked. The thread list of the 8-thread child,
 * which does not run, is copied from one snapshot of a refresh loop to the next: the same
 * threads, named as the kernel names them. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* A child with n threads in all, each blocked in pause(). It dies with the test and holds
 * none of its output open (a crashed test must not leave it running or hang the TAP driver). */
static pid_t start_threads(int n)
{
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(1);
		for (int i = 1; i < n; i++) {
			pthread_t t;
			if (pthread_create(&t, NULL, idle, NULL) != 0)
				_exit(1);
		}
		idle(NULL);
	}
	return pid;
}

/* Sum of the run times of pid's threads when there are want of them, all sleeping, else 0. */
static unsigned long long kernel_runtime(pid_t pid, int want)
{
	char path[384], buf[256];
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return 0;
	unsigned long long sum = 0, run;
	int n = 0, asleep = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
		FILE *f = fopen(path, "r");
		if (f && fscanf(f, "%llu", &run) == 1)
			sum += run;
		if (f)
			fclose(f);
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", (int)pid, e->d_name);
		f = fopen(path, "r");
		size_t k = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
		if (f)
			fclose(f);
		buf[k] = '\0';
		char *paren = strrchr(buf, ')');
		asleep += paren && paren[1] == ' ' && paren[2] == 'S';
	}
	closedir(d);
	return n == want && asleep == want ? sum : 0;
}

/* The snapshot's run time of the child, once the kernel's stays put across the snapshot. */
static bool runtime_seen(pid_t pid, int threads, unsigned long long *kernel, uint64_t *ours)
{
	for (int tries = 0; tries < 300; tries++, usleep(10000)) {
		unsigned long long before = kernel_runtime(pid, threads);
		if (!before)
			continue;
		struct snapshot s;
		struct collect_opts o = { .refresh_loop = true, .no_maps = true };
		snapshot_init(&s);
		snapshot_take(&s, &o);
		const struct proc_info *p = snapshot_find_proc(&s, pid);
		bool whole = p && p->nlwp == threads;
		*ours = p ? p->sched_runtime : 0;
		snapshot_free(&s);
		*kernel = kernel_runtime(pid, threads);
		if (whole && *kernel == before)
			return true;
	}
	return false;
}

/* The kernel's name of thread tid of pid into name[16]. */
static bool thread_comm(pid_t pid, pid_t tid, char *name)
{
	char path[96];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	FILE *f = fopen(path, "r");
	bool got = f && fgets(name, 16, f);
	if (f)
		fclose(f);
	if (got)
		name[strcspn(name, "\n")] = '\0';
	return got;
}

/* Whether the thread lists of pid in a and b are the same 7 threads with the kernel's names. */
static bool same_threads(const struct snapshot *a, const struct snapshot *b, pid_t pid)
{
	const struct proc_info *p = snapshot_find_proc(a, pid), *q = snapshot_find_proc(b, pid);
	if (!p || !q || p->n_threads != 7 || q->n_threads != 7)
		return false;
	for (uint32_t i = 0; i < 7; i++) {
		char name[16];
		const struct thread_info *t = &q->threads[i];
		if (t->tid != p->threads[i].tid || !t->comm || !thread_comm(pid, t->tid, name) ||
		    strcmp(t->comm, name) != 0 || t->state != 'S')
			return false;
	}
	return true;
}

static void check_thread_list_copied(pid_t pid)
{
	struct collect_opts o = { .refresh_loop = true, .no_maps = true, .want_threads = true };
	struct snapshot a, b;
	bool same = false;
	for (int tries = 0; tries < 20 && !same; tries++) {
		snapshot_init(&a);
		snapshot_take(&a, &o);
		o.prev = &a;
		snapshot_init(&b);
		snapshot_take(&b, &o);
		o.prev = NULL;
		same = same_threads(&a, &b, pid);
		snapshot_free(&b);
		snapshot_free(&a);
	}
	ok(same, "the idle child's 7 other threads: the same in the next snapshot, with their names");
}

int main(void)
{
	pid_t eight = start_threads(8), nine = start_threads(9);
	unsigned long long k8 = 0, k9 = 0;
	uint64_t r8 = 0, r9 = 0;
	ok(eight > 0 && runtime_seen(eight, 8, &k8, &r8), "a child with 8 threads, all asleep");
	is_int(r8, k8, "8 threads: the run time is the sum of the 8 threads' schedstat");
	ok(nine > 0 && runtime_seen(nine, 9, &k9, &r9), "a child with 9 threads, all asleep");
	is_int(r9, 0, "9 threads: no run time read, the process is always rescanned");
	if (eight > 0)
		check_thread_list_copied(eight);
	for (int i = 0; i < 2; i++) {
		pid_t pid = i ? nine : eight;
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
	}
	collect_shutdown();
	return tap_done();
}
