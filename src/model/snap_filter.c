/* snap_filter.c — the -u, -p and --kind selection of a snapshot (rule in snap_filter.h). */
#include "model/snap_filter.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool pid_listed(pid_t pid, const pid_t *pids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

static bool proc_chosen(const struct proc_info *p, const struct snap_filter *f)
{
	if (f->has_uid && p->euid != f->uid)
		return false;
	return f->n_pids == 0 || pid_listed(p->pid, f->pids, f->n_pids);
}

static bool proc_index_ok(const struct snapshot *s, int32_t idx)
{
	return idx >= 0 && (size_t)idx < s->n_procs;
}

/* Kept: kind passes, and with a process filter an endpoint is a chosen process. */
static bool chan_kept(const struct snapshot *s, const struct channel *ch,
                      const struct snap_filter *f, const bool *chosen)
{
	if (f->kind_mask && ((unsigned)ch->kind >= 32 || !(f->kind_mask & (1u << ch->kind))))
		return false;
	if (!f->has_uid && f->n_pids == 0)
		return true;
	for (size_t e = 0; e < ch->n_ep; e++)
		if (ch->ep[e].pid > 0 && proc_index_ok(s, ch->ep[e].proc) && chosen[ch->ep[e].proc])
			return true;
	return false;
}

void snap_select(const struct snapshot *s, const struct snap_filter *f, struct snap_selection *sel)
{
	sel->proc_listed = xcalloc(s->n_procs + 1, sizeof(bool));
	sel->proc_chosen = xcalloc(s->n_procs + 1, sizeof(bool));
	sel->chan_kept = xcalloc(s->n_chans + 1, sizeof(bool));
	for (size_t i = 0; i < s->n_procs; i++)
		sel->proc_listed[i] = sel->proc_chosen[i] = proc_chosen(&s->procs[i], f);
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		sel->chan_kept[c] = chan_kept(s, ch, f, sel->proc_chosen);
		if (!sel->chan_kept[c] || f->n_pids == 0)
			continue;
		for (size_t e = 0; e < ch->n_ep; e++) {   /* -p: the other ends, if they pass -u */
			int32_t pi = ch->ep[e].proc;
			if (proc_index_ok(s, pi) && (!f->has_uid || s->procs[pi].euid == f->uid))
				sel->proc_listed[pi] = true;
		}
	}
}

void snap_selection_free(struct snap_selection *sel)
{
	free(sel->proc_listed);
	free(sel->proc_chosen);
	free(sel->chan_kept);
	memset(sel, 0, sizeof(*sel));
}

static int kind_by_name(const char *name, size_t len)
{
	for (int k = 0; k < CK__COUNT; k++) {
		const char *n = chan_kind_name((enum chan_kind)k);
		if (n && strlen(n) == len && memcmp(n, name, len) == 0)
			return k;
	}
	return -1;
}

static void copy_bad(char *bad, size_t bad_len, const char *s, size_t n)
{
	if (!bad_len)
		return;
	if (n >= bad_len)
		n = bad_len - 1;
	memcpy(bad, s, n);
	bad[n] = '\0';
}

bool snap_filter_parse_kinds(const char *arg, uint32_t *mask, char *bad, size_t bad_len)
{
	uint32_t m = 0;
	const char *p = arg;
	for (;;) {
		size_t len = strcspn(p, ",");
		int k = len ? kind_by_name(p, len) : -1;
		if (k < 0) {
			copy_bad(bad, bad_len, p, len);
			return false;
		}
		m |= 1u << k;
		if (!p[len])
			break;
		p += len + 1;
	}
	*mask = m;
	return true;
}

bool snap_filter_parse_user(const char *arg, uid_t *uid)
{
	struct passwd *pw = *arg ? getpwnam(arg) : NULL;
	if (pw) {
		*uid = pw->pw_uid;
		return true;
	}
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || !isdigit((unsigned char)arg[0]) || *end || v >= UINT_MAX)
		return false;
	*uid = (uid_t)v;
	return true;
}
