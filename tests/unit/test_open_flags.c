/* test_open_flags.c — open_flags_words (model/open_flags.c) on the flags the kernel itself
 * reports: descriptors opened here with known open(2)/pipe2 flags, their "flags:" line read
 * from /proc/self/fdinfo by this test (not by ipctop's parser), must come out in open(2)'s
 * names, access mode first, nothing left over as octal; a bit with no name does. And the
 * collector reads pos and flags for the detail process only: this one, not its child. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "model/fd_describe.h"
#include "../tap.h"

/* The kernel's flags of fd, from its fdinfo's "flags:" line (octal); -1 when unreadable. */
static long kernel_flags(int fd)
{
	char path[64], line[128];
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "r");
	long v = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "flags:", 6))
			v = strtol(line + 6, NULL, 8);
	if (f)
		fclose(f);
	return v;
}

/* open_flags_words of fd's kernel flags starts with mode and names every one of words
 * (space separated), with no octal rest. */
static void check_fd(int fd, const char *mode, const char *words, const char *what)
{
	long k = kernel_flags(fd);
	struct strbuf sb = STRBUF_INIT;
	open_flags_words(&sb, (uint32_t)k);
	const char *got = sb_str(&sb);
	bool good = k >= 0 && !strncmp(got, mode, strlen(mode)) && !strstr(got, "|0");
	char buf[128];
	snprintf(buf, sizeof buf, "%s", words);
	for (char *w = strtok(buf, " "); w && good; w = strtok(NULL, " "))
		good = strstr(got, w) != NULL;
	ok(good, "%s: kernel flags 0%lo read %s (want %s %s)", what, (unsigned long)k, got, mode, words);
	sb_free(&sb);
}

static const struct fd_info *fd_of(const struct snapshot *s, pid_t pid, int fd)
{
	const struct proc_info *p = snapshot_find_proc(s, pid);
	for (size_t i = 0; p && i < p->n_fds; i++)
		if (p->fds[i].fd == fd)
			return &p->fds[i];
	return NULL;
}

/* A snapshot with this process as the detail one (or none): its pipe end fd has pos and flags
 * as the kernel says; the child's same end (inherited), never. */
static void check_collect(int fd, pid_t child, bool detail)
{
	pid_t self = getpid();
	struct snapshot s;
	struct collect_opts o = { .detail_pids = &self, .n_detail = detail ? 1 : 0 };
	snapshot_init(&s);
	if (snapshot_take(&s, &o) != 0) {
		ok(0, "snapshot_take");
		return;
	}
	const struct fd_info *mine = fd_of(&s, self, fd), *its = fd_of(&s, child, fd);
	if (detail)
		ok(mine && mine->has_fdinfo && mine->pos == 0 && (long)mine->oflags == kernel_flags(fd),
		   "detail process: fd %d has pos 0 and the kernel's flags 0%lo", fd, (unsigned long)kernel_flags(fd));
	else
		ok(mine && !mine->has_fdinfo, "no detail process: fd %d's fdinfo not read", fd);
	ok(its && !its->has_fdinfo, "the child (not the detail process): fd %d's fdinfo not read", fd);
	snapshot_free(&s);
}

int main(void)
{
	char path[] = "/tmp/ipctop-oflags.XXXXXX";
	int tmp = mkstemp(path);
	if (tmp < 0)
		return ci_skip_all("mkstemp failed");
	int w = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	int r = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	int s = open(path, O_RDWR | O_SYNC);
	int p[2];
	int pr = pipe2(p, O_NONBLOCK | O_CLOEXEC);
	unlink(path);
	check_fd(w, "O_WRONLY", "|O_APPEND |O_CLOEXEC", "open O_WRONLY|O_APPEND|O_CLOEXEC");
	check_fd(r, "O_RDONLY", "|O_NONBLOCK", "open O_RDONLY|O_NONBLOCK");
	check_fd(s, "O_RDWR", "|O_SYNC", "open O_RDWR|O_SYNC");
	struct strbuf sb = STRBUF_INIT;
	open_flags_words(&sb, (uint32_t)kernel_flags(s));
	ok(!strstr(sb_str(&sb), "O_DSYNC"), "O_SYNC is not also called O_DSYNC (%s)", sb_str(&sb));
	if (pr == 0) {
		check_fd(p[0], "O_RDONLY", "|O_NONBLOCK |O_CLOEXEC", "pipe2 read end");
		check_fd(p[1], "O_WRONLY", "|O_NONBLOCK |O_CLOEXEC", "pipe2 write end");
	} else {
		skip(2, "pipe2 failed");
	}
	pid_t parent = getpid(), child = pr == 0 ? fork() : -1;
	if (child == 0) {
		/* dies with this test: a crash here (a mutant) must not leave it holding the
		 * test's output open, which keeps the harness waiting */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == parent)
			pause();
		_exit(0);
	}
	if (child > 0) {
		check_collect(p[1], child, true);
		check_collect(p[1], child, false);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	} else {
		skip(4, "no pipe or no fork");
	}
	sb_reset(&sb);
	open_flags_words(&sb, 02u | 010000000000u);
	is_str(sb_str(&sb), "O_RDWR|010000000000", "a bit with no name stays, in octal");
	sb_reset(&sb);
	struct fd_info f = { .fd = 3, .has_fdinfo = true, .pos = 42, .oflags = 02000002u };
	ok(fd_pos_flags_describe(&sb, &f) && !strcmp(sb_str(&sb), "pos 42, flags O_RDWR|O_CLOEXEC"),
	   "fd line: %s", sb_str(&sb));
	sb_reset(&sb);
	f.has_fdinfo = false;
	ok(!fd_pos_flags_describe(&sb, &f) && !sb_str(&sb)[0], "no fdinfo read: no line");
	f = (struct fd_info){ .fd = 3, .has_fdinfo = true, .oflags = (uint32_t)kernel_flags(s) & ~(uint32_t)O_SYNC };
	ok(!fd_pos_flags_describe(&sb, &f) && !sb_str(&sb)[0], "pos 0 and the access mode only (0%o): no line",
	   f.oflags);
	f.pos = 7;
	ok(fd_pos_flags_describe(&sb, &f) && !strncmp(sb_str(&sb), "pos 7, flags O_RDWR", 19),
	   "the same at pos 7: %s", sb_str(&sb));
	sb_free(&sb);
	return tap_done();
}
