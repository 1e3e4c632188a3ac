/* source_live.c — snapshots of the live machine, taken by a collector thread every delay (or
 * at once when asked), each from the previous one (idle processes carried over, a sixtieth
 * of them read in full each time). The thread reads the snapshot the loop holds, and never
 * frees one: the loop does, after take. Hand-over: at most one snapshot ready, taken by the loop through an eventfd. */
#include "source/source.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect.h"
#include "model/rates.h"
#include "model/wait_since.h"
#include "util/xalloc.h"

/* Each refresh reads a sixtieth of the processes in full (by pid) even if they have not run:
 * each one at least once in sixty refreshes (collect_opts rescan_every). */
#define RESCAN_EVERY 60

struct live {
	pthread_t thread;
	bool running;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int efd;
	struct source_wants wants;
	bool now, stopping;
	struct snapshot *held;      /* the loop's current snapshot: the next one's prev */
	struct snapshot *ready;     /* taken, not yet handed over */
	unsigned taken;
	struct timespec due;
};

static void due_after(struct timespec *ts, int tenths)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += tenths / 10;
	ts->tv_nsec += (long)(tenths % 10) * 100000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static struct snapshot *take_one(struct live *l, const struct snapshot *prev, struct source_wants w)
{
	struct snapshot *s = xmalloc(sizeof(*s));
	pid_t detail[2] = { w.detail_pid, w.compare_pid };
	struct collect_opts co = { .prev = prev, .refresh_loop = true, .no_cpu_stat = w.no_cpu_stat,
				   .want_exe = w.exe, .want_threads = w.threads,
				   .want_thread_waits = w.thread_waits, .want_cgroup = w.service,
				   .read_io = w.io,
				   .probe_fill = PROBE_DETAIL,
				   .rescan_every = RESCAN_EVERY, .rescan_turn = l->taken++ % RESCAN_EVERY };
	if (detail[0] > 0) {
		co.detail_pids = detail;
		co.n_detail = detail[1] > 0 ? 2 : 1;
	}
	snapshot_init(s);
	if (snapshot_take(s, &co) < 0) {
		snapshot_free(s);
		free(s);
		return NULL;
	}
	if (prev)
		snapshot_rates(s, prev);   /* TCP ends' and (when read) I/O rates since the last refresh */
	wait_since_carry(s, prev);     /* how long each blocked process has waited */
	return s;
}

/* Wait until a snapshot is due and the last one was handed over; false when stopping. */
static bool wait_turn(struct live *l)
{
	for (;;) {
		if (l->stopping)
			return false;
		if (!l->ready && l->now)
			return true;
		int r = l->ready ? pthread_cond_wait(&l->wake, &l->lock)
				 : pthread_cond_timedwait(&l->wake, &l->lock, &l->due);
		if (r == ETIMEDOUT && !l->ready)
			return true;
	}
}

static void *collector(void *arg)
{
	struct live *l = arg;
	pthread_mutex_lock(&l->lock);
	while (wait_turn(l)) {
		l->now = false;
		const struct snapshot *prev = l->held;
		struct source_wants w = l->wants;
		pthread_mutex_unlock(&l->lock);
		struct snapshot *s = take_one(l, prev, w);   /* prev is only read */
		pthread_mutex_lock(&l->lock);
		due_after(&l->due, l->wants.delay_tenths);
		if (s) {
			l->ready = s;
			uint64_t one = 1;
			if (write(l->efd, &one, sizeof(one)) < 0) {
				/* the counter cannot overflow here: the loop reads it at every take */
			}
		}
	}
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

static int live_start(struct source *src, const struct source_wants *w, struct snapshot **first)
{
	struct live *l = src->priv;
	l->wants = *w;
	struct snapshot *s = xmalloc(sizeof(*s));
	struct collect_opts co = { .refresh_loop = true, .full_rescan = true, .no_cpu_stat = w->no_cpu_stat,
				   .want_exe = w->exe, .want_threads = w->threads,
				   .want_thread_waits = w->thread_waits, .want_cgroup = w->service,
				   .read_io = w->io,
				   .probe_fill = PROBE_DETAIL };
	snapshot_init(s);
	int r = snapshot_take(s, &co);
	if (r < 0) {
		snapshot_free(s);
		free(s);
		return r;
	}
	l->taken = 1;
	l->held = s;
	*first = s;
	due_after(&l->due, w->delay_tenths);
	/* The collector takes no signal: they are the loop's to handle. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	r = pthread_create(&l->thread, NULL, collector, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0)
		return -r;
	l->running = true;
	return 0;
}

static int live_fd(struct source *src)
{
	return ((struct live *)src->priv)->efd;
}

static struct snapshot *live_take(struct source *src)
{
	struct live *l = src->priv;
	uint64_t n;
	if (read(l->efd, &n, sizeof(n)) < 0) {
		/* EAGAIN: nothing counted; the ready pointer below says what there is */
	}
	pthread_mutex_lock(&l->lock);
	struct snapshot *s = l->ready;
	if (s) {
		l->ready = NULL;
		l->held = s;
		pthread_cond_signal(&l->wake);
	}
	pthread_mutex_unlock(&l->lock);
	return s;
}

static void live_release(struct source *src, struct snapshot *old)
{
	(void)src;
	if (!old)
		return;
	snapshot_free(old);
	free(old);
	malloc_trim(0);    /* give the old snapshot's pages back: a monitor's RSS stays flat */
}

static void live_want(struct source *src, const struct source_wants *w, bool now)
{
	struct live *l = src->priv;
	pthread_mutex_lock(&l->lock);
	bool changed = w->detail_pid != l->wants.detail_pid || w->compare_pid != l->wants.compare_pid ||
		       w->delay_tenths != l->wants.delay_tenths ||
		       w->exe != l->wants.exe || w->threads != l->wants.threads ||
		       w->io != l->wants.io || w->service != l->wants.service ||
		       w->thread_waits != l->wants.thread_waits;
	if (w->delay_tenths != l->wants.delay_tenths)
		due_after(&l->due, w->delay_tenths);
	l->wants = *w;
	if (now)
		l->now = true;
	if (now || changed)
		pthread_cond_signal(&l->wake);
	pthread_mutex_unlock(&l->lock);
}

static void live_stop(struct source *src)
{
	struct live *l = src->priv;
	if (!l)
		return;
	if (l->running) {            /* a snapshot under way is finished first */
		pthread_mutex_lock(&l->lock);
		l->stopping = true;
		pthread_cond_broadcast(&l->wake);
		pthread_mutex_unlock(&l->lock);
		pthread_join(l->thread, NULL);
	}
	if (l->ready) {
		snapshot_free(l->ready);
		free(l->ready);
	}
	/* held belongs to the loop, which frees it */
	close(l->efd);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->wake);
	free(l);
	src->priv = NULL;
}

static const struct source_ops live_ops = {
	.name = "live", .start = live_start, .fd = live_fd, .take = live_take,
	.release = live_release, .want = live_want, .stop = live_stop,
};

void source_live_init(struct source *s)
{
	struct live *l = xcalloc(1, sizeof(*l));
	pthread_mutex_init(&l->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&l->wake, &ca);
	pthread_condattr_destroy(&ca);
	l->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	s->ops = &live_ops;
	s->priv = l;
}
