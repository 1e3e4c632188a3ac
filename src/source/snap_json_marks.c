/* snap_json_marks.c — a process object's "policy" (a name of model/kernel_names.h or a
 * number), "signals" (four masks as "0x" hex text) and "restricted" (words for the flags that
 * mark what could not be read), back into the process. */
#include "source/snap_json_marks.h"

#include <string.h>

#include "model/kernel_names.h"

static const char *policy_name(unsigned i) { return sched_policy_name((int)i); }

static bool read_policy(struct rd *r, json_t *o, struct proc_info *p)
{
	unsigned v = 0;
	if (!json_object_get(o, "policy"))
		return true;
	if (!get_name(r, o, "policy", policy_name, 16, true, &v))
		return false;
	p->policy = (int)v;
	return true;
}

/* "0x" and 1 to 16 hex digits. */
static bool hex_mask(struct rd *r, json_t *sig, const char *key, uint64_t *out)
{
	json_t *v = json_object_get(sig, key);
	const char *t = json_is_string(v) ? json_string_value(v) : NULL;
	size_t n = t ? json_string_length(v) : 0;
	if (!t || n < 3 || n > 18 || strncmp(t, "0x", 2) != 0 ||
	    strspn(t + 2, "0123456789abcdefABCDEF") != n - 2)
		return rd_fail(r, "signals", "expected %s as \"0x\" and up to 16 hex digits", key);
	uint64_t m = 0;
	for (const char *c = t + 2; *c; c++)
		m = m << 4 | (uint64_t)(*c <= '9' ? *c - '0' : (*c | 0x20) - 'a' + 10);
	*out = m;
	return true;
}

static bool read_signals(struct rd *r, json_t *o, struct proc_info *p)
{
	json_t *sig = NULL;
	if (!get_obj(r, o, "signals", OPT, &sig))
		return false;
	return !sig || (hex_mask(r, sig, "pending", &p->sig_pending) &&
	                hex_mask(r, sig, "blocked", &p->sig_blocked) &&
	                hex_mask(r, sig, "ignored", &p->sig_ignored) &&
	                hex_mask(r, sig, "caught", &p->sig_caught));
}

static bool read_restricted(struct rd *r, json_t *o, struct proc_info *p)
{
	static const struct { const char *word; uint32_t flag; } marks[] = {
		{ "fds", PF_FDS_DENIED }, { "maps", PF_MAPS_DENIED }, { "status", PF_STATUS_DENIED },
		{ "netns", PF_NETNS_DENIED }, { "netns_undumped", PF_NETNS_UNDUMPED },
		{ "thread_waits", PF_TASKS_UNREAD },
	};
	json_t *a = NULL, *v;
	size_t i;
	if (!get_arr(r, o, "restricted", OPT, &a))
		return false;
	if (!a)
		return true;
	json_array_foreach(a, i, v) {
		size_t k = 0;
		while (k < sizeof(marks) / sizeof(marks[0]) &&
		       !(json_is_string(v) && strcmp(json_string_value(v), marks[k].word) == 0))
			k++;
		if (k == sizeof(marks) / sizeof(marks[0]))
			return rd_fail(r, "restricted", "expected words fds, maps, status, netns, netns_undumped, thread_waits");
		p->flags |= marks[k].flag;
	}
	return true;
}

bool snap_json_read_marks(struct rd *r, json_t *o, struct proc_info *p)
{
	return read_policy(r, o, p) && read_signals(r, o, p) && read_restricted(r, o, p);
}
