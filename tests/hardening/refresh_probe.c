/* refresh_probe.c — an LD_PRELOAD library for tui_memory.sh that counts the interactive
 * ipctop's refreshes exactly and holds it still at a chosen one. ipctop calls malloc_trim()
 * once per refresh, right after freeing the previous snapshot (src/view/tui.c): the probe
 * passes the call on, then writes the count so far at the start of the file named by
 * IPCTOP_PROBE_COUNT and, when it is the number in the file named by IPCTOP_PROBE_STOP
 * (re-read every time: the test may change it), stops the process (SIGSTOP), so that the test
 * can read its VmRSS from outside at that exact point, then let it go on (SIGCONT). It
 * allocates nothing itself. */
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int malloc_trim(size_t pad);

static long refreshes;
static int count_fd = -1;

/* The number in the IPCTOP_PROBE_STOP file, or -1. */
static long stop_at(void)
{
	const char *path = getenv("IPCTOP_PROBE_STOP");
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return -1;
	char text[32];
	ssize_t got = read(fd, text, sizeof text - 1);
	close(fd);
	if (got <= 0)
		return -1;
	text[got] = '\0';
	return strtol(text, NULL, 10);
}

static void write_count(long n)
{
	if (count_fd < 0) {
		const char *path = getenv("IPCTOP_PROBE_COUNT");
		if (!path)
			return;
		count_fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (count_fd < 0)
			return;
	}
	char line[32];   /* fixed width: a shorter line leaves no stale tail */
	int len = snprintf(line, sizeof line, "%-20ld\n", n);
	if (pwrite(count_fd, line, (size_t)len, 0) < 0)
		return;
}

int malloc_trim(size_t pad)
{
	int (*real)(size_t) = (int (*)(size_t))dlsym(RTLD_NEXT, "malloc_trim");
	int r = real ? real(pad) : 0;
	write_count(++refreshes);
	if (stop_at() == refreshes)
		raise(SIGSTOP);
	return r;
}
