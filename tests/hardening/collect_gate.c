/* collect_gate.c — an LD_PRELOAD library for latency.sh that holds ipctop's collector in a
 * snapshot for as long as the test wants: the open of the "/proc" directory that begins every
 * snapshot (collect.c, snapshot_take; nothing else of ipctop opens that path) waits while the
 * file named by IPCTOP_GATE exists, after creating IPCTOP_GATE.held to say that a snapshot is
 * held. (A refresh no longer goes through libproc2, whose procps_pids_reap() this used to
 * hold.) The test then presses keys: their effects must show while the snapshot is held. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void hold_while_gated(void)
{
	const char *gate = getenv("IPCTOP_GATE");
	char held[4096];
	if (!gate || access(gate, F_OK) != 0)
		return;
	snprintf(held, sizeof held, "%s.held", gate);
	int fd = open(held, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	while (access(gate, F_OK) == 0)
		nanosleep(&ts, NULL);
	unlink(held);
}

int open(const char *path, int flags, ...)
{
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (!strcmp(path, "/proc") && (flags & O_DIRECTORY))
		hold_while_gated();
	return real ? real(path, flags, mode) : -1;
}
