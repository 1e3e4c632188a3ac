/* test_parse_pcb.c — /proc/PID/syscall and /proc/PID/cgroup parsing, malformed text included,
 * and the names of system calls and capabilities. */
#include <string.h>
#include <sys/syscall.h>

#include "collect/parse_pcb.h"
#include "model/kernel_names.h"
#include "../tap.h"

static int sys(const char *t, int64_t *nr, uint64_t *sp, uint64_t *pc, bool *regs)
{
	uint64_t args[6];
	*nr = 99; *sp = *pc = 0; *regs = false;
	return parse_syscall_args(t, strlen(t), nr, args, sp, pc, regs);
}

int main(void)
{
	int64_t nr; uint64_t sp, pc; bool regs;
	ok(sys("0 0x3 0x7f001b229000 0x20000 0x7f001b2bab60 0xffffffff 0x0 0x7ffd5014cdf8 0x7f001b3a32ad\n", &nr, &sp, &pc, &regs) == 0 &&
	   nr == 0 && regs && sp == 0x7ffd5014cdf8ULL && pc == 0x7f001b3a32adULL, "in read(): number, SP and PC");
	ok(sys("-1 0x7ffd5014cdf8 0x7f001b3a32ad\n", &nr, &sp, &pc, &regs) == 0 && nr == -1 && regs,
	   "not in a system call: -1 with SP and PC");
	const char *cut = "-1 0x7ffd5014cdf8 0x7f001b3a32adZZ";   /* the text ends before ZZ */
	uint64_t args[6];
	ok(parse_syscall_args(cut, strlen(cut) - 2, &nr, args, &sp, &pc, &regs) == 0 && nr == -1 &&
	   pc == 0x7f001b3a32adULL, "a word that ends where the text ends (no newline) is whole");
	ok(sys("running\n", &nr, &sp, &pc, &regs) == 0 && nr == -2 && !regs, "running");
	ok(sys("", &nr, &sp, &pc, &regs) < 0, "empty");
	ok(sys("0 0x3 0x7f\n", &nr, &sp, &pc, &regs) < 0, "too few words");
	ok(sys("7 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8 0x9\n", &nr, &sp, &pc, &regs) < 0, "too many words");
	ok(sys("x 0x1 0x2\n", &nr, &sp, &pc, &regs) < 0, "not a number");
	ok(sys("-5 0x1 0x2\n", &nr, &sp, &pc, &regs) < 0, "a negative number other than -1");
	ok(sys("1 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0xfffffffffffffffff\n", &nr, &sp, &pc, &regs) < 0, "an overflowing word");

	char cg[64];
	const char *v1v2 = "9:name=systemd:/\n4:memory:/x/y\n0::/system.slice/cron.service\n";
	ok(parse_cgroup(v1v2, strlen(v1v2), cg, sizeof cg) == 0 && !strcmp(cg, "/system.slice/cron.service"),
	   "the cgroup v2 line wins");
	const char *v1 = "4:memory:/x/y\n3:cpu:/z\n";
	ok(parse_cgroup(v1, strlen(v1), cg, sizeof cg) == 0 && !strcmp(cg, "/x/y"), "v1 only: the first line");
	ok(parse_cgroup("garbage\n", 8, cg, sizeof cg) < 0, "no usable line");
	char tiny[5];
	const char *longer = "0::/abcdefgh";
	ok(parse_cgroup(longer, strlen(longer), tiny, sizeof tiny) == 0 && !strcmp(tiny, "/abc"), "cut to the buffer");
	ok(parse_cgroup("0::/a", 3, cg, sizeof cg) < 0 || strlen(cg) <= 0, "never reads past len");

	is_str(syscall_name(SYS_read), "read", "syscall names come from this machine's header");
	is_str(syscall_name(SYS_clock_nanosleep), "clock_nanosleep", "another one");
	ok(syscall_name(-1) == NULL && syscall_name(1 << 20) == NULL, "out of range: no name");
	is_str(capability_name(21), "sys_admin", "capability 21");
	ok(capability_name(64) == NULL && capability_name(-1) == NULL, "unknown capability bits");
	return tap_done();
}
