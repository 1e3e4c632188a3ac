/* fd_describe.c — anon-inode descriptors in words (see fd_describe.h). */
#include "model/fd_describe.h"

#include <string.h>
#include <sys/epoll.h>
#include <sys/sysmacros.h>

#include "model/kernel_names.h"
#include "util/text_escape.h"

/* Show at most this many watches or targets on one line. */
enum { LIST_MAX = 6 };

/* "5 s", "4.99 s", "250 ms", "0" */
static void put_ns(struct strbuf *sb, uint64_t ns)
{
	if (ns >= 1000000000u && ns % 1000000000u == 0)
		sb_printf(sb, "%llu s", (unsigned long long)(ns / 1000000000u));
	else if (ns >= 1000000000u)
		sb_printf(sb, "%.2f s", (double)ns / 1e9);
	else if (ns >= 1000000u)
		sb_printf(sb, "%.3g ms", (double)ns / 1e6);
	else
		sb_printf(sb, "%llu ns", (unsigned long long)ns);
}

static void timerfd_words(struct strbuf *sb, const struct fd_anon *a)
{
	const char *clock = clock_id_name(a->clockid);
	if (clock)
		sb_puts(sb, clock);
	else
		sb_printf(sb, "clock %d", (int)a->clockid);
	if ((a->have & FA_VALUE) && a->value_ns == 0) {
		sb_puts(sb, ", disarmed");
	} else {
		if ((a->have & FA_INTERVAL) && a->interval_ns) {
			sb_puts(sb, ", every ");
			put_ns(sb, a->interval_ns);
		}
		if (a->have & FA_VALUE) {
			sb_puts(sb, ", next in ");
			put_ns(sb, a->value_ns);
		}
	}
	if (a->have & FA_TICKS)
		sb_printf(sb, ", %llu ticks unread", (unsigned long long)a->ticks);
}

static void signal_words(struct strbuf *sb, uint64_t mask)
{
	if (!mask) {
		sb_puts(sb, "no signals");
		return;
	}
	const char *sep = "";
	for (int n = 1; n <= 64; n++) {
		if (!(mask & (1ull << (n - 1))))
			continue;
		const char *name = signal_name(n);
		if (name)
			sb_printf(sb, "%sSIG%s", sep, name);
		else
			sb_printf(sb, "%ssignal %d", sep, n);
		sep = " ";
	}
}

static void watch_words(struct strbuf *sb, const struct fd_anon *a)
{
	sb_printf(sb, "%u watch%s", a->n_watches, a->n_watches == 1 ? "" : "es");
	for (uint32_t i = 0; i < a->n_watches && i < LIST_MAX; i++) {
		const struct inotify_watch *wt = &a->watches[i];
		sb_printf(sb, "%s%u:%u inode %llu", i ? ", " : ": ", major(wt->dev), minor(wt->dev),
			  (unsigned long long)wt->ino);
	}
	if (a->n_watches > LIST_MAX)
		sb_puts(sb, ", ...");
}

void epoll_events_words(struct strbuf *sb, uint32_t mask)
{
	const char *sep = "";
	for (int b = 0; b < 32; b++) {
		uint32_t bit = 1u << b;
		if (!(mask & bit) || bit == EPOLLERR || bit == EPOLLHUP)
			continue;
		const char *name = epoll_event_name(bit);
		if (name)
			sb_printf(sb, "%s%s", sep, name);
		else
			sb_printf(sb, "%s0x%x", sep, bit);
		sep = " ";
	}
}

static void target_words(struct strbuf *sb, const struct fd_anon *a)
{
	if (!a->n_targets) {
		sb_puts(sb, "no targets");
		return;
	}
	sb_printf(sb, "%u target%s: ", a->n_targets, a->n_targets == 1 ? "" : "s");
	for (uint32_t i = 0; i < a->n_targets && i < LIST_MAX; i++) {
		sb_printf(sb, "%sfd %d (", i ? ", " : "", (int)a->targets[i].fd);
		epoll_events_words(sb, a->targets[i].events);
		sb_puts(sb, ")");
	}
	if (a->n_targets > LIST_MAX)
		sb_puts(sb, ", ...");
}

static void pid_words(struct strbuf *sb, const struct snapshot *s, int32_t pid)
{
	if (pid < 0) {
		sb_puts(sb, "process has ended");
		return;
	}
	if (pid == 0) {
		sb_puts(sb, "a process outside ipctop's pid namespace");
		return;
	}
	sb_printf(sb, "pid %d", (int)pid);
	const struct proc_info *p = snapshot_find_proc(s, pid);
	if (p && p->comm) {
		sb_puts(sb, " (");
		esc_append(sb, p->comm, strlen(p->comm));
		sb_puts(sb, ")");
	}
}

bool fd_anon_describe(struct strbuf *sb, const struct snapshot *s, const struct fd_info *f)
{
	const struct fd_anon *a = f->anon;
	if (!a)
		return false;
	if (f->kind == FDK_EVENTFD && (a->have & FA_COUNT))
		sb_printf(sb, "count %llu", (unsigned long long)a->count);
	else if (f->kind == FDK_TIMERFD && (a->have & FA_CLOCKID))
		timerfd_words(sb, a);
	else if (f->kind == FDK_SIGNALFD && (a->have & FA_SIGMASK))
		signal_words(sb, a->sigmask);
	else if (f->kind == FDK_INOTIFY)
		watch_words(sb, a);
	else if (f->kind == FDK_EVENTPOLL)
		target_words(sb, a);
	else if (f->kind == FDK_PIDFD && (a->have & FA_PID))
		pid_words(sb, s, a->pid);
	else
		return false;
	return true;
}

bool fd_memfd_describe(struct strbuf *sb, const struct fd_info *f)
{
	static const char prefix[] = "/memfd:", deleted[] = " (deleted)";
	const size_t np = sizeof(prefix) - 1, nd = sizeof(deleted) - 1;
	if (f->kind != FDK_MEMFD || !f->target)
		return false;
	size_t n = strlen(f->target);
	if (n < np || memcmp(f->target, prefix, np) != 0)
		return false;
	if (n >= np + nd && memcmp(f->target + n - nd, deleted, nd) == 0)
		n -= nd;   /* a memfd is never linked: the kernel always adds it */
	sb_puts(sb, "memfd ");
	esc_append(sb, f->target + np, n - np);
	return true;
}
