/* test_json_stamp.c — the export stamps of processes and channels (export_json.h), against
 * the export itself on export_fixture's snapshot: each byte of the structs an object is made
 * of (the process, its waits and threads' waits; the channel, its endpoints, their sockets,
 * its SysV row) changed in turn, and wherever the object's JSON text changed, its stamp must
 * have changed too. Pointers and the counts of what they point at are left alone (the texts
 * and lists behind them are changed through the fields they hold). */
#include <stddef.h>

#include "export/export_json.h"
#include "export_fixture.h"
#include "../tap.h"

struct span { size_t off, len; };
#define SPAN(T, m) { offsetof(T, m), sizeof(((T *)0)->m) }

static const struct span proc_ptrs[] = {
	SPAN(struct proc_info, comm), SPAN(struct proc_info, cmdline), SPAN(struct proc_info, user),
	SPAN(struct proc_info, exe), SPAN(struct proc_info, cgroup), SPAN(struct proc_info, fds),
	SPAN(struct proc_info, maps), SPAN(struct proc_info, sched), SPAN(struct proc_info, pcb),
	SPAN(struct proc_info, wait), SPAN(struct proc_info, tasks), SPAN(struct proc_info, n_tasks),
	SPAN(struct proc_info, threads), SPAN(struct proc_info, host),
};
static const struct span wait_ptrs[] = {
	SPAN(struct task_wait, peers), SPAN(struct task_wait, n_peers),
	SPAN(struct task_wait, watched), SPAN(struct task_wait, n_watched),
};
static const struct span chan_ptrs[] = {
	SPAN(struct channel, id), SPAN(struct channel, label), SPAN(struct channel, ep),
	SPAN(struct channel, n_ep),
};
static const struct span ep_ptrs[] = {
	SPAN(struct endpoint, remote), SPAN(struct endpoint, role), SPAN(struct endpoint, host),
};
static const struct span sock_ptrs[] = {
	SPAN(struct sock_info, name), SPAN(struct sock_info, name_len), SPAN(struct sock_info, icons),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* What is checked: the object of process pi or channel ci (the other -1), alone in a document. */
struct target { struct snapshot *s; ssize_t pi, ci; char *text; uint64_t stamp; };

static void measure(struct target *t)
{
	struct snap_filter every = { NULL, 0, false, 0, 0 };
	struct snap_selection sel;
	snap_select(t->s, &every, &sel);
	for (size_t i = 0; i < t->s->n_procs; i++)
		sel.proc_listed[i] = (ssize_t)i == t->pi;
	for (size_t c = 0; c < t->s->n_chans; c++)
		sel.chan_kept[c] = (ssize_t)c == t->ci;
	size_t len;
	FILE *f = open_memstream(&t->text, &len);
	export_json(f, t->s, &sel, false);
	fclose(f);
	snap_selection_free(&sel);
	t->stamp = t->pi >= 0 ? export_json_proc_stamp(t->s, &t->s->procs[t->pi])
	                      : export_json_chan_stamp(t->s, &t->s->chans[t->ci]);
}

static bool in_spans(const struct span *sp, size_t n, size_t b)
{
	for (size_t i = 0; i < n; i++)
		if (b >= sp[i].off && b < sp[i].off + sp[i].len)
			return true;
	return false;
}

/* Each byte of obj (size bytes, outside the spans) flipped in turn; *changed counts the flips
 * that changed the text. Whether every one of them moved the stamp. */
static bool flip_each(struct target *t, const char *what, void *obj, size_t size,
                      const struct span *sp, size_t n_sp, int *changed)
{
	struct target base = *t;
	measure(&base);
	bool good = true;
	for (size_t b = 0; b < size; b++) {
		if (in_spans(sp, n_sp, b))
			continue;
		((unsigned char *)obj)[b] ^= 1;
		struct target now = *t;
		measure(&now);
		((unsigned char *)obj)[b] ^= 1;
		if (strcmp(now.text, base.text) == 0) {
			free(now.text);
			continue;
		}
		++*changed;
		if (now.stamp == base.stamp) {
			printf("# %s: byte %zu changed the object, not its stamp\n", what, b);
			good = false;
		}
		free(now.text);
	}
	free(base.text);
	return good;
}

static bool flip_wait(struct target *t, struct task_wait *w, const char *what, int *changed)
{
	return !w || flip_each(t, what, w, sizeof(*w), wait_ptrs, N(wait_ptrs), changed);
}

static void check_procs(struct snapshot *s)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		struct proc_info *p = &s->procs[i];
		struct target t = { s, (ssize_t)i, -1, NULL, 0 };
		int changed = 0;
		bool good = flip_each(&t, "process", p, sizeof(*p), proc_ptrs, N(proc_ptrs), &changed);
		good = flip_wait(&t, p->wait, "its wait", &changed) && good;
		for (size_t k = 0; k < p->n_tasks; k++)
			good = flip_wait(&t, &p->tasks[k], "a thread's wait", &changed) && good;
		ok(good && changed > 20, "process %d: each of %d changes of its object moved its stamp",
		   (int)p->pid, changed);
	}
}

static void check_chans(struct snapshot *s)
{
	for (size_t c = 0; c < s->n_chans; c++) {
		struct channel *ch = &s->chans[c];
		struct target t = { s, -1, (ssize_t)c, NULL, 0 };
		int changed = 0;
		bool good = flip_each(&t, "channel", ch, sizeof(*ch), chan_ptrs, N(chan_ptrs), &changed);
		for (size_t e = 0; e < ch->n_ep; e++) {
			struct endpoint *ep = &ch->ep[e];
			good = flip_each(&t, "endpoint", ep, sizeof(*ep), ep_ptrs, N(ep_ptrs), &changed) && good;
			if (ep->sock >= 0)
				good = flip_each(&t, "socket", &s->socks[ep->sock], sizeof(s->socks[0]),
				                 sock_ptrs, N(sock_ptrs), &changed) && good;
		}
		if (ch->kind == CK_SYSV_SHM)
			good = flip_each(&t, "shm row", &s->shm[ch->sysv], sizeof(s->shm[0]), NULL, 0,
			                 &changed) && good;
		if (ch->kind == CK_SYSV_MSG)
			good = flip_each(&t, "msg row", &s->msg[ch->sysv], sizeof(s->msg[0]), NULL, 0,
			                 &changed) && good;
		ok(good && changed > 5, "channel %s: each of %d changes of its object moved its stamp",
		   ch->id, changed);
	}
}

/* A stamp is 0 where it cannot tell (detail, rates) and the same for the same snapshot. */
static void check_unknown(struct snapshot *s)
{
	struct proc_info *d = snapshot_find_proc(s, 100);
	ok(d && (d->flags & PF_DETAIL) && export_json_proc_stamp(s, d) == 0,
	   "a detail process has no stamp");
	ok(export_json_proc_stamp(s, &s->procs[0]) == export_json_proc_stamp(s, &s->procs[0]) &&
	   export_json_proc_stamp(s, &s->procs[0]) != 0, "a process's stamp is known and the same twice");
	s->has_rates = true;
	ok(!export_json_stampable(s) && export_json_proc_stamp(s, &s->procs[0]) == 0 &&
	   export_json_chan_stamp(s, &s->chans[0]) == 0, "with rates, no stamp");
	s->has_rates = false;
}

int main(void)
{
	struct snapshot s;
	export_fixture_build(&s);
	check_unknown(&s);
	for (size_t i = 0; i < s.n_procs; i++)
		s.procs[i].flags &= ~PF_DETAIL;   /* the detail process's threads are waits to check */
	check_procs(&s);
	check_chans(&s);
	snapshot_free(&s);
	return tap_done();
}
