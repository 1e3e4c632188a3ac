/* test_collect_sysvipc.c — the notes collect_sysvipc leaves about /proc/sysvipc: none when the
 * kernel's three tables read; as root, in a private mount namespace of a child, exactly one
 * "no /proc/sysvipc" when a tmpfs hides all three, and exactly one naming the shm table when
 * only that one is missing (the kernel's msg and sem tables copied in). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"

/* The snapshot's notes that contain needle. */
static size_t notes_with(const struct snapshot *s, const char *needle)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n_notes; i++)
		k += strstr(s->notes[i].text, needle) != NULL;
	return k;
}

/* One snapshot: 1 when its only /proc/sysvipc note contains want. */
static int only_note(const char *want)
{
	struct snapshot s;
	struct collect_opts o = { 0 };
	snapshot_init(&s);
	int good = snapshot_take(&s, &o) == 0 && notes_with(&s, "sysvipc") == 1 &&
	           notes_with(&s, want) == 1;
	for (size_t i = 0; i < s.n_notes; i++)
		printf("# note: %s\n", s.notes[i].text);
	snapshot_free(&s);
	return good;
}

/* Copy the kernel's table name (read before the tmpfs hides it) into the tmpfs. */
static int copy_table(const char *name, const char *text, ssize_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/sysvipc/%s", name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0444);
	int good = fd >= 0 && write(fd, text, (size_t)len) == len;
	if (fd >= 0)
		close(fd);
	return good;
}

static ssize_t slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, cap) : -1;
	if (fd >= 0)
		close(fd);
	return n;
}

/* In a child with its own mount namespace: exit bits 1 (all hidden), 2 (shm only) or 64 (setup). */
static int hidden_tables(void)
{
	static char msg[65536], sem[65536];
	ssize_t nm = slurp("/proc/sysvipc/msg", msg, sizeof(msg));
	ssize_t ns = slurp("/proc/sysvipc/sem", sem, sizeof(sem));
	if (nm <= 0 || ns <= 0 || unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("none", "/proc/sysvipc", "tmpfs", 0, "mode=0755") != 0)
		return 64;
	int bits = only_note("no /proc/sysvipc: SysV IPC not shown") ? 1 : 0;
	if (!copy_table("msg", msg, nm) || !copy_table("sem", sem, ns))
		return 64 | bits;
	return bits | (only_note("/proc/sysvipc/shm could not be read (No such file or directory)") ? 2 : 0);
}

static void test_hidden(void)
{
	if (geteuid() != 0) {
		skip(2, "hiding /proc/sysvipc needs root");
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int bits = hidden_tables();
		fflush(stdout);   /* the notes seen, as TAP comments */
		_exit(bits);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	int bits = WIFEXITED(st) ? WEXITSTATUS(st) : 64;
	if (bits & 64) {
		ci_skip(2, "no private mount namespace with a tmpfs on /proc/sysvipc");
		return;
	}
	ok(bits & 1, "all three tables hidden: one note, 'no /proc/sysvipc'");
	ok(bits & 2, "only shm missing: one note, naming /proc/sysvipc/shm");
}

int main(void)
{
	test_hidden();   /* first: the child forks before any collector thread runs */
	char buf[16];
	ok(slurp("/proc/sysvipc/shm", buf, sizeof(buf)) > 0 && slurp("/proc/sysvipc/msg", buf, sizeof(buf)) > 0 &&
	   slurp("/proc/sysvipc/sem", buf, sizeof(buf)) > 0, "the kernel: the three tables read");
	struct snapshot s;
	struct collect_opts o = { 0 };
	snapshot_init(&s);
	ok(snapshot_take(&s, &o) == 0 && notes_with(&s, "sysvipc") == 0, "all tables read: no /proc/sysvipc note");
	snapshot_free(&s);
	collect_shutdown();
	return tap_done();
}
