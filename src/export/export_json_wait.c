/* export_json_wait.c — waits as JSON: a process's "wait" (its main thread's) and
 * "blocked_wait" (the one that blocks it, maybe another thread's: model/wait_short.h), the "tasks" of a
 * detail process with each thread's wait, and the top level's "wait_cycles". Every key is
 * always written (null where it does not apply), as the strict schema wants. */
#include "export/export_json_int.h"

#include "model/kernel_names.h"
#include "model/wait_decode.h"
#include "model/wait_short.h"

static void write_call(struct json_writer *w, const struct task_wait *t)
{
	jw_kv_i64_or_null(w, "syscall_nr", t->syscall_nr >= 0, t->syscall_nr);
	jw_key(w, "syscall");
	if (t->syscall_nr >= 0)
		json_write_name_or_num(w, syscall_name(t->syscall_nr), t->syscall_nr);
	else
		jw_null(w);
	jw_kv_bool(w, "readable", t->syscall_nr != -3);
}

static void write_object(struct json_writer *w, const struct task_wait *t)
{
	jw_kv_i64_or_null(w, "fd", t->fd >= 0, t->fd);
	jw_key(w, "direction");
	if (t->dir == ACC_R)
		jw_str(w, "in");
	else if (t->dir == ACC_W)
		jw_str(w, "out");
	else
		jw_null(w);
	jw_key(w, "futex");
	if (t->kind == WK_FUTEX)
		jw_hex_str(w, (uint64_t)t->arg, 1);
	else
		jw_null(w);
	jw_kv_i64_or_null(w, "child", t->kind == WK_CHILD, t->arg);
	jw_kv_i64_or_null(w, "sysv_id", t->kind == WK_SYSV_MSG || t->kind == WK_SYSV_SEM, t->arg);
	jw_kv_i64_or_null(w, "nfds", t->kind == WK_POLL, t->arg);
	jw_kv_i64_or_null(w, "by", t->by > 0, t->by);
}

static void write_chan(struct json_writer *w, const struct snapshot *s, int32_t chan)
{
	jw_key(w, "channel");
	if (chan >= 0 && (size_t)chan < s->n_chans)
		jw_str(w, s->chans[chan].id);
	else
		jw_null(w);
}

static void write_pids(struct json_writer *w, const char *key, const pid_t *v, size_t n)
{
	jw_key(w, key);
	jw_inline_array_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_i64(w, v[i]);
	jw_array_end(w);
}

/* epoll_wait: each watched descriptor with its channel and peers; null when the list was not
 * read (another wait kind, or the epoll fd's fdinfo was unreadable). */
static void write_watched(struct json_writer *w, const struct snapshot *s,
                          const struct task_wait *t)
{
	jw_key(w, "watched");
	if (!t->watch_read) {
		jw_null(w);
		return;
	}
	jw_array_begin(w);
	for (uint32_t i = 0; i < t->n_watched; i++) {
		const struct wait_watch *x = &t->watched[i];
		jw_object_begin(w);
		jw_kv_i64(w, "fd", x->t.fd);
		jw_kv_i64(w, "events", x->t.events);
		write_chan(w, s, x->chan);
		write_pids(w, "peers", x->peers, x->n_peers);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void write_wait(struct json_writer *w, const struct snapshot *s, const struct task_wait *t)
{
	if (!t) {
		jw_null(w);
		return;
	}
	jw_object_begin(w);
	jw_kv_i64(w, "tid", t->tid);
	jw_kv_i64(w, "age_ms", t->read_ms && s->taken_ms > t->read_ms ?
		  (int64_t)(s->taken_ms - t->read_ms) : 0);   /* read by an earlier snapshot */
	jw_key(w, "kind");
	jw_clean_str(w, wait_kind_name(t->kind));
	write_call(w, t);
	write_object(w, t);
	write_chan(w, s, t->chan);
	write_pids(w, "peers", t->peers, t->n_peers);
	write_watched(w, s, t);
	jw_object_end(w);
}

void json_write_proc_wait(struct json_writer *w, const struct snapshot *s,
                          const struct proc_info *p)
{
	jw_key(w, "wait");
	write_wait(w, s, p->wait);
	jw_key(w, "blocked_wait");
	write_wait(w, s, wait_blocking(p));
}

void json_write_tasks(struct json_writer *w, const struct snapshot *s, const struct proc_info *p)
{
	jw_key(w, "tasks");
	jw_array_begin(w);
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task_wait *t = &p->tasks[i];
		char state[2] = { t->state ? t->state : '?', '\0' };
		jw_object_begin(w);
		jw_kv_i64(w, "tid", t->tid);
		jw_kv_str(w, "state", state);
		jw_key(w, "wait");
		write_wait(w, s, wait_state(t->state) ? t : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void json_write_wait_cycles(struct json_writer *w, const struct snapshot *s)
{
	jw_key(w, "wait_cycles");
	jw_array_begin(w);
	for (size_t c = 0; c < s->n_cycles; c++) {
		jw_inline_array_begin(w);
		for (size_t i = 0; i < s->cycles[c].n; i++)
			jw_i64(w, s->cycles[c].pids[i]);
		jw_array_end(w);
	}
	jw_array_end(w);
}
