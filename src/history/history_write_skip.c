/* history_write_skip.c — what lets a steady sample write only what changed: a process or
 * channel whose export stamp (export_json.h: what its JSON object is made of, hashed from the
 * snapshot's structs) is the one it had at the last sample would be the same object, so the
 * same state and counters as its row has. It is left out of the sample's document and only
 * marked seen: neither written as JSON nor walked nor hashed as text. (Stamping each one is
 * what a sample still does for every process and channel.) */
#include "history/history_int.h"

#include <stdlib.h>

#include "export/export_json.h"
#include "util/xalloc.h"

static void remember(struct hist_skip *k, size_t at)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 256;
		k->at = xrealloc(k->at, k->cap * sizeof(*k->at));
	}
	k->at[k->n++] = at;
}

/* Whether the object of key is unchanged (stamp known and its row's of the last sample);
 * else its row (found, or added for the writer to fill) takes the new stamp. */
static bool unchanged(struct hist_live_set *set, uint64_t key, uint64_t stamp,
                      struct hist_skip *k)
{
	struct hist_live_row *r = hist_live_get(set, key);
	if (stamp != 0 && r->row != 0 && r->stamp == stamp) {
		remember(k, (size_t)(r - set->v));
		return true;
	}
	r->stamp = stamp;
	return false;
}

/* No row keeps its stamp (the next stampable sample compares with none). */
static void forget_stamps(struct hist_live_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		set->v[i].stamp = 0;
}

void hist_skip_select(struct history_writer *w, const struct snapshot *s,
                      struct snap_selection *sel)
{
	struct snap_filter every = { NULL, 0, false, 0, 0 };
	snap_select(s, &every, sel);
	w->skip_procs.n = w->skip_chans.n = 0;
	if (!export_json_stampable(s)) {   /* the TUI's snapshots (rates): nothing skipped */
		forget_stamps(&w->procs);
		forget_stamps(&w->chans);
		return;
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct proc_info *p = &s->procs[i];
		uint64_t key = hist_live_proc_key(p->pid, (int64_t)p->start_time);
		if (sel->proc_listed[i] &&
		    unchanged(&w->procs, key, export_json_proc_stamp(s, p), &w->skip_procs))
			sel->proc_listed[i] = false;
	}
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		if (sel->chan_kept[c] &&
		    unchanged(&w->chans, hist_chan_struct_key(&w->text, ch),
		              export_json_chan_stamp(s, ch), &w->skip_chans))
			sel->chan_kept[c] = false;
	}
}

static void mark_seen(struct hist_live_set *set, const struct hist_skip *k, int64_t sample)
{
	for (size_t i = 0; i < k->n; i++)
		set->v[k->at[i]].seen = sample;
}

void hist_skip_seen(struct history_writer *w)
{
	mark_seen(&w->procs, &w->skip_procs, w->sample);
	mark_seen(&w->chans, &w->skip_chans, w->sample);
}
