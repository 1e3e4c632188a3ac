/* test_pcb_exit.c — the PCB tab's "Exit status" of a zombie on hand-built snapshots, against
 * wait(2)'s encoding: an exit code (status >> 8), a signal (status & 0x7f) by its name, the core
 * dump bit (0x80), and a signal number the kernel has no name for given bare (no "(SIG(null))"). */
#include "../tap.h"
#include "view/detail_int.h"

#include <stdlib.h>
#include <string.h>

/* The value of the "pcb.exit" line for a zombie whose status is status, or NULL when none. */
static char *exit_line(int status, bool has_exit)
{
	static char got[128];
	struct proc_info p;
	struct snapshot s;
	struct view_ctx v;
	struct dlines d = { 0 };
	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	memset(&v, 0, sizeof(v));
	p.pid = 4242;
	p.state = 'Z';
	p.has_exit = has_exit;
	p.exit_status = status;
	s.procs = &p;
	s.n_procs = 1;
	s.sys.ticks_per_sec = 100;
	v.cur = &s;
	pcb_lines(&v, &p, &d);
	char *ret = NULL;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].help && strcmp(d.v[i].help, "pcb.exit") == 0) {
			snprintf(got, sizeof(got), "%s", d.v[i].value);
			ret = got;
		}
	dlines_clear(&d);
	free(d.v);
	return ret;
}

int main(void)
{
	char *l = exit_line(3 << 8, true);
	ok(l && strncmp(l, "3  (exited;", 11) == 0, "exit(3): '%s'", l ? l : "(none)");
	l = exit_line(9, true);
	is_str(l, "killed by signal 9 (SIGKILL)", "SIGKILL");
	l = exit_line(6 | 0x80, true);
	is_str(l, "killed by signal 6 (SIGABRT), core dumped", "SIGABRT with a core dump");
	l = exit_line(100, true);
	is_str(l, "killed by signal 100", "signal 100, which has no name: the number alone");
	ok(exit_line(9, false) == NULL, "no exit status known: no line");
	return tap_done();
}
