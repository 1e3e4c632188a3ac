/* collect_threads.c — the walk of /proc/PID/task: each thread's task/TID/stat (name, state,
 * CPU ticks) gives the list's threads (while it shows them) and each thread's wait
 * (collect_waits.c), in one walk: for a detail process, and for a process of 2 to
 * TASK_WAITS_MAX threads whose main thread sleeps (another thread can be blocked on a peer, or
 * close a ring through two threads that no other wait names). After the waits are resolved,
 * such a process whose main thread runs but that some wait names as a peer has its threads'
 * waits read too, so that a second walk is only for processes someone waits on. A process that
 * has not run since the previous snapshot has the same threads in the same calls: both are
 * copied from that snapshot instead. A bigger process in either case has its threads read in
 * turn, at most TASK_WAITS_MAX per refresh (collect_rotate.c). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"
#include "util/xalloc.h"

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
                       struct proc_info *before, struct task_want want)
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
		for (size_t i = 0; i < old->n_tasks; i++) {
			collect_wait_copy(s, &p->tasks[i], &old->tasks[i], p->tracer);
			collect_task_fd_take(&p->tasks[i], before);   /* kept for when it moves */
		}
	}
}

size_t collect_read_threads(struct scan_ctx *c, struct arena *a, pid_t pid,
                            struct thread_info *out, size_t cap)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/task", (int)pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	size_t n = 0;
	const char *name;
	dir_reader_init(&c->dir, dfd);
	while (n < cap && (name = dir_next(&c->dir)))
		n += read_thread(c, a, pid, name, &out[n]);
	close(dfd);
	return n;
}

static void walk_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                       struct proc_info *before, struct task_want want)
{
	char path[48];
	snprintf(path, sizeof(path), "%d/task", (int)p->pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
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
				collect_task_wait(s, c, p, before, t.tid, t.state,
						  &p->tasks[p->n_tasks++]);
		}
	close(dfd);
}

/* A process of 2 to TASK_WAITS_MAX threads whose main thread sleeps: another of its threads
 * can be blocked on a peer (then the process is blocked, and can close a ring no other wait
 * names), so its threads' waits are read; copied while it does not run. */
static bool threads_read(const struct proc_info *p)
{
	return p->nlwp >= 2 && p->nlwp <= TASK_WAITS_MAX && p->wait;
}

void collect_tasks(struct snapshot *s, struct scan_ctx *c, struct proc_info *p,
                   const struct proc_info *old, struct proc_info *before, bool detail)
{
	p->tasks = NULL;
	p->n_tasks = 0;
	p->threads = NULL;
	p->n_threads = 0;
	p->flags &= ~(uint32_t)PF_TASKS_UNREAD;
	if (p->flags & PF_KTHREAD)
		return;
	struct task_want want = {   /* others' thread waits: collect_peer_tasks, or copied */
		.threads = c->opts && c->opts->want_threads && p->nlwp > 1,
	};
	want.waits = (detail || (old && old->n_tasks) || threads_read(p) ||
		      (p->nlwp > TASK_WAITS_MAX && p->wait) ||
		      (want.threads && c->opts->want_thread_waits)) &&
		     !(c->opts && c->opts->no_waits);
	if (!want.waits && !want.threads)
		return;
	if (old && (!want.waits || (old->n_tasks && !(old->flags & PF_TASKS_UNREAD))) &&
	    (!want.threads || old->n_threads)) {
		copy_tasks(s, p, old, before, want);
		return;
	}
	if (want.waits && !detail && p->nlwp > TASK_WAITS_MAX)
		collect_tasks_rotate(s, c, p, before, want.threads);   /* in turn, within budget */
	else
		walk_tasks(s, c, p, before, want);
}

/* Mark in named[] the processes some wait of s names as a peer. */
static void mark_peers(const struct snapshot *s, uint8_t *named)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		for (size_t t = 0; t <= p->n_tasks; t++) {
			const struct task_wait *w = t == p->n_tasks ? p->wait : &p->tasks[t];
			for (size_t e = 0; w && e < w->n_peers; e++) {
				const struct proc_info *q = snapshot_find_proc(s, w->peers[e]);
				if (q)
					named[q - s->procs] = 1;
			}
		}
	}
}

size_t collect_peer_tasks(struct snapshot *s, struct scan_ctx *c)
{
	if (!s->n_procs || (c->opts && c->opts->no_waits))
		return 0;
	uint8_t *named = xcalloc(s->n_procs, 1);
	mark_peers(s, named);
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		if (!named[i] || p->n_tasks || p->nlwp < 2 || (p->flags & PF_KTHREAD))
			continue;
		struct proc_info *before = snapshot_same_proc(c->opts ? c->opts->prev : NULL, p);
		if (p->nlwp > TASK_WAITS_MAX)
			collect_tasks_rotate(s, c, p, before, false);
		else
			walk_tasks(s, c, p, before, (struct task_want){ .waits = true });
		n += p->n_tasks > 0;
	}
	free(named);
	return n;
}
