/* view_list.c — the process list (start screen): which processes are shown (-p, -u, filter),
 * their order (sort column or tree), the selection, tags and follow, drawing the table, and
 * the list's keys and clicks. */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/proc_names.h"
#include "view/proc_sort.h"
#include "view/tui_state.h"
#include "view/ui.h"
#if __has_include("view/view_graph.h")
#include "view/view_graph.h"
#define HAVE_GRAPH_VIEW 1
#endif

static bool user_matches(const char *want, const struct proc_info *p)
{
	if (p->user && strcmp(p->user, want) == 0)
		return true;
	char *end;
	unsigned long uid = strtoul(want, &end, 10);
	return *want && !*end && uid == p->euid;
}

static bool text_matches(const struct proc_info *p, const char *needle)
{
	return (p->comm && strcasestr(p->comm, needle)) || (p->cmdline && strcasestr(p->cmdline, needle));
}

bool list_proc_visible(const struct tui *t, const struct proc_info *p)
{
	const struct ipctop_opts *o = t->opts;
	if (o->n_pids) {
		bool listed = false;
		for (size_t i = 0; i < o->n_pids && !listed; i++)
			listed = o->pids[i] == p->pid;
		if (!listed)
			return false;
	}
	if (t->list.user && !user_matches(t->list.user, p))
		return false;
	if (t->list.filter[0] && !text_matches(p, t->list.filter))
		return false;
	return true;
}

static pid_t row_pid(const struct tui *t, size_t row)
{
	return t->cur->procs[t->list.rows[row]].pid;
}

static void select_row(struct tui *t, size_t row)
{
	struct list_state *l = &t->list;
	l->pinned = false;
	if (l->n_rows == 0) {
		l->sel = 0;
		return;
	}
	l->sel = row < l->n_rows ? row : l->n_rows - 1;
	l->sel_pid = row_pid(t, l->sel);
}

void list_rebuild(struct tui *t)
{
	struct list_state *l = &t->list;
	const struct snapshot *s = t->cur;
	if (!s)
		return;
	if (l->cap_rows < s->n_procs + 1) {
		l->cap_rows = s->n_procs + 1;
		l->rows = xrealloc(l->rows, l->cap_rows * sizeof *l->rows);
		l->tree = xrealloc(l->tree, l->cap_rows * sizeof *l->tree);
	}
	l->n_rows = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		if (list_proc_visible(t, &s->procs[i]))
			l->rows[l->n_rows++] = (uint32_t)i;
	proc_sort(s->procs, t->cpu, l->rows, l->n_rows, t->set.sort_col, t->set.sort_desc);
	if (t->set.tree) {
		proc_tree_order(s->procs, l->rows, l->n_rows, l->tree);
		for (size_t r = 0; r < l->n_rows; r++)
			l->rows[r] = l->tree[r].proc;
	}
	size_t keep = l->sel;
	bool pinned = l->pinned;
	if (l->follow || pinned)
		for (size_t r = 0; r < l->n_rows; r++)
			if (row_pid(t, r) == l->sel_pid)
				keep = r;
	select_row(t, keep);
	l->pinned = pinned;
}

void list_free(struct list_state *l)
{
	free(l->rows);
	free(l->tree);
	free(l->tags);
}

/* ---- drawing ---- */

static bool is_tagged(const struct list_state *l, pid_t pid)
{
	for (size_t i = 0; i < l->n_tags; i++)
		if (l->tags[i] == pid)
			return true;
	return false;
}

static bool col_shown(const struct tui *t, int c)
{
	return c == COL_PID || c == COL_COMMAND || t->set.visible[c];
}

static void draw_col_header(struct tui *t, WINDOW *w)
{
	struct list_state *l = &t->list;
	int cols = getmaxx(w), x = 0;
	ui_fill(w, 0, 0, cols, ui_attr(UI_HEADER));
	for (int c = 0; c < COL__COUNT; c++) {
		l->col_x[c] = l->col_w[c] = -1;
		if (!col_shown(t, c) || x >= cols)
			continue;
		int cw = col_width((enum col_id)c) ? col_width((enum col_id)c) : cols - x;
		int attr = ui_attr(UI_HEADER);
		if (c == (int)t->set.sort_col)
			attr = ui_attr(UI_SELECTED);
		if (c == l->col_cursor)
			attr |= A_UNDERLINE;
		const char *title = col_title((enum col_id)c);
		int tw = ui_str_width(title);
		int tx = col_right_aligned((enum col_id)c) && tw < cw ? x + cw - tw : x;
		ui_put_str(w, 0, tx, title, cw, attr);
		l->col_x[c] = x;
		l->col_w[c] = cw;
		x += cw + 1;
	}
}

static void tree_prefix(const struct tree_row *tr, struct strbuf *sb)
{
	for (int d = 1; d < tr->depth; d++) {
		bool open = d <= 64 && (tr->open_mask >> (d - 1)) & 1;
		sb_puts(sb, open ? ui_glyph(G_V) : " ");
		sb_putc(sb, ' ');
	}
	if (tr->depth > 0) {
		sb_puts(sb, tr->last ? ui_glyph(G_BL) : ui_glyph(G_TEE_L));
		sb_puts(sb, ui_glyph(G_H));
	}
}

/* True when comm is the start of the program's file name (argv[0] without its directory):
 * then the command line says it all. A renamed process (prctl, a forked worker) is not. */
static bool comm_matches_argv0(const struct proc_info *p)
{
	const char *a0 = p->cmdline, *end = strchr(a0, ' ');
	size_t len = end ? (size_t)(end - a0) : strlen(a0);
	for (size_t i = len; i > 0; i--)
		if (a0[i - 1] == '/') {
			a0 += i;
			len -= i;
			break;
		}
	size_t n = strlen(p->comm);
	return n <= len && strncmp(a0, p->comm, n) == 0;
}

static void command_text(const struct proc_info *p, struct strbuf *sb)
{
	if (!(p->flags & PF_KTHREAD) && p->cmdline && *p->cmdline) {
		if (p->comm && *p->comm && !comm_matches_argv0(p)) {
			esc_append(sb, p->comm, strlen(p->comm));   /* as htop: the name, then argv */
			sb_puts(sb, ui_ascii() ? ": " : "\u2502");
		}
		esc_append(sb, p->cmdline, strlen(p->cmdline));
	} else {
		sb_putc(sb, '[');
		if (p->comm)
			esc_append(sb, p->comm, strlen(p->comm));
		sb_putc(sb, ']');
	}
}

/* The text of one numeric or short cell (ours: numbers and fixed words). */
static void cell_text(const struct tui *t, size_t i, int c, char *buf, size_t size)
{
	const struct proc_info *p = &t->cur->procs[i];
	buf[0] = '\0';
	switch (c) {
	case COL_PID:      snprintf(buf, size, "%d", (int)p->pid); break;
	case COL_STATE:    snprintf(buf, size, "%c", p->state ? p->state : '?'); break;
	case COL_NICE:     snprintf(buf, size, "%d", p->nice); break;
	case COL_POLICY:   snprintf(buf, size, "%s", policy_name(p->policy)); break;
	case COL_CPU:      snprintf(buf, size, "%.1f", t->cpu ? t->cpu[i] : 0.0); break;
	case COL_MEM:      human_kib(p->rss_kib, buf, size); break;
	case COL_THREADS:  snprintf(buf, size, "%d", p->nlwp); break;
	case COL_FDS:
		if (p->flags & (PF_FDS_DENIED | PF_KTHREAD))
			snprintf(buf, size, "-");
		else
			snprintf(buf, size, "%zu", p->n_fds);
		break;
	case COL_CHANNELS: snprintf(buf, size, "%u", p->n_channels); break;
	default: break;
	}
}

static void draw_cell(struct tui *t, WINDOW *w, int y, size_t row, int c, int attr)
{
	struct list_state *l = &t->list;
	size_t i = l->rows[row];
	const struct proc_info *p = &t->cur->procs[i];
	int x = l->col_x[c], cw = l->col_w[c];
	if (c == COL_USER) {
		ui_put_text(w, y, x, p->user, p->user ? strlen(p->user) : 0, cw, attr);
	} else if (c == COL_COMMAND) {
		struct strbuf sb = STRBUF_INIT;
		if (t->set.tree)
			tree_prefix(&l->tree[row], &sb);
		command_text(p, &sb);
		ui_put_str(w, y, x, sb_str(&sb), cw, attr);
		sb_free(&sb);
	} else {
		char buf[32];
		cell_text(t, i, c, buf, sizeof buf);
		int tw = (int)strlen(buf);
		if (c == COL_STATE && (p->state == 'D' || p->state == 'Z') && !(attr & A_REVERSE))
			attr = ui_attr(UI_WARN);
		ui_put_str(w, y, col_right_aligned((enum col_id)c) && tw < cw ? x + cw - tw : x, buf, cw, attr);
	}
}

static void draw_row(struct tui *t, WINDOW *w, int y, size_t row)
{
	struct list_state *l = &t->list;
	pid_t pid = row_pid(t, row);
	int attr = A_NORMAL;
	if (is_tagged(l, pid))
		attr = ui_attr(UI_TITLE);
	if (row == l->sel) {
		attr = ui_attr(UI_SELECTED);
		ui_fill(w, y, 0, getmaxx(w), attr);
	}
	for (int c = 0; c < COL__COUNT; c++)
		if (l->col_x[c] >= 0)
			draw_cell(t, w, y, row, c, attr);
}

void list_draw(struct tui *t, WINDOW *w)
{
	struct list_state *l = &t->list;
	int rows = getmaxy(w) - 1;
	if (!t->cur || rows < 1)
		return;
	draw_col_header(t, w);
	l->body_rows = rows;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	if (l->top + (size_t)rows > l->n_rows)
		l->top = l->n_rows > (size_t)rows ? l->n_rows - (size_t)rows : 0;
	for (int y = 0; y < rows && l->top + (size_t)y < l->n_rows; y++)
		draw_row(t, w, y + 1, l->top + (size_t)y);
	if (l->n_rows == 0)
		ui_put_str(w, 2, 1, "no process matches", getmaxx(w) - 2, ui_attr(UI_DIM));
}

void list_input_draw(struct tui *t, WINDOW *w)
{
	struct list_state *l = &t->list;
	const char *what = l->input == IN_SEARCH ? "Search: " : "Filter: ";
	const char *text = l->input == IN_SEARCH ? l->search : l->filter;
	int x = ui_put_str(w, 0, 0, what, 10, ui_attr(UI_FKEY_LABEL));
	x += ui_put_text(w, 0, x, text, strlen(text), getmaxx(w) - x - 1, A_BOLD);
	ui_put_str(w, 0, x, "_", 1, A_BLINK);
	ui_put_str(w, 0, x + 2, l->input == IN_SEARCH ? "(Enter done, F3/n next, Esc cancel)"
						      : "(Enter done, Esc clear)",
		   getmaxx(w) - x - 2, ui_attr(UI_DIM));
	if (t->status[0])
		ui_put_text(w, 0, getmaxx(w) - 20, t->status, strlen(t->status), 20, ui_attr(UI_WARN));
}

/* ---- actions ---- */

static void move_sel(struct tui *t, long delta)
{
	struct list_state *l = &t->list;
	long row = (long)l->sel + delta;
	if (row < 0)
		row = 0;
	select_row(t, (size_t)row);
}

/* Select the next row from start (wrapping) whose name or command line contains the search. */
static void search_from(struct tui *t, size_t start)
{
	struct list_state *l = &t->list;
	if (!l->search[0] || l->n_rows == 0)
		return;
	for (size_t k = 0; k < l->n_rows; k++) {
		size_t r = (start + k) % l->n_rows;
		if (text_matches(&t->cur->procs[l->rows[r]], l->search)) {
			select_row(t, r);
			l->pinned = true;   /* a refresh that re-sorts must not move what was found */
			return;
		}
	}
	tui_status(t, "not found");
}

static void toggle_tag(struct list_state *l, pid_t pid)
{
	for (size_t i = 0; i < l->n_tags; i++)
		if (l->tags[i] == pid) {
			l->tags[i] = l->tags[--l->n_tags];
			return;
		}
	XGROW(l->tags, l->cap_tags, l->n_tags + 1);
	l->tags[l->n_tags++] = pid;
}

static void set_sort(struct tui *t, int col, bool toggle_if_same)
{
	if (col < 0 || col >= COL__COUNT)
		return;
	if (toggle_if_same && col == (int)t->set.sort_col)
		t->set.sort_desc = !t->set.sort_desc;
	else {
		t->set.sort_col = (enum col_id)col;
		t->set.sort_desc = col_default_desc((enum col_id)col);
	}
	t->list.col_cursor = col;
	list_rebuild(t);
}

static void cycle_sort(struct tui *t, int dir)
{
	int c = (int)t->set.sort_col;
	for (int k = 0; k < COL__COUNT; k++) {
		c = (c + dir + COL__COUNT) % COL__COUNT;
		if (col_shown(t, c))
			break;
	}
	set_sort(t, c, false);
}

static void open_sort_menu(struct tui *t)
{
	popup_menu(&t->popup, PP_SORT, "Sort by");
	for (int c = 0; c < COL__COUNT; c++)
		popup_add(&t->popup, col_title((enum col_id)c), NULL, c);
	t->popup.sel = t->set.sort_col;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void open_user_menu(struct tui *t)
{
	const struct snapshot *s = t->cur;
	char **names = xcalloc(s->n_procs + 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].user)
			names[n++] = s->procs[i].user;
	qsort(names, n, sizeof *names, cmp_cstr);
	popup_menu(&t->popup, PP_USER, "Show processes of");
	popup_add(&t->popup, "All users", NULL, 0);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		struct strbuf sb = STRBUF_INIT;
		esc_append(&sb, names[i], strlen(names[i]));
		popup_add(&t->popup, sb_str(&sb), names[i], 1);
		if (t->list.user && strcmp(t->list.user, names[i]) == 0)
			t->popup.sel = t->popup.n_items - 1;
		sb_free(&sb);
	}
	free(names);
}

static void open_kill_menu(struct tui *t)
{
	static const struct { int sig; const char *name; } sigs[] = {
		{ SIGTERM, "15 TERM (ask to exit)" }, { SIGKILL, " 9 KILL (force)" },
		{ SIGHUP, " 1 HUP" }, { SIGINT, " 2 INT" }, { SIGSTOP, "19 STOP" },
		{ SIGCONT, "18 CONT" }, { SIGUSR1, "10 USR1" }, { SIGUSR2, "12 USR2" },
	};
	char title[96];
	if (t->list.n_tags)
		snprintf(title, sizeof title, "Send signal to %zu tagged process%s", t->list.n_tags,
			 t->list.n_tags == 1 ? "" : "es");
	else if (t->list.n_rows)
		snprintf(title, sizeof title, "Send signal to PID %d", (int)t->list.sel_pid);
	else
		return;
	popup_menu(&t->popup, PP_KILL, title);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		popup_add(&t->popup, sigs[i].name, NULL, sigs[i].sig);
}

/* F7/F8: a menu of nice values for the selected process; choosing one is the confirmation.
 * Lowering nice below its current value needs privilege: the kernel says no otherwise. */
static void open_nice_menu(struct tui *t, int step)
{
	const struct proc_info *p = t->list.n_rows ? snapshot_find_proc(t->cur, t->list.sel_pid) : NULL;
	if (!p)
		return;
	char title[96], label[48];
	snprintf(title, sizeof title, "Nice of PID %d (now %d)", (int)p->pid, p->nice);
	popup_menu(&t->popup, PP_NICE, title);
	int first = p->nice + step;
	if (first >= -20 && first <= 19) {
		snprintf(label, sizeof label, "%3d  (%s)", first, step > 0 ? "nicer: less CPU" : "less nice: more CPU");
		popup_add(&t->popup, label, NULL, first);
	}
	static const int presets[] = { 0, 5, 10, 19, -5, -10, -20 };
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
		if (presets[i] != first && presets[i] != p->nice) {
			snprintf(label, sizeof label, "%3d", presets[i]);
			popup_add(&t->popup, label, NULL, presets[i]);
		}
}

static void set_nice(struct tui *t, int value)
{
	pid_t pid = t->list.sel_pid;
	if (pid > 0 && setpriority(PRIO_PROCESS, (id_t)pid, value) == 0)
		tui_status(t, "PID %d: nice %d", (int)pid, value);
	else
		tui_status(t, "PID %d: nice %d refused: %s", (int)pid, value, strerror(errno));
	t->refresh_now = true;
}

static void send_signal(struct tui *t, int sig)
{
	struct list_state *l = &t->list;
	size_t n = l->n_tags ? l->n_tags : 1, sent = 0;
	int err = 0;
	for (size_t i = 0; i < n; i++) {
		pid_t pid = l->n_tags ? l->tags[i] : l->sel_pid;
		if (pid <= 0)
			continue;
		if (kill(pid, sig) == 0)
			sent++;
		else
			err = errno;
	}
	if (err)
		tui_status(t, "signal %d: sent to %zu of %zu; %s", sig, sent, n, strerror(err));
	else
		tui_status(t, "signal %d sent to %zu process%s", sig, sent, sent == 1 ? "" : "es");
	l->n_tags = 0;
	t->refresh_now = true;
}

void list_choice(struct tui *t, enum popup_purpose why, const struct menu_item *it)
{
	if (why == PP_SORT)
		set_sort(t, it->code, false);
	else if (why == PP_USER) {
		free(t->list.user);
		t->list.user = it->value ? xstrdup(it->value) : NULL;
		list_rebuild(t);
	} else if (why == PP_KILL && !t->opts->readonly)
		send_signal(t, it->code);
	else if (why == PP_NICE && !t->opts->readonly)
		set_nice(t, it->code);
}

/* ---- keys ---- */

static void input_key(struct tui *t, int key)
{
	struct list_state *l = &t->list;
	char *buf = l->input == IN_SEARCH ? l->search : l->filter;
	size_t len = strlen(buf);
	if (key == 27) {
		if (l->input == IN_FILTER)
			buf[0] = '\0';
		l->input = IN_NONE;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		l->input = IN_NONE;
	} else if (key == KEY_F(3) && l->input == IN_SEARCH) {
		search_from(t, l->sel + 1);
		return;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (len)
			buf[len - 1] = '\0';
	} else if (key >= 32 && key < 256 && key != 127 && len + 1 < sizeof l->search) {
		buf[len] = (char)key;
		buf[len + 1] = '\0';
	} else {
		return;
	}
	if (l->input == IN_SEARCH)
		search_from(t, l->sel);
	else
		list_rebuild(t);
}

static bool nav_key(struct tui *t, int key)
{
	struct list_state *l = &t->list;
	long page = l->body_rows > 1 ? l->body_rows - 1 : 1;
	switch (key) {
	case KEY_UP:     move_sel(t, -1); break;
	case KEY_DOWN:   move_sel(t, 1); break;
	case KEY_PPAGE:            move_sel(t, -page); break;
	case KEY_NPAGE:            move_sel(t, page); break;
	case KEY_HOME:             select_row(t, 0); break;
	case KEY_END:              select_row(t, l->n_rows ? l->n_rows - 1 : 0); break;
	case KEY_LEFT:             l->col_cursor = l->col_cursor > 0 ? l->col_cursor - 1 : 0; break;
	case KEY_RIGHT:            l->col_cursor = l->col_cursor + 1 < COL__COUNT ? l->col_cursor + 1 : l->col_cursor; break;
	default: return false;
	}
	return true;
}

static void start_input(struct tui *t, enum input_mode m)
{
	t->list.input = m;
	if (m == IN_SEARCH)
		t->list.search[0] = '\0';
}

static bool mode_key(struct tui *t, int key)
{
	struct list_state *l = &t->list;
	switch (key) {
	case '/': case KEY_F(3): start_input(t, IN_SEARCH); break;
	case 'n':                search_from(t, l->sel + 1); break;
	case '\\': case KEY_F(4): start_input(t, IN_FILTER); break;
	case 't': case KEY_F(5): t->set.tree = !t->set.tree; list_rebuild(t); break;
	case KEY_F(6):           open_sort_menu(t); break;
	case '<': case ',':      cycle_sort(t, -1); break;
	case '>': case '.':      cycle_sort(t, 1); break;
	case 'I':                t->set.sort_desc = !t->set.sort_desc; list_rebuild(t); break;
	case 'u':                open_user_menu(t); break;
	case 'F':                l->follow = !l->follow; break;
	case KEY_F(2):           t->setup_sel = COL_USER; tui_push(t, SCR_SETUP); break;
	case 27:
		if (l->filter[0]) {
			l->filter[0] = '\0';
			list_rebuild(t);
		}
		break;
	default: return false;
	}
	return true;
}

static void open_selected(struct tui *t, bool graph)
{
	if (t->list.n_rows == 0)
		return;
	if (!graph) {
		tui_open_detail(t, t->list.sel_pid);
		return;
	}
#ifdef HAVE_GRAPH_VIEW
	graph_view_focus(t->graph, t->list.sel_pid);
	tui_push(t, SCR_GRAPH);
#else
	tui_status(t, "graph view not built yet");
#endif
}

void list_key(struct tui *t, int key)
{
	struct list_state *l = &t->list;
	if (l->input != IN_NONE) {
		input_key(t, key);
		return;
	}
	if (nav_key(t, key) || mode_key(t, key))
		return;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER: open_selected(t, false); break;
	case 'g':                 open_selected(t, true); break;
	case ' ':
		if (l->n_rows) {
			toggle_tag(l, l->sel_pid);
			move_sel(t, 1);
		}
		break;
	case 'U':                 l->n_tags = 0; break;
	case '?':                 {
		char key_name[32];
		snprintf(key_name, sizeof key_name, "col.%s", col_name((enum col_id)l->col_cursor));
		popup_explain(t, key_name);
		break;
	}
	case KEY_F(9): case 'k':
		if (!t->opts->readonly)
			open_kill_menu(t);
		break;
	case KEY_F(7): case ']':
		if (!t->opts->readonly)
			open_nice_menu(t, -1);
		break;
	case KEY_F(8): case '[':
		if (!t->opts->readonly)
			open_nice_menu(t, 1);
		break;
	default: break;
	}
}

void list_click(struct tui *t, int y, int x)
{
	struct list_state *l = &t->list;
	if (y == 0) {
		for (int c = 0; c < COL__COUNT; c++)
			if (l->col_x[c] >= 0 && x >= l->col_x[c] && x <= l->col_x[c] + l->col_w[c])
				set_sort(t, c, true);
		return;
	}
	size_t row = l->top + (size_t)(y - 1);
	if (y > 0 && row < l->n_rows)
		select_row(t, row);
}
