/* collect_gate.c — an LD_PRELOAD library for latency.sh that holds ipctop's collector in the
 * middle of a snapshot for as long as the test wants: libproc2's procps_pids_reap() (called
 * once per snapshot, by whichever thread takes it) waits while the file named by IPCTOP_GATE
 * exists, after creating IPCTOP_GATE.held to say that a snapshot is held. The test then
 * presses keys: their effects must show while the snapshot is still held. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct pids_info;
struct pids_fetch;
struct pids_fetch *procps_pids_reap(struct pids_info *info, int which);

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

struct pids_fetch *procps_pids_reap(struct pids_info *info, int which)
{
	struct pids_fetch *(*real)(struct pids_info *, int) =
		(struct pids_fetch *(*)(struct pids_info *, int))dlsym(RTLD_NEXT, "procps_pids_reap");
	hold_while_gated();
	return real ? real(info, which) : NULL;
}
