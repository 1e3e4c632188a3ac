/* rates.c — rates per second between two snapshots (see rates.h). Channels of the earlier
 * snapshot are found by a hash of their id, processes by binary search on pid. */
#include "model/rates.h"

#include <math.h>
#include <string.h>

#include "util/u64map.h"

double counter_rate(uint64_t before, uint64_t after, double seconds)
{
	if (after < before || !(seconds > 0))
		return NAN;
	return (double)(after - before) / seconds;
}

/* before's channel with id, or NULL (two ids of one hash: the first kept, the other unknown). */
static const struct channel *old_channel(const struct u64map *ids, const struct snapshot *before,
                                         const char *id)
{
	int32_t c = u64map_get(ids, u64_text_hash(id));
	if (c < 0 || strcmp(before->chans[c].id, id) != 0)
		return NULL;
	return &before->chans[c];
}

/* The end of old that holds the same socket as e (now's), or NULL. */
static const struct endpoint *old_end(const struct snapshot *now, const struct endpoint *e,
                                      const struct snapshot *before, const struct channel *old)
{
	const struct sock_info *k = &now->socks[e->sock];
	for (size_t i = 0; i < old->n_ep; i++) {
		const struct endpoint *o = &old->ep[i];
		if (o->sock < 0 || (size_t)o->sock >= before->n_socks)
			continue;
		const struct sock_info *ok = &before->socks[o->sock];
		if (ok->ino == k->ino && ok->netns == k->netns)
			return o;
	}
	return NULL;
}

/* Seconds between two readings by their own clocks, else between the snapshots. */
static double span(uint64_t then_ns, uint64_t now_ns, double snap_secs)
{
	if (!then_ns || !now_ns)
		return snap_secs;
	return now_ns > then_ns ? (double)(now_ns - then_ns) / 1e9 : 0;
}

static void endpoint_rates(struct snapshot *now, struct channel *ch, const struct snapshot *before,
                           const struct channel *old, double snap_secs)
{
	for (size_t i = 0; i < ch->n_ep; i++) {
		struct endpoint *e = &ch->ep[i];
		e->tx_per_s = e->rx_per_s = e->drops_per_s = NAN;
		if (!old || e->sock < 0 || (size_t)e->sock >= now->n_socks)
			continue;
		const struct endpoint *o = old_end(now, e, before, old);
		if (!o)
			continue;
		const struct sock_info *was = &before->socks[o->sock], *is = &now->socks[e->sock];
		double secs = span(was->at_ns, is->at_ns, snap_secs);
		if (e->has_bytes && o->has_bytes) {
			e->tx_per_s = counter_rate(o->tx_bytes, e->tx_bytes, secs);
			e->rx_per_s = counter_rate(o->rx_bytes, e->rx_bytes, secs);
		}
		if (was->has_drops && is->has_drops)
			e->drops_per_s = counter_rate(was->drops, is->drops, secs);
	}
}

/* CPU% from the tick counters (/proc/PID/stat) and context switches per second (status). */
static void run_rates(struct proc_info *p, const struct proc_info *o, double secs, long hz)
{
	p->run_rate = (struct proc_run_rate){ NAN, NAN, NAN };
	if (!o)
		return;
	double ticks = counter_rate(o->utime + o->stime, p->utime + p->stime, secs);
	p->run_rate.cpu_pct = hz > 0 ? ticks * 100.0 / (double)hz : NAN;
	if (p->flags & PF_STATUS_DENIED || o->flags & PF_STATUS_DENIED)
		return;
	p->run_rate.vcsw = counter_rate(o->vol_ctxt, p->vol_ctxt, secs);
	p->run_rate.icsw = counter_rate(o->nonvol_ctxt, p->nonvol_ctxt, secs);
}

static void proc_rates(struct proc_info *p, const struct snapshot *before, double snap_secs, long hz)
{
	p->io_rate = (struct proc_io_rate){ NAN, NAN, NAN, NAN };
	const struct proc_info *o = snapshot_same_proc(before, p);
	run_rates(p, o, snap_secs, hz);
	if (!p->has_io || !o || !o->has_io)
		return;
	double secs = span(o->io.at_ns, p->io.at_ns, snap_secs);
	p->io_rate.rchar = counter_rate(o->io.rchar, p->io.rchar, secs);
	p->io_rate.wchar = counter_rate(o->io.wchar, p->io.wchar, secs);
	p->io_rate.syscr = counter_rate(o->io.syscr, p->io.syscr, secs);
	p->io_rate.syscw = counter_rate(o->io.syscw, p->io.syscw, secs);
}

void snapshot_rates(struct snapshot *now, const struct snapshot *before)
{
	uint64_t ms = now->taken_ms > before->taken_ms ? now->taken_ms - before->taken_ms : 0;
	double secs = (double)ms / 1000.0;
	struct u64map ids;
	u64map_init(&ids, before->n_chans + 1);
	for (size_t c = 0; c < before->n_chans; c++)
		if (before->chans[c].id && u64map_get(&ids, u64_text_hash(before->chans[c].id)) < 0)
			u64map_put(&ids, u64_text_hash(before->chans[c].id), (int32_t)c);
	for (size_t c = 0; c < now->n_chans; c++) {
		struct channel *ch = &now->chans[c];
		const struct channel *old = ch->id ? old_channel(&ids, before, ch->id) : NULL;
		endpoint_rates(now, ch, before, old, secs);
	}
	u64map_free(&ids);
	for (size_t i = 0; i < now->n_procs; i++)
		proc_rates(&now->procs[i], before, secs, now->sys.ticks_per_sec);
	now->has_rates = true;
	now->rate_interval_ms = ms;
}

double rate_add(double a, double b)
{
	if (isnan(a))
		return b;
	return isnan(b) ? a : a + b;
}

double endpoint_rate(const struct endpoint *e)
{
	return isnan(e->tx_per_s) || isnan(e->rx_per_s) ? NAN : e->tx_per_s + e->rx_per_s;
}

double channel_rate(const struct channel *ch)
{
	double tx = NAN, rx = NAN;
	for (size_t i = 0; i < ch->n_ep; i++) {
		if (isnan(endpoint_rate(&ch->ep[i])))
			continue;
		tx = rate_add(tx, ch->ep[i].tx_per_s);
		rx = rate_add(rx, ch->ep[i].rx_per_s);
	}
	if (isnan(tx))
		return NAN;
	return tx > rx ? tx : rx;
}
