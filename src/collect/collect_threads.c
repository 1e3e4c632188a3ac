/* collect_threads.c — the threads of a process other than its main one, each from
 * /proc/PID/task/TID/stat (name, state, CPU ticks): read only while the list shows threads. */
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
	t->comm = arena_strndup(a, open + 1, (size_t)(close - open - 1));
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

static bool read_thread(struct snapshot *s, struct scan_ctx *c, pid_t pid, const char *tid,
			struct thread_info *t)
{
	char path[64];
	snprintf(path, sizeof(path), "%d/task/%.16s/stat", (int)pid, tid);
	long n = read_whole_at(c->proc_fd, path, &c->tmp);
	t->tid = atoi(tid);
	return n > 0 && parse_task_stat(c->tmp.buf, (size_t)n, &s->arena, t) == 0;
}

void collect_threads(struct snapshot *s, struct scan_ctx *c, struct proc_info *p)
{
	char path[48];
	p->threads = NULL;
	p->n_threads = 0;
	if (p->nlwp <= 1 || (p->flags & PF_KTHREAD))
		return;
	snprintf(path, sizeof(path), "%d/task", (int)p->pid);
	int dfd = openat(c->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	size_t cap = (size_t)p->nlwp < MAX_THREADS_READ ? (size_t)p->nlwp : MAX_THREADS_READ;
	struct thread_info *t = arena_alloc(&s->arena, cap * sizeof(*t));
	size_t n = 0;
	dir_reader_init(&c->dir, dfd);
	const char *tid;
	while ((tid = dir_next(&c->dir)) && n < cap)
		if (atoi(tid) != p->pid && read_thread(s, c, p->pid, tid, &t[n]))
			n++;
	close(dfd);
	p->threads = t;
	p->n_threads = (uint32_t)n;
}
