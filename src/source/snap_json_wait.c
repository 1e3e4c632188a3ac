/* snap_json_wait.c — a process object's "wait" and "blocked_wait" (export_json_wait.c) and
 * the top level's "wait_cycles" back into the snapshot, after the channels (a wait names its
 * channel by id), so that a replay's waits screen shows what blocked whom. A document of an
 * older ipctop without them reads as no waits. */
#include "source/snap_json_wait.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/wait_decode.h"
#include "util/xalloc.h"

static const char *kind_name(unsigned k) { return wait_kind_name((uint8_t)k); }

/* The channels by id (a busy machine has tens of thousands; waits name them by id): their
 * indexes sorted by id. */
struct chan_ref { int32_t i; const char *id; };

static int ref_order(const void *a, const void *b)
{
	return strcmp(((const struct chan_ref *)a)->id, ((const struct chan_ref *)b)->id);
}

static struct chan_ref *by_id_make(const struct snapshot *s)
{
	struct chan_ref *v = xcalloc(s->n_chans ? s->n_chans : 1, sizeof(*v));
	for (size_t c = 0; c < s->n_chans; c++)
		v[c] = (struct chan_ref){ (int32_t)c, s->chans[c].id ? s->chans[c].id : "" };
	qsort(v, s->n_chans, sizeof(*v), ref_order);
	return v;
}

/* "channel": a channel id of the document, or null (-1). */
static bool read_chan_ref(struct rd *r, const struct chan_ref *by_id, json_t *o, int32_t *out)
{
	char *id = NULL;
	*out = -1;
	if (!get_str(r, o, "channel", OPT, true, &id))
		return false;
	struct chan_ref key = { -1, id };
	const struct chan_ref *at = id ? bsearch(&key, by_id, r->s->n_chans, sizeof(*by_id), ref_order) : NULL;
	if (at)
		*out = at->i;
	return true;
}

static bool read_pids(struct rd *r, json_t *o, const char *key, pid_t **out, size_t *n)
{
	json_t *a = NULL, *v;
	size_t i;
	*out = NULL;
	*n = 0;
	if (!get_arr(r, o, key, OPT, &a))
		return false;
	if (!a || json_array_size(a) == 0)
		return true;
	*out = arena_alloc(&r->s->arena, json_array_size(a) * sizeof(pid_t));
	json_array_foreach(a, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > INT32_MAX)
			return rd_fail(r, key, "expected pids");
		(*out)[(*n)++] = (pid_t)json_integer_value(v);
	}
	return true;
}

/* The kind's argument: a futex address ("0x" hex), a child, a SysV id or a count. */
static bool read_arg(struct rd *r, json_t *o, struct task_wait *t)
{
	static const struct { uint8_t kind; const char *key; } args[] = {
		{ WK_CHILD, "child" }, { WK_SYSV_MSG, "sysv_id" }, { WK_SYSV_SEM, "sysv_id" },
		{ WK_POLL, "nfds" },
	};
	if (t->kind == WK_FUTEX) {
		json_t *v = json_object_get(o, "futex");
		const char *h = json_is_string(v) ? json_string_value(v) : NULL;
		if (!h || strncmp(h, "0x", 2) != 0 || strlen(h) > 18 || strlen(h) < 3 ||
		    strspn(h + 2, "0123456789abcdefABCDEF") != strlen(h) - 2)
			return rd_fail(r, "futex", "expected \"0x\" and up to 16 hex digits");
		t->arg = (int64_t)strtoull(h + 2, NULL, 16);
		return true;
	}
	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++)
		if (args[i].kind == t->kind)
			return get_int_null(r, o, args[i].key, INT64_MIN, INT64_MAX, 0, &t->arg);
	return true;
}

static bool read_watched(struct rd *r, const struct chan_ref *by_id, json_t *o, struct task_wait *t)
{
	json_t *a = NULL, *w;
	size_t i;
	if (json_is_null(json_object_get(o, "watched")))
		return true;     /* not read: another kind, or the epoll fd's fdinfo unreadable */
	if (!get_arr(r, o, "watched", OPT, &a))
		return false;
	if (!a)
		return true;
	t->watch_read = true;
	t->watched = arena_alloc(&r->s->arena, (json_array_size(a) + 1) * sizeof(*t->watched));
	json_array_foreach(a, i, w) {
		struct wait_watch *x = &t->watched[t->n_watched++];
		int64_t fd = -1, ev = 0;
		memset(x, 0, sizeof(*x));
		if (!json_is_object(w))
			return rd_fail(r, "watched", "expected objects");
		if (!get_int(r, w, "fd", REQ, 0, INT32_MAX, &fd) || !get_int(r, w, "events", REQ, 0, UINT32_MAX, &ev) ||
		    !read_chan_ref(r, by_id, w, &x->chan) || !read_pids(r, w, "peers", &x->peers, &x->n_peers))
			return false;
		x->t.fd = (int32_t)fd;
		x->t.events = (uint32_t)ev;
	}
	return true;
}

/* One wait object (not null) into t; state is its thread's. */
static bool read_one(struct rd *r, const struct chan_ref *by_id, json_t *o, char state, struct task_wait *t)
{
	unsigned kind = 0;
	int64_t tid = 0, nr = -1, fd = -1, by = 0;
	bool readable = true;
	json_t *dir = json_object_get(o, "direction");
	memset(t, 0, sizeof(*t));
	if (!json_is_object(o))
		return rd_fail(r, NULL, "expected an object or null as a wait");
	if (!get_int(r, o, "tid", REQ, 1, INT32_MAX, &tid) ||
	    !get_name(r, o, "kind", kind_name, WK__COUNT, false, &kind) ||
	    !get_int_null(r, o, "syscall_nr", -1, INT32_MAX, -1, &nr) ||
	    !get_bool(r, o, "readable", OPT, &readable) ||
	    !get_int_null(r, o, "fd", -1, INT32_MAX, -1, &fd) ||
	    !get_int_null(r, o, "by", 0, INT32_MAX, 0, &by))
		return false;
	t->tid = (pid_t)tid;
	t->state = state;
	t->kind = (uint8_t)kind;
	t->syscall_nr = readable ? nr : -3;
	t->fd = (int)fd;
	t->by = (pid_t)by;
	if (json_is_string(dir))
		t->dir = strcmp(json_string_value(dir), "in") == 0 ? ACC_R :
		         strcmp(json_string_value(dir), "out") == 0 ? ACC_W : 0;
	return read_arg(r, o, t) && read_chan_ref(r, by_id, o, &t->chan) &&
	       read_pids(r, o, "peers", &t->peers, &t->n_peers) && read_watched(r, by_id, o, t);
}

/* "wait" and "blocked_wait" of process object o into p: the main thread's wait, and the
 * blocking one of another thread as p's only task. */
static bool read_proc_waits(struct rd *r, const struct chan_ref *by_id, json_t *o, struct proc_info *p)
{
	json_t *w = json_object_get(o, "wait"), *b = json_object_get(o, "blocked_wait");
	if (w && !json_is_null(w)) {
		p->wait = arena_alloc(&r->s->arena, sizeof(*p->wait));
		if (!read_one(r, by_id, w, p->state, p->wait))
			return false;
	}
	if (b && !json_is_null(b) && json_is_object(b) &&
	    json_integer_value(json_object_get(b, "tid")) != p->pid) {
		p->tasks = arena_alloc(&r->s->arena, sizeof(*p->tasks));
		p->n_tasks = 1;
		if (!read_one(r, by_id, b, 'S', p->tasks))    /* its thread's state was not written */
			return false;
	}
	return true;
}

static bool read_cycles(struct rd *r, json_t *doc)
{
	json_t *a = NULL, *c;
	size_t i;
	r->where[0] = '\0';
	if (!get_arr(r, doc, "wait_cycles", OPT, &a))
		return false;
	if (!a || json_array_size(a) == 0)
		return true;
	r->s->cycles = arena_alloc(&r->s->arena, json_array_size(a) * sizeof(*r->s->cycles));
	json_array_foreach(a, i, c) {
		struct wait_cycle *y = &r->s->cycles[r->s->n_cycles++];
		json_t *holder = json_pack("{sO}", "pids", c);
		bool ok = holder && read_pids(r, holder, "pids", &y->pids, &y->n);
		json_decref(holder);
		if (!ok)
			return holder ? false : rd_fail(r, "wait_cycles", "expected arrays of pids");
	}
	return true;
}

static bool read_all(struct rd *r, const struct chan_ref *by_id, json_t *doc)
{
	json_t *a = json_object_get(doc, "processes"), *o;
	size_t i;
	json_array_foreach(a, i, o) {
		json_t *host = json_object_get(o, "host");
		int32_t k = snap_json_find_proc(r->s, json_is_string(host) ? json_string_value(host) : NULL,
		                                (pid_t)json_integer_value(json_object_get(o, "pid")));
		rd_where(r, "processes[%zu].wait", i);
		if (k >= 0 && !read_proc_waits(r, by_id, o, &r->s->procs[k]))
			return false;
	}
	return read_cycles(r, doc);
}

bool snap_json_read_waits(struct rd *r, json_t *doc)
{
	struct chan_ref *by_id = by_id_make(r->s);
	bool ok = read_all(r, by_id, doc);
	free(by_id);
	return ok;
}
