/* export_json_anon.c — what fdinfo told of an anon-inode descriptor, as members of its JSON fd
 * object: eventfd_count, timerfd, sigmask, inotify_watches, epoll_targets, pidfd_pid. */
#include "export/export_json_int.h"

#include <sys/sysmacros.h>

#include "model/kernel_names.h"

static void write_timerfd(struct json_writer *w, const struct fd_anon *a)
{
	jw_key(w, "timerfd");
	jw_object_begin(w);
	jw_kv_i64(w, "clockid", a->clockid);
	jw_key(w, "clock");
	json_write_name_or_num(w, clock_id_name(a->clockid), a->clockid);
	const char *keys[] = { "ticks", "value_ns", "interval_ns" };
	const uint32_t bits[] = { FA_TICKS, FA_VALUE, FA_INTERVAL };
	const uint64_t vals[] = { a->ticks, a->value_ns, a->interval_ns };
	for (int i = 0; i < 3; i++) {
		jw_kv_u64_or_null(w, keys[i], a->have & bits[i], vals[i]);
	}
	jw_object_end(w);
}

static void write_watches(struct json_writer *w, const struct fd_anon *a)
{
	jw_key(w, "inotify_watches");
	jw_array_begin(w);
	for (uint32_t i = 0; i < a->n_watches; i++) {
		const struct inotify_watch *wt = &a->watches[i];
		jw_object_begin(w);
		jw_kv_i64(w, "wd", wt->wd);
		jw_kv_u64(w, "inode", wt->ino);
		jw_key(w, "dev");
		jw_printf_str(w, "%u:%u", major(wt->dev), minor(wt->dev));
		jw_kv_u64(w, "mask", wt->mask);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void write_event_names(struct json_writer *w, uint32_t mask)
{
	jw_key(w, "event_names");
	jw_inline_array_begin(w);
	for (int b = 0; b < 32; b++) {
		uint32_t bit = 1u << b;
		if (!(mask & bit))
			continue;
		const char *name = epoll_event_name(bit);
		if (name)
			jw_clean_str(w, name);
		else
			jw_printf_str(w, "0x%x", bit);
	}
	jw_array_end(w);
}

static void write_targets(struct json_writer *w, const struct fd_anon *a)
{
	jw_key(w, "epoll_targets");
	jw_array_begin(w);
	for (uint32_t i = 0; i < a->n_targets; i++) {
		const struct epoll_target *t = &a->targets[i];
		jw_object_begin(w);
		jw_kv_i64(w, "fd", t->fd);
		jw_kv_u64(w, "events", t->events);
		write_event_names(w, t->events);
		jw_kv_u64(w, "inode", t->ino);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void json_write_fd_anon(struct json_writer *w, const struct fd_info *fd)
{
	const struct fd_anon *a = fd->anon;
	if (!a)
		return;
	switch (fd->kind) {
	case FDK_EVENTFD:
		if (a->have & FA_COUNT)
			jw_kv_u64(w, "eventfd_count", a->count);
		break;
	case FDK_TIMERFD:
		if (a->have & FA_CLOCKID)
			write_timerfd(w, a);
		break;
	case FDK_SIGNALFD:
		if (a->have & FA_SIGMASK)
			json_write_sig_names(w, "sigmask", a->sigmask);
		break;
	case FDK_INOTIFY:
		write_watches(w, a);
		break;
	case FDK_EVENTPOLL:
		write_targets(w, a);
		break;
	case FDK_PIDFD:
		if (!(a->have & FA_PID))
			break;
		jw_kv_i64_or_null(w, "pidfd_pid", a->pid >= 0, a->pid);
		break;
	default:
		break;
	}
}
