/* export_json_wait.c — waits as JSON: a process's "wait" (its main thread's), the "tasks" of a
 * detail process with each thread's wait, and the top level's "wait_cycles". Every key is
 * always written (null where it does not apply), as the strict schema wants. */
#include "export/export_json_int.h"

#include "model/kernel_names.h"
#include "model/wait_decode.h"

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

static void write_wait(struct json_writer *w, const struct snapshot *s, const struct task_wait *t)
{
	if (!t) {
		jw_null(w);
		return;
	}
	jw_object_begin(w);
	jw_kv_i64(w, "tid", t->tid);
	jw_key(w, "kind");
	jw_clean_str(w, wait_kind_name(t->kind));
	write_call(w, t);
	write_object(w, t);
	jw_key(w, "channel");
	if (t->chan >= 0 && (size_t)t->chan < s->n_chans)
		jw_str(w, s->chans[t->chan].id);
	else
		jw_null(w);
	jw_key(w, "peers");
	jw_inline_array_begin(w);
	for (size_t i = 0; i < t->n_peers; i++)
		jw_i64(w, t->peers[i]);
	jw_array_end(w);
	jw_object_end(w);
}

void json_write_proc_wait(struct json_writer *w, const struct snapshot *s,
                          const struct proc_info *p)
{
	jw_key(w, "wait");
	write_wait(w, s, p->wait);
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
