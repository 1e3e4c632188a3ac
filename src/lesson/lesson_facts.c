/* lesson_facts.c — the facts a step reads from the kernel when it is shown, said in one
 * sentence after its banner: for `isolation`, which physical frames two processes' pages map
 * to (/proc/PID/pagemap, through collect/pagemap), or why the frames cannot be shown. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "collect/pagemap.h"
#include "lesson/helper.h"
#include "lesson/lesson.h"

struct frame {
	const char *role;
	enum pagemap_res res;
	uint64_t pfn;
	int err;
};

static void read_frame(const struct lesson_run *r, struct frame *f, uint64_t addr)
{
	pid_t pid = lesson_pid(r, f->role);
	f->pfn = 0;
	f->err = ESRCH;
	f->res = PM_UNREADABLE;
	if (pid > 0) {
		errno = 0;
		f->res = pagemap_frame(pid, addr, &f->pfn);
		f->err = errno;
	}
}

/* "iso-a 0x1234" or why there is no frame to give */
static int say_frame(char *buf, size_t n, const struct frame *f)
{
	switch (f->res) {
	case PM_FRAME: return snprintf(buf, n, "%s %#llx", f->role, (unsigned long long)f->pfn);
	case PM_NOT_PRESENT: return snprintf(buf, n, "%s no page yet", f->role);
	case PM_HIDDEN: return snprintf(buf, n, "%s hidden", f->role);
	case PM_UNREADABLE: break;
	}
	return snprintf(buf, n, "%s unreadable (%s)", f->role, strerror(f->err));
}

static void frames(const struct lesson_run *r, const char *a, const char *b, uint64_t addr,
		   char *buf, size_t n)
{
	struct frame fa = { .role = a }, fb = { .role = b };
	read_frame(r, &fa, addr);
	read_frame(r, &fb, addr);
	if (fa.res == PM_HIDDEN || fb.res == PM_HIDDEN) {
		snprintf(buf, n, "Frames not shown: the kernel gives frame numbers in /proc/PID/pagemap "
			 "to root only (CAP_SYS_ADMIN); run the lesson as root to see them.");
		return;
	}
	char sa[96], sb[96];
	say_frame(sa, sizeof(sa), &fa);
	say_frame(sb, sizeof(sb), &fb);
	const char *verdict = fa.res != PM_FRAME || fb.res != PM_FRAME ? "" :
			      fa.pfn == fb.pfn ? ": one frame, shared" : ": two different frames";
	snprintf(buf, n, "Physical frames at %#llx (pagemap): %s, %s%s.", (unsigned long long)addr,
		 sa, sb, verdict);
}

void lesson_fact(const struct lesson_run *r, enum lesson_fact f, char *buf, size_t n)
{
	buf[0] = '\0';
	switch (f) {
	case LF_FRAMES_AB: frames(r, "iso-a", "iso-b", ISO_PAGE_ADDR, buf, n); break;
	case LF_FRAMES_FORK: frames(r, "iso-a", "iso-child", ISO_PAGE_ADDR, buf, n); break;
	case LF_FRAMES_SHM: frames(r, "iso-a", "iso-b", ISO_SHM_ADDR, buf, n); break;
	case LF_NONE: break;
	}
}
