/* test_filter_keep.c — the list filter's memory on hand-built snapshots: a process it matched
 * stays after an exec (other name and command line, same pid and start time); one that stops
 * matching under the same names (the socket it was found by closed) goes; a reused pid (other
 * start time) is another process; another host's process of the same pid (--merge) is not the
 * one kept; a new filter text, or none, forgets them all. The match here is written for the
 * test: a substring of the name, or "tcp" for the one pid said to hold a TCP socket. */
#include "../tap.h"
#include "view/filter_keep.h"

#include <string.h>

static pid_t tcp_holder;   /* the pid "tcp" matches, 0: none */

static bool name_has(const struct snapshot *s, const struct proc_info *p, const char *text)
{
	(void)s;
	return (p->comm && strstr(p->comm, text)) || (p->pid == tcp_holder && !strcmp(text, "tcp"));
}

static void proc(struct proc_info *p, pid_t pid, uint64_t start, char *comm, char *cmdline)
{
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->start_time = start;
	p->comm = comm;
	p->cmdline = cmdline;
}

static void snap(struct snapshot *s, struct proc_info *procs, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->procs = procs;
	s->n_procs = n;
}

/* Whether p is shown by filter text after the update: it matches, or the filter holds it. */
static bool shown(const struct filter_keep *k, const struct snapshot *s, const struct proc_info *p,
		  const char *text)
{
	return name_has(s, p, text) || filter_keep_holds(k, p);
}

int main(void)
{
	static struct filter_keep k;
	struct proc_info a[3], b[3];
	struct snapshot s1, s2;
	proc(&a[0], 10, 500, "sh", "sh -c exec sleep 600");
	proc(&a[1], 20, 600, "shellish", "shellish --serve");
	proc(&a[2], 30, 700, "sleep", "sleep 601");
	snap(&s1, a, 3);
	filter_keep_update(&k, "sh", &s1, name_has);
	ok(shown(&k, &s1, &a[0], "sh") && shown(&k, &s1, &a[1], "sh") && !shown(&k, &s1, &a[2], "sh"),
	   "first snapshot: the two that match are shown, sleep is not");

	proc(&b[0], 10, 500, "sleep", "sleep 600");          /* 10 exec'd sleep */
	proc(&b[1], 20, 600, "shellish", "shellish --serve");
	proc(&b[2], 30, 700, "sleep", "sleep 601");
	snap(&s2, b, 3);
	filter_keep_update(&k, "sh", &s2, name_has);
	ok(shown(&k, &s2, &b[0], "sh"), "pid 10 exec'd sleep (no 'sh' in its name now): still shown");
	ok(!shown(&k, &s2, &b[2], "sh"), "pid 30, sleep from the start: still not shown");
	filter_keep_update(&k, "sh", &s2, name_has);
	ok(shown(&k, &s2, &b[0], "sh"), "a second update on the same snapshot keeps it (idempotent)");

	tcp_holder = 20;
	filter_keep_update(&k, "tcp", &s2, name_has);
	ok(!filter_keep_holds(&k, &b[0]), "a new filter text forgets what the old one matched");
	ok(shown(&k, &s2, &b[1], "tcp"), "'tcp': pid 20 shown while it holds its socket");
	tcp_holder = 0;
	filter_keep_update(&k, "tcp", &s2, name_has);
	ok(!shown(&k, &s2, &b[1], "tcp"), "its socket closed, its names as when it matched: it goes");
	tcp_holder = 20;
	filter_keep_update(&k, "tcp", &s2, name_has);

	proc(&b[0], 20, 999, "other", "other");               /* pid 20 reused */
	ok(!filter_keep_holds(&k, &b[0]), "pid 20 reused by another process (start 999): not held");
	proc(&b[0], 20, 600, "other", "other");
	ok(filter_keep_holds(&k, &b[0]), "pid 20, same start, new names (an exec): held");
	b[0].host = "h2";
	ok(!filter_keep_holds(&k, &b[0]), "pid 20 of another host (--merge): not held");

	filter_keep_update(&k, "", &s2, name_has);
	b[0].host = NULL;
	ok(!filter_keep_holds(&k, &b[0]) && k.n == 0, "no filter: nothing remembered");
	filter_keep_free(&k);
	return tap_done();
}
