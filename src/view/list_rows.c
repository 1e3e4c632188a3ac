/* list_rows.c — which processes the list shows (-p, -u, the filter), in which order (the sort
 * column or the tree), the selection kept across refreshes, and the tags: each tagged process
 * held by a pidfd, dropped when it ends. */
#include <stdlib.h>
#include <string.h>

#include "model/cgroup_service.h"
#include "model/sock_describe.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "view/list_int.h"
#include "view/proc_sort.h"

static bool user_matches(const char *want, const struct proc_info *p)
{
	if (p->user && strcmp(p->user, want) == 0)
		return true;
	char *end;
	unsigned long uid = strtoul(want, &end, 10);
	return *want && !*end && uid == p->euid;
}

/* Whether one of p's sockets, in the words the IPC tab uses ("tcp 127.0.0.1:40000 -> ...:5432
 * (postgresql) established" while names are shown, "unix stream listen /run/x"), contains
 * needle. */
static bool socks_match(const struct snapshot *s, const struct proc_info *p, const char *needle)
{
	bool found = false;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < p->n_fds && !found; i++) {
		const struct sock_info *sk = p->fds[i].kind == FDK_SOCKET ? snapshot_fd_sock(s, &p->fds[i]) : NULL;
		if (!sk)
			continue;
		sb_reset(&sb);
		sock_describe(&sb, sk, "->");
		found = strcasestr(sb_str(&sb), needle) != NULL;
	}
	sb_free(&sb);
	return found;
}

/* Its SERVICE name, when its cgroup was read (the column is shown). */
static bool service_matches(const struct proc_info *p, const char *needle)
{
	char buf[CGROUP_SERVICE_MAX];
	const char *unit = cgroup_service_shown(p->cgroup, buf);
	return unit && strcasestr(unit, needle) != NULL;
}

/* Whether one of p's shared memory mappings, in the words the screens use ("anon_shm shared
 * anon", "sysv_shm /SYSV00a72278", "posix_shm /dev/shm/PostgreSQL.1", the path), contains
 * needle: a cluster found by its buffer pool. */
static bool shm_match(const struct proc_info *p, const char *needle)
{
	for (size_t i = 0; i < p->n_maps; i++) {
		const struct map_info *m = &p->maps[i];
		if (m->seg != SEG_SHM || !m->path)
			continue;
		const char *kind = !strncmp(m->path, "/SYSV", 5) ? "sysv_shm" :
				   !strncmp(m->path, "/dev/shm/", 9) ? "posix_shm" :
				   !strncmp(m->path, "/memfd:", 7) ? "memfd" : "anon_shm shared anon";
		if (strcasestr(kind, needle) || strcasestr(m->path, needle))
			return true;
	}
	return false;
}

bool list_text_matches(const struct snapshot *s, const struct proc_info *p, const char *needle)
{
	return (p->comm && strcasestr(p->comm, needle)) || (p->cmdline && strcasestr(p->cmdline, needle)) ||
	       service_matches(p, needle) || socks_match(s, p, needle) || shm_match(p, needle);
}

bool view_scope_narrowed(const struct view_ctx *v)
{
	return v->opts->n_pids || v->scope_user || (v->scope_filter && v->scope_filter[0]);
}

bool view_proc_in_scope(const struct view_ctx *v, const struct proc_info *p)
{
	const struct ipctop_opts *o = v->opts;
	if ((p->flags & PF_KTHREAD) && !v->set.kthreads)
		return false;
	if (o->n_pids) {
		bool listed = false;
		for (size_t i = 0; i < o->n_pids && !listed; i++)
			listed = o->pids[i] == p->pid;
		if (!listed)
			return false;
	}
	if (v->scope_user && !user_matches(v->scope_user, p))
		return false;
	if (v->scope_filter && v->scope_filter[0] && !list_text_matches(v->cur, p, v->scope_filter) &&
	    !filter_keep_holds(v->scope_keep, p))
		return false;   /* matched neither now nor (under its names before an exec) earlier */
	return true;
}



const struct proc_info *list_selected(const struct list_state *l, const struct view_ctx *v)
{
	return l->n_rows && l->sel < l->n_rows ? &v->cur->procs[l->rows[l->sel]] : NULL;
}

void list_select_row(struct list_state *l, struct view_ctx *v, size_t row)
{
	l->pinned = false;
	if (l->n_rows == 0) {
		l->sel = 0;
		return;
	}
	l->sel = row < l->n_rows ? row : l->n_rows - 1;
	const struct proc_info *p = list_selected(l, v);
	l->sel_pid = p->pid;
	l->sel_start = p->start_time;
	l->sel_host = p->host;
	view_select(v, p);
}

void list_move(struct list_state *l, struct view_ctx *v, long delta)
{
	long row = (long)l->sel + delta;
	list_select_row(l, v, row < 0 ? 0 : (size_t)row);
}

/* Under each process row, a row for each of its threads (H): one level deeper in the tree,
 * before the child processes. Works from the end so that rows move only once. */
static void add_thread_rows(struct list_state *l, const struct snapshot *s)
{
	size_t n = l->n_rows, extra = 0;
	for (size_t r = 0; r < n; r++)
		extra += s->procs[l->rows[r]].n_threads;
	size_t out = n + extra;
	l->n_rows = out;
	for (size_t r = n; r-- > 0;) {
		const struct proc_info *p = &s->procs[l->rows[r]];
		struct tree_row parent = l->tree[r];
		bool children = r + 1 < n && l->tree[r + 1].depth > parent.depth;
		for (uint32_t j = p->n_threads; j-- > 0;) {
			struct tree_row *t = &l->tree[--out];
			t->proc = l->rows[r];
			t->depth = parent.depth + 1;
			t->last = j + 1 == p->n_threads && !children;
			t->open_mask = parent.open_mask;
			if (parent.depth >= 1 && parent.depth <= 64 && !parent.last)
				t->open_mask |= 1ull << (parent.depth - 1);
			l->rows[out] = l->rows[r];
			l->thr[out] = (int32_t)j;
		}
		out--;
		l->tree[out] = parent;
		l->rows[out] = l->rows[r];
		l->thr[out] = -1;
	}
}

static void flat_tree(struct list_state *l)
{
	for (size_t r = 0; r < l->n_rows; r++) {
		l->tree[r] = (struct tree_row){ .proc = l->rows[r] };
		l->thr[r] = -1;
	}
}

void list_rebuild(struct list_state *l, struct view_ctx *v)
{
	const struct snapshot *s = v->cur;
	v->scope_user = l->user;        /* the graph's "all" means what the list shows */
	v->scope_filter = l->filter;
	filter_keep_update(&l->keep, l->filter, s, list_text_matches);
	v->scope_keep = &l->keep;
	size_t need = s->n_procs + (v->set.threads ? s->n_threads : 0) + 1;
	if (l->cap_rows < need) {
		l->cap_rows = need;
		l->rows = xrealloc(l->rows, l->cap_rows * sizeof *l->rows);
		l->tree = xrealloc(l->tree, l->cap_rows * sizeof *l->tree);
		l->thr = xrealloc(l->thr, l->cap_rows * sizeof *l->thr);
	}
	l->n_rows = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		if (view_proc_in_scope(v, &s->procs[i]))
			l->rows[l->n_rows++] = (uint32_t)i;
	struct proc_rates rates = { v->cpu, v->vcsw, v->icsw, v->traffic };
	proc_sort(s->procs, &rates, l->rows, l->n_rows, v->set.sort_col, v->set.sort_desc);
	if (v->set.tree) {
		proc_tree_order(s->procs, l->rows, l->n_rows, l->tree);
		for (size_t r = 0; r < l->n_rows; r++) {
			l->rows[r] = l->tree[r].proc;
			l->thr[r] = -1;
		}
	} else {
		flat_tree(l);
	}
	if (v->set.threads)
		add_thread_rows(l, s);
	size_t keep = l->sel;
	bool pinned = l->pinned;
	if (l->follow || pinned)
		for (size_t r = 0; r < l->n_rows; r++)
			if (s->procs[l->rows[r]].pid == l->sel_pid && l->thr[r] < 0 &&
			    (!s->by_host || (s->procs[l->rows[r]].start_time == l->sel_start &&
			                     proc_on_host(&s->procs[l->rows[r]], l->sel_host)))) {
				keep = r;      /* the process's own row, not one of its threads' (nor, on
				                * a merge, another host's of the same pid) */
				break;
			}
	list_select_row(l, v, keep);
	l->pinned = pinned;
}

/* ---- tags ---- */

static ssize_t tag_index(const struct list_state *l, const struct proc_info *p)
{
	for (size_t i = 0; i < l->n_tags; i++)
		if (l->tags[i].pid == p->pid && l->tags[i].start_time == p->start_time)
			return (ssize_t)i;
	return -1;
}

bool list_is_tagged(const struct list_state *l, const struct proc_info *p)
{
	return tag_index(l, p) >= 0;
}

static void drop_tag(struct list_state *l, size_t i)
{
	target_release(&l->tags[i]);
	l->tags[i] = l->tags[--l->n_tags];
}

void list_toggle_tag(struct list_state *l, struct view_ctx *v, const struct proc_info *p)
{
	ssize_t i = tag_index(l, p);
	if (i >= 0) {
		drop_tag(l, (size_t)i);
		return;
	}
	if (l->n_tags >= LIST_MAX_TAGS) {
		view_status(v, "at most %d tagged processes", LIST_MAX_TAGS);
		return;
	}
	XGROW(l->tags, l->cap_tags, l->n_tags + 1);
	if (target_hold(&l->tags[l->n_tags], p->pid, p->start_time) == 0)
		l->n_tags++;
	else
		view_status(v, "PID %d has ended: not tagged", (int)p->pid);
}

void list_untag_all(struct list_state *l)
{
	while (l->n_tags)
		drop_tag(l, l->n_tags - 1);
}

void list_drop_ended_tags(struct list_state *l)
{
	for (size_t i = l->n_tags; i-- > 0;)
		if (!target_alive(&l->tags[i]))
			drop_tag(l, i);
}

void list_free(struct list_state *l)
{
	list_untag_all(l);
	free(l->rows);
	free(l->tree);
	free(l->thr);
	free(l->tags);
	free(l->user);
	filter_keep_free(&l->keep);
}
