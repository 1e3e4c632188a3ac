/* collect_viewer.c — what ipctop's own standing lets it see, and the notes that say what it
 * could not: its effective uid, whether it runs in a user namespace other than the machine's
 * first one (where uid 0 is not root of the machine), the hidepid= option of the /proc it
 * reads, and, once processes are read, how many of them kept their descriptors, mappings,
 * status or network namespace from it. */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/parse_proc.h"

/* The inode of the machine's first user namespace (the kernel's PROC_USER_INIT_INO). */
#define FIRST_USER_NS_INO 0xEFFFFFFDu

/* uid_map of the first namespace: every uid is itself, "0 0 4294967295" on one line. */
static bool uid_map_is_whole(const char *text)
{
	unsigned long long in, out, count;
	char more;
	return sscanf(text, "%llu %llu %llu %c", &in, &out, &count, &more) == 3 &&
	       in == 0 && out == 0 && count == 4294967295ULL;
}

/* By the namespace's inode, else by its uid map; when neither can be read (a /proc without
 * "self"), nothing is claimed: taken as the first. */
static bool in_first_userns(struct scan_ctx *c)
{
	char link[64];
	if (readlink_at(c->proc_fd, "self/ns/user", link, sizeof(link)) > 0)
		return ns_link_inode(link) == FIRST_USER_NS_INO;
	if (read_whole_at(c->proc_fd, "self/uid_map", &c->file) > 0)
		return uid_map_is_whole(c->file.buf);
	return true;
}

static bool in_group(gid_t g)
{
	if (getegid() == g)
		return true;
	gid_t groups[256];
	int n = getgroups(256, groups);
	for (int i = 0; i < n; i++)
		if (groups[i] == g)
			return true;
	return false;
}

/* hidepid of the /proc ipctop reads (found by its device number), unless ipctop is in the
 * group its gid= option exempts. */
static int read_hidepid(struct scan_ctx *c)
{
	struct stat st;
	struct proc_mount m;
	long len;
	if (fstat(c->proc_fd, &st) < 0 ||
	    (len = read_file_at(c->proc_fd, "self/mountinfo", &c->file)) < 0 ||
	    !parse_mountinfo_proc(c->file.buf, (size_t)len, major(st.st_dev), minor(st.st_dev), &m))
		return 0;
	if (m.hidepid && m.gid >= 0 && in_group((gid_t)m.gid))
		return 0;
	return m.hidepid;
}

void collect_viewer(struct snapshot *s, struct scan_ctx *c)
{
	s->viewer_uid = geteuid();
	s->viewer_userns = !in_first_userns(c);
	s->viewer_root = s->viewer_uid == 0 && !s->viewer_userns;
	s->proc_hidepid = s->viewer_root ? 0 : read_hidepid(c);   /* root sees through hidepid */
}

/* ", descriptors of 3 processes" for a non-zero count. */
static void add_count(struct strbuf *sb, const char *what, size_t n)
{
	if (n)
		sb_printf(sb, "%s%s of %zu process%s", sb->len ? ", " : "", what, n, n == 1 ? "" : "es");
}

/* One note for everything the processes' flags say could not be read, with the reason when
 * it is ipctop's own standing. */
static void note_denied(struct snapshot *s)
{
	size_t fds = 0, maps = 0, status = 0, netns = 0;
	for (size_t i = 0; i < s->n_procs; i++) {
		uint32_t f = s->procs[i].flags;
		fds += !!(f & PF_FDS_DENIED);
		maps += !!(f & PF_MAPS_DENIED);
		status += !!(f & PF_STATUS_DENIED);
		netns += !!(f & PF_NETNS_DENIED);
	}
	struct strbuf what = STRBUF_INIT;
	add_count(&what, "descriptors", fds);
	add_count(&what, "mappings", maps);
	add_count(&what, "status", status);
	add_count(&what, "network namespaces", netns);
	if (!what.len)
		return;
	if (s->viewer_root)
		snapshot_note(s, "%s could not be read", what.buf);
	else if (s->viewer_uid == 0)
		snapshot_note(s, "running as uid 0 of a user namespace (not root of the machine): "
		              "%s could not be read", what.buf);
	else
		snapshot_note(s, "running as uid %u (not root): %s could not be read",
		              (unsigned)s->viewer_uid, what.buf);
	sb_free(&what);
}

static void note_hidepid(struct snapshot *s)
{
	static const char *const hidden[] = {
		[1] = "other users' processes are listed, but their files cannot be read",
		[2] = "other users' processes are hidden",
		[4] = "only the processes ipctop may trace are shown",
	};
	int h = s->proc_hidepid;
	if (h == 1 || h == 2 || h == 4)
		snapshot_note(s, "/proc is mounted with hidepid=%d: %s", h, hidden[h]);
}

void collect_viewer_notes(struct snapshot *s)
{
	if (s->viewer_userns)
		snapshot_note(s, "running in a user namespace: root here is not root of the machine, "
		              "and processes outside the namespace may refuse their files");
	note_hidepid(s);
	note_denied(s);
}
