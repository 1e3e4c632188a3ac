/* chans_rows.c — which channels (and lone listeners, chans_lone.c) the table shows and in which
 * order: the kind filter (--kind, or one kind chosen with k), the typed filter (every word must match some end: a pid, :PORT
 * local or remote, or part of a process name), the sort (and its F6 menu), and the selection
 * kept on a channel id across refreshes and re-sorts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/snap_filter.h"
#include "util/xalloc.h"
#include "model/sock_describe.h"
#include "view/chans_int.h"
#include "view/dialog.h"

static bool kind_shown(const struct chans_state *t, enum chan_kind k)
{
	if (t->kind >= 0)
		return (int)k == t->kind;
	return !t->base_mask || ((unsigned)k < 32 && (t->base_mask & (1u << k)));
}

static bool all_digits(const char *w, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

static long word_num(const char *w, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n && v < 10000000; i++)
		v = v * 10 + (w[i] - '0');
	return v;
}

/* Whether end e has port as its socket's local or remote port, or as its remote address's. */
static bool end_has_port(const struct snapshot *s, const struct endpoint *e, long port)
{
	if (e->sock >= 0 && (size_t)e->sock < s->n_socks) {
		const struct sock_info *sk = &s->socks[e->sock];
		if ((sk->family == AF_INET || sk->family == AF_INET6) && (sk->lport == port || sk->rport == port))
			return true;
	}
	const char *colon = e->remote ? strrchr(e->remote, ':') : NULL;
	return colon && all_digits(colon + 1, strlen(colon + 1)) &&
	       word_num(colon + 1, strlen(colon + 1)) == port;
}

static bool end_has_name(const struct snapshot *s, const struct endpoint *e, const char *w, size_t n)
{
	if (e->proc < 0 || (size_t)e->proc >= s->n_procs || !s->procs[e->proc].comm)
		return false;
	const char *comm = s->procs[e->proc].comm;
	for (const char *p = comm; strlen(p) >= n; p++)
		if (strncasecmp(p, w, n) == 0)
			return true;
	return false;
}

/* End e is process pid (on host, when one is given: a --merge's pids repeat across hosts). */
static bool end_is_pid(const struct endpoint *e, long pid, const char *host)
{
	return e->pid > 0 && e->pid == pid && (!host || (e->host && strcmp(e->host, host) == 0));
}

static bool word_matches(const struct chans_state *t, const struct snapshot *s, const struct channel *c,
                         const char *w, size_t n)
{
	for (size_t i = 0; i < c->n_ep; i++) {
		const struct endpoint *e = &c->ep[i];
		if (w[0] == ':' ? all_digits(w + 1, n - 1) && end_has_port(s, e, word_num(w + 1, n - 1))
		    : all_digits(w, n) ? end_is_pid(e, word_num(w, n), t->pid_host)
		    : end_has_name(s, e, w, n))
			return true;
	}
	return false;
}

bool chans_matches(const struct chans_state *t, const struct snapshot *s, const struct channel *c)
{
	if (!kind_shown(t, c->kind))
		return false;
	for (const char *p = t->filter; *p;) {
		size_t n = strcspn(p, " ");
		if (n && !word_matches(t, s, c, p, n))
			return false;
		p += n + (p[n] == ' ');
	}
	return true;
}

/* ---- sort ---- */

struct sort_key { uint32_t chan; int kind; int64_t num; char text[48]; const char *id; };

static int cmp_key(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	int r = strcmp(a->text, b->text);
	if (r)
		return r;
	return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

const struct channel *chans_row_chan(const struct chans_state *t, const struct snapshot *s, uint32_t i)
{
	return i < s->n_chans ? &s->chans[i] : &t->lone[i - s->n_chans];
}

static void fill_key(const struct chans_state *t, const struct snapshot *s, uint32_t i, struct sort_key *k)
{
	const struct channel *c = chans_row_chan(t, s, i);
	memset(k, 0, sizeof(*k));
	k->chan = i;
	k->id = c->id;
	switch (t->sort_col) {
	case CC_KIND:  k->kind = (int)c->kind; break;
	case CC_STATE: chans_state_text(s, c, k->text, sizeof k->text); break;
	case CC_RECVQ: k->num = chans_recvq(s, c); break;
	case CC_SENDQ: k->num = chans_sendq(s, c); break;
	case CC_BYTES: k->num = chans_bytes(c); break;
	case CC_RATE:  k->num = isnan(chans_rate(s, c)) ? -1 : (int64_t)chans_rate(s, c); break;
	case CC_DROPS: k->num = chan_drops(s, c); break;
	default:       k->num = c->n_ep ? c->ep[chans_default_end(c)].pid : 0; break;
	}
}

static void sort_rows(struct chans_state *t, const struct snapshot *s)
{
	struct sort_key *keys = xcalloc(t->n_rows ? t->n_rows : 1, sizeof(*keys));
	for (size_t r = 0; r < t->n_rows; r++)
		fill_key(t, s, t->rows[r], &keys[r]);
	qsort(keys, t->n_rows, sizeof(*keys), cmp_key);
	for (size_t r = 0; r < t->n_rows; r++)
		t->rows[t->sort_desc ? t->n_rows - 1 - r : r] = keys[r].chan;
	free(keys);
}

/* ---- rows and selection ---- */

const struct channel *chans_selected(const struct chans_state *t, const struct view_ctx *v)
{
	return t->sel < t->n_rows ? chans_row_chan(t, v->cur, t->rows[t->sel]) : NULL;
}

/* Remember the selected row's channel id; a new channel starts on its default end. */
static void keep_selection(struct chans_state *t, struct view_ctx *v)
{
	const struct channel *c = chans_selected(t, v);
	const char *id = c && c->id ? c->id : NULL;
	if (id && t->sel_id && strcmp(id, t->sel_id) == 0) {
		if (t->end >= c->n_ep)
			t->end = chans_default_end(c);
		return;
	}
	free(t->sel_id);
	t->sel_id = id ? xstrdup(id) : NULL;
	t->end = c ? chans_default_end(c) : 0;
}

/* A lone listener's row passes -p and -u as a channel does: some end is a chosen process. */
static bool lone_kept(const struct snap_filter *f, const struct snap_selection *keep, const struct channel *c)
{
	if (!f->n_pids && !f->has_uid)
		return true;
	for (size_t e = 0; e < c->n_ep; e++)
		if (c->ep[e].proc >= 0 && keep->proc_chosen[c->ep[e].proc])
			return true;
	return false;
}

void chans_rebuild(struct chans_state *t, struct view_ctx *v)
{
	const struct snapshot *s = v->cur;
	const struct ipctop_opts *o = v->opts;
	/* -p and -u as the exports apply them: a channel with an end in a chosen process */
	struct snap_filter f = { o->pids, o->n_pids, o->has_uid, o->uid, 0 };
	struct snap_selection keep;
	snap_select(s, &f, &keep);
	t->n_rows = 0;
	for (size_t i = 0; i < s->n_chans; i++)
		if (keep.chan_kept[i] && chans_matches(t, s, &s->chans[i])) {
			XGROW(t->rows, t->cap_rows, t->n_rows + 1);
			t->rows[t->n_rows++] = (uint32_t)i;
		}
	chans_lone_build(t, s);
	for (size_t i = 0; i < t->n_lone; i++)
		if (lone_kept(&f, &keep, &t->lone[i]) && chans_matches(t, s, &t->lone[i])) {
			XGROW(t->rows, t->cap_rows, t->n_rows + 1);
			t->rows[t->n_rows++] = (uint32_t)(s->n_chans + i);
		}
	snap_selection_free(&keep);
	sort_rows(t, s);
	for (size_t r = 0; t->sel_id && r < t->n_rows; r++) {
		const char *id = chans_row_chan(t, s, t->rows[r])->id;
		if (id && strcmp(id, t->sel_id) == 0) {
			t->sel = r;
			break;
		}
	}
	if (t->sel >= t->n_rows)
		t->sel = t->n_rows ? t->n_rows - 1 : 0;
	keep_selection(t, v);
}

void chans_select_row(struct chans_state *t, struct view_ctx *v, size_t row)
{
	if (t->n_rows == 0)
		return;
	t->sel = row < t->n_rows ? row : t->n_rows - 1;
	keep_selection(t, v);
}

void chans_set_sort(struct chans_state *t, struct view_ctx *v, int col, bool toggle_if_same)
{
	if (col < 0 || col >= CC__COUNT)
		return;
	if (col == t->sort_col && toggle_if_same)
		t->sort_desc = !t->sort_desc;
	else {
		t->sort_col = col;   /* numbers largest first, as the list's M, P and T */
		t->sort_desc = col == CC_RECVQ || col == CC_SENDQ || col == CC_BYTES || col == CC_RATE;
	}
	t->col_cursor = col;
	chans_rebuild(t, v);
}

static void sort_chosen(void *ctx, struct view_ctx *v, const struct menu_item *it)
{
	chans_set_sort(ctx, v, it->code, false);
}

void chans_open_sort_menu(struct chans_state *t, struct view_ctx *v)
{
	struct menu m;
	menu_init(&m, "Sort channels by", v->batch);
	for (int c = 0; c < CC__COUNT; c++)
		menu_add(&m, c == CC_ENDS ? "PID (of the first end)" : chans_col_title(c), NULL, c);
	m.sel = (size_t)t->sort_col;
	struct menu_spec spec = { &m, sort_chosen, t };
	if (!view_open(v, "menu", &spec))
		menu_free(&m);
}
