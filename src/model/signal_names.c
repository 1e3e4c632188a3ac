/* signal_names.c — Linux signal numbers to names without "SIG", as the kernel numbers them.
 *
 * 1..31 are the x86_64 (and generic) standard signals. 32..64 are the real-time signals,
 * named from the kernel's view: 32 is "RTMIN", 33..63 are "RTMIN+1".."RTMIN+31", 64 is
 * "RTMAX". C libraries reserve the first real-time signals for themselves (glibc uses 32 and
 * 33 for thread cancellation and set*id, musl 32..34) and move their SIGRTMIN up, so glibc's
 * SIGRTMIN (34, what bash's `kill -l` calls RTMIN) shows here as "RTMIN+2". The kernel's
 * numbering is the same for every program whatever its libc, and seeing "RTMIN" / "RTMIN+1"
 * in a mask tells the reader it is the C library's own signal. */
#include "model/kernel_names.h"

#include <stddef.h>

static const char *const standard_names[32] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
	"TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

static const char *const realtime_names[33] = {
	"RTMIN", "RTMIN+1", "RTMIN+2", "RTMIN+3", "RTMIN+4", "RTMIN+5", "RTMIN+6", "RTMIN+7",
	"RTMIN+8", "RTMIN+9", "RTMIN+10", "RTMIN+11", "RTMIN+12", "RTMIN+13", "RTMIN+14",
	"RTMIN+15", "RTMIN+16", "RTMIN+17", "RTMIN+18", "RTMIN+19", "RTMIN+20", "RTMIN+21",
	"RTMIN+22", "RTMIN+23", "RTMIN+24", "RTMIN+25", "RTMIN+26", "RTMIN+27", "RTMIN+28",
	"RTMIN+29", "RTMIN+30", "RTMIN+31", "RTMAX",
};

const char *signal_name(int n)
{
	if (n >= 1 && n <= 31)
		return standard_names[n];
	if (n >= 32 && n <= 64)
		return realtime_names[n - 32];
	return NULL;
}
