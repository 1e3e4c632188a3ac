/* collect_workers.c — the per-process part of a snapshot spread over worker threads. Reading
 * /proc (status, cmdline, descriptor links, maps) is nearly all system time spent on
 * independent files, so two CPUs do it in about half the wall time. Each worker has its own
 * buffers and its own arena and notes (a private "shadow" snapshot, merged into the real one
 * at the end); processes are handed out in small batches from one atomic counter. The caller's
 * thread is worker 0; if a thread cannot be started, the others simply take its share.
 * collect_each spreads any other per-item system calls the same way (collect_fill's probes). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "util/xalloc.h"

enum { BATCH = 8, PROCS_PER_THREAD = 64 };

struct work {
	struct snapshot *s;          /* the snapshot being taken: its procs array is shared */
	bool *gone;                  /* gone[i]: procs[i] exited while it was read */
	atomic_size_t next;          /* first process not yet handed out */
};

struct worker {
	pthread_t tid;
	bool started;
	struct work *w;
	struct scan_ctx c;           /* own buffers; options and /proc descriptor shared */
	struct snapshot shadow;      /* own arena and notes */
};

static void *run_worker(void *arg)
{
	struct worker *k = arg;
	struct work *w = k->w;
	size_t n = w->s->n_procs, i;
	while ((i = atomic_fetch_add(&w->next, BATCH)) < n) {
		size_t end = i + BATCH < n ? i + BATCH : n;
		for (; i < end; i++)
			w->gone[i] = collect_one(&k->shadow, &k->c, &w->s->procs[i]) < 0;
	}
	return NULL;
}

static unsigned thread_count(const struct scan_ctx *proto, size_t n_procs)
{
	unsigned want = proto->opts ? proto->opts->threads : 0;
	if (want == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		want = cpus > 0 ? (unsigned)cpus : 1;
		size_t useful = n_procs / PROCS_PER_THREAD + 1;   /* a thread costs about this */
		if (want > useful)
			want = (unsigned)useful;
	}
	return want > COLLECT_MAX_THREADS ? COLLECT_MAX_THREADS : want;
}

/* Move a worker's arena, notes and counters into the snapshot. */
static void merge(struct snapshot *s, struct worker *k)
{
	snapshot_adopt(s, &k->shadow);
	snapshot_free(&k->shadow);
	scan_ctx_free(&k->c);
}

static void drop_gone(struct snapshot *s, const bool *gone)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		if (gone[i]) {
			collect_forget_runtime(&s->procs[i]);
			continue;
		}
		if (k != i)
			s->procs[k] = s->procs[i];
		k++;
	}
	s->n_procs = k;
}

struct each {
	void (*fn)(void *arg, size_t i);
	void *arg;
	size_t n;
	atomic_size_t next;
};

static void *run_each(void *arg)
{
	struct each *e = arg;
	size_t i;
	while ((i = atomic_fetch_add(&e->next, BATCH)) < e->n)
		for (size_t end = i + BATCH < e->n ? i + BATCH : e->n; i < end; i++)
			e->fn(e->arg, i);
	return NULL;
}

void collect_each(const struct scan_ctx *proto, size_t n, void (*fn)(void *arg, size_t i),
                  void *arg)
{
	struct each e = { .fn = fn, .arg = arg, .n = n };
	atomic_init(&e.next, 0);
	unsigned k = thread_count(proto, n);
	pthread_t tid[COLLECT_MAX_THREADS];
	bool started[COLLECT_MAX_THREADS] = { false };
	for (unsigned t = 1; t < k; t++)
		started[t] = pthread_create(&tid[t], NULL, run_each, &e) == 0;
	run_each(&e);
	for (unsigned t = 1; t < k; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
}

void collect_all(struct snapshot *s, const struct scan_ctx *proto)
{
	unsigned n = thread_count(proto, s->n_procs);
	struct work w = { .s = s, .gone = xcalloc(s->n_procs ? s->n_procs : 1, sizeof(bool)) };
	atomic_init(&w.next, 0);
	struct worker *ks = xcalloc(n, sizeof(*ks));
	for (unsigned i = 0; i < n; i++) {
		ks[i].w = &w;
		ks[i].c.opts = proto->opts;
		ks[i].c.proc_fd = proto->proc_fd;
		ks[i].c.page_kib = proto->page_kib;
		ks[i].c.self_pid = proto->self_pid;
		ks[i].c.own_pidns = proto->own_pidns;
		snapshot_init(&ks[i].shadow);
	}
	for (unsigned i = 1; i < n; i++)
		ks[i].started = pthread_create(&ks[i].tid, NULL, run_worker, &ks[i]) == 0;
	run_worker(&ks[0]);
	for (unsigned i = 0; i < n; i++) {
		if (ks[i].started)
			pthread_join(ks[i].tid, NULL);
		merge(s, &ks[i]);
	}
	drop_gone(s, w.gone);
	free(w.gone);
	free(ks);
}
