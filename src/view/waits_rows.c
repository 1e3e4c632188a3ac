/* waits_rows.c — which processes the waits screen shows and in which order: the blocked ones
 * (model/wait_short.h) and those in a ring of waits (through any of their threads) of the
 * list's scope, each with its chain (channel/wait_chain.h), those
 * blocked longest first; the filter (every word must match a process of the chain: its pid or
 * part of its name); the selection kept on a pid across refreshes; the text of a chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/wait_chain.h"
#include "model/wait_short.h"
#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/ui.h"
#include "view/waits_int.h"

const struct proc_info *waits_proc(const struct snapshot *s, const struct waits_row *r, pid_t pid)
{
	return snapshot_find_proc_on(s, pid, r->host);
}

static bool same_host(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether the word w (n bytes) names process pid of row r's chain: the same number, or part of
 * its name. */
static bool word_names(const struct snapshot *s, const struct waits_row *r, pid_t pid, const char *w,
		       size_t n)
{
	char num[16];
	int len = snprintf(num, sizeof num, "%d", (int)pid);
	if ((size_t)len == n && memcmp(num, w, n) == 0)
		return true;
	const struct proc_info *p = waits_proc(s, r, pid);
	for (const char *c = p && p->comm ? p->comm : ""; strlen(c) >= n; c++)
		if (strncasecmp(c, w, n) == 0)
			return true;
	return false;
}

static bool row_matches(const struct waits_state *t, const struct snapshot *s, const struct waits_row *r)
{
	for (const char *w = t->filter; *w;) {
		size_t n = strcspn(w, " "), i = 0;
		while (n && i < r->n_chain && !word_names(s, r, r->chain[i], w, n))
			i++;
		if (n && i == r->n_chain)
			return false;
		w += n + (w[n] == ' ');
	}
	return true;
}

static void fill_row(struct waits_row *r, const struct snapshot *s, const struct proc_info *p)
{
	memset(r, 0, sizeof(*r));
	r->pid = p->pid;
	r->host = p->host;
	r->since_ms = p->wait_since_ms;
	r->n_chain = wait_chain(s, p->pid, r->chain, WAITS_CHAIN);
	for (size_t i = 0; i + 1 < r->n_chain; i++)
		r->ring |= r->chain[i] == r->chain[r->n_chain - 1];
	r->in_ring = wait_cycle_of(s, p->pid) >= 0;
}

/* Longest blocked first (the earliest since; not known last), then by pid. */
static int cmp_rows(const void *pa, const void *pb)
{
	const struct waits_row *a = pa, *b = pb;
	uint64_t x = a->since_ms ? a->since_ms : UINT64_MAX, y = b->since_ms ? b->since_ms : UINT64_MAX;
	if (x != y)
		return x < y ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

void waits_rebuild(struct waits_state *t, struct view_ctx *v)
{
	const struct snapshot *s = v->cur;
	t->n_rows = t->n_blocked = t->n_unread = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		if ((p->flags & PF_TASKS_UNREAD) && view_proc_in_scope(v, p))
			t->n_unread++;
		if (!(wait_blocked(p) || wait_cycle_of(s, p->pid) >= 0) || !view_proc_in_scope(v, p))
			continue;   /* in a ring: blocked through a thread other than its main one */
		t->n_blocked++;
		if (t->n_rows == t->cap_rows) {
			t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 32;
			t->rows = xrealloc(t->rows, t->cap_rows * sizeof(*t->rows));
		}
		fill_row(&t->rows[t->n_rows], s, p);
		if (row_matches(t, s, &t->rows[t->n_rows]))
			t->n_rows++;
	}
	if (t->n_rows > 1)
		qsort(t->rows, t->n_rows, sizeof(*t->rows), cmp_rows);
	size_t at = waits_row_of(t, t->sel_pid, t->sel_host[0] ? t->sel_host : NULL);
	if (at < t->n_rows) {
		t->sel = at;
	} else {
		t->sel = t->sel < t->n_rows ? t->sel : t->n_rows ? t->n_rows - 1 : 0;
		t->sel_pid = 0;
		if (t->n_rows)
			waits_select_row(t, t->sel);
		t->hop = 0;
	}
	if (t->n_rows && t->hop >= t->rows[t->sel].n_chain)
		t->hop = 0;
}

size_t waits_row_of(const struct waits_state *t, pid_t pid, const char *host)
{
	size_t r = 0;
	while (r < t->n_rows && (t->rows[r].pid != pid || !same_host(t->rows[r].host, host)))
		r++;
	return r;
}

void waits_select_row(struct waits_state *t, size_t row)
{
	if (row >= t->n_rows)
		return;
	const struct waits_row *r = &t->rows[row];
	if (r->pid != t->sel_pid || !same_host(r->host, t->sel_host[0] ? t->sel_host : NULL))
		t->hop = 0;
	t->sel = row;
	t->sel_pid = r->pid;
	snprintf(t->sel_host, sizeof t->sel_host, "%s", r->host ? r->host : "");
}

const struct waits_row *waits_selected(const struct waits_state *t)
{
	return t->sel < t->n_rows ? &t->rows[t->sel] : NULL;
}

void waits_age_text(uint64_t now_ms, uint64_t since_ms, char *buf, size_t size)
{
	if (!since_ms) {
		snprintf(buf, size, "?");
		return;
	}
	unsigned long long s = now_ms > since_ms ? (now_ms - since_ms) / 1000 : 0;
	if (s < 60)
		snprintf(buf, size, "%llus", s);
	else if (s < 3600)
		snprintf(buf, size, "%llum%02llus", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, size, "%lluh%02llum", s / 3600, s / 60 % 60);
	else
		snprintf(buf, size, "%llud%02lluh", s / 86400, s / 3600 % 24);
}

static void put_hop(struct strbuf *sb, const struct snapshot *s, const struct waits_row *r, pid_t pid)
{
	const struct proc_info *p = waits_proc(s, r, pid);
	sb_printf(sb, "%d", (int)pid);
	if (p && p->comm) {
		sb_puts(sb, " (");
		esc_append(sb, p->comm, strlen(p->comm));
		sb_putc(sb, ')');
	}
}

/* What p waits on towards the next hop: its main thread's wait, or "thread TID read pipe"
 * when the chain goes on through another of its threads. */
static void put_followed(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p)
{
	const struct task_wait *w = wait_followed(p);
	if (!w)
		w = p->wait;
	if (w && w->tid != p->pid)
		sb_printf(sb, "thread %d ", (int)w->tid);
	if (!w)
		return;
	wait_short_what(sb, s, w);
	if (w->read_ms) {   /* a big process's thread read by an earlier refresh: how long ago */
		char age[32];
		waits_age_text(s->taken_ms, w->read_ms, age, sizeof age);
		sb_printf(sb, " (read %s ago)", age);
	}
}

void waits_chain_text(const struct view_ctx *v, const struct waits_row *r, struct strbuf *sb,
		      struct waits_span *span)
{
	const struct snapshot *s = v->cur;
	const char *arrow = ui_ascii() ? " -> " : " \u2192 ";
	if (r->in_ring)
		sb_puts(sb, "deadlock: ");
	for (size_t i = 0; i < r->n_chain; i++) {
		const struct proc_info *p = waits_proc(s, r, r->chain[i]);
		span[i].from = sb->len;
		put_hop(sb, s, r, r->chain[i]);
		span[i].to = sb->len;
		bool last = i + 1 == r->n_chain;
		if (last && r->ring)
			break;
		if (p)
			sb_putc(sb, ' ');
		if (p && !last)
			put_followed(sb, s, p);
		else if (p)
			wait_short_state(sb, p, s);
		if (!last)
			sb_puts(sb, arrow);
	}
	if (r->ring && !r->in_ring)
		sb_puts(sb, ": a deadlock");
}
