/* collect_threads.c — the one walk of /proc/PID/task a refresh makes for a process: each
 * thread's task/TID/stat (name, state, CPU ticks) gives the list's threads (while it shows
 * them) and, for a detail process or one of 2 to TASK_WAITS_MAX threads, each thread's wait
 * (collect_waits.c: a deadlock can run through a thread other than the main one). A process
 * that has not run since the previous snapshot has the same threads in the same calls: both
 * are copied from that snapshot instead. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "util/xalloc.h"

#define MAX_THREADS_READ 4096

/* Fields 2, 3, 14 and 15 of the stat line: "(comm) S ... utime stime". */
int parse_task_stat(const char *text, size_t len, struct arena *a, struct thread_info *t)
{
	const char *open = memchr(text, '(', len), *close = NULL;
	for (const char *q = text + len; q > text; q--)
		if (q[-1] == ')') {
			close = q - 1;
			break;
		}
	if (!open || !close || close < open || close + 4 >= text + len)
		return -1;
	t->comm = a ? arena_strndup(a, open + 1, (size_t)(close - open - 1)) : NULL;
	t->state = close[2];
	unsigned long long ut, st;
	const char *p = close + 4;                         /* field 4 */
	for (int field = 4; field < 14 && p; field++) {   /* skip fields 4 to 13 */
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (!p || sscanf(p, "%llu %llu", &ut, &st) != 2)
		return -1;
	t->utime = ut;
	t->stime = st;
	return 0;
}

/* What the walk of one process is for. */
struct task_want { bool waits, threads; };

static bool read_thread(struct scan_ctx *c, struct arena *a, pid_t pid, const char *tid,
			struct thread_info *t)
{
	char path[64];
	snprintf(path, sizeof(path), "%d/task/%.16s/stat", (int)pid, tid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	t->tid = atoi(tid);
	return n > 0 && t->tid > 0 && parse_task_stat(c->tmp.buf, (size_t)n, a, t) == 0;
}

/* old's threads and their waits into p: p has not run since old was taken. */
static void copy_tasks(struct snapshot *s, struct proc_info *p, const struct proc_info *old,
                       struct task_want want)
{
	if (want.threads) {
		p->threads = arena_alloc(&s->arena, old->n_threads * sizeof(*p->threads));
		p->n_threads = old->n_threads;
		for (uint32_t i = 0; i < old->n_threads; i++) {
			p->threads[i] = old->threads[i];
			p->threads[i].comm = old->threads[i].comm ?
				arena_strdup(&s->arena, old->threads[i].comm) : NULL;
		}
	}
	if (want.waits) {
		p->tasks = arena_alloc(&s->arena, old->n_tasks * sizeof(*p->tasks));
		p->n_tasks = old->n_tasks;
		for (size_t i = 0; i < old->n_tasks; i++)
			collect_wait_copy(s, &p->tasks[i], &old->tasks[i], p->tracer);
	}
}

static void walk_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p, int dfd,
                       struct task_want want)
{
	size_t cap = p->nlwp > 0 ? (size_t)p->nlwp + 8 : 16;
	if (cap > MAX_THREADS_READ)
		cap = MAX_THREADS_READ;
	if (want.threads)
		p->threads = arena_alloc(&s->arena, cap * sizeof(*p->threads));
	if (want.waits)
		p->tasks = arena_alloc(&s->arena, cap * sizeof(*p->tasks));
	dir_reader_init(&c->dir, dfd);
	const char *name;
	struct thread_info t;
	while ((name = dir_next(&c->dir)))
		if (read_thread(c, want.threads ? &s->arena : NULL, p->pid, name, &t)) {
			if (want.threads && t.tid != p->pid && p->n_threads < cap)
				p->threads[p->n_threads++] = t;
			if (want.waits && p->n_tasks < cap)
				collect_task_wait(s, c, p, t.tid, t.state, &p->tasks[p->n_tasks++]);
		}
}

void collect_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                   const struct proc_info *old, bool detail)
{
	p->tasks = NULL;
	p->n_tasks = 0;
	p->threads = NULL;
	p->n_threads = 0;
	if (p->flags & PF_KTHREAD)
		return;
	struct task_want want = {
		.waits = (detail || (p->nlwp > 1 && p->nlwp <= TASK_WAITS_MAX)) &&
			 !(c->opts && c->opts->no_waits),
		.threads = c->opts && c->opts->want_threads && p->nlwp > 1,
	};
	if (!want.waits && !want.threads)
		return;
	if (old && (!want.waits || old->n_tasks) && (!want.threads || old->n_threads)) {
		copy_tasks(s, p, old, want);
		return;
	}
	char path[48];
	snprintf(path, sizeof(path), "%d/task", (int)p->pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	walk_tasks(s, c, p, dfd, want);
	close(dfd);
}
