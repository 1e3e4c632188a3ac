/* test_list_marks.c — the list's marks on hand-built snapshots: "new" while a process is
 * younger than the window (5 s, or three refreshes when longer), "exec" when the same process
 * (pid and start) shows a main stack placed anew, for the window only; no exec for an unknown
 * stack (0), another start time (a reused pid) or a --merge's process; the oldest of too many
 * execs forgotten first. */
#include "../tap.h"
#include "view/list_marks.h"

#include <string.h>

#define HZ 100

static struct proc_info pa[4], pb[4];

/* s at wall time now_ms, uptime up_s, holding procs (sorted by pid). */
static void snap(struct snapshot *s, struct proc_info *procs, size_t n, uint64_t now_ms, double up_s)
{
	memset(s, 0, sizeof(*s));
	s->procs = procs;
	s->n_procs = n;
	s->taken_ms = now_ms;
	s->sys.uptime_s = up_s;
	s->sys.ticks_per_sec = HZ;
}

static void proc(struct proc_info *p, pid_t pid, double started_s, uint64_t stack)
{
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->start_time = (uint64_t)(started_s * HZ);
	p->stack_start = stack;
}

static void new_marks(void)
{
	static struct list_marks m;
	struct snapshot s;
	proc(&pa[0], 10, 100.0, 0x7000);   /* 900 s old */
	proc(&pa[1], 20, 997.5, 0x7100);   /* 2.5 s old */
	proc(&pa[2], 30, 994.0, 0x7200);   /* 6 s old */
	snap(&s, pa, 3, 1000000, 1000.0);
	list_marks_update(&m, NULL, &s);
	is_int(list_mark_of(&m, &s, &pa[0]), LM_NONE, "a process of 900 s: no mark");
	is_int(list_mark_of(&m, &s, &pa[1]), LM_NEW, "a process of 2.5 s: new");
	is_int(list_mark_of(&m, &s, &pa[2]), LM_NONE, "a process of 6 s: no longer new (window 5 s)");
	pa[1].host = "h1";
	is_int(list_mark_of(&m, &s, &pa[1]), LM_NONE, "a --merge's process: no mark (another host's uptime)");
	pa[1].host = NULL;
	ok(strcmp(list_mark_word(LM_NEW), "new") == 0 && strcmp(list_mark_word(LM_EXEC), "exec") == 0 &&
	   list_mark_word(LM_NONE) == NULL, "the words: new, exec, none");
}

static void exec_marks(void)
{
	static struct list_marks m;
	struct snapshot a, b, c, d;
	proc(&pa[0], 10, 100.0, 0x7000);
	proc(&pa[1], 20, 100.0, 0x7100);
	proc(&pa[2], 30, 100.0, 0);
	proc(&pa[3], 40, 100.0, 0x7300);
	snap(&a, pa, 4, 1000000, 1000.0);
	list_marks_update(&m, NULL, &a);
	memcpy(pb, pa, sizeof(pb));
	pb[0].stack_start = 0x9000;   /* exec'd */
	pb[2].stack_start = 0x9200;   /* its stack was hidden before: unknown, not an exec */
	pb[3].start_time += 50;       /* another process with that pid */
	pb[3].stack_start = 0x9300;
	snap(&b, pb, 4, 1001000, 1001.0);
	list_marks_update(&m, &a, &b);
	is_int(list_mark_of(&m, &b, &pb[0]), LM_EXEC, "the same pid and start with a new stack: exec");
	is_int(list_mark_of(&m, &b, &pb[1]), LM_NONE, "the same stack: no mark");
	is_int(list_mark_of(&m, &b, &pb[2]), LM_NONE, "a stack not known before: no exec");
	is_int(list_mark_of(&m, &b, &pb[3]), LM_NONE, "another start time (a reused pid): no exec");
	/* from c on, refreshes 0.2 s apart: the window is 5 s again */
	snap(&c, pb, 4, 1005700, 1005.7);
	list_marks_update(&m, &b, &c);
	snap(&d, pb, 4, 1005900, 1005.9);   /* 4.9 s after the exec was seen */
	list_marks_update(&m, &c, &d);
	is_int(list_mark_of(&m, &d, &pb[0]), LM_EXEC, "still marked 4.9 s later");
	c = d;
	snap(&d, pb, 4, 1006100, 1006.1);   /* 5.1 s after */
	list_marks_update(&m, &c, &d);
	is_int(list_mark_of(&m, &d, &pb[0]), LM_NONE, "the mark is gone after 5 s");
}

/* Refreshes 4 s apart: the window is three refreshes, 12 s. */
static void slow_refresh(void)
{
	static struct list_marks m;
	struct snapshot a, b;
	proc(&pa[0], 10, 992.0, 0x7000);   /* 8 s old at b */
	snap(&a, pa, 1, 996000, 996.0);
	snap(&b, pa, 1, 1000000, 1000.0);
	list_marks_update(&m, NULL, &a);
	list_marks_update(&m, &a, &b);
	is_int((long)m.window_ms, 12000, "refreshes 4 s apart: the window is 12 s");
	is_int(list_mark_of(&m, &b, &pa[0]), LM_NEW, "so a process of 8 s is still new");
}

/* More execs than are remembered: the oldest goes first. */
static void many_execs(void)
{
	static struct list_marks m;
	static struct proc_info x[LIST_MAX_EXECS + 1], y[LIST_MAX_EXECS + 1];
	struct snapshot a, b;
	for (size_t i = 0; i <= LIST_MAX_EXECS; i++) {
		proc(&x[i], (pid_t)(100 + i), 10.0, 0x1000 + i);
		y[i] = x[i];
		y[i].stack_start = 0x100000 + i;
	}
	snap(&a, x, LIST_MAX_EXECS + 1, 1000000, 1000.0);
	snap(&b, y, LIST_MAX_EXECS + 1, 1001000, 1001.0);
	list_marks_update(&m, NULL, &a);
	list_marks_update(&m, &a, &b);
	is_int((long)m.n, LIST_MAX_EXECS, "at most LIST_MAX_EXECS execs remembered");
	ok(list_mark_of(&m, &b, &y[0]) == LM_NONE && list_mark_of(&m, &b, &y[LIST_MAX_EXECS]) == LM_EXEC,
	   "the first exec forgotten, the last kept");
}

int main(void)
{
	new_marks();
	exec_marks();
	slow_refresh();
	many_execs();
	return tap_done();
}
