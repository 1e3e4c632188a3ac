/* list_menus.c — what the list opens over itself: the sort-column and user menus, and the
 * signal and nice dialogs, handed the processes they act on already held (the tagged ones, or
 * the selected one as it is at this moment). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/dialog.h"
#include "view/list_int.h"
#include "view/view_act.h"

void list_set_sort(struct list_state *l, struct view_ctx *v, int col, bool toggle_if_same)
{
	if (col < 0 || col >= COL__COUNT)
		return;
	if (toggle_if_same && col == (int)v->set.sort_col)
		v->set.sort_desc = !v->set.sort_desc;
	else {
		v->set.sort_col = (enum col_id)col;
		v->set.sort_desc = col_default_desc((enum col_id)col);
	}
	l->col_cursor = col;
	list_rebuild(l, v);
}

static void sort_chosen(void *ctx, struct view_ctx *v, const struct menu_item *it)
{
	list_set_sort(ctx, v, it->code, false);
}

void list_open_sort_menu(struct list_state *l, struct view_ctx *v)
{
	struct menu m;
	menu_init(&m, "Sort by", v->batch);
	for (int c = 0; c < COL__COUNT; c++)
		menu_add(&m, col_title((enum col_id)c), NULL, c);
	m.sel = v->set.sort_col;
	struct menu_spec spec = { &m, sort_chosen, l };
	if (!view_open(v, "menu", &spec))
		menu_free(&m);
}

static void user_chosen(void *ctx, struct view_ctx *v, const struct menu_item *it)
{
	struct list_state *l = ctx;
	free(l->user);
	l->user = it->value ? xstrdup(it->value) : NULL;
	list_rebuild(l, v);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void list_open_user_menu(struct list_state *l, struct view_ctx *v)
{
	const struct snapshot *s = v->cur;
	char **names = xcalloc(s->n_procs + 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].user)
			names[n++] = s->procs[i].user;
	qsort(names, n, sizeof *names, cmp_cstr);
	struct menu m;
	menu_init(&m, "Show processes of", v->batch);
	menu_add(&m, "All users", NULL, 0);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		struct strbuf sb = STRBUF_INIT;
		esc_append(&sb, names[i], strlen(names[i]));
		menu_add(&m, sb_str(&sb), names[i], 1);
		if (l->user && strcmp(l->user, names[i]) == 0)
			m.sel = m.n_items - 1;
		sb_free(&sb);
	}
	free(names);
	struct menu_spec spec = { &m, user_chosen, l };
	if (!view_open(v, "menu", &spec))
		menu_free(&m);
}

/* ---- actions ---- */

static void tags_done(void *ctx)
{
	list_untag_all(ctx);
}

static void describe(const struct proc_info *p, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "PID %d", (int)p->pid);
	if (p->comm) {
		sb_puts(&sb, " (");
		esc_append(&sb, p->comm, strlen(p->comm));
		sb_puts(&sb, ")");
	}
	snprintf(buf, n, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* Hold the selected process as the list shows it now; false (and a status line) if it has
 * ended or its PID names another process already. */
static bool hold_selected(struct list_state *l, struct view_ctx *v, struct proc_target **out)
{
	const struct proc_info *p = list_selected(l, v);
	if (!p)
		return false;
	struct proc_target *t = xmalloc(sizeof(*t));
	int r = target_hold(t, p->pid, p->start_time);
	if (r < 0) {
		free(t);
		view_status(v, r == -ESRCH ? "PID %d has ended" : "PID %d: cannot hold it: %s",
			    (int)p->pid, strerror(-r));
		return false;
	}
	*out = t;
	return true;
}

static void open_act(struct view_ctx *v, const char *screen, struct act_request *r)
{
	if (view_open(v, screen, r))
		return;
	for (size_t i = 0; i < r->n_targets; i++)
		target_release(&r->targets[i]);
	free(r->targets);
}

void list_open_signal(struct list_state *l, struct view_ctx *v)
{
	char who[128];
	struct act_request r = { 0 };
	list_drop_ended_tags(l);
	if (l->n_tags) {
		r.targets = xcalloc(l->n_tags, sizeof(*r.targets));
		for (size_t i = 0; i < l->n_tags; i++)
			if (target_dup(&r.targets[r.n_targets], &l->tags[i]) == 0)
				r.n_targets++;
		snprintf(who, sizeof who, "%zu tagged process%s", r.n_targets, r.n_targets == 1 ? "" : "es");
		r.done = tags_done;
		r.ctx = l;
	} else {
		if (!hold_selected(l, v, &r.targets))
			return;
		r.n_targets = 1;
		describe(list_selected(l, v), who, sizeof who);
	}
	r.who = who;
	open_act(v, "signal", &r);
}

void list_open_nice(struct list_state *l, struct view_ctx *v, int step)
{
	char who[128];
	struct act_request r = { .step = step };
	if (!hold_selected(l, v, &r.targets))
		return;
	r.n_targets = 1;
	r.nice_now = list_selected(l, v)->nice;
	describe(list_selected(l, v), who, sizeof who);
	r.who = who;
	open_act(v, "nice", &r);
}
